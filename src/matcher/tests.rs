//! Match semantics as a table of named cases, plus property tests of the matcher's invariants.

use proptest::prelude::*;

use super::*;
use crate::dictionary::DictionaryBuilder;

/// The dictionary of the issue that specified the format, plus the traps the cases below need.
const TEST_DICTIONARY: &str = r##"{ "name": "test", "version": 1,
  "categories": {
    "country": {"label": "Country", "kind": "actor", "color": "#8ecae6"},
    "person": {"label": "Person", "kind": "actor", "color": "#ffafcc"},
    "bloc": {"label": "Bloc", "kind": "actor", "color": "#cdb4db"},
    "arms": {"label": "Arms", "kind": "topic", "color": "#f4a261"} },
  "entries": [
    { "id": "rus", "label": "Russia", "kind": "actor", "category": "country", "country": "RUS",
      "aliases": ["Russia", "Russian Federation", "Russian", "Russians", "Moscow", "Kremlin", "Москва"] },
    { "id": "usa", "label": "United States", "kind": "actor", "category": "country", "country": "USA",
      "aliases": ["United States", "U.S.", {"text": "US", "case": "sensitive"}, "America"],
      "exclude": ["North America", "South America", "Latin America"] },
    { "id": "prk", "label": "North Korea", "category": "country", "country": "PRK",
      "aliases": ["North Korea", "DPRK"] },
    { "id": "kor", "label": "South Korea", "category": "country", "country": "KOR",
      "aliases": ["South Korea", "Korea"] },
    { "id": "sdn", "label": "Sudan", "category": "country", "country": "SDN", "aliases": ["Sudan"] },
    { "id": "ssd", "label": "South Sudan", "category": "country", "country": "SSD", "aliases": ["South Sudan"] },
    { "id": "ner", "label": "Niger", "category": "country", "country": "NER", "aliases": ["Niger"] },
    { "id": "fra", "label": "France", "category": "country", "country": "FRA", "aliases": ["Élysée"] },
    { "id": "latam", "label": "Latin America", "category": "bloc", "aliases": ["Latin America"] },
    { "id": "g7", "label": "G7", "category": "bloc", "aliases": ["G7"] },
    { "id": "west", "label": "The West", "category": "bloc",
      "aliases": [{"text": "West", "case": "sensitive"}, {"text": "Western", "case": "sensitive"}],
      "exclude": ["Western Wall", "West Bank", "west of"] },
    { "id": "putin", "label": "Vladimir Putin", "category": "person", "country": "RUS",
      "aliases": ["Vladimir Putin", "Putin", "普京", "プーチン", "ปูติน"] },
    { "id": "kim", "label": "Kim Jong Un", "category": "person", "country": "PRK",
      "aliases": ["Kim Jong Un"] },
    { "id": "arms", "label": "Arms", "kind": "topic", "category": "arms",
      "aliases": ["arms", "arms sale", "artillery shells"] } ] }"##;

fn matcher() -> Matcher {
    let mut builder = DictionaryBuilder::new();
    builder.add_json("test", TEST_DICTIONARY).unwrap();
    Matcher::new(builder.build().unwrap()).unwrap()
}

struct SearchTest {
    name: &'static str,
    haystack: &'static str,
    /// (entry id, matched original text)
    matches: &'static [(&'static str, &'static str)],
}

