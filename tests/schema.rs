//! `docs/dictionary.schema.json` agrees with the dictionary parser: what one accepts the other accepts,
//! what one rejects the other rejects, except for the cross-field checks a JSON Schema cannot express
//! (listed in `schema_gaps_are_the_documented_ones`).

use std::sync::LazyLock;

use jsonschema::Validator;
use newsmark::DictionaryBuilder;
use serde_json::{json, Value};

/// The example of `src/dictionary/tests.rs` and `docs/dictionary.md`, verbatim.
const MY_LIST: &str = r##"{ "name": "my list", "version": 1,
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

const DATA_FILES: [&str; 5] = [
    "data/categories.json",
    "data/countries.json",
    "data/people.json",
    "data/organizations.json",
    "data/topics.json",
];

fn read(path: &str) -> String {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {full}: {e}"))
}

fn schema_value() -> Value {
    serde_json::from_str(&read("docs/dictionary.schema.json")).expect("the schema is JSON")
}

/// The compiled schema, shared by the tests.
fn validator() -> &'static Validator {
    static VALIDATOR: LazyLock<Validator> = LazyLock::new(|| {
        jsonschema::draft202012::new(&schema_value()).expect("the schema compiles")
    });
    &VALIDATOR
}

/// The schema's error messages for `instance`, empty when it is valid.
fn schema_errors(validator: &Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// The parser's verdict on one dictionary on its own: parsed, then merged and checked.
fn parser_result(json: &str) -> Result<(), String> {
    let mut builder = DictionaryBuilder::new();
    builder
        .add_json("doc.json", json)
        .map_err(|e| e.to_string())?;
    builder.build().map(|_| ()).map_err(|e| e.to_string())
}

/// A one-entry dictionary with an actor category "c", with `entry` merged over a valid entry
/// (a `null` value removes the field).
fn with_entry(entry: Value) -> Value {
    let mut base = json!({"id": "x", "label": "X", "category": "c", "aliases": ["x"]});
    for (key, value) in entry.as_object().expect("an object") {
        if value.is_null() {
            base.as_object_mut().unwrap().remove(key);
        } else {
            base[key] = value.clone();
        }
    }
    json!({"categories": {"c": {"kind": "actor"}}, "entries": [base]})
}

/// A dictionary whose only category "c" is `category`.
fn with_category(category: Value) -> Value {
    json!({"categories": {"c": category}, "entries": []})
}

#[test]
fn schema_is_valid_draft_2020_12() {
    let schema = schema_value();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    if let Err(error) = jsonschema::meta::validate(&schema) {
        panic!(
            "the schema violates its meta-schema: {error} at {}",
            error.instance_path()
        );
    }
}

#[test]
fn every_property_has_a_description() {
    fn walk(value: &Value, path: &str, missing: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    for (name, property) in properties {
                        if property
                            .get("description")
                            .and_then(Value::as_str)
                            .is_none_or(str::is_empty)
                        {
                            missing.push(format!("{path}/properties/{name}"));
                        }
                    }
                }
                for (key, child) in map {
                    walk(child, &format!("{path}/{key}"), missing);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, &format!("{path}/{i}"), missing);
                }
            }
            _ => {}
        }
    }
    let mut missing = Vec::new();
    walk(&schema_value(), "#", &mut missing);
    assert!(
        missing.is_empty(),
        "properties without a description: {missing:?}"
    );
}

#[test]
fn my_list_example_validates() {
    let instance: Value = serde_json::from_str(MY_LIST).unwrap();
    assert_eq!(schema_errors(validator(), &instance), Vec::<String>::new());
    parser_result(MY_LIST).unwrap();
}

#[test]
fn default_dictionary_sources_validate() {
    let validator = validator();
    for path in DATA_FILES {
        let instance: Value =
            serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"));
        let errors = schema_errors(validator, &instance);
        assert!(
            errors.is_empty(),
            "{path} fails the schema:\n  {}",
            errors.join("\n  ")
        );
    }
}

