//! newsmark finds the *actors* (countries, leaders, capitals, organisations, blocs) and *topics*
//! (sanctions, arms, military cooperation, space, diplomacy, …) of a news article with Aho-Corasick
//! dictionaries, and highlights them in a live web page when compiled to WebAssembly.
//!
//! # Overview
//!
//! - [`DictionaryBuilder`] stacks dictionaries (the embedded default, then the user's) into a
//!   [`Dictionary`]; every bad field is an [`Error`] naming the file, the entry and the field.
//! - [`Matcher`] compiles a dictionary into one automaton and finds [`Match`]es in text, with offsets
//!   in UTF-8 bytes and UTF-16 code units.
//! - [`Analysis`] turns matches into a [`Report`]: counts per entry and category, and which actors
//!   appear with which topics in the same sentence.
//! - [`dom_rules`] holds the tables that decide how a web page is read (block elements, skipped
//!   elements), shared by the wasm highlighter and the JavaScript fallback of the browser extension.
//! - The `web` module (only on `wasm32`) is the JavaScript API: `Highlighter` with `scan`,
//!   `highlight`, `clear`, `next`, `previous`.
//!
//! # Example: scanning text
//!
//! ```
//! use newsmark::{Dictionary, Matcher};
//!
//! let matcher = Matcher::new(Dictionary::builtin())?;
//! let text = "Putin hinted at assisting North Korea with satellite technology.";
//! let found: Vec<&str> = matcher.find(text).iter().map(|m| &text[m.start_byte..m.end_byte]).collect();
//! assert_eq!(found, ["Putin", "North Korea", "satellite technology"]);
//! # Ok::<(), newsmark::Error>(())
//! ```
//!
//! # Why the match semantics are not just "leftmost-longest"
//!
//! Dictionary taggers usually run a leftmost-longest automaton and then drop matches that are not
//! whole words. On news text that loses real matches. With the aliases "arms" and "arms sale", the
//! text "an arms salesman" yields "arms sale" (leftmost-longest), which fails the word boundary and is
//! dropped, and "arms" is never considered. newsmark asks the automaton for *every* candidate, checks
//! word boundaries and letter case on each, and only then keeps the leftmost-longest survivors, so
//! "North Korea" still beats "Korea" while "arms" survives "salesman". Exclusions ("America" inside
//! "Latin America") and case-sensitive aliases ("US" but not the pronoun "us") are checked at the
//! same step. See the [`matcher`] module for the full list of rules.

#![deny(missing_docs)]

pub mod analysis;
pub mod dictionary;
pub mod dom_rules;
mod error;
pub mod matcher;
mod normalize;
#[cfg(target_arch = "wasm32")]
mod web;

pub use analysis::{Analysis, Cooccurrence, EntryCount, Report};
pub use dictionary::{
    Alias, Case, Category, Dictionary, DictionaryBuilder, Entry, EntryIndex, Kind, Warning,
};
pub use error::{Error, ErrorKind};
pub use matcher::{Match, Matcher};