const SEARCH_TESTS: &[SearchTest] = &[
    SearchTest {
        name: "pronoun us is not the US",
        haystack: "Tell us about the US plan",
        matches: &[("usa", "US")],
    },
    SearchTest {
        name: "all-caps US still counts",
        haystack: "US and U.S. and United States",
        matches: &[("usa", "US"), ("usa", "U.S."), ("usa", "United States")],
    },
    SearchTest {
        name: "North Korea over Korea",
        haystack: "North Korea and Korea",
        matches: &[("prk", "North Korea"), ("kor", "Korea")],
    },
    SearchTest {
        name: "South Sudan over Sudan",
        haystack: "South Sudan split from Sudan.",
        matches: &[("ssd", "South Sudan"), ("sdn", "Sudan")],
    },
    SearchTest {
        name: "America inside North America is excluded",
        haystack: "North America, Latin America, America",
        matches: &[("latam", "Latin America"), ("usa", "America")],
    },
    SearchTest {
        name: "west of the city is not the West",
        haystack: "west of the city; West of the river",
        matches: &[],
    },
    SearchTest {
        name: "Western Wall is not the West",
        haystack: "prayers at the Western Wall",
        matches: &[],
    },
    SearchTest {
        name: "the West and anti-Western",
        haystack: "the West and anti-Western cooperation",
        matches: &[("west", "West"), ("west", "Western")],
    },
    SearchTest {
        name: "Putinism is not Putin",
        haystack: "Putinism",
        matches: &[],
    },
    SearchTest {
        name: "Nigerian is not Niger",
        haystack: "a Nigerian official in Niger",
        matches: &[("ner", "Niger")],
    },
    SearchTest {
        name: "arms salesman keeps arms",
        haystack: "an arms salesman",
        matches: &[("arms", "arms")],
    },
    SearchTest {
        name: "arms sale is the longer alias",
        haystack: "an arms sale.",
        matches: &[("arms", "arms sale")],
    },
    SearchTest {
        name: "curly possessive",
        haystack: "Russia\u{2019}s Far East",
        matches: &[("rus", "Russia")],
    },
    SearchTest {
        name: "straight possessive",
        haystack: "Russia's Far East",
        matches: &[("rus", "Russia")],
    },
    SearchTest {
        name: "plural possessive",
        haystack: "the Russians' view",
        matches: &[("rus", "Russians")],
    },
    SearchTest {
        name: "an apostrophe inside a word blocks",
        haystack: "Russia'n",
        matches: &[],
    },
    SearchTest {
        name: "soft hyphen inside a word",
        haystack: "Rus\u{00AD}sia",
        matches: &[("rus", "Rus\u{00AD}sia")],
    },
    SearchTest {
        name: "soft hyphen does not end a word",
        haystack: "Putin\u{00AD}ism",
        matches: &[],
    },
    SearchTest {
        name: "zero-width space inside a word",
        haystack: "Krem\u{200B}lin",
        matches: &[("rus", "Krem\u{200B}lin")],
    },
    SearchTest {
        name: "Kim Jong-un with a hyphen",
        haystack: "Kim Jong-un",
        matches: &[("kim", "Kim Jong-un")],
    },
    SearchTest {
        name: "Kim Jong Un with NBSP and non-breaking hyphen",
        haystack: "Kim\u{00A0}Jong\u{2011}un",
        matches: &[("kim", "Kim\u{00A0}Jong\u{2011}un")],
    },
    SearchTest {
        name: "Kim Jong–Un with an en dash",
        haystack: "Kim Jong\u{2013}Un",
        matches: &[("kim", "Kim Jong\u{2013}Un")],
    },
    SearchTest {
        name: "line break inside a name",
        haystack: "North\n   Korea",
        matches: &[("prk", "North\n   Korea")],
    },
    SearchTest {
        name: "em dash separates words",
        haystack: "Russia\u{2014}Korea",
        matches: &[("rus", "Russia"), ("kor", "Korea")],
    },
    SearchTest {
        name: "Unicode case-insensitive (Cyrillic)",
        haystack: "МОСКВА",
        matches: &[("rus", "МОСКВА")],
    },
    SearchTest {
        name: "Unicode case-insensitive (accents)",
        haystack: "ÉLYSÉE",
        matches: &[("fra", "ÉLYSÉE")],
    },
    SearchTest {
        name: "digits are part of words",
        haystack: "G70 and G7.",
        matches: &[("g7", "G7")],
    },
    SearchTest {
        name: "Chinese has no word boundaries",
        haystack: "俄罗斯总统普京表示",
        matches: &[("putin", "普京")],
    },
    SearchTest {
        name: "Japanese has no word boundaries",
        haystack: "プーチン大統領",
        matches: &[("putin", "プーチン")],
    },
    SearchTest {
        name: "Thai has no word boundaries",
        haystack: "ปูตินกล่าว",
        matches: &[("putin", "ปูติน")],
    },
    SearchTest {
        name: "Latin alias beside CJK",
        haystack: "在US的",
        matches: &[("usa", "US")],
    },
    SearchTest {
        name: "full name over surname",
        haystack: "Vladimir Putin and Putin",
        matches: &[("putin", "Vladimir Putin"), ("putin", "Putin")],
    },
    SearchTest {
        name: "artillery shells",
        haystack: "supply Russia with artillery shells",
        matches: &[("rus", "Russia"), ("arms", "artillery shells")],
    },
];

