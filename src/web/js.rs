//! Bindings web-sys does not offer (or offers only behind unstable flags): the CSS Custom Highlight
//! API, text data as JavaScript strings, adopted style sheets, and timers.
//!
//! Text data is read and written as `JsString` where Rust does not need its characters: restoring a
//! text node then moves a string handle, not a copy, across the wasm boundary.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A set of ranges painted with one `::highlight()` style.
    #[wasm_bindgen(js_name = Highlight)]
    pub type Highlight;

    #[wasm_bindgen(constructor, js_class = "Highlight", catch)]
    pub fn new() -> Result<Highlight, JsValue>;

    #[wasm_bindgen(method, js_class = "Highlight")]
    pub fn add(this: &Highlight, range: &web_sys::Range);

    #[wasm_bindgen(method, js_class = "Highlight", js_name = delete)]
    pub fn remove(this: &Highlight, range: &web_sys::Range) -> bool;

    #[wasm_bindgen(method, js_class = "Highlight")]
    pub fn clear(this: &Highlight);

    #[wasm_bindgen(method, getter, js_class = "Highlight")]
    pub fn size(this: &Highlight) -> u32;

    #[wasm_bindgen(method, setter, js_class = "Highlight")]
    pub fn set_priority(this: &Highlight, priority: i32);

    /// `CSS.highlights`.
    pub type HighlightRegistry;

    #[wasm_bindgen(method, js_name = set)]
    pub fn set(this: &HighlightRegistry, name: &str, highlight: &Highlight);

    #[wasm_bindgen(method, js_name = delete)]
    pub fn remove(this: &HighlightRegistry, name: &str) -> bool;

    #[wasm_bindgen(method, js_name = get)]
    pub fn get(this: &HighlightRegistry, name: &str) -> JsValue;

    /// A text node seen through its `data` as a JavaScript string.
    #[wasm_bindgen(extends = web_sys::Text)]
    pub type TextData;

    #[wasm_bindgen(method, getter, js_name = data)]
    pub fn data_js(this: &TextData) -> js_sys::JsString;

    #[wasm_bindgen(method, setter, js_name = data)]
    pub fn set_data_js(this: &TextData, data: &js_sys::JsString);

    /// A node seen through its `textContent` as a JavaScript string.
    #[wasm_bindgen(extends = web_sys::Node)]
    pub type NodeText;

    #[wasm_bindgen(method, getter, js_name = textContent)]
    pub fn text_content_js(this: &NodeText) -> js_sys::JsString;

    /// Anything with `adoptedStyleSheets` (a document or a shadow root).
    pub type StyleSheetHost;

    #[wasm_bindgen(method, getter, js_name = adoptedStyleSheets)]
    pub fn adopted_style_sheets(this: &StyleSheetHost) -> JsValue;

    #[wasm_bindgen(method, setter, js_name = adoptedStyleSheets)]
    pub fn set_adopted_style_sheets(this: &StyleSheetHost, sheets: &js_sys::Array);

    #[wasm_bindgen(js_name = setTimeout)]
    pub fn set_timeout(callback: &js_sys::Function, milliseconds: i32) -> i32;

    #[wasm_bindgen(js_name = clearTimeout)]
    pub fn clear_timeout(handle: i32);
}

/// `CSS.highlights`, where the browser has the CSS Custom Highlight API.
pub fn highlight_registry() -> Option<HighlightRegistry> {
    let css = js_sys::Reflect::get(&js_sys::global(), &"CSS".into()).ok()?;
    let registry = js_sys::Reflect::get(&css, &"highlights".into()).ok()?;
    (!registry.is_undefined() && !registry.is_null()).then(|| registry.unchecked_into())
}
