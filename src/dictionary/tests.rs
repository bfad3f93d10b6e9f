//! Parsing, merging and validation of dictionaries, and the embedded default's guarantees.

use super::*;

/// The minimum format from the issue that specified it, verbatim: it must work as written.
const ISSUE_EXAMPLE: &str = r##"{ "name": "my list", "version": 1,
  "categories": { "country": {"label": "Country", "kind": "actor", "color": "#8ecae6"},
                  "arms":    {"label": "Arms",    "kind": "topic", "color": "#f4a261"} },
  "entries": [
    { "id": "rus", "label": "Russia", "kind": "actor", "category": "country", "country": "RUS",
      "aliases": ["Russia", "Russian Federation", "Russian", "Russians", "Moscow", "Kremlin"] },
    { "id": "usa", "label": "United States", "kind": "actor", "category": "country", "country": "USA",
      "aliases": ["United States", "U.S.", {"text": "US", "case": "sensitive"}, "America"],
      "exclude": ["North America", "South America", "Latin America"] },
    { "id": "arms", "label": "Arms", "kind": "topic", "category": "arms",
      "aliases": ["arms", "arms sale", "artillery shells"] } ] }"##;

fn build(layers: &[&str]) -> Result<Dictionary, Error> {
    let mut builder = DictionaryBuilder::new();
    for (i, json) in layers.iter().enumerate() {
        builder.add_json(&format!("d{i}.json"), json)?;
    }
    builder.build()
}

fn error(layers: &[&str]) -> String {
    build(layers).expect_err("should fail").to_string()
}

#[test]
fn issue_example_parses() {
    let d = build(&[ISSUE_EXAMPLE]).unwrap();
    assert_eq!(d.name(), "my list");
    assert_eq!(d.entries().len(), 3);
    assert_eq!(
        d.entries()[1].aliases[2],
        Alias {
            text: "US".into(),
            case: Case::Sensitive
        }
    );
    assert_eq!(d.entries()[1].exclude.len(), 3);
    assert_eq!(d.category("arms").unwrap().kind, Kind::Topic);
}

#[test]
fn round_trips_through_json() {
    let d = build(&[ISSUE_EXAMPLE]).unwrap();
    let again = build(&[&d.to_json()]).unwrap();
    assert_eq!(again.entries(), d.entries());
    assert_eq!(again.categories(), d.categories());
}

#[test]
fn later_layers_replace_and_disable() {
    let user = r#"{"entries": [
        {"id": "rus", "label": "Russia (mine)", "category": "country", "aliases": ["RF"]},
        {"id": "usa", "disabled": true},
        {"id": "ukr", "label": "Ukraine", "category": "country", "country": "UKR", "aliases": ["Ukraine"]}]}"#;
    let d = build(&[ISSUE_EXAMPLE, user]).unwrap();
    let ids: Vec<&str> = d.entries().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["rus", "arms", "ukr"]);
    assert_eq!(d.entries()[0].label, "Russia (mine)");
    assert_eq!(
        d.entries()[0].kind,
        Kind::Actor,
        "kind comes from the category"
    );
}

