//! Putting matches on the page and taking them off again, in both modes.
//!
//! **mark mode** wraps each piece of a match (a match crossing `<b>` has two pieces) in
//! `<mark class="newsmark" data-newsmark-…>`. It is reversible by construction, after Hypothesis'
//! highlighter: a text node is cut with `splitText`, so the original node stays first in place and
//! keeps its identity; the record of the cut holds every node that took the text node's place.
//! Undoing puts the original node back holding the pieces' text joined again and removes the rest —
//! no `normalize()`, so text nodes that were separate stay separate and `innerHTML` is
//! byte-identical. If the page rewrote the node meanwhile (React setting `nodeValue`), the page's
//! data is kept and only our additions go. Whitespace-only pieces are never wrapped (that breaks
//! tables and lists).
//!
//! **css mode** creates one `Range` per match and adds it to the category's `Highlight` in
//! `CSS.highlights`; the DOM is not touched at all.

use std::collections::{HashMap, HashSet};

use js_sys::JsString;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Node, Range, Text};

use super::js::{Highlight, HighlightRegistry, NodeText, TextData};
use super::style::highlight_name;
use super::walk::TextBlock;
use crate::dom_rules::MARK_CLASS;
use crate::{Dictionary, EntryIndex, Match};

/// How matches are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Mark,
    Css,
}

/// Where a match was put on the page.
#[derive(Clone)]
pub enum Target {
    /// The marks of its pieces, in order.
    Marks(Vec<Element>),
    /// Its range, in css mode.
    Range(Range),
}

/// A match and where it is shown.
pub struct Placed {
    pub entry: EntryIndex,
    pub target: Target,
}

/// The reversible edit of one text node in mark mode.
struct Split {
    original: TextData,
    /// What the original node held after the cut, to tell whether the page rewrote it since.
    left_data: JsString,
    /// The nodes that took the original's place, in order (marks and split-off text nodes); the
    /// original itself is the first, or inside the first mark.
    outer: Vec<Node>,
}

/// A highlighted block: its text and matches (for reports), and how to undo it.
pub struct PaintedBlock {
    pub text: String,
    pub matches: Vec<Match>,
    pub placed: Vec<Placed>,
    splits: Vec<Split>,
    /// The first text node of the block, for containment and document order.
    pub anchor: Text,
}

/// One piece of a match inside one text node, in UTF-16 units of that node.
struct Piece {
    span: usize,
    start: usize,
    end: usize,
    /// Index of the match in the block.
    match_index: usize,
}

/// What painting needs: the document, the dictionary, the highlights, the hidden categories.
pub struct Painter {
    pub document: Document,
    pub mode: Mode,
    pub hidden: HashSet<String>,
    /// The highlighter's id on the page (`data-newsmark-highlighter`), which scopes its styles.
    instance: String,
    highlights: Option<Highlights>,
    next_match_id: u64,
    /// One unattached mark per entry, cloned for each piece.
    templates: HashMap<EntryIndex, Element>,
}

impl Painter {
    pub fn new(
        document: Document,
        mode: Mode,
        hidden: HashSet<String>,
        instance: String,
    ) -> Result<Painter, JsValue> {
        let highlights = match mode {
            Mode::Css => Some(Highlights::new()?),
            Mode::Mark => None,
        };
        Ok(Painter {
            document,
            mode,
            hidden,
            instance,
            highlights,
            next_match_id: 0,
            templates: HashMap::new(),
        })
    }

    /// Shows `matches` of `block` on the page.
    pub fn paint(
        &mut self,
        dictionary: &Dictionary,
        block: TextBlock,
        matches: Vec<Match>,
    ) -> Result<PaintedBlock, JsValue> {
        let pieces = pieces(&block, &matches);
        let anchor = block.spans[0].node.clone();
        let mut painted = PaintedBlock {
            text: block.text,
            matches,
            placed: Vec::new(),
            splits: Vec::new(),
            anchor,
        };
        match self.mode {
            Mode::Mark => self.wrap(dictionary, &block.spans, &pieces, &mut painted)?,
            Mode::Css => {
                // One range per match, from its first piece to its last.
                let mut i = 0;
                while i < pieces.len() {
                    let first = &pieces[i];
                    let mut last = first;
                    while i + 1 < pieces.len() && pieces[i + 1].match_index == first.match_index {
                        i += 1;
                        last = &pieces[i];
                    }
                    i += 1;
                    let range = self.document.create_range()?;
                    range.set_start(&block.spans[first.span].node, as_u32(first.start))?;
                    range.set_end(&block.spans[last.span].node, as_u32(last.end))?;
                    let entry = painted.matches[first.match_index].entry;
                    let category = &dictionary.entries()[entry].category;
                    if !self.hidden.contains(category) {
                        self.highlights()?.add(category, &range)?;
                    }
                    painted.placed.push(Placed {
                        entry,
                        target: Target::Range(range),
                    });
                }
            }
        }
        Ok(painted)
    }

