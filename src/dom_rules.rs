//! How a web page is read as text: which elements break text into separate blocks, which are skipped.
//!
//! These tables are the single source of truth for both ways newsmark reads a page: the wasm
//! highlighter walks the DOM with them through web-sys, and the extension's JavaScript fallback (for
//! pages whose CSP refuses WebAssembly in content scripts) receives them as JSON from [`rules_json`],
//! so the two paths cannot drift apart. They are plain data, with no web types, so they are tested
//! natively like the rest of the core.
//!
//! Matches never cross a block boundary ("Korea" at the end of one paragraph and "North" at the start
//! of the next are not "North Korea"), but do cross inline elements ("Kim <b>Jong Un</b>").

use serde::Serialize;

/// What an element does to the text flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Its text is not read at all (scripts, form fields, SVG, …).
    Skip,
    /// It starts and ends a block: text before, inside and after it is matched separately.
    Block,
    /// Its text joins the surrounding text.
    Inline,
}

/// Elements whose start and end break the text into separate blocks. Sorted.
pub const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "img",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "picture",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "xmp",
];

/// Elements whose content is never read: code, form fields, embedded documents, non-HTML content,
/// ruby annotations (furigana would split the words they annotate). Sorted.
pub const SKIPPED_ELEMENTS: &[&str] = &[
    "audio", "base", "canvas", "datalist", "embed", "head", "iframe", "input", "link", "math",
    "meta", "noscript", "object", "optgroup", "option", "rp", "rt", "script", "select", "style",
    "svg", "template", "textarea", "title", "video",
];

/// Attributes that make an element (and its subtree) skipped, whatever their value, except
/// `contenteditable="false"`: `hidden`, `contenteditable` (never touch what a user is typing in) and
/// the opt-out `data-newsmark-skip`.
pub const SKIP_ATTRIBUTES: &[&str] = &["hidden", "contenteditable", "data-newsmark-skip"];

/// The class of the `<mark>` elements newsmark creates; text inside one is never read again, so
/// highlighting twice never nests marks, even across highlighter instances.
pub const MARK_CLASS: &str = "newsmark";

/// The role of an element, by its lower-case local name.
pub fn role(local_name: &str) -> Role {
    if SKIPPED_ELEMENTS.binary_search(&local_name).is_ok() {
        Role::Skip
    } else if BLOCK_ELEMENTS.binary_search(&local_name).is_ok() || local_name.contains('-') {
        // Custom elements usually render as boxes of their own; treating them as blocks never glues
        // two unrelated texts together.
        Role::Block
    } else {
        Role::Inline
    }
}

/// Whether an inline `style` attribute hides the element (the cheap part of "is it displayed":
/// computed styles would force a style recalculation per element).
pub fn style_hides(style: &str) -> bool {
    let compact: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    compact.split(';').any(|declaration| {
        let declaration = declaration.trim_end_matches("!important");
        declaration == "display:none" || declaration == "visibility:hidden"
    })
}

/// The rules as JSON, for the JavaScript walker: `{"block": [...], "skip": [...],
/// "skipAttributes": [...], "markClass": "newsmark", "customElementsAreBlocks": true}`.
pub fn rules_json() -> String {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Rules {
        block: &'static [&'static str],
        skip: &'static [&'static str],
        skip_attributes: &'static [&'static str],
        mark_class: &'static str,
        custom_elements_are_blocks: bool,
    }
    serde_json::to_string(&Rules {
        block: BLOCK_ELEMENTS,
        skip: SKIPPED_ELEMENTS,
        skip_attributes: SKIP_ATTRIBUTES,
        mark_class: MARK_CLASS,
        custom_elements_are_blocks: true,
    })
    .expect("static tables serialise")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_disjoint() {
        assert!(BLOCK_ELEMENTS.windows(2).all(|w| w[0] < w[1]));
        assert!(SKIPPED_ELEMENTS.windows(2).all(|w| w[0] < w[1]));
        assert!(BLOCK_ELEMENTS.iter().all(|b| !SKIPPED_ELEMENTS.contains(b)));
    }

    #[test]
    fn roles() {
        assert_eq!(role("p"), Role::Block);
        assert_eq!(role("br"), Role::Block);
        assert_eq!(role("b"), Role::Inline);
        assert_eq!(role("a"), Role::Inline);
        assert_eq!(role("script"), Role::Skip);
        assert_eq!(role("my-widget"), Role::Block);
    }

    #[test]
    fn inline_styles_that_hide() {
        assert!(style_hides("display: none"));
        assert!(style_hides("color:red; DISPLAY:NONE !important"));
        assert!(style_hides("visibility:hidden"));
        assert!(!style_hides("display:block"));
        assert!(!style_hides(""));
    }
}
