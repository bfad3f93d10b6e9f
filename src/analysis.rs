//! What a document is about: counts per entry and category, and which actors appear with which topics.
//!
//! Readers of geopolitical news want "who is tied to what": an article that mentions Russia, North
//! Korea, arms and space in the same sentences says more than the counts alone. Co-occurrence is
//! counted per sentence — the number of sentences in which an actor entry and a topic category both
//! appear — because a paragraph or a whole page ties too many things together to mean anything.
//!
//! Sentences are found with a deliberately simple splitter: `.`, `!`, `?` (and their CJK forms)
//! followed by white space, except after an abbreviation or an initial ("U.S.", "Mr.", "J."), or
//! inside a match; a blank line also ends a sentence. Each text given to [`Analysis::add`] (a page
//! block, a document) starts a new sentence.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::dictionary::{Dictionary, EntryIndex, Kind};
use crate::matcher::Match;

/// Accumulates matches of one or more texts.
#[derive(Debug)]
pub struct Analysis<'d> {
    dictionary: &'d Dictionary,
    entry_counts: Vec<usize>,
    /// (actor entry, topic category index) → sentences holding both.
    cooccurrence: HashMap<(EntryIndex, usize), usize>,
    total: usize,
}

/// The summary of a document, as the CLI prints it and `highlight()` returns it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Number of matches.
    pub total: usize,
    /// Entries found, most frequent first.
    pub entries: Vec<EntryCount>,
    /// Matches per category id, every category of the dictionary included.
    pub categories: BTreeMap<String, usize>,
    /// Actor–topic pairs found in the same sentence, most frequent first.
    pub cooccurrence: Vec<Cooccurrence>,
}

/// How often one entry was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EntryCount {
    /// Entry id.
    pub id: String,
    /// Entry label.
    pub label: String,
    /// Actor or topic.
    pub kind: Kind,
    /// Category id.
    pub category: String,
    /// ISO 3166-1 alpha-3 code, or null.
    pub country: Option<String>,
    /// Number of matches.
    pub count: usize,
}

/// An actor and a topic found in the same sentences.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cooccurrence {
    /// The actor's entry id.
    pub actor: String,
    /// The topic's category id (sanctions, arms, …).
    pub topic: String,
    /// Number of sentences holding both.
    pub count: usize,
}

impl<'d> Analysis<'d> {
    /// An empty analysis over entries of `dictionary`.
    pub fn new(dictionary: &'d Dictionary) -> Analysis<'d> {
        Analysis {
            dictionary,
            entry_counts: vec![0; dictionary.entries().len()],
            cooccurrence: HashMap::new(),
            total: 0,
        }
    }

    /// Adds the matches found in `text` (as returned by [`crate::Matcher::find`] on that text).
    pub fn add(&mut self, text: &str, matches: &[Match]) {
        let entries = self.dictionary.entries();
        let breaks = sentence_starts(text, matches);
        let mut sentence_start = 0;
        let mut actors: Vec<EntryIndex> = Vec::new();
        let mut topics: Vec<usize> = Vec::new();
        for m in matches {
            self.total += 1;
            self.entry_counts[m.entry] += 1;
            let sentence = breaks.partition_point(|&b| b <= m.start_byte);
            if sentence != sentence_start {
                self.count_pairs(&actors, &topics);
                actors.clear();
                topics.clear();
                sentence_start = sentence;
            }
            let entry = &entries[m.entry];
            match entry.kind {
                Kind::Actor if !actors.contains(&m.entry) => actors.push(m.entry),
                Kind::Topic => {
                    let category = self.category_index(&entry.category);
                    if !topics.contains(&category) {
                        topics.push(category);
                    }
                }
                Kind::Actor => {}
            }
        }
        self.count_pairs(&actors, &topics);
    }

    fn category_index(&self, id: &str) -> usize {
        self.dictionary
            .categories()
            .iter()
            .position(|c| c.id == id)
            .expect("a built dictionary's entries have known categories")
    }

    fn count_pairs(&mut self, actors: &[EntryIndex], topics: &[usize]) {
        for &actor in actors {
            for &topic in topics {
                *self.cooccurrence.entry((actor, topic)).or_default() += 1;
            }
        }
    }

    /// The summary so far.
    pub fn report(&self) -> Report {
        let entries = self.dictionary.entries();
        let mut counts: Vec<EntryCount> = self
            .entry_counts
            .iter()
            .enumerate()
            .filter(|(_, &count)| count > 0)
            .map(|(i, &count)| {
                let entry = &entries[i];
                EntryCount {
                    id: entry.id.clone(),
                    label: entry.label.clone(),
                    kind: entry.kind,
                    category: entry.category.clone(),
                    country: entry.country.clone(),
                    count,
                }
            })
            .collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        let mut categories: BTreeMap<String, usize> = self
            .dictionary
            .categories()
            .iter()
            .map(|c| (c.id.clone(), 0))
            .collect();
        for count in &counts {
            *categories.entry(count.category.clone()).or_default() += count.count;
        }
        let topics = self.dictionary.categories();
        let mut cooccurrence: Vec<Cooccurrence> = self
            .cooccurrence
            .iter()
            .map(|(&(actor, topic), &count)| Cooccurrence {
                actor: entries[actor].id.clone(),
                topic: topics[topic].id.clone(),
                count,
            })
            .collect();
        cooccurrence.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| (&a.actor, &a.topic).cmp(&(&b.actor, &b.topic)))
        });
        Report {
            total: self.total,
            entries: counts,
            categories,
            cooccurrence,
        }
    }
}

