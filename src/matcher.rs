//! Finding dictionary entries in text: the match semantics of newsmark.
//!
//! The rules, and the traps each one avoids:
//!
//! - **Whole words.** "Putin" does not match inside "Putinism", nor "Niger" inside "Nigerian".
//!   Boundaries are Unicode letters, marks and digits; in scripts written without spaces (Chinese,
//!   Japanese, Thai, …) an alias matches anywhere, since words there are not delimited.
//! - **Longest match wins, without losing a shorter valid match.** "North Korea" beats "Korea". But
//!   with aliases "arms" and "arms sale", the text "an arms salesman" must still give "arms": the longer
//!   candidate fails the word boundary. A leftmost-longest automaton would report only "arms sale",
//!   which the boundary filter then drops, losing "arms". So the automaton reports *every* candidate
//!   (overlapping search), boundaries and case are checked on each, and only then are the survivors
//!   resolved leftmost-longest.
//! - **Case.** Unicode case-insensitive by default; an alias marked case-sensitive ("US") is compared
//!   with the exact text of the candidate, so the pronoun "us" is not the United States.
//! - **Typography** is handled by [`crate::normalize`]: "Kim Jong-un" = "Kim Jong Un", "Russia’s" =
//!   "Russia's", soft hyphens vanish. An English possessive after a match ("Russia's") is not part of
//!   the match and does not block it.
//! - **Exclusions.** An entry's `exclude` phrases suppress its matches inside them: "America" is not the
//!   United States inside "Latin America".
//!
//! Offsets come back in UTF-8 bytes and UTF-16 code units (what the DOM counts), always on character
//! boundaries of the original text.

use std::cmp::Reverse;
use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Serialize;

use crate::dictionary::{Case, Dictionary, EntryIndex};
use crate::error::Error;
use crate::normalize::{is_word_char, joins_word, normalize_str, Fold, Normalized};

/// Above this many bytes of patterns the automaton is a contiguous NFA instead of a DFA: a DFA is about
/// twice as fast to search, but its size grows with patterns × byte classes, and at 100,000 aliases it
/// would take hundreds of megabytes and seconds to build.
const DFA_PATTERN_BYTES_LIMIT: usize = 300_000;

/// One occurrence of a dictionary entry in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Match {
    /// Start in UTF-16 code units (what JavaScript and the DOM count).
    pub start: usize,
    /// End (exclusive) in UTF-16 code units.
    pub end: usize,
    /// Start in UTF-8 bytes.
    pub start_byte: usize,
    /// End (exclusive) in UTF-8 bytes.
    pub end_byte: usize,
    /// The entry found, an index into [`Dictionary::entries`].
    pub entry: EntryIndex,
}

/// What a pattern of the automaton stands for.
#[derive(Clone, Debug)]
enum Target {
    /// An alias of `entry`; `exact` is its case-preserving form when the alias is case-sensitive.
    Alias {
        entry: EntryIndex,
        exact: Option<Box<str>>,
    },
    /// An exclude phrase of `entry`.
    Exclude { entry: EntryIndex },
}

/// A candidate that passed the boundary and case checks.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    start: usize,
    end: usize,
    entry: EntryIndex,
}

/// A compiled dictionary: build once, scan many texts.
#[derive(Clone, Debug)]
pub struct Matcher {
    dictionary: Dictionary,
    automaton: AhoCorasick,
    /// For each pattern id, what it stands for: aliases first, the strongest claim first.
    targets: Vec<Vec<Target>>,
}