    fn wrap(
        &mut self,
        dictionary: &Dictionary,
        spans: &[super::walk::TextSpan],
        pieces: &[Piece],
        painted: &mut PaintedBlock,
    ) -> Result<(), JsValue> {
        // Marks of each match, collected in order; one match id per match.
        let mut marks: HashMap<usize, Vec<Element>> = HashMap::new();
        let mut ids: HashMap<usize, String> = HashMap::new();
        let mut i = 0;
        while i < pieces.len() {
            let span_index = pieces[i].span;
            let span = &spans[span_index];
            let original: TextData = span.node.clone().unchecked_into();
            let mut outer: Vec<Node> = Vec::new();
            let mut current: Option<Text> = Some(span.node.clone());
            let mut offset = 0;
            while i < pieces.len() && pieces[i].span == span_index {
                let piece = &pieces[i];
                i += 1;
                let Some(mut node) = current.take() else {
                    break;
                };
                if piece.start > offset {
                    let rest = node.split_text(as_u32(piece.start - offset))?;
                    outer.push(node.into());
                    node = rest;
                }
                if piece.end < span.len {
                    current = Some(node.split_text(as_u32(piece.end - piece.start))?);
                }
                offset = piece.end;
                let m = &painted.matches[piece.match_index];
                let id = ids.entry(piece.match_index).or_insert_with(|| {
                    self.next_match_id += 1;
                    self.next_match_id.to_string()
                });
                let mark = self.mark(dictionary, m.entry, id)?;
                let parent = node.parent_node().ok_or_else(|| {
                    JsValue::from_str("a text node lost its parent while highlighting")
                })?;
                parent.insert_before(&mark, Some(&node))?;
                mark.append_child(&node)?;
                outer.push(mark.clone().into());
                marks.entry(piece.match_index).or_default().push(mark);
            }
            if let Some(rest) = current {
                outer.push(rest.into());
            }
            let left_data = original.data_js();
            painted.splits.push(Split {
                original,
                left_data,
                outer,
            });
        }
        let mut indexes: Vec<usize> = marks.keys().copied().collect();
        indexes.sort_unstable();
        for index in indexes {
            let entry = painted.matches[index].entry;
            painted.placed.push(Placed {
                entry,
                target: Target::Marks(marks.remove(&index).unwrap_or_default()),
            });
        }
        Ok(())
    }

    /// A new mark for a piece of match `id` of `entry`: a shallow clone of the entry's template, so
    /// only the match number crosses the wasm boundary as a string (creating every attribute anew
    /// cost a fifth of mark mode's time in string conversions).
    fn mark(
        &mut self,
        dictionary: &Dictionary,
        entry: EntryIndex,
        id: &str,
    ) -> Result<Element, JsValue> {
        if !self.templates.contains_key(&entry) {
            let template = self.template(dictionary, entry)?;
            self.templates.insert(entry, template);
        }
        let mark: Element = self.templates[&entry].clone_node()?.unchecked_into();
        mark.set_attribute("data-newsmark-match", id)?;
        Ok(mark)
    }

    fn template(&self, dictionary: &Dictionary, entry: EntryIndex) -> Result<Element, JsValue> {
        let entry = &dictionary.entries()[entry];
        let mark = self.document.create_element("mark")?;
        mark.set_class_name(MARK_CLASS);
        mark.set_attribute("data-newsmark-entry", &entry.id)?;
        mark.set_attribute("data-newsmark-kind", entry.kind.as_str())?;
        mark.set_attribute("data-newsmark-category", &entry.category)?;
        mark.set_attribute("data-newsmark-highlighter", &self.instance)?;
        mark.set_attribute("title", &entry.label)?;
        Ok(mark)
    }

    fn highlights(&mut self) -> Result<&mut Highlights, JsValue> {
        self.highlights
            .as_mut()
            .ok_or_else(|| JsValue::from_str("css mode without highlights"))
    }

    /// Takes a block off the page. Never throws: nodes the page removed or moved are left alone.
    pub fn unpaint(&mut self, dictionary: &Dictionary, block: &PaintedBlock) {
        for split in &block.splits {
            undo_split(split);
        }
        if let Some(highlights) = self.highlights.as_mut() {
            for placed in &block.placed {
                if let Target::Range(range) = &placed.target {
                    highlights.remove(&dictionary.entries()[placed.entry].category, range);
                }
            }
        }
    }