/// Words after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "gov", "sen", "rep", "prof",
    "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "adm", "maj", "pres", "amb", "rev", "fig",
];

/// Byte offsets at which a new sentence starts, in increasing order.
fn sentence_starts(text: &str, matches: &[Match]) -> Vec<usize> {
    // Terminators are met in increasing order, so one cursor over the sorted matches suffices.
    let mut next_match = 0;
    let mut inside_match = |at: usize| {
        while next_match < matches.len() && matches[next_match].end_byte <= at {
            next_match += 1;
        }
        matches.get(next_match).is_some_and(|m| m.start_byte <= at)
    };
    let mut starts = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let ends = match c {
            '。' | '！' | '？' => true,
            '.' | '!' | '?' => {
                while chars
                    .next_if(|&(_, c)| matches!(c, '"' | '\'' | '”' | '’' | ')' | ']'))
                    .is_some()
                {}
                chars.peek().is_none_or(|&(_, next)| next.is_whitespace())
                    && !(c == '.' && ends_with_abbreviation(&text[..at]))
            }
            '\n' => {
                while chars
                    .next_if(|&(_, c)| c != '\n' && c.is_whitespace())
                    .is_some()
                {}
                chars.peek().is_some_and(|&(_, next)| next == '\n')
            }
            _ => false,
        };
        if ends && !inside_match(at) {
            if let Some(&(next, _)) = chars.peek() {
                // A blank line after a full stop is one break, not two.
                match starts.last_mut() {
                    Some(last) if text[*last..next].trim().is_empty() => *last = next,
                    _ => starts.push(next),
                }
            }
        }
    }
    starts
}

fn ends_with_abbreviation(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let last = word.rsplit('.').next().unwrap_or("");
    last.chars().count() == 1
        || word.contains('.')
        || ABBREVIATIONS.contains(&last.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(text: &str) -> Vec<&str> {
        let mut pieces = Vec::new();
        let mut from = 0;
        for at in sentence_starts(text, &[]) {
            pieces.push(text[from..at].trim());
            from = at;
        }
        pieces.push(text[from..].trim());
        pieces
    }

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        assert_eq!(
            starts("Mr. Putin met Kim. The U.S. objected! Why? Talks ended.\n\nNext para"),
            vec![
                "Mr. Putin met Kim.",
                "The U.S. objected!",
                "Why?",
                "Talks ended.",
                "Next para"
            ]
        );
        assert_eq!(
            starts("He said \"never.\" Then left."),
            vec!["He said \"never.\"", "Then left."]
        );
        assert_eq!(
            starts("普京会见金正恩。双方讨论"),
            vec!["普京会见金正恩。", "双方讨论"]
        );
        assert_eq!(starts("A line\nwrapped."), vec!["A line\nwrapped."]);
    }
}