impl Matcher {
    /// Compiles every alias and exclude phrase of `dictionary` into one automaton.
    pub fn new(dictionary: Dictionary) -> Result<Matcher, Error> {
        let mut keys: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut add = |key: String, target: Target| {
            let id = *ids.entry(key).or_insert_with_key(|key| {
                keys.push(key.clone());
                targets.push(Vec::new());
                keys.len() - 1
            });
            targets[id].push(target);
        };
        for (index, entry) in dictionary.entries().iter().enumerate() {
            for alias in &entry.aliases {
                let exact = match alias.case {
                    Case::Sensitive => Some(normalize_str(&alias.text, Fold::Preserve).into()),
                    Case::Insensitive => None,
                };
                add(
                    normalize_str(&alias.text, Fold::Case),
                    Target::Alias {
                        entry: index,
                        exact,
                    },
                );
            }
            for phrase in &entry.exclude {
                add(
                    normalize_str(phrase, Fold::Case),
                    Target::Exclude { entry: index },
                );
            }
        }
        for list in &mut targets {
            list.sort_by_key(|target| match target {
                Target::Alias { entry, .. } => (0, Reverse(dictionary.rank(*entry))),
                Target::Exclude { entry } => (1, Reverse(dictionary.rank(*entry))),
            });
        }
        let pattern_bytes: usize = keys.iter().map(String::len).sum();
        let kind = if pattern_bytes <= DFA_PATTERN_BYTES_LIMIT {
            AhoCorasickKind::DFA
        } else {
            AhoCorasickKind::ContiguousNFA
        };
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(kind))
            .build(&keys)
            .map_err(|e| {
                Error::limit(format!(
                    "the dictionary's {} patterns ({pattern_bytes} bytes) are too large to compile: {e}",
                    keys.len()
                ))
            })?;
        Ok(Matcher {
            dictionary,
            automaton,
            targets,
        })
    }

    /// The dictionary this matcher was built from.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dictionary
    }

    /// The number of distinct patterns (aliases and exclude phrases after normalisation).
    pub fn pattern_count(&self) -> usize {
        self.targets.len()
    }

    /// Heap memory used by the automaton, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.automaton.memory_usage()
    }

    /// Finds the entries in `text`: sorted, non-overlapping, leftmost-longest among valid candidates.
    pub fn find(&self, text: &str) -> Vec<Match> {
        let normalized = Normalized::new(text);
        let folded = normalized.text();
        let mut candidates: Vec<Candidate> = Vec::new();
        let mut exclusions: Vec<Candidate> = Vec::new();
        for found in self.automaton.find_overlapping_iter(folded) {
            let (start, end) = (found.start(), found.end());
            if !at_word_boundaries(folded, start, end) {
                continue;
            }
            let mut matched = false;
            for target in &self.targets[found.pattern().as_usize()] {
                match target {
                    Target::Alias { entry, exact } if !matched => {
                        if let Some(exact) = exact {
                            let (s, e) = normalized.original_span(text, start, end);
                            if normalize_str(&text[s..e], Fold::Preserve) != **exact {
                                continue;
                            }
                        }
                        candidates.push(Candidate {
                            start,
                            end,
                            entry: *entry,
                        });
                        matched = true;
                    }
                    Target::Alias { .. } => {}
                    Target::Exclude { entry } => exclusions.push(Candidate {
                        start,
                        end,
                        entry: *entry,
                    }),
                }
            }
        }
        if !exclusions.is_empty() {
            // An exclusion containing a candidate starts at most `longest` bytes before its end, so
            // each candidate looks at a few sorted exclusions, not all of them.
            exclusions.sort_unstable_by_key(|x| x.start);
            let longest = exclusions
                .iter()
                .map(|x| x.end - x.start)
                .max()
                .unwrap_or(0);
            candidates.retain(|c| {
                let after = exclusions.partition_point(|x| x.start <= c.start);
                !exclusions[..after]
                    .iter()
                    .rev()
                    .take_while(|x| x.start + longest >= c.end)
                    .any(|x| x.entry == c.entry && c.end <= x.end)
            });
        }
        candidates.sort_unstable_by_key(|c| (c.start, Reverse(c.end)));
        let mut matches = Vec::new();
        let mut cursor = Utf16Cursor::default();
        let mut last_end = 0;
        for candidate in candidates {
            if candidate.start < last_end {
                continue;
            }
            last_end = candidate.end;
            let (start_byte, end_byte) =
                normalized.original_span(text, candidate.start, candidate.end);
            matches.push(Match {
                start: cursor.advance_to(text, start_byte),
                end: cursor.advance_to(text, end_byte),
                start_byte,
                end_byte,
                entry: candidate.entry,
            });
        }
        matches
    }
}

/// Whether the folded span `start..end` begins and ends at word boundaries.
fn at_word_boundaries(folded: &str, start: usize, end: usize) -> bool {
    let (Some(first), Some(last)) = (
        folded[start..].chars().next(),
        folded[..end].chars().next_back(),
    ) else {
        return false;
    };
    if folded[..start]
        .chars()
        .next_back()
        .is_some_and(|before| joins_word(before, first))
    {
        return false;
    }
    let mut after = folded[end..].chars();
    match after.next() {
        None => true,
        // "Russia's" and "Russians'" end the word; "don't" does not.
        Some('\'') if is_word_char(last) => match after.next() {
            Some('s') => after.next().is_none_or(|c| !is_word_char(c)),
            Some(c) => !is_word_char(c),
            None => true,
        },
        Some(next) => !joins_word(last, next),
    }
}

/// Converts increasing byte offsets of one text to UTF-16 offsets in a single forward pass.
#[derive(Default)]
struct Utf16Cursor {
    byte: usize,
    unit: usize,
}

impl Utf16Cursor {
    fn advance_to(&mut self, text: &str, byte: usize) -> usize {
        debug_assert!(
            byte >= self.byte,
            "offsets are converted in increasing order"
        );
        self.unit += text[self.byte..byte]
            .chars()
            .map(char::len_utf16)
            .sum::<usize>();
        self.byte = byte;
        self.unit
    }
}

#[cfg(test)]
mod tests;
