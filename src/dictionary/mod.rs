//! The dictionary model: categories, entries and their aliases, and how several dictionaries merge.
//!
//! A dictionary is JSON (see `docs/dictionary.md`). Several of them stack: the embedded default first,
//! then the user's, each *layer* replacing entries with the same id, removing those it marks
//! `"disabled": true`, and overriding categories with the same id. Layers are parsed and checked one
//! by one ([`parse`]), so an error names the file it is in; what can only be checked once all layers
//! are known (does the entry's category exist?) is checked by [`DictionaryBuilder::build`].

mod builtin;
mod iso3166;
mod parse;

use std::collections::HashMap;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::error::Error;
use crate::normalize::{normalize_str, Fold};

/// Whether an entry names someone who acts (a country, a person, an organisation, a bloc) or
/// something the article is about (sanctions, arms, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Countries, capitals, leaders, organisations, blocs.
    Actor,
    /// Subjects such as sanctions, arms or space.
    Topic,
}

impl Kind {
    /// The name used in JSON and in `data-newsmark-kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Actor => "actor",
            Kind::Topic => "topic",
        }
    }
}

/// How an alias compares letter case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Case {
    /// Any letter case matches (Unicode lower-casing); the default.
    Insensitive,
    /// Only the exact letter case matches: for aliases such as "US" that are also common words.
    Sensitive,
}

/// One way an entry is written in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    /// The alias as written in the dictionary.
    pub text: String,
    /// Whether letter case must match exactly.
    pub case: Case,
}

impl Serialize for Alias {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.case {
            Case::Insensitive => serializer.serialize_str(&self.text),
            Case::Sensitive => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("text", &self.text)?;
                map.serialize_entry("case", "sensitive")?;
                map.end()
            }
        }
    }
}

/// A category: a colour and a legend line shared by entries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Category {
    /// The id, safe as a CSS identifier (`[a-z][a-z0-9_-]*`): highlight names derive from it.
    #[serde(skip)]
    pub id: String,
    /// What the legend shows.
    pub label: String,
    /// Whether the category holds actors or topics.
    pub kind: Kind,
    /// A validated CSS colour (hex, `rgb()`, `hsl()`).
    pub color: String,
}

/// One actor or topic with the aliases that name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Unique id (`[A-Za-z0-9][A-Za-z0-9_.:-]*`).
    pub id: String,
    /// Human-readable name.
    pub label: String,
    /// Actor or topic; the same as the category's.
    pub kind: Kind,
    /// The id of the entry's category.
    pub category: String,
    /// ISO 3166-1 alpha-3 code of the country an actor is tied to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The ways the entry is written.
    pub aliases: Vec<Alias>,
    /// Phrases that suppress this entry's match when the match lies inside one of them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
}

/// Index of an entry in a [`Dictionary`].
pub type EntryIndex = usize;

/// A merged, validated dictionary, ready to compile into a [`crate::Matcher`].
#[derive(Clone, Debug)]
pub struct Dictionary {
    name: String,
    categories: Vec<Category>,
    entries: Vec<Entry>,
    /// For each entry, the layer it came from: when two entries claim one alias the later layer wins.
    layers: Vec<usize>,
}

impl Dictionary {
    /// The embedded default dictionary (countries, leaders, organisations, blocs and topics).
    pub fn builtin() -> Dictionary {
        DictionaryBuilder::new()
            .with_builtin()
            .and_then(DictionaryBuilder::build)
            .expect("the embedded dictionary is checked by the test suite")
    }

    /// The dictionary's name (from the last layer that named one).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The categories, in the order they were first defined.
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// The entries, in merge order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The category with this id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// Merge rank of an entry: higher wins when two entries claim the same alias.
    pub(crate) fn rank(&self, entry: EntryIndex) -> (usize, usize) {
        (self.layers[entry], entry)
    }

    /// The total number of aliases.
    pub fn alias_count(&self) -> usize {
        self.entries.iter().map(|e| e.aliases.len()).sum()
    }

    /// Serialises the merged dictionary in the input format (one layer, nothing disabled).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a dictionary always serialises")
    }

    /// Things that are allowed but probably wrong: an alias claimed by two entries, short
    /// case-insensitive aliases that are also common words.
    pub fn warnings(&self) -> Vec<Warning> {
        let mut warnings = Vec::new();
        let mut claims: HashMap<String, &Entry> = HashMap::new();
        for entry in &self.entries {
            for alias in &entry.aliases {
                let key = normalize_str(&alias.text, Fold::Case);
                if alias.case == Case::Insensitive && is_risky_short_alias(&key) {
                    warnings.push(Warning {
                        entries: vec![entry.id.clone()],
                        message: format!(
                            "entry '{}': alias '{}' is short and case-insensitive, so it also matches the common word; mark it {{\"text\": \"{}\", \"case\": \"sensitive\"}}",
                            entry.id, alias.text, alias.text
                        ),
                    });
                }
                let key = match alias.case {
                    Case::Insensitive => key,
                    Case::Sensitive => normalize_str(&alias.text, Fold::Preserve),
                };
                match claims.get(&key) {
                    Some(other) if other.id != entry.id => warnings.push(Warning {
                        entries: vec![other.id.clone(), entry.id.clone()],
                        message: format!(
                            "alias '{}' is claimed by entries '{}' and '{}'; the later one wins",
                            alias.text, other.id, entry.id
                        ),
                    }),
                    _ => {
                        claims.insert(key, entry);
                    }
                }
            }
        }
        warnings
    }
}

