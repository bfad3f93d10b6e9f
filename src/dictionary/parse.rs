//! Parsing one dictionary layer from JSON, checking every field on the way.
//!
//! The JSON is read into a `serde_json::Value` and walked by hand rather than derived with serde: a
//! derived deserializer stops at the first surprise with a message about Rust types, while a user
//! fixing a dictionary needs "dictionary 'mine.json': entry 'rus' (index 3): field 'country': 'RU' is
//! not an ISO 3166-1 alpha-3 code". Unknown fields are ignored, so dictionaries may carry notes.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::iso3166;
use super::{Alias, Case, Category, Entry, Kind};
use crate::error::Error;
use crate::normalize::{normalize_str, Fold};

/// The longest alias accepted, in characters: longer text is a mistake (a paragraph pasted into the
/// list), and it would bloat the automaton.
const MAX_ALIAS_CHARS: usize = 500;

/// One parsed dictionary file.
pub(super) struct Layer {
    pub(super) name: Option<String>,
    pub(super) categories: Vec<Category>,
    pub(super) items: Vec<Item>,
}

/// An entry of a layer: either a (re)definition or the removal of an earlier entry.
pub(super) enum Item {
    Disable { id: String },
    Entry(Draft),
}

/// A parsed entry whose kind may still come from its category.
#[derive(Clone, Debug)]
pub(super) struct Draft {
    pub(super) entry: Entry,
    pub(super) kind: Option<Kind>,
    /// "dictionary 'x': entry 'id' (index n)", for errors found after the merge.
    pub(super) origin: String,
}

pub(super) fn parse_layer(source: &str, json: &str) -> Result<Layer, Error> {
    let place = format!("dictionary '{source}'");
    let value: Value = serde_json::from_str(json).map_err(|e| syntax_error(&place, &e))?;
    let Value::Object(root) = value else {
        return Err(Error::invalid(format!(
            "{place}: expected a JSON object with \"entries\", found {}",
            type_name(&value)
        )));
    };
    let root = Fields {
        place: &place,
        map: &root,
    };
    if let Some(version) = root.get("version") {
        if version.as_u64() != Some(1) {
            return Err(Error::invalid(format!(
                "{place}: field 'version': unsupported format version {version} (this build reads version 1)"
            )));
        }
    }
    let name = root.optional_string("name")?;
    let categories = match root.get("categories") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(id, value)| parse_category(&place, id, value))
            .collect::<Result<_, _>>()?,
        Some(other) => return Err(root.wrong_type("categories", "an object", other)),
    };
    let entries = match root.get("entries") {
        Some(Value::Array(entries)) => entries,
        Some(other) => return Err(root.wrong_type("entries", "an array", other)),
        None => {
            return Err(Error::invalid(format!(
                "{place}: field 'entries' is missing (a dictionary needs \"entries\": [...])"
            )))
        }
    };
    let mut first_index: HashMap<&str, usize> = HashMap::with_capacity(entries.len());
    let mut items = Vec::with_capacity(entries.len());
    for (index, value) in entries.iter().enumerate() {
        let item = parse_entry(&place, index, value)?;
        let id = value
            .get("id")
            .and_then(Value::as_str)
            .expect("parse_entry checked the id");
        if let Some(first) = first_index.insert(id, index) {
            return Err(Error::invalid(format!(
                "{place}: entry '{id}' (index {index}): field 'id': duplicate id, first used at index {first}"
            )));
        }
        items.push(item);
    }
    Ok(Layer {
        name,
        categories,
        items,
    })
}

fn syntax_error(place: &str, error: &serde_json::Error) -> Error {
    let text = error.to_string();
    let reason = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(reason, _)| reason);
    Error::syntax(format!(
        "{place}: line {}, column {}: not valid JSON: {reason}",
        error.line(),
        error.column()
    ))
}