#[test]
fn errors_name_the_place() {
    let cases: &[(&str, &str)] = &[
        ("{\"entries\": [", "dictionary 'd0.json': line 1, column 13: not valid JSON"),
        ("[]", "dictionary 'd0.json': expected a JSON object with \"entries\", found an array"),
        ("{}", "dictionary 'd0.json': field 'entries' is missing"),
        ("{\"version\": 2, \"entries\": []}", "unsupported format version 2"),
        (r#"{"entries": [{"label": "x"}]}"#, "dictionary 'd0.json': entry at index 0: field 'id' is missing"),
        (r#"{"entries": [{"id": "a b"}]}"#, "entry at index 0: field 'id': 'a b' is not a valid id"),
        (r#"{"entries": [{"id": "x", "category": "country", "aliases": ["x"]}]}"#, "entry 'x' (index 0): field 'label' is missing"),
        (r#"{"entries": [{"id": "x", "label": "X", "category": "country", "aliases": []}]}"#, "entry 'x' (index 0): field 'aliases': empty list"),
        (r#"{"entries": [{"id": "x", "label": "X", "category": "country", "aliases": [" - "]}]}"#, "entry 'x' (index 0): field 'aliases[0]': empty alias"),
        (r#"{"entries": [{"id": "x", "label": "X", "category": "country", "aliases": [3]}]}"#, "field 'aliases[0]': expected a string or {\"text\", \"case\"}, found a number"),
        (r#"{"entries": [{"id": "x", "label": "X", "category": "country", "aliases": [{"text": "X", "case": "upper"}]}]}"#, "field 'aliases[0]': field 'case': 'upper'"),
        (r#"{"entries": [{"id": "x", "label": "X", "category": "country", "country": "RU", "aliases": ["x"]}]}"#, "entry 'x' (index 0): field 'country': 'RU' is not an ISO 3166-1 alpha-3 code"),
        (r#"{"entries": [{"id": "x", "label": "X", "category": "country", "kind": "thing", "aliases": ["x"]}]}"#, "entry 'x' (index 0): field 'kind': 'thing'"),
        (r#"{"entries": [{"id": "x", "label": "X", "category": "c", "aliases": ["x"]}, {"id": "x", "label": "X", "category": "c", "aliases": ["y"]}]}"#, "entry 'x' (index 1): field 'id': duplicate id, first used at index 0"),
        (r#"{"categories": {"c": {"kind": "actor", "color": "red;}body{x"}}, "entries": []}"#, "category 'c': field 'color': 'red;}body{x' is not a CSS colour"),
        (r#"{"categories": {"Bad Id": {"kind": "actor"}}, "entries": []}"#, "category 'Bad Id': bad id"),
        (r#"{"categories": {"c": {"label": "C"}}, "entries": []}"#, "category 'c': field 'kind' is missing"),
        (r#"{"entries": [{"id": "x", "label": "X", "category": "nope", "aliases": ["x"]}]}"#, "dictionary 'd0.json': entry 'x' (index 0): field 'category': unknown category 'nope' (known: none)"),
    ];
    for (json, expected) in cases {
        let message = error(&[json]);
        assert!(
            message.contains(expected),
            "for {json}\n  got: {message}\n  expected to contain: {expected}"
        );
    }
    let kind_clash = r#"{"entries": [{"id": "x", "label": "X", "kind": "topic", "category": "country", "aliases": ["x"]}]}"#;
    assert!(error(&[ISSUE_EXAMPLE, kind_clash]).contains(
        "d1.json': entry 'x' (index 0): field 'kind': 'topic' but category 'country' holds actors"
    ));
}

#[test]
fn a_failed_layer_leaves_the_builder_unchanged() {
    let mut builder = DictionaryBuilder::new();
    builder.add_json("good", ISSUE_EXAMPLE).unwrap();
    assert!(builder
        .add_json(
            "bad",
            r#"{"entries": [{"id": "rus", "disabled": true}, 5]}"#
        )
        .is_err());
    assert_eq!(builder.build().unwrap().entries().len(), 3);
}

#[test]
fn css_colours() {
    for good in [
        "#abc",
        "#AABBCC",
        "#aabbcc80",
        "rgb(1, 2, 3)",
        "hsl(120deg 50% 50% / 0.5)",
        "Red",
        "rebeccapurple",
    ] {
        assert!(parse::is_css_color(good), "{good}");
    }
    for bad in [
        "#ab",
        "#ggg",
        "red;",
        "url(x)",
        "rgb(1,2,3);}",
        "expression(alert(1))",
        "",
        "rgb()",
    ] {
        assert!(!parse::is_css_color(bad), "{bad}");
    }
}

#[test]
fn warnings_flag_shared_and_short_aliases() {
    let user = r#"{"entries": [{"id": "us-pronoun", "label": "x", "category": "country", "aliases": ["us", "Moscow"]}]}"#;
    let d = build(&[ISSUE_EXAMPLE, user]).unwrap();
    let messages: Vec<String> = d.warnings().into_iter().map(|w| w.message).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("alias 'us' is short and case-insensitive")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("alias 'Moscow' is claimed by entries 'rus' and 'us-pronoun'")),
        "{messages:?}"
    );
}

mod builtin_dictionary {
    use super::*;

    const TOPICS: [&str; 14] = [
        "military",
        "arms",
        "sanctions",
        "diplomacy",
        "conflict",
        "space",
        "nuclear",
        "trade",
        "security",
        "elections",
        "humanitarian",
        "energy",
        "cyber",
        "human-rights",
    ];

    #[test]
    fn loads_with_the_required_categories() {
        let d = Dictionary::builtin();
        for id in TOPICS {
            assert_eq!(d.category(id).map(|c| c.kind), Some(Kind::Topic), "{id}");
            assert!(
                d.entries().iter().any(|e| e.category == id),
                "no entry in {id}"
            );
        }
        for id in ["country", "person", "organization", "bloc"] {
            assert_eq!(d.category(id).map(|c| c.kind), Some(Kind::Actor), "{id}");
        }
        assert!(d.alias_count() > 2_000, "only {} aliases", d.alias_count());
    }

    /// WCAG AA asks 4.5:1 for text; highlighted text is black on the category colour.
    #[test]
    fn colours_are_distinct_and_readable_under_black_text() {
        fn channel(hex: &str, i: usize) -> f64 {
            f64::from(u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap()) / 255.0
        }
        fn luminance(hex: &str) -> f64 {
            let linear = |c: f64| {
                if c <= 0.03928 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * linear(channel(hex, 0))
                + 0.7152 * linear(channel(hex, 1))
                + 0.0722 * linear(channel(hex, 2))
        }
        let d = Dictionary::builtin();
        for c in d.categories() {
            assert_eq!(c.color.len(), 7, "{}: use #rrggbb in the default", c.id);
            let contrast = (luminance(&c.color) + 0.05) / 0.05;
            assert!(
                contrast >= 4.5,
                "{} ({}) contrast {contrast:.1} with black",
                c.id,
                c.color
            );
        }
        for (i, a) in d.categories().iter().enumerate() {
            for b in &d.categories()[i + 1..] {
                let distance: f64 = (0..3)
                    .map(|k| ((channel(&a.color, k) - channel(&b.color, k)) * 255.0).powi(2))
                    .sum::<f64>()
                    .sqrt();
                assert!(
                    distance >= 25.0,
                    "{} and {} look alike ({distance:.0})",
                    a.id,
                    b.id
                );
            }
        }
    }

    #[test]
    fn country_codes_and_actor_entries() {
        let d = Dictionary::builtin();
        let country = |id: &str| {
            d.entries()
                .iter()
                .find(|e| e.id == id)
                .and_then(|e| e.country.clone())
        };
        assert_eq!(country("rus").as_deref(), Some("RUS"));
        assert_eq!(country("prk").as_deref(), Some("PRK"));
        assert!(
            d.entries()
                .iter()
                .filter(|e| e.category == "country")
                .count()
                >= 195
        );
        for e in d.entries().iter().filter(|e| e.kind == Kind::Topic) {
            assert!(e.country.is_none(), "topic {} has a country", e.id);
        }
    }
}