/// Documents both sides must accept.
fn valid_documents() -> Vec<(&'static str, Value)> {
    let long_alias = "a".repeat(500);
    vec![
        ("entries only, empty", json!({"entries": []})),
        (
            "nulls for optional fields",
            json!({"name": null, "categories": null, "entries": []}),
        ),
        (
            "unknown fields everywhere",
            json!({
            "note": "kept for humans", "version": 1,
            "categories": {"c": {"kind": "actor", "source": "x"}},
            "entries": [{"id": "x", "label": "X", "category": "c", "comment": 1,
                         "aliases": [{"text": "X", "why": "y"}]}]}),
        ),
        (
            "disable marker",
            json!({"entries": [{"id": "usa", "disabled": true}]}),
        ),
        (
            "disable marker ignores other fields",
            json!({"entries": [{"id": "usa", "disabled": true, "aliases": [], "country": "RU"}]}),
        ),
        (
            "disabled false is an entry",
            with_entry(json!({"disabled": false})),
        ),
        (
            "id with punctuation",
            with_entry(json!({"id": "1wiki:Q159.a_b-c"})),
        ),
        (
            "id of 128 characters",
            with_entry(json!({"id": "i".repeat(128)})),
        ),
        (
            "kind matching the category",
            with_entry(json!({"kind": "actor"})),
        ),
        (
            "kind null",
            with_entry(json!({"kind": Value::Null, "exclude": Value::Null})),
        ),
        ("Kosovo", with_entry(json!({"country": "XKX"}))),
        (
            "alias objects",
            with_entry(
                json!({"aliases": [{"text": "US", "case": "sensitive"}, {"text": "x", "case": "insensitive"}]}),
            ),
        ),
        (
            "alias of 500 characters",
            with_entry(json!({"aliases": [long_alias]})),
        ),
        (
            "apostrophe-only alias is not empty",
            with_entry(json!({"aliases": ["'"]})),
        ),
        (
            "alias with a soft hyphen and letters",
            with_entry(json!({"aliases": ["Pu\u{00AD}tin", "Kim Jong-un"]})),
        ),
        (
            "exclude phrases",
            with_entry(json!({"exclude": ["Latin America"]})),
        ),
        ("label padded", with_entry(json!({"label": " X "}))),
        (
            "category of 64 characters",
            json!({"categories": {format!("a{}", "b".repeat(63)): {"kind": "topic"}}, "entries": []}),
        ),
        (
            "category id with digits, - and _",
            json!({"categories": {"c-1_x": {"kind": "topic", "label": null, "color": null}}, "entries": []}),
        ),
        (
            "hex colour",
            with_category(json!({"kind": "actor", "color": "#abc"})),
        ),
        (
            "hex colour with alpha",
            with_category(json!({"kind": "actor", "color": "#AABBCC80"})),
        ),
        (
            "rgb colour",
            with_category(json!({"kind": "actor", "color": "rgb(1, 2, 3)"})),
        ),
        (
            "rgba colour",
            with_category(json!({"kind": "actor", "color": "rgba(1,2,3,0.5)"})),
        ),
        (
            "hsl colour with deg and slash",
            with_category(json!({"kind": "actor", "color": "hsl(120deg 50% 50% / 0.5)"})),
        ),
        (
            "named colour",
            with_category(json!({"kind": "actor", "color": "rebeccapurple"})),
        ),
        (
            "named colour in capitals",
            with_category(json!({"kind": "actor", "color": "Red"})),
        ),
    ]
}