fn parse_category(place: &str, id: &str, value: &Value) -> Result<Category, Error> {
    let place = format!("{place}: category '{id}'");
    if !is_category_id(id) {
        return Err(Error::invalid(format!(
            "{place}: bad id: use lower-case letters, digits, '-' and '_', starting with a letter (at most 64)"
        )));
    }
    let Value::Object(map) = value else {
        return Err(Error::invalid(format!(
            "{place}: expected an object {{\"label\", \"kind\", \"color\"}}, found {}",
            type_name(value)
        )));
    };
    let fields = Fields { place: &place, map };
    let kind = fields
        .kind()?
        .ok_or_else(|| fields.missing("kind", "\"actor\" or \"topic\""))?;
    let label = fields
        .optional_string("label")?
        .unwrap_or_else(|| id.to_string());
    let color = match fields.optional_string("color")? {
        None => DEFAULT_COLOR.to_string(),
        Some(color) if is_css_color(&color) => color,
        Some(color) => {
            return Err(Error::invalid(format!(
                "{place}: field 'color': '{color}' is not a CSS colour (use #rgb, #rrggbb, rgb(...), hsl(...) or a colour name)"
            )))
        }
    };
    Ok(Category {
        id: id.to_string(),
        label,
        kind,
        color,
    })
}

/// The colour of a category that names none: a light yellow, readable under black text.
const DEFAULT_COLOR: &str = "#ffe066";

fn parse_entry(place: &str, index: usize, value: &Value) -> Result<Item, Error> {
    let Value::Object(map) = value else {
        return Err(Error::invalid(format!(
            "{place}: entry at index {index}: expected an object, found {}",
            type_name(value)
        )));
    };
    let unnamed = format!("{place}: entry at index {index}");
    let id = match map.get("id") {
        Some(Value::String(id)) if is_entry_id(id) => id.clone(),
        Some(Value::String(id)) => {
            return Err(Error::invalid(format!(
                "{unnamed}: field 'id': '{id}' is not a valid id (letters, digits, '_', '.', ':', '-', starting with a letter or digit, at most 128)"
            )))
        }
        Some(other) => return Err(Fields { place: &unnamed, map }.wrong_type("id", "a string", other)),
        None => return Err(Error::invalid(format!("{unnamed}: field 'id' is missing"))),
    };
    let origin = format!("{place}: entry '{id}' (index {index})");
    let fields = Fields {
        place: &origin,
        map,
    };
    if fields.optional_bool("disabled")? == Some(true) {
        return Ok(Item::Disable { id });
    }
    let label = fields.required_string("label")?;
    let kind = fields.kind()?;
    let category = fields.required_string("category")?;
    let country = match fields.get("country") {
        None | Some(Value::Null) => None,
        Some(Value::String(code)) if iso3166::is_alpha3(code) => Some(code.clone()),
        Some(Value::String(code)) => {
            return Err(Error::invalid(format!(
                "{origin}: field 'country': '{code}' is not an ISO 3166-1 alpha-3 code (three capital letters, such as \"RUS\" or \"USA\")"
            )))
        }
        Some(other) => return Err(fields.wrong_type("country", "a string", other)),
    };
    let aliases = match fields.get("aliases") {
        Some(Value::Array(values)) if !values.is_empty() => values
            .iter()
            .enumerate()
            .map(|(i, value)| parse_alias(&origin, i, value))
            .collect::<Result<Vec<_>, _>>()?,
        Some(Value::Array(_)) => {
            return Err(Error::invalid(format!(
                "{origin}: field 'aliases': empty list (an entry needs at least one alias)"
            )))
        }
        Some(other) => return Err(fields.wrong_type("aliases", "an array", other)),
        None => return Err(fields.missing("aliases", "a list of strings")),
    };
    let exclude = match fields.get("exclude") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(values)) => values
            .iter()
            .enumerate()
            .map(|(i, value)| match value {
                Value::String(text) => checked_phrase(&origin, &format!("exclude[{i}]"), text),
                other => Err(fields.wrong_type(&format!("exclude[{i}]"), "a string", other)),
            })
            .collect::<Result<Vec<_>, _>>()?,
        Some(other) => return Err(fields.wrong_type("exclude", "an array", other)),
    };
    // `kind` is settled against the category after the merge.
    let entry = Entry {
        id,
        label,
        kind: kind.unwrap_or(Kind::Actor),
        category,
        country,
        aliases,
        exclude,
    };
    Ok(Item::Entry(Draft {
        entry,
        kind,
        origin,
    }))
}