    /// Shows or hides css-mode ranges after the hidden set changed.
    pub fn repaint_visibility(
        &mut self,
        dictionary: &Dictionary,
        blocks: &[PaintedBlock],
        hidden: HashSet<String>,
    ) -> Result<(), JsValue> {
        self.hidden = hidden;
        let Some(highlights) = self.highlights.as_mut() else {
            return Ok(());
        };
        for block in blocks {
            for placed in &block.placed {
                if let Target::Range(range) = &placed.target {
                    let category = &dictionary.entries()[placed.entry].category;
                    highlights.remove(category, range);
                    if !self.hidden.contains(category) {
                        highlights.add(category, range)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Removes highlight registrations this painter made that are now empty.
    pub fn release(&mut self) {
        if let Some(highlights) = self.highlights.as_mut() {
            highlights.release();
        }
    }
}

fn undo_split(split: &Split) {
    let Some(first) = split.outer.first() else {
        return;
    };
    let Some(parent) = first.parent_node() else {
        return;
    };
    let original: &Node = split.original.unchecked_ref();
    // The original text is the pieces' text joined again, which also keeps an edit the page made to
    // a piece meanwhile. If the page rewrote the original node itself (React setting `nodeValue`),
    // that node now holds the page's whole text and the other pieces are stale: keep it as it is.
    if split.original.data_js() == split.left_data {
        let joined = split.outer.iter().fold(JsString::from(""), |text, node| {
            text.concat(&node.unchecked_ref::<NodeText>().text_content_js())
        });
        split.original.set_data_js(&joined);
    }
    if first != original && parent.insert_before(original, Some(first)).is_err() {
        return;
    }
    for node in &split.outer {
        if node != original {
            if let Some(parent) = node.parent_node() {
                let _ = parent.remove_child(node);
            }
        }
    }
}

/// Cuts the matches of a block into pieces per text node, trimmed of white space at both ends
/// (whitespace-only pieces are dropped), so a mark never starts or ends with a space.
fn pieces(block: &TextBlock, matches: &[Match]) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut span = 0;
    for (match_index, m) in matches.iter().enumerate() {
        let mut unit = m.start;
        // The piece being built: its span and the extent of its visible characters.
        let mut current: Option<Piece> = None;
        for c in block.text[m.start_byte..m.end_byte].chars() {
            while block.spans[span].start + block.spans[span].len <= unit {
                span += 1;
            }
            let local = unit - block.spans[span].start;
            unit += c.len_utf16();
            if current.as_ref().is_some_and(|p| p.span != span) {
                pieces.extend(current.take());
            }
            if c.is_whitespace() {
                continue;
            }
            match &mut current {
                Some(piece) => piece.end = local + c.len_utf16(),
                None => {
                    current = Some(Piece {
                        span,
                        start: local,
                        end: local + c.len_utf16(),
                        match_index,
                    })
                }
            }
        }
        pieces.extend(current);
    }
    pieces
}

fn as_u32(n: usize) -> u32 {
    u32::try_from(n).expect("DOM offsets fit in u32")
}

/// The `Highlight` objects of the categories, shared through `CSS.highlights` with any other
/// highlighter on the page: ranges are added to and removed from the registered object, and a name
/// is unregistered only when its highlight is empty.
struct Highlights {
    registry: HighlightRegistry,
    by_category: HashMap<String, Highlight>,
}

impl Highlights {
    fn new() -> Result<Highlights, JsValue> {
        let registry = super::js::highlight_registry().ok_or_else(|| {
            JsValue::from_str(
                "this browser has no CSS Custom Highlight API (CSS.highlights); use mode \"mark\"",
            )
        })?;
        Ok(Highlights {
            registry,
            by_category: HashMap::new(),
        })
    }

    fn add(&mut self, category: &str, range: &Range) -> Result<(), JsValue> {
        if !self.by_category.contains_key(category) {
            let name = highlight_name(category);
            let existing = self.registry.get(&name);
            let highlight: Highlight = if existing.is_undefined() {
                Highlight::new()?
            } else {
                existing.unchecked_into()
            };
            self.registry.set(&name, &highlight);
            self.by_category.insert(category.to_string(), highlight);
        }
        self.by_category[category].add(range);
        Ok(())
    }

    fn remove(&mut self, category: &str, range: &Range) {
        if let Some(highlight) = self.by_category.get(category) {
            highlight.remove(range);
        }
    }

    fn release(&mut self) {
        for (category, highlight) in self.by_category.drain() {
            if highlight.size() == 0 {
                self.registry.remove(&highlight_name(&category));
            }
        }
    }
}