/// Documents both sides must reject.
fn invalid_documents() -> Vec<(&'static str, Value)> {
    let long_alias = "a".repeat(501);
    vec![
        ("missing entries", json!({"name": "x"})),
        ("entries not an array", json!({"entries": {}})),
        ("not an object", json!([])),
        ("version 2", json!({"version": 2, "entries": []})),
        (
            "version as a string",
            json!({"version": "1", "entries": []}),
        ),
        ("version null", json!({"version": null, "entries": []})),
        ("name not a string", json!({"name": 3, "entries": []})),
        (
            "categories not an object",
            json!({"categories": [], "entries": []}),
        ),
        ("entry not an object", json!({"entries": [5]})),
        ("alias empty list", with_entry(json!({"aliases": []}))),
        ("aliases missing", with_entry(json!({"aliases": null}))),
        ("aliases not a list", with_entry(json!({"aliases": "x"}))),
        ("alias a number", with_entry(json!({"aliases": [3]}))),
        ("alias empty", with_entry(json!({"aliases": [""]}))),
        (
            "alias of dashes and spaces",
            with_entry(json!({"aliases": [" - \u{2013} "]})),
        ),
        (
            "alias of invisible characters",
            with_entry(json!({"aliases": ["\u{00AD}\u{200B}\u{00A0}"]})),
        ),
        (
            "alias too long",
            with_entry(json!({"aliases": [long_alias]})),
        ),
        (
            "alias object without text",
            with_entry(json!({"aliases": [{"case": "sensitive"}]})),
        ),
        (
            "alias object with blank text",
            with_entry(json!({"aliases": [{"text": " "}]})),
        ),
        (
            "bad case value",
            with_entry(json!({"aliases": [{"text": "X", "case": "upper"}]})),
        ),
        ("country RU", with_entry(json!({"country": "RU"}))),
        ("country lower-case", with_entry(json!({"country": "rus"}))),
        (
            "country not assigned",
            with_entry(json!({"country": "ZZZ"})),
        ),
        ("country a number", with_entry(json!({"country": 643}))),
        ("bad kind", with_entry(json!({"kind": "thing"}))),
        ("id with a space", with_entry(json!({"id": "a b"}))),
        ("id starting with a dash", with_entry(json!({"id": "-x"}))),
        ("id too long", with_entry(json!({"id": "i".repeat(129)}))),
        ("id a number", with_entry(json!({"id": 7}))),
        ("id missing", with_entry(json!({"id": null}))),
        (
            "id missing on a disable marker",
            json!({"entries": [{"disabled": true}]}),
        ),
        (
            "bad id on a disable marker",
            json!({"entries": [{"id": "a b", "disabled": true}]}),
        ),
        (
            "disabled not a boolean",
            with_entry(json!({"disabled": "yes"})),
        ),
        ("label missing", with_entry(json!({"label": null}))),
        ("label blank", with_entry(json!({"label": " \t"}))),
        ("label a number", with_entry(json!({"label": 1}))),
        ("category missing", with_entry(json!({"category": null}))),
        (
            "category not an id",
            with_entry(json!({"category": "Country"})),
        ),
        (
            "exclude not a list",
            with_entry(json!({"exclude": "Latin America"})),
        ),
        (
            "exclude phrase blank",
            with_entry(json!({"exclude": ["  "]})),
        ),
        (
            "category id with capitals",
            json!({"categories": {"Bad Id": {"kind": "actor"}}, "entries": []}),
        ),
        (
            "category id starting with a digit",
            json!({"categories": {"1c": {"kind": "actor"}}, "entries": []}),
        ),
        (
            "category id too long",
            json!({"categories": {"a".repeat(65): {"kind": "actor"}}, "entries": []}),
        ),
        (
            "category without kind",
            with_category(json!({"label": "C"})),
        ),
        ("category kind null", with_category(json!({"kind": null}))),
        ("category not an object", with_category(json!("actor"))),
        (
            "category label a number",
            with_category(json!({"kind": "actor", "label": 1})),
        ),
        (
            "colour breaking out of CSS",
            with_category(json!({"kind": "actor", "color": "red;}body{x"})),
        ),
        (
            "colour hex too short",
            with_category(json!({"kind": "actor", "color": "#ab"})),
        ),
        (
            "colour hex not hex",
            with_category(json!({"kind": "actor", "color": "#ggg"})),
        ),
        (
            "colour function empty",
            with_category(json!({"kind": "actor", "color": "rgb()"})),
        ),
        (
            "colour function only deg",
            with_category(json!({"kind": "actor", "color": "hsl(deg)"})),
        ),
        (
            "colour function in capitals",
            with_category(json!({"kind": "actor", "color": "RGB(1,2,3)"})),
        ),
        (
            "colour url",
            with_category(json!({"kind": "actor", "color": "url(x)"})),
        ),
        (
            "colour unknown name",
            with_category(json!({"kind": "actor", "color": "redd"})),
        ),
        (
            "colour a number",
            with_category(json!({"kind": "actor", "color": 5})),
        ),
    ]
}

#[test]
fn schema_and_parser_accept_the_same_valid_documents() {
    let validator = validator();
    for (name, document) in valid_documents() {
        let errors = schema_errors(validator, &document);
        assert!(
            errors.is_empty(),
            "'{name}': the schema rejects {document}:\n  {}",
            errors.join("\n  ")
        );
        if let Err(error) = parser_result(&document.to_string()) {
            panic!("'{name}': the parser rejects {document}: {error}");
        }
    }
}

#[test]
fn schema_and_parser_reject_the_same_invalid_documents() {
    let validator = validator();
    for (name, document) in invalid_documents() {
        assert!(
            !validator.is_valid(&document),
            "'{name}': the schema accepts {document}"
        );
        assert!(
            parser_result(&document.to_string()).is_err(),
            "'{name}': the parser accepts {document}"
        );
    }
}