fn parse_alias(origin: &str, index: usize, value: &Value) -> Result<Alias, Error> {
    let field = format!("aliases[{index}]");
    match value {
        Value::String(text) => Ok(Alias {
            text: checked_phrase(origin, &field, text)?,
            case: Case::Insensitive,
        }),
        Value::Object(map) => {
            let place = format!("{origin}: field '{field}'");
            let fields = Fields { place: &place, map };
            let text = fields.required_string("text")?;
            let case = match fields.optional_string("case")?.as_deref() {
                None | Some("insensitive") => Case::Insensitive,
                Some("sensitive") => Case::Sensitive,
                Some(other) => {
                    return Err(Error::invalid(format!(
                        "{place}: field 'case': '{other}' (use \"sensitive\" or \"insensitive\")"
                    )))
                }
            };
            Ok(Alias {
                text: checked_phrase(origin, &field, &text)?,
                case,
            })
        }
        other => Err(Error::invalid(format!(
            "{origin}: field '{field}': expected a string or {{\"text\", \"case\"}}, found {}",
            type_name(other)
        ))),
    }
}

/// An alias or exclude phrase must contain something matchable and stay a phrase, not a paragraph.
fn checked_phrase(origin: &str, field: &str, text: &str) -> Result<String, Error> {
    if normalize_str(text, Fold::Case).is_empty() {
        return Err(Error::invalid(format!(
            "{origin}: field '{field}': empty alias (only spaces, dashes or invisible characters)"
        )));
    }
    let chars = text.chars().count();
    if chars > MAX_ALIAS_CHARS {
        return Err(Error::limit(format!(
            "{origin}: field '{field}': alias of {chars} characters exceeds the maximum of {MAX_ALIAS_CHARS}"
        )));
    }
    Ok(text.to_string())
}

/// Typed access to the fields of one JSON object, with errors that name the object.
struct Fields<'a> {
    place: &'a str,
    map: &'a Map<String, Value>,
}

impl Fields<'_> {
    fn get(&self, field: &str) -> Option<&Value> {
        self.map.get(field)
    }

    fn missing(&self, field: &str, expected: &str) -> Error {
        Error::invalid(format!(
            "{}: field '{field}' is missing (expected {expected})",
            self.place
        ))
    }

    fn wrong_type(&self, field: &str, expected: &str, found: &Value) -> Error {
        Error::invalid(format!(
            "{}: field '{field}': expected {expected}, found {}",
            self.place,
            type_name(found)
        ))
    }

    fn optional_string(&self, field: &str) -> Result<Option<String>, Error> {
        match self.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(self.wrong_type(field, "a string", other)),
        }
    }

    fn required_string(&self, field: &str) -> Result<String, Error> {
        match self.optional_string(field)? {
            Some(s) if !s.trim().is_empty() => Ok(s),
            Some(_) => Err(Error::invalid(format!(
                "{}: field '{field}' is empty",
                self.place
            ))),
            None => Err(self.missing(field, "a string")),
        }
    }

    fn optional_bool(&self, field: &str) -> Result<Option<bool>, Error> {
        match self.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(self.wrong_type(field, "true or false", other)),
        }
    }

    fn kind(&self) -> Result<Option<Kind>, Error> {
        match self.optional_string("kind")?.as_deref() {
            None => Ok(None),
            Some("actor") => Ok(Some(Kind::Actor)),
            Some("topic") => Ok(Some(Kind::Topic)),
            Some(other) => Err(Error::invalid(format!(
                "{}: field 'kind': '{other}' (use \"actor\" or \"topic\")",
                self.place
            ))),
        }
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Category ids become CSS identifiers (highlight names, class-free selectors), so they stay plain.
pub(crate) fn is_category_id(id: &str) -> bool {
    let mut chars = id.chars();
    id.len() <= 64
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn is_entry_id(id: &str) -> bool {
    let mut chars = id.chars();
    id.len() <= 128
        && chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '-'))
}

