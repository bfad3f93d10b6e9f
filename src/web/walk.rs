//! One walk over a DOM subtree that cuts its text into blocks, following [`crate::dom_rules`].
//!
//! The walk is iterative, with an explicit stack instead of recursion, for two reasons: a page
//! nested 10,000 elements deep must not overflow the wasm stack, and the time-sliced
//! `highlightAsync` must be able to stop after any block and resume later. Each text node's data is
//! copied into Rust once, appended to its block's text; the matcher then runs once per block.

use wasm_bindgen::JsCast;
use web_sys::{Element, Node, ShadowRoot, Text};

use crate::dom_rules::{self, Role};

/// A text node's place in its block's text, in UTF-16 code units.
pub struct TextSpan {
    pub node: Text,
    pub start: usize,
    pub len: usize,
}

/// Consecutive text between two block boundaries.
pub struct TextBlock {
    pub spans: Vec<TextSpan>,
    pub text: String,
}

impl TextBlock {
    fn new() -> TextBlock {
        TextBlock {
            spans: Vec::new(),
            text: String::new(),
        }
    }

    fn utf16_len(&self) -> usize {
        self.spans.last().map_or(0, |s| s.start + s.len)
    }
}

/// Siblings still to visit at one level, and whether leaving the level ends a block.
struct Frame {
    next: Option<Node>,
    closes_block: bool,
}

/// Yields the text blocks of a subtree one by one.
pub struct Walker {
    stack: Vec<Frame>,
    block: TextBlock,
    exclude: Option<String>,
    /// Open shadow roots met so far (they need the highlight styles adopted).
    pub shadow_roots: Vec<ShadowRoot>,
}

const ELEMENT_NODE: u16 = 1;
const TEXT_NODE: u16 = 3;
const CDATA_SECTION_NODE: u16 = 4;
const DOCUMENT_NODE: u16 = 9;

impl Walker {
    /// A walk over the content of `root` (an element, a document, a shadow root or a fragment). The
    /// root itself is not tested against the skip rules: asking for it is explicit.
    pub fn new(root: &Node, exclude: Option<String>) -> Walker {
        let first = if root.node_type() == DOCUMENT_NODE {
            root.unchecked_ref::<web_sys::Document>()
                .document_element()
                .map(Node::from)
        } else {
            root.first_child()
        };
        let mut walker = Walker {
            stack: vec![Frame {
                next: first,
                closes_block: true,
            }],
            block: TextBlock::new(),
            exclude,
            shadow_roots: Vec::new(),
        };
        if let Some(shadow) = root.dyn_ref::<Element>().and_then(Element::shadow_root) {
            walker.shadow_roots.push(shadow.clone());
            walker.stack.push(Frame {
                next: shadow.first_child(),
                closes_block: true,
            });
        }
        walker
    }

    /// The next block with visible text, or `None` at the end of the subtree.
    pub fn next_block(&mut self) -> Option<TextBlock> {
        loop {
            let Some(frame) = self.stack.last_mut() else {
                return self.flush();
            };
            let Some(node) = frame.next.take() else {
                let frame = self.stack.pop().expect("the stack is not empty");
                if frame.closes_block {
                    if let Some(block) = self.flush() {
                        return Some(block);
                    }
                }
                continue;
            };
            frame.next = node.next_sibling();
            match node.node_type() {
                TEXT_NODE | CDATA_SECTION_NODE => self.add_text(node.unchecked_into()),
                ELEMENT_NODE => {
                    let element: Element = node.unchecked_into();
                    let role = self.role(&element);
                    if role == Role::Skip {
                        continue;
                    }
                    let block = if role == Role::Block {
                        self.flush()
                    } else {
                        None
                    };
                    self.stack.push(Frame {
                        next: element.first_child(),
                        closes_block: role == Role::Block,
                    });
                    if let Some(shadow) = element.shadow_root() {
                        // The shadow tree is what renders; it is read first, as blocks of its own.
                        self.stack.push(Frame {
                            next: shadow.first_child(),
                            closes_block: true,
                        });
                        self.shadow_roots.push(shadow);
                        if let Some(block) = block.or_else(|| self.flush()) {
                            return Some(block);
                        }
                        continue;
                    }
                    if block.is_some() {
                        return block;
                    }
                }
                _ => {}
            }
        }
    }

    fn add_text(&mut self, node: Text) {
        let data = node.data();
        if data.is_empty() {
            return;
        }
        let len = data.encode_utf16().count();
        let start = self.block.utf16_len();
        self.block.text.push_str(&data);
        self.block.spans.push(TextSpan { node, start, len });
    }

    /// Ends the current block; returns it if it holds more than white space.
    fn flush(&mut self) -> Option<TextBlock> {
        if self.block.spans.is_empty() {
            return None;
        }
        let block = std::mem::replace(&mut self.block, TextBlock::new());
        (!block.text.trim().is_empty()).then_some(block)
    }

    fn role(&self, element: &Element) -> Role {
        element_role(element, self.exclude.as_deref())
    }
}

/// The role of `element` in the walk: its tag's role, unless it is hidden, opted out, one of our
/// marks, or matches the `exclude` selector.
pub fn element_role(element: &Element, exclude: Option<&str>) -> Role {
    let name = element.local_name();
    let role = dom_rules::role(&name);
    if role == Role::Skip || is_hidden_or_opted_out(element, &name) {
        return Role::Skip;
    }
    match exclude {
        Some(selector) if element.matches(selector).unwrap_or(false) => Role::Skip,
        _ => role,
    }
}

/// Whether `element` is a mark newsmark created (by any highlighter).
pub fn is_newsmark_mark(element: &Element) -> bool {
    element.local_name() == "mark" && element.class_list().contains(dom_rules::MARK_CLASS)
}

fn is_hidden_or_opted_out(element: &Element, name: &str) -> bool {
    if name == "mark" && element.class_list().contains(dom_rules::MARK_CLASS) {
        return true;
    }
    if !element.has_attributes() {
        return false;
    }
    dom_rules::SKIP_ATTRIBUTES
        .iter()
        .any(|attribute| match element.get_attribute(attribute) {
            Some(value) => {
                !(*attribute == "contenteditable" && value.eq_ignore_ascii_case("false"))
            }
            None => false,
        })
        || element
            .get_attribute("style")
            .is_some_and(|style| dom_rules::style_hides(&style))
}