/// What the schema cannot see: ids repeated in one file, an entry's kind against its category's, a
/// category defined elsewhere, and 1.0 (equal to 1 for JSON Schema, not an integer for the parser).
/// `newsmark check` reports these; the documentation says so.
#[test]
fn schema_gaps_are_the_documented_ones() {
    let validator = validator();
    let gaps = [
        json!({"categories": {"c": {"kind": "actor"}}, "entries": [
            {"id": "x", "label": "X", "category": "c", "aliases": ["x"]},
            {"id": "x", "label": "X", "category": "c", "aliases": ["y"]}]}),
        json!({"categories": {"c": {"kind": "actor"}}, "entries": [
            {"id": "x", "label": "X", "kind": "topic", "category": "c", "aliases": ["x"]}]}),
        json!({"entries": [{"id": "x", "label": "X", "category": "nowhere", "aliases": ["x"]}]}),
    ];
    for document in gaps {
        assert!(
            validator.is_valid(&document),
            "the schema now catches {document}: update the docs"
        );
        assert!(
            parser_result(&document.to_string()).is_err(),
            "the parser accepts {document}"
        );
    }
    assert!(parser_result(r#"{"version": 1.0, "entries": []}"#).is_err());
}

/// The schema's enumerations (country codes, colour names) are ones the parser accepts.
#[test]
fn schema_enumerations_are_accepted_by_the_parser() {
    let schema = schema_value();
    let codes = schema["$defs"]["entry"]["properties"]["country"]["enum"]
        .as_array()
        .unwrap();
    assert_eq!(codes.len(), 249 + 1 + 1, "ISO 3166-1, XKX and null");
    for code in codes.iter().filter_map(Value::as_str) {
        let document = with_entry(json!({"country": code}));
        assert!(
            parser_result(&document.to_string()).is_ok(),
            "the parser rejects country {code}"
        );
    }
    let names = schema["$defs"]["color"]["anyOf"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|branch| branch["enum"].as_array())
        .unwrap();
    assert!(names.len() > 140);
    let validator = validator();
    for name in names.iter().map(|n| n.as_str().unwrap()) {
        for spelling in [name.to_string(), name.to_ascii_uppercase()] {
            let document = with_category(json!({"kind": "actor", "color": spelling}));
            assert!(
                validator.is_valid(&document),
                "the schema rejects colour {spelling}"
            );
            assert!(
                parser_result(&document.to_string()).is_ok(),
                "the parser rejects colour {spelling}"
            );
        }
    }
}

mod generated {
    //! Strings built from the characters each rule turns on, judged by both sides.

    use proptest::prelude::*;

    use super::*;

    fn pieces(choices: &'static [&'static str]) -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(choices), 0..8).prop_map(|p| p.concat())
    }

    /// Separators, ignorables, white space the two regex dialects might disagree on, letters.
    const ALIAS_PIECES: &[&str] = &[
        " ", "\t", "\n", "\u{0085}", "\u{00A0}", "\u{1680}", "\u{2007}", "\u{200A}", "\u{2028}",
        "\u{202F}", "\u{205F}", "\u{3000}", "\u{001C}", "\u{000B}", "-", "\u{2011}", "\u{2013}",
        "\u{2015}", "\u{2016}", "\u{FE63}", "\u{FF0D}", "\u{00AD}", "\u{034F}", "\u{180E}",
        "\u{200B}", "\u{200D}", "\u{200E}", "\u{2060}", "\u{FEFF}", "'", "\u{2019}", "a", "É",
        "普", ".",
    ];

    const COLOR_PIECES: &[&str] = &[
        "#", "a", "F", "g", "0", "9", "rgb(", "rgba(", "hsl(", "hsla(", "RGB(", "(", ")", "deg",
        "d", "e", "g", " ", "%", "/", ",", ".", ";", "red", "Red", "blue", "url(", "\u{00A0}",
    ];

    const ID_PIECES: &[&str] = &["a", "Z", "0", "_", ".", ":", "-", " ", "é", "/"];

    fn agree(validator: &Validator, document: &Value) -> Result<(), TestCaseError> {
        let schema = validator.is_valid(document);
        let parser = parser_result(&document.to_string());
        prop_assert_eq!(
            schema,
            parser.is_ok(),
            "{} (parser: {:?})",
            document,
            parser
        );
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn aliases_labels_and_excludes(text in pieces(ALIAS_PIECES)) {
            let validator = validator();
            agree(validator, &with_entry(json!({"aliases": [text.clone()]})))?;
            agree(validator, &with_entry(json!({"aliases": [{"text": text.clone(), "case": "sensitive"}]})))?;
            agree(validator, &with_entry(json!({"exclude": [text.clone()]})))?;
            agree(validator, &with_entry(json!({"label": text})))?;
        }

        #[test]
        fn colours(color in pieces(COLOR_PIECES)) {
            agree(validator(), &with_category(json!({"kind": "actor", "color": color})))?;
        }

        #[test]
        fn ids(id in pieces(ID_PIECES)) {
            let validator = validator();
            agree(validator, &with_entry(json!({"id": id.clone()})))?;
            agree(validator, &json!({"entries": [{"id": id.clone(), "disabled": true}]}))?;
            agree(validator, &json!({"categories": {id.clone(): {"kind": "topic"}}, "entries": []}))?;
        }
    }
}
