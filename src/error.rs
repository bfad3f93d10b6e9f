//! The one error type of the core.
//!
//! Every bad input (a dictionary that does not parse, an entry with a bad field, an option the engine
//! does not know) becomes an [`Error`] whose message names the place — the dictionary, the entry id
//! or index, the field — and says what to fix. The message is the product: the CLI prints it on one
//! line, the wasm layer turns it into a JavaScript `Error`, the extension shows it under the import
//! button. So messages are lower-case, have no trailing period and read well after a prefix.

use std::fmt;

/// An error from parsing, merging or compiling dictionaries, or from bad options.
///
/// The type is opaque on purpose: callers show the message; they match on [`Error::kind`] only to
/// tell a user mistake from a limit being hit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

/// What went wrong, coarsely.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text is not JSON (the message carries line and column).
    Syntax,
    /// The JSON parses but a field is missing, has the wrong type or a bad value.
    Invalid,
    /// An input is larger than the engine accepts.
    Limit,
}

impl Error {
    pub(crate) fn syntax(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Syntax,
            message: message.into(),
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Invalid,
            message: message.into(),
        }
    }

    pub(crate) fn limit(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Limit,
            message: message.into(),
        }
    }

    /// The coarse kind of this error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, naming the place and what to fix.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
