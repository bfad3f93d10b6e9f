//! Scanning one input and writing it as JSON, JSON Lines or text.

use std::io::Write;

use anyhow::{bail, Context, Result};
use newsmark::{Analysis, Matcher, Report};
use serde::Serialize;
use serde_json::Value;

use crate::args::Format;
use crate::html;

/// One scanned input: its text, matches and summary.
pub struct Document<'a> {
    name: String,
    /// The visible text of an HTML input, which the offsets refer to (`None` for plain text: the
    /// offsets refer to the input itself).
    html_text: Option<String>,
    matches: Vec<MatchOut<'a>>,
    summary: Report,
}

/// A match as printed: offsets, the original text and the entry it belongs to.
#[derive(Serialize)]
struct MatchOut<'a> {
    start: usize,
    end: usize,
    start_byte: usize,
    end_byte: usize,
    text: String,
    entry: &'a str,
    label: &'a str,
    kind: &'a str,
    category: &'a str,
    country: Option<&'a str>,
}

impl<'a> Document<'a> {
    /// Scans `raw` (plain text, or HTML when `is_html`: its blocks of visible text, joined by blank
    /// lines, each matched on its own so no match spans two blocks).
    pub fn scan(matcher: &'a Matcher, name: &str, raw: &str, is_html: bool) -> Document<'a> {
        let blocks = if is_html {
            html::blocks(raw)
        } else {
            vec![raw.to_string()]
        };
        let dictionary = matcher.dictionary();
        let mut analysis = Analysis::new(dictionary);
        let mut text = String::with_capacity(raw.len());
        let mut matches = Vec::new();
        let mut utf16_offset = 0;
        for block in &blocks {
            if !text.is_empty() {
                text.push_str("\n\n");
                utf16_offset += 2;
            }
            let byte_offset = text.len();
            let found = matcher.find(block);
            analysis.add(block, &found);
            for m in &found {
                let entry = &dictionary.entries()[m.entry];
                matches.push(MatchOut {
                    start: utf16_offset + m.start,
                    end: utf16_offset + m.end,
                    start_byte: byte_offset + m.start_byte,
                    end_byte: byte_offset + m.end_byte,
                    text: block[m.start_byte..m.end_byte].to_string(),
                    entry: &entry.id,
                    label: &entry.label,
                    kind: entry.kind.as_str(),
                    category: &entry.category,
                    country: entry.country.as_deref(),
                });
            }
            text.push_str(block);
            utf16_offset += block.encode_utf16().count();
        }
        let html_text = is_html.then_some(text);
        Document {
            name: name.to_string(),
            html_text,
            matches,
            summary: analysis.report(),
        }
    }

    /// Writes the document in `format`, the matches left out with `summary_only`.
    pub fn write(&self, out: &mut Vec<u8>, format: Format, summary_only: bool) -> Result<()> {
        match format {
            Format::Json => {
                let json = self.json("file", Value::from(self.name.as_str()), summary_only);
                serde_json::to_writer_pretty(&mut *out, &json)?;
                out.push(b'\n');
            }
            Format::Jsonl => {
                self.write_record(out, "file", Value::from(self.name.as_str()), summary_only)?
            }
            Format::Text => self.write_text(out, summary_only)?,
        }
        Ok(())
    }

    /// Writes one JSON line whose first field is `key: id` (`file`, or the `id` of a JSON Lines
    /// record).
    pub fn write_record(
        &self,
        out: &mut Vec<u8>,
        key: &str,
        id: Value,
        summary_only: bool,
    ) -> Result<()> {
        serde_json::to_writer(&mut *out, &self.json(key, id, summary_only))?;
        out.push(b'\n');
        Ok(())
    }

    fn json(&self, key: &str, id: Value, summary_only: bool) -> Value {
        let mut object = serde_json::Map::new();
        object.insert(key.to_string(), id);
        if let Some(text) = &self.html_text {
            object.insert("text".into(), Value::from(text.as_str()));
        }
        if !summary_only {
            object.insert(
                "matches".into(),
                serde_json::to_value(&self.matches).expect("matches serialise"),
            );
        }
        object.insert(
            "summary".into(),
            serde_json::to_value(&self.summary).expect("reports serialise"),
        );
        Value::Object(object)
    }

    fn write_text(&self, out: &mut Vec<u8>, summary_only: bool) -> Result<()> {
        if !summary_only {
            for m in &self.matches {
                writeln!(
                    out,
                    "{}:{}-{}\t{}\t{}\t{}",
                    self.name, m.start, m.end, m.category, m.entry, m.text
                )?;
            }
        }
        let s = &self.summary;
        let categories: Vec<String> = s
            .categories
            .iter()
            .filter(|(_, &n)| n > 0)
            .map(|(id, n)| format!("{id} {n}"))
            .collect();
        writeln!(
            out,
            "{}: {} matches ({})",
            self.name,
            s.total,
            categories.join(", ")
        )?;
        for entry in &s.entries {
            let country = entry
                .country
                .as_deref()
                .map(|c| format!(" [{c}]"))
                .unwrap_or_default();
            writeln!(
                out,
                "  {:>5}  {} {}{}",
                entry.count,
                entry.kind.as_str(),
                entry.label,
                country
            )?;
        }
        for pair in s.cooccurrence.iter().take(20) {
            writeln!(out, "  {:>5}  {} + {}", pair.count, pair.actor, pair.topic)?;
        }
        Ok(())
    }
}

/// One line of `--format jsonl` input: `{"id": ..., "text": "..."}`.
pub struct Record {
    pub id: Value,
    pub text: String,
}

impl Record {
    pub fn parse(line: &str) -> Result<Record> {
        let value: Value = serde_json::from_str(line).context("not a JSON object")?;
        let Value::Object(mut object) = value else {
            bail!("expected a JSON object {{\"id\", \"text\"}}")
        };
        let id = object.remove("id").unwrap_or(Value::Null);
        match object.remove("text") {
            Some(Value::String(text)) => Ok(Record { id, text }),
            Some(_) => bail!("field 'text': expected a string"),
            None => bail!("field 'text' is missing"),
        }
    }

    /// How the record is named in errors.
    pub fn id_label(&self) -> String {
        self.id.to_string()
    }
}
