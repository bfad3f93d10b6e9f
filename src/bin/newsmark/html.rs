//! The visible text of an HTML document, read with the same DOM rules as the browser highlighter.
//!
//! html5ever (through scraper) builds the tree a browser would; the walk then applies
//! [`newsmark::dom_rules`]: skipped elements and hidden subtrees are left out, and each block element
//! starts a new block, so a match never spans two paragraphs. The walk is iterative (tree edges,
//! not recursion), so a document nested 10,000 levels deep cannot overflow the stack.

use ego_tree::iter::Edge;
use newsmark::dom_rules::{self, Role};
use scraper::{Html, Node};

/// Splits an HTML document into blocks of visible text (whitespace-only blocks dropped).
pub fn blocks(html: &str) -> Vec<String> {
    let document = Html::parse_document(html);
    let mut blocks = Vec::new();
    let mut current = String::new();
    // While > 0, we are inside that many skipped elements.
    let mut skipping = 0usize;
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) if skipping > 0 || is_skipped(element) => skipping += 1,
                Node::Element(element) if dom_rules::role(element.name()) == Role::Block => {
                    flush(&mut current, &mut blocks)
                }
                Node::Text(text) if skipping == 0 => current.push_str(text),
                _ => {}
            },
            Edge::Close(node) => match node.value() {
                Node::Element(_) if skipping > 0 => skipping -= 1,
                Node::Element(element) if dom_rules::role(element.name()) == Role::Block => {
                    flush(&mut current, &mut blocks)
                }
                _ => {}
            },
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

fn is_skipped(element: &scraper::node::Element) -> bool {
    dom_rules::role(element.name()) == Role::Skip
        || element.has_class(
            dom_rules::MARK_CLASS,
            scraper::CaseSensitivity::CaseSensitive,
        ) && element.name() == "mark"
        || dom_rules::SKIP_ATTRIBUTES
            .iter()
            .any(|attribute| match element.attr(attribute) {
                Some(value) => {
                    !(*attribute == "contenteditable" && value.eq_ignore_ascii_case("false"))
                }
                None => false,
            })
        || element.attr("style").is_some_and(dom_rules::style_hides)
}

fn flush(current: &mut String, blocks: &mut Vec<String>) {
    if !current.trim().is_empty() {
        blocks.push(std::mem::take(current));
    } else {
        current.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_skip_scripts_and_split_paragraphs() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>\
            <p>Kim <b>Jong Un</b> met</p><p>Putin</p><script>var Russia;</script>\
            <div hidden>Iran</div><textarea>China</textarea><p style='display:none'>Cuba</p>\
            <p contenteditable='false'>Chad</p></body></html>";
        assert_eq!(blocks(html), vec!["Kim Jong Un met", "Putin", "Chad"]);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!(
            "{}Russia{}",
            "<span>".repeat(20_000),
            "</span>".repeat(20_000)
        );
        assert_eq!(blocks(&html), vec!["Russia"]);
    }
}
