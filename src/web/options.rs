//! The options object of `highlight()` and `fromDictionaries()`, read field by field so that a bad
//! value is an error naming the field (`options.mode: expected "mark" or "css", got "marks"`).

use std::collections::HashSet;

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::paint::Mode;

/// Options of `highlight()` and `highlightAsync()`.
pub struct HighlightOptions {
    pub mode: Mode,
    /// Category ids to show; `None` shows all.
    pub categories: Option<HashSet<String>>,
    /// CSS selector of subtrees to leave alone.
    pub exclude: Option<String>,
    /// Live mode: follow changes with a MutationObserver.
    pub observe: bool,
    /// Called with the new report after live mode re-highlighted.
    pub on_update: Option<Function>,
    /// Longest slice of work between yields, for `highlightAsync` (milliseconds).
    pub slice_ms: f64,
}

pub fn error(message: impl AsRef<str>) -> JsValue {
    js_sys::Error::new(message.as_ref()).into()
}

fn field(options: &JsValue, name: &str) -> Result<Option<JsValue>, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    if !options.is_object() {
        return Err(error("options: expected an object"));
    }
    let value = Reflect::get(options, &JsValue::from_str(name))?;
    Ok((!value.is_undefined() && !value.is_null()).then_some(value))
}

fn string_list(value: &JsValue, name: &str) -> Result<Vec<String>, JsValue> {
    if !Array::is_array(value) {
        return Err(error(format!(
            "options.{name}: expected an array of strings"
        )));
    }
    Array::from(value)
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.as_string()
                .ok_or_else(|| error(format!("options.{name}[{i}]: expected a string")))
        })
        .collect()
}

impl HighlightOptions {
    /// Reads `options`; `css_available` decides the default mode.
    pub fn parse(
        options: &JsValue,
        css_available: bool,
        known_categories: &[&str],
    ) -> Result<HighlightOptions, JsValue> {
        let mode = match field(options, "mode")? {
            None => if css_available { Mode::Css } else { Mode::Mark },
            Some(value) => match value.as_string().as_deref() {
                Some("mark") => Mode::Mark,
                Some("css") if css_available => Mode::Css,
                Some("css") => return Err(error("options.mode: \"css\" needs the CSS Custom Highlight API, which this browser lacks; use \"mark\"")),
                _ => return Err(error(format!("options.mode: expected \"mark\" or \"css\", got {}", describe(&value)))),
            },
        };
        let categories = match field(options, "categories")? {
            None => None,
            Some(value) => Some(category_set(&value, known_categories)?),
        };
        let exclude = match field(options, "exclude")? {
            None => None,
            Some(value) => {
                let selector = value
                    .as_string()
                    .ok_or_else(|| error("options.exclude: expected a CSS selector string"))?;
                // Checked once here, so a bad selector is an error now rather than a silent no-op.
                let document = web_sys::window()
                    .and_then(|w| w.document())
                    .ok_or_else(|| error("no document"))?;
                document
                    .create_element("div")?
                    .matches(&selector)
                    .map_err(|_| {
                        error(format!(
                            "options.exclude: '{selector}' is not a valid CSS selector"
                        ))
                    })?;
                Some(selector)
            }
        };
        let observe = match field(options, "observe")? {
            None => false,
            Some(value) => value
                .as_bool()
                .ok_or_else(|| error("options.observe: expected true or false"))?,
        };
        let on_update = match field(options, "onUpdate")? {
            None => None,
            Some(value) => Some(
                value
                    .dyn_into::<Function>()
                    .map_err(|_| error("options.onUpdate: expected a function"))?,
            ),
        };
        let slice_ms = match field(options, "sliceMs")? {
            None => 8.0,
            Some(value) => match value.as_f64() {
                Some(ms) if ms > 0.0 => ms,
                _ => {
                    return Err(error(
                        "options.sliceMs: expected a positive number of milliseconds",
                    ))
                }
            },
        };
        Ok(HighlightOptions {
            mode,
            categories,
            exclude,
            observe,
            on_update,
            slice_ms,
        })
    }
}

/// Reads a list of category ids, each of which must exist.
pub fn category_set(value: &JsValue, known: &[&str]) -> Result<HashSet<String>, JsValue> {
    let ids = string_list(value, "categories")?;
    for id in &ids {
        if !known.contains(&id.as_str()) {
            return Err(error(format!(
                "options.categories: unknown category '{id}' (known: {})",
                known.join(", ")
            )));
        }
    }
    Ok(ids.into_iter().collect())
}

/// `useDefault` of `fromDictionaries` (default true).
pub fn use_default(options: &JsValue) -> Result<bool, JsValue> {
    match field(options, "useDefault")? {
        None => Ok(true),
        Some(value) => value
            .as_bool()
            .ok_or_else(|| error("options.useDefault: expected true or false")),
    }
}

fn describe(value: &JsValue) -> String {
    match value.as_string() {
        Some(s) => format!("\"{s}\""),
        None => value.js_typeof().as_string().unwrap_or_default(),
    }
}