/// Whether `color` is a CSS colour that cannot break out of the rule it is written into: hex, a
/// functional notation with only numbers inside, or a named colour.
pub(crate) fn is_css_color(color: &str) -> bool {
    if let Some(hex) = color.strip_prefix('#') {
        return matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    for function in ["rgb(", "rgba(", "hsl(", "hsla("] {
        if let Some(arguments) = color
            .strip_prefix(function)
            .and_then(|r| r.strip_suffix(')'))
        {
            let arguments = arguments.replace("deg", "");
            return !arguments.trim().is_empty()
                && arguments
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%' | '/' | ' '));
        }
    }
    NAMED_COLORS
        .binary_search(&color.to_ascii_lowercase().as_str())
        .is_ok()
}

/// CSS named colours, sorted for binary search.
const NAMED_COLORS: &[&str] = &[
    "aliceblue",
    "antiquewhite",
    "aqua",
    "aquamarine",
    "azure",
    "beige",
    "bisque",
    "black",
    "blanchedalmond",
    "blue",
    "blueviolet",
    "brown",
    "burlywood",
    "cadetblue",
    "chartreuse",
    "chocolate",
    "coral",
    "cornflowerblue",
    "cornsilk",
    "crimson",
    "cyan",
    "darkblue",
    "darkcyan",
    "darkgoldenrod",
    "darkgray",
    "darkgreen",
    "darkgrey",
    "darkkhaki",
    "darkmagenta",
    "darkolivegreen",
    "darkorange",
    "darkorchid",
    "darkred",
    "darksalmon",
    "darkseagreen",
    "darkslateblue",
    "darkslategray",
    "darkslategrey",
    "darkturquoise",
    "darkviolet",
    "deeppink",
    "deepskyblue",
    "dimgray",
    "dimgrey",
    "dodgerblue",
    "firebrick",
    "floralwhite",
    "forestgreen",
    "fuchsia",
    "gainsboro",
    "ghostwhite",
    "gold",
    "goldenrod",
    "gray",
    "green",
    "greenyellow",
    "grey",
    "honeydew",
    "hotpink",
    "indianred",
    "indigo",
    "ivory",
    "khaki",
    "lavender",
    "lavenderblush",
    "lawngreen",
    "lemonchiffon",
    "lightblue",
    "lightcoral",
    "lightcyan",
    "lightgoldenrodyellow",
    "lightgray",
    "lightgreen",
    "lightgrey",
    "lightpink",
    "lightsalmon",
    "lightseagreen",
    "lightskyblue",
    "lightslategray",
    "lightslategrey",
    "lightsteelblue",
    "lightyellow",
    "lime",
    "limegreen",
    "linen",
    "magenta",
    "maroon",
    "mediumaquamarine",
    "mediumblue",
    "mediumorchid",
    "mediumpurple",
    "mediumseagreen",
    "mediumslateblue",
    "mediumspringgreen",
    "mediumturquoise",
    "mediumvioletred",
    "midnightblue",
    "mintcream",
    "mistyrose",
    "moccasin",
    "navajowhite",
    "navy",
    "oldlace",
    "olive",
    "olivedrab",
    "orange",
    "orangered",
    "orchid",
    "palegoldenrod",
    "palegreen",
    "paleturquoise",
    "palevioletred",
    "papayawhip",
    "peachpuff",
    "peru",
    "pink",
    "plum",
    "powderblue",
    "purple",
    "rebeccapurple",
    "red",
    "rosybrown",
    "royalblue",
    "saddlebrown",
    "salmon",
    "sandybrown",
    "seagreen",
    "seashell",
    "sienna",
    "silver",
    "skyblue",
    "slateblue",
    "slategray",
    "slategrey",
    "snow",
    "springgreen",
    "steelblue",
    "tan",
    "teal",
    "thistle",
    "tomato",
    "turquoise",
    "violet",
    "wheat",
    "white",
    "whitesmoke",
    "yellow",
    "yellowgreen",
];
