//! The invariants of the dictionary parser and the matcher, shared by the cargo-fuzz targets
//! (`fuzz/fuzz_targets/*.rs`, nightly) and their replay on stable (`tests/regressions.rs`, which
//! includes this file with `#[path]`), so a crash found by fuzzing is checked by `make test` forever.
//!
//! Only the public API of newsmark is used: the normalisation that decides what "the same alias" means
//! is private, so "the matched text is an alias of its entry" is checked by scanning the matched text
//! alone, which must give one match of the same entry covering all of it.

use newsmark::{DictionaryBuilder, ErrorKind, Match, Matcher};

/// Building blocks of aliases and texts: the characters that normalisation and word boundaries treat
/// specially (separators, dashes, apostrophes, ignorables, letters whose lower case has another
/// length, combining marks, scripts without spaces, right-to-left, astral characters).
pub const ATOMS: &[&str] = &[
    "a", "b", "k", "s", "ab", "A", "B", "S", "é", "É", "e\u{301}", "İ", "ı", "i", "I", "ß", "ẞ",
    "\u{212A}", "Σ", "σ", "ς", "ǅ", "ﬁ", "Ω", "\u{2126}", "普", "京", "ปู", "ก", "ש", "ל", "ם", "ع",
    "ر", "1", "٣", "😀", "𝐀", " ", "  ", "\u{A0}", "\t", "\n", "-", "\u{2011}", "\u{2013}",
    "\u{AD}", "\u{200B}", "\u{200D}", "\u{FEFF}", "'", "\u{2019}", "`", "'s", ".", ",", "\u{301}",
    "\u{85}", "\u{2028}", "\u{3000}", "\u{FFFD}", "Ⱥ", "Ⱦ", "ⱥ",
];

/// One entry of a generated dictionary.
#[derive(Clone, Debug, Default)]
pub struct EntrySpec {
    /// Alias texts and whether each is case-sensitive.
    pub aliases: Vec<(String, bool)>,
    /// Exclude phrases.
    pub exclude: Vec<String>,
    /// A topic rather than an actor (another category).
    pub topic: bool,
}

/// The JSON of a dictionary with `entries` (ids `e0`, `e1`, …) in two categories.
pub fn dictionary_json(entries: &[EntrySpec]) -> String {
    let entries: Vec<serde_json::Value> = entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let aliases: Vec<serde_json::Value> = entry
                .aliases
                .iter()
                .map(|(text, sensitive)| {
                    if *sensitive {
                        serde_json::json!({"text": text, "case": "sensitive"})
                    } else {
                        serde_json::json!(text)
                    }
                })
                .collect();
            serde_json::json!({
                "id": format!("e{i}"),
                "label": format!("Entry {i}"),
                "category": if entry.topic { "topic" } else { "actor" },
                "aliases": aliases,
                "exclude": entry.exclude,
            })
        })
        .collect();
    serde_json::json!({
        "name": "generated",
        "version": 1,
        "categories": {
            "actor": {"label": "Actor", "kind": "actor", "color": "#8ecae6"},
            "topic": {"label": "Topic", "kind": "topic", "color": "hsl(30, 80%, 70%)"},
        },
        "entries": entries,
    })
    .to_string()
}

/// A matcher case as saved under `fuzz/regressions/matcher/`: `{"dictionary": "...", "text": "..."}`.
pub fn case_json(dictionary: &str, text: &str) -> String {
    serde_json::json!({"dictionary": dictionary, "text": text}).to_string()
}

