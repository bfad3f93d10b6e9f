//! The highlight colours as one constructed style sheet per highlighter, adopted by the document and
//! by every shadow root the walk enters.
//!
//! Adopted sheets are not part of the DOM, so styling changes nothing a page (or `innerHTML`) can
//! see, and a shadow root gets the rules it needs (document styles do not reach into it). Colours
//! and category ids are validated when the dictionary loads, so the rule text cannot be broken out
//! of. Text is black on the light category colours, readable on light and dark pages alike;
//! `!important` keeps page styles such as `mark { background: yellow }` from winning.

use std::collections::HashSet;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::CssStyleSheet;

use super::js::StyleSheetHost;
use crate::dom_rules::MARK_CLASS;
use crate::Dictionary;

/// The name of the CSS highlight that marks the current occurrence (next/previous).
pub const CURRENT_HIGHLIGHT: &str = "newsmark-current";

/// The CSS highlight name of a category.
pub fn highlight_name(category: &str) -> String {
    format!("newsmark-{category}")
}

/// The rules for `dictionary`'s categories; hidden categories are painted transparent in mark mode
/// (css mode simply leaves their ranges out of the registry).
pub fn rules(dictionary: &Dictionary, hidden: &HashSet<String>, instance: &str) -> String {
    let mut css = String::new();
    for category in dictionary.categories() {
        let (id, color) = (&category.id, &category.color);
        let mark = format!(
            "mark.{MARK_CLASS}[data-newsmark-highlighter=\"{instance}\"][data-newsmark-category=\"{id}\"]"
        );
        if hidden.contains(id) {
            css.push_str(&format!(
                "{mark}{{background:none!important;color:inherit!important;box-shadow:none!important}}\n"
            ));
        } else {
            css.push_str(&format!(
                "{mark}{{background:{color}!important;color:#000!important}}\n::highlight({}){{background-color:{color};color:#000}}\n",
                highlight_name(id)
            ));
        }
    }
    css.push_str(&format!(
        "mark.{MARK_CLASS}{{padding:0 .08em;border-radius:.2em;box-decoration-break:clone;-webkit-box-decoration-break:clone}}\n\
         mark.{MARK_CLASS}.newsmark-current{{outline:2px solid #d00000!important;outline-offset:1px}}\n\
         ::highlight({CURRENT_HIGHLIGHT}){{background-color:#111;color:#fff;text-decoration:underline 3px #d00000}}\n"
    ));
    css
}

/// A style sheet and the documents and shadow roots that adopted it.
pub struct Sheet {
    sheet: CssStyleSheet,
    hosts: Vec<JsValue>,
}

impl Sheet {
    pub fn new(css: &str) -> Result<Sheet, JsValue> {
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(css)?;
        Ok(Sheet {
            sheet,
            hosts: Vec::new(),
        })
    }

    pub fn replace(&self, css: &str) -> Result<(), JsValue> {
        self.sheet.replace_sync(css)
    }

    /// Adopts the sheet into `host` (a document or shadow root) unless it already has it.
    pub fn adopt(&mut self, host: &JsValue) {
        if self.hosts.iter().any(|h| h == host) {
            return;
        }
        let target: &StyleSheetHost = host.unchecked_ref();
        let sheets = js_sys::Array::from(&target.adopted_style_sheets());
        sheets.push(&self.sheet);
        target.set_adopted_style_sheets(&sheets);
        self.hosts.push(host.clone());
    }

    /// Removes the sheet from every host that adopted it.
    pub fn release(&mut self) {
        for host in self.hosts.drain(..) {
            let target: &StyleSheetHost = host.unchecked_ref();
            let sheets = js_sys::Array::from(&target.adopted_style_sheets());
            let kept: js_sys::Array = sheets
                .iter()
                .filter(|s| *s != JsValue::from(&self.sheet))
                .collect();
            target.set_adopted_style_sheets(&kept);
        }
    }
}