/// Something allowed but probably wrong in a dictionary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The ids of the entries concerned.
    pub entries: Vec<String>,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// Short aliases and common English words that a case-insensitive alias would match as prose.
fn is_risky_short_alias(key: &str) -> bool {
    const COMMON_WORDS: &[&str] = &[
        "us", "is", "it", "in", "on", "or", "as", "at", "an", "am", "be", "by", "do", "go", "he",
        "if", "me", "my", "no", "of", "so", "to", "up", "we", "who", "may", "can", "will", "chad",
        "turkey", "china", "japan", "polish", "guinea", "jordan", "male", "nice", "mali",
    ];
    key.chars().count() <= 2 || COMMON_WORDS.contains(&key)
}

impl Serialize for Dictionary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Categories<'a>(&'a [Category]);
        impl Serialize for Categories<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for category in self.0 {
                    map.serialize_entry(&category.id, category)?;
                }
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("name", &self.name)?;
        map.serialize_entry("version", &1)?;
        map.serialize_entry("categories", &Categories(&self.categories))?;
        map.serialize_entry("entries", &self.entries)?;
        map.end()
    }
}

/// Stacks dictionary layers, then checks and freezes the result.
///
/// ```
/// use newsmark::DictionaryBuilder;
/// let mut builder = DictionaryBuilder::new().with_builtin()?;
/// builder.add_json("mine.json", r#"{"entries": [
///     {"id": "acme", "label": "Acme Corp", "category": "organization", "aliases": ["Acme"]}]}"#)?;
/// let dictionary = builder.build()?;
/// assert!(dictionary.entries().iter().any(|e| e.id == "acme"));
/// # Ok::<(), newsmark::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct DictionaryBuilder {
    name: String,
    categories: Vec<Category>,
    /// Entries in merge order; `None` where a later layer disabled one.
    slots: Vec<Option<Slot>>,
    /// Entry id to its position in `slots`, so a merge is linear in the number of entries.
    positions: HashMap<String, usize>,
    layer_count: usize,
}

/// An entry as parsed, before the merge settles its kind.
#[derive(Clone, Debug)]
struct Slot {
    draft: parse::Draft,
    layer: usize,
}

impl DictionaryBuilder {
    /// An empty builder (no default dictionary).
    pub fn new() -> DictionaryBuilder {
        DictionaryBuilder::default()
    }

    /// Adds the embedded default dictionary as the next layers.
    pub fn with_builtin(mut self) -> Result<DictionaryBuilder, Error> {
        for (name, json) in builtin::SOURCES {
            self.add_json(name, json)?;
        }
        Ok(self)
    }

    /// Parses one dictionary and stacks it on the layers so far. `source` names it in errors (a file
    /// name, "dictionary 2"). On error the builder is unchanged.
    pub fn add_json(&mut self, source: &str, json: &str) -> Result<&mut DictionaryBuilder, Error> {
        let layer = parse::parse_layer(source, json)?;
        let rank = self.layer_count;
        self.layer_count += 1;
        if let Some(name) = layer.name {
            self.name = name;
        }
        for category in layer.categories {
            match self.categories.iter_mut().find(|c| c.id == category.id) {
                Some(existing) => *existing = category,
                None => self.categories.push(category),
            }
        }
        for item in layer.items {
            let position = self.positions.get(item_id(&item)).copied();
            match (item, position) {
                (parse::Item::Disable { id, .. }, Some(i)) => {
                    self.slots[i] = None;
                    self.positions.remove(&id);
                }
                (parse::Item::Disable { .. }, None) => {}
                (parse::Item::Entry(draft), Some(i)) => {
                    self.slots[i] = Some(Slot { draft, layer: rank });
                }
                (parse::Item::Entry(draft), None) => {
                    self.positions
                        .insert(draft.entry.id.clone(), self.slots.len());
                    self.slots.push(Some(Slot { draft, layer: rank }));
                }
            }
        }
        Ok(self)
    }

    /// Checks what needs all layers (each entry's category exists and has the entry's kind) and
    /// returns the merged dictionary.
    pub fn build(self) -> Result<Dictionary, Error> {
        let mut entries = Vec::with_capacity(self.positions.len());
        let mut layers = Vec::with_capacity(self.positions.len());
        for Slot { draft, layer } in self.slots.into_iter().flatten() {
            let parse::Draft {
                mut entry,
                kind,
                origin,
            } = draft;
            let Some(category) = self.categories.iter().find(|c| c.id == entry.category) else {
                let known: Vec<&str> = self.categories.iter().map(|c| c.id.as_str()).collect();
                return Err(Error::invalid(format!(
                    "{origin}: field 'category': unknown category '{}' (known: {})",
                    entry.category,
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                )));
            };
            match kind {
                Some(kind) if kind != category.kind => {
                    return Err(Error::invalid(format!(
                        "{origin}: field 'kind': '{}' but category '{}' holds {}s",
                        kind.as_str(),
                        category.id,
                        category.kind.as_str()
                    )));
                }
                _ => entry.kind = category.kind,
            }
            entries.push(entry);
            layers.push(layer);
        }
        Ok(Dictionary {
            name: self.name,
            categories: self.categories,
            entries,
            layers,
        })
    }
}

fn item_id(item: &parse::Item) -> &str {
    match item {
        parse::Item::Disable { id } => id,
        parse::Item::Entry(draft) => &draft.entry.id,
    }
}

#[cfg(test)]
mod tests;