#[test]
fn search_table() {
    let matcher = matcher();
    for test in SEARCH_TESTS {
        let found: Vec<(&str, &str)> = matcher
            .find(test.haystack)
            .iter()
            .map(|m| {
                (
                    matcher.dictionary().entries()[m.entry].id.as_str(),
                    &test.haystack[m.start_byte..m.end_byte],
                )
            })
            .collect();
        assert_eq!(
            found, test.matches,
            "case '{}' on {:?}",
            test.name, test.haystack
        );
    }
}

#[test]
fn utf16_offsets_count_surrogate_pairs() {
    let text = "𝐀𝐁 Russia and 😀 Korea";
    let found = matcher().find(text);
    assert_eq!(found.len(), 2);
    for m in found {
        let units: Vec<u16> = text.encode_utf16().collect();
        let expected: Vec<u16> = text[m.start_byte..m.end_byte].encode_utf16().collect();
        assert_eq!(&units[m.start..m.end], expected.as_slice());
    }
    assert_eq!(matcher().find(text)[0].start, 5);
}

#[test]
fn later_layer_wins_a_shared_alias() {
    let mut builder = DictionaryBuilder::new();
    builder.add_json("test", TEST_DICTIONARY).unwrap();
    builder
        .add_json("user", r#"{"entries": [{"id": "moscow-city", "label": "Moscow (city)", "category": "country", "country": "RUS", "aliases": ["Moscow"]}]}"#)
        .unwrap();
    let matcher = Matcher::new(builder.build().unwrap()).unwrap();
    let found = matcher.find("in Moscow");
    assert_eq!(
        matcher.dictionary().entries()[found[0].entry].id,
        "moscow-city"
    );
}

#[test]
fn empty_and_matchless_texts() {
    let matcher = matcher();
    assert!(matcher.find("").is_empty());
    assert!(matcher.find("   \u{00AD}\u{200B} ").is_empty());
    assert!(matcher.find("nothing to see here").is_empty());
}

/// Text made of dictionary words, typographic variants and random characters, so matches occur.
fn text_strategy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Russia".to_string()),
        Just("North Korea".to_string()),
        Just("Kim Jong-un".to_string()),
        Just("US".to_string()),
        Just("us".to_string()),
        Just("arms sale".to_string()),
        Just("Latin America".to_string()),
        Just("普京".to_string()),
        Just("\u{00AD}".to_string()),
        Just("\u{2019}s".to_string()),
        Just("\u{00A0}".to_string()),
        Just(" ".to_string()),
        Just("-".to_string()),
        Just("😀".to_string()),
        any::<char>().prop_map(String::from),
        "[a-zA-Z ]{0,6}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn matches_are_sorted_disjoint_and_on_boundaries(text in text_strategy()) {
        let matcher = matcher();
        let found = matcher.find(&text);
        let units: Vec<u16> = text.encode_utf16().collect();
        let mut last_end = 0;
        for m in &found {
            prop_assert!(m.start_byte < m.end_byte && m.start < m.end);
            prop_assert!(m.start_byte >= last_end, "sorted and non-overlapping");
            last_end = m.end_byte;
            prop_assert!(text.is_char_boundary(m.start_byte) && text.is_char_boundary(m.end_byte));
            // UTF-16 offsets agree with the byte offsets and never split a surrogate pair.
            prop_assert_eq!(m.start, text[..m.start_byte].encode_utf16().count());
            prop_assert_eq!(m.end, text[..m.end_byte].encode_utf16().count());
            prop_assert!(m.end <= units.len());
            // The matched text is one of the entry's aliases, modulo normalisation.
            let key = normalize_str(&text[m.start_byte..m.end_byte], Fold::Case);
            let entry = &matcher.dictionary().entries()[m.entry];
            prop_assert!(
                entry.aliases.iter().any(|a| normalize_str(&a.text, Fold::Case) == key),
                "{:?} is not an alias of {}", key, entry.id
            );
        }
        // Deterministic.
        prop_assert_eq!(found, matcher.find(&text));
    }

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        let found = matcher().find(&text);
        for m in found {
            prop_assert!(text.is_char_boundary(m.start_byte) && text.is_char_boundary(m.end_byte));
        }
    }
}