/// Reads a saved matcher case back: (dictionary JSON, text).
pub fn parse_case(json: &str) -> (String, String) {
    let value: serde_json::Value = serde_json::from_str(json).expect("a saved case is JSON");
    let field = |name: &str| match &value[name] {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    (field("dictionary"), field("text"))
}

/// The dictionary parser target: any bytes as a dictionary file. Parsing never panics and fails
/// with a message; a dictionary that parses builds, compiles (or hits a size limit), survives a
/// round trip through `to_json`, and its own aliases satisfy the matcher invariants.
pub fn check_dictionary_bytes(data: &[u8]) {
    let json = String::from_utf8_lossy(data);
    let mut builder = DictionaryBuilder::new();
    if let Err(error) = builder.add_json("fuzz", &json) {
        assert!(!error.message().is_empty(), "an error without a message");
        return;
    }
    let dictionary = match builder.build() {
        Ok(dictionary) => dictionary,
        Err(error) => {
            assert!(!error.message().is_empty(), "an error without a message");
            return;
        }
    };
    // The merged dictionary serialises to the input format and reads back the same.
    let again = {
        let mut builder = DictionaryBuilder::new();
        builder
            .add_json("round trip", &dictionary.to_json())
            .unwrap_or_else(|e| panic!("to_json does not parse back: {e}"));
        builder
            .build()
            .unwrap_or_else(|e| panic!("to_json does not build back: {e}"))
    };
    assert_eq!(again.entries(), dictionary.entries(), "to_json round trip");
    assert_eq!(
        again.categories(),
        dictionary.categories(),
        "to_json round trip"
    );
    let aliases: Vec<String> = dictionary
        .entries()
        .iter()
        .flat_map(|e| e.aliases.iter().map(|a| a.text.clone()))
        .collect();
    let matcher = match Matcher::new(dictionary) {
        Ok(matcher) => matcher,
        Err(error) => {
            assert_eq!(error.kind(), ErrorKind::Limit, "{error}");
            return;
        }
    };
    let _ = matcher.dictionary().warnings();
    check_matches(&matcher, &aliases.join(" "));
    check_matches(&matcher, &aliases.join(""));
    for alias in aliases.iter().take(32) {
        check_matches(&matcher, alias);
    }
}

/// The matcher target: a generated dictionary and a text. An invalid dictionary must be refused
/// with a message; a valid one gives matches that satisfy [`check_matches`].
pub fn check_case(dictionary: &str, text: &str) {
    let mut builder = DictionaryBuilder::new();
    if let Err(error) = builder.add_json("case", dictionary) {
        assert!(!error.message().is_empty(), "an error without a message");
        return;
    }
    let matcher = Matcher::new(
        builder
            .build()
            .expect("generated dictionaries are consistent"),
    )
    .expect("small dictionaries compile");
    check_matches(&matcher, text);
    // Each alias alone is found, unless an exclude phrase may suppress it.
    let has_exclusions = matcher
        .dictionary()
        .entries()
        .iter()
        .any(|e| !e.exclude.is_empty());
    if !has_exclusions {
        for entry in matcher.dictionary().entries() {
            for alias in &entry.aliases {
                let found = check_matches(&matcher, &alias.text);
                assert_eq!(
                    found.len(),
                    1,
                    "alias {:?} of {} alone gives {found:?}",
                    alias.text,
                    entry.id
                );
            }
        }
    }
}

/// Characters that normalisation turns into a separator or drops (white space, hyphens and dashes,
/// soft hyphen and zero-width characters): an alias never starts or ends with one once normalised,
/// so a match never does either ("characters dropped around it are never part of a match").
fn dropped_at_edges(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '\u{2010}'..='\u{2015}' | '\u{FE63}' | '\u{FF0D}' // dashes
                | '\u{AD}' | '\u{34F}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// Finds the entries of `text` and checks the matching invariants; returns the matches.
///
/// - sorted and non-overlapping, never empty, inside the text, on character boundaries;
/// - UTF-16 offsets consistent with the byte offsets (so a surrogate pair is never split);
/// - a match neither starts nor ends with a space, dash or invisible character;
/// - the matched text alone gives exactly one match, of the same entry, covering all of it (so it is
///   an alias of that entry modulo normalisation, not a piece of one);
/// - deterministic.
pub fn check_matches(matcher: &Matcher, text: &str) -> Vec<Match> {
    let found = matcher.find(text);
    let entries = matcher.dictionary().entries().len();
    let mut last_end = 0;
    let mut last_end_utf16 = 0;
    for m in &found {
        let context = || format!("match {m:?} in {text:?}");
        assert!(m.entry < entries, "entry out of range: {}", context());
        assert!(m.start_byte < m.end_byte, "empty match: {}", context());
        assert!(
            m.end_byte <= text.len(),
            "match past the end: {}",
            context()
        );
        assert!(
            m.start_byte >= last_end && m.start >= last_end_utf16,
            "matches overlap or are not sorted: {}",
            context()
        );
        last_end = m.end_byte;
        last_end_utf16 = m.end;
        assert!(
            text.is_char_boundary(m.start_byte) && text.is_char_boundary(m.end_byte),
            "not on char boundaries: {}",
            context()
        );
        assert_eq!(
            m.start,
            text[..m.start_byte].encode_utf16().count(),
            "UTF-16 start: {}",
            context()
        );
        assert_eq!(
            m.end,
            text[..m.end_byte].encode_utf16().count(),
            "UTF-16 end: {}",
            context()
        );
        let matched = &text[m.start_byte..m.end_byte];
        assert!(
            !matched.starts_with(dropped_at_edges) && !matched.ends_with(dropped_at_edges),
            "match starts or ends with a space, dash or invisible character: {}",
            context()
        );
        let alone = matcher.find(matched);
        let expected = Match {
            start: 0,
            end: m.end - m.start,
            start_byte: 0,
            end_byte: matched.len(),
            entry: m.entry,
        };
        assert_eq!(
            alone,
            [expected],
            "the matched text {matched:?} alone does not give the same match: {}",
            context()
        );
    }
    assert_eq!(found, matcher.find(text), "not deterministic on {text:?}");
    found
}
