//! The JavaScript API, compiled only for `wasm32`: `Highlighter` and `domRules`.
//!
//! Exports are thin, as in the wasm-bindgen examples: convert the arguments, call the core (or the
//! DOM modules of this layer), convert the result, and return `Result` so every bad input becomes a
//! JavaScript `Error` with a message that names the place. Nothing here panics on input; a panic
//! would be a bug, and `console_error_panic_hook` makes it readable in the console.

mod js;
mod live;
mod options;
mod paint;
mod session;
mod style;
mod walk;

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Promise, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::Node;

use crate::{DictionaryBuilder, Matcher};
use live::LiveObserver;
use options::{error, HighlightOptions};
use session::State;
use walk::Walker;

#[wasm_bindgen]
extern "C" {
    /// The options object of `highlight` (typed in the .d.ts, read field by field in `options.rs`).
    #[wasm_bindgen(typescript_type = "HighlightOptions")]
    pub type HighlightOptionsArg;

    /// The options object of `fromDictionaries`.
    #[wasm_bindgen(typescript_type = "DictionaryOptions")]
    pub type DictionaryOptionsArg;
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A match found by `scan`: offsets in UTF-16 code units. */
export interface ScanMatch {
  /** Start offset (UTF-16 code units). */
  start: number;
  /** End offset, exclusive (UTF-16 code units). */
  end: number;
  /** The matched text as it appears in the input. */
  text: string;
  /** Id of the dictionary entry. */
  entry: string;
  /** Label of the entry. */
  label: string;
  /** "actor" or "topic". */
  kind: Kind;
  /** Category id of the entry. */
  category: string;
  /** ISO 3166-1 alpha-3 code of the entry's country, or null. */
  country: string | null;
}

/** Whether an entry names someone who acts (country, person, organisation, bloc) or something the article is about. */
export type Kind = "actor" | "topic";

/** How often one entry was found. */
export interface ReportEntry {
  /** Entry id. */
  id: string;
  /** Entry label. */
  label: string;
  /** "actor" or "topic". */
  kind: Kind;
  /** Category id. */
  category: string;
  /** ISO 3166-1 alpha-3 code, or null. */
  country: string | null;
  /** Number of matches. */
  count: number;
}

/** An actor and a topic category found in the same sentences. */
export interface Cooccurrence {
  /** The actor's entry id. */
  actor: string;
  /** The topic's category id. */
  topic: string;
  /** Number of sentences holding both. */
  count: number;
}

/** What `highlight` found. */
export interface Report {
  /** Number of matches. */
  total: number;
  /** Entries found, most frequent first. */
  entries: ReportEntry[];
  /** Matches per category id (every category of the dictionary, zeros included). */
  categories: Record<string, number>;
  /** Actor–topic pairs found in the same sentence, most frequent first. */
  cooccurrence: Cooccurrence[];
}

/** Options of `highlight` and `highlightAsync`. */
export interface HighlightOptions {
  /** "css" (CSS Custom Highlight API, no DOM change; the default where `CSS.highlights` exists) or "mark" (`<mark>` elements). */
  mode?: "mark" | "css";
  /** Category ids to show (all when absent); the others are found and counted but not painted. */
  categories?: string[];
  /** CSS selector of subtrees to leave alone. */
  exclude?: string;
  /** Live mode: highlight text added or changed later (MutationObserver, debounced). */
  observe?: boolean;
  /** Called with the new report after live mode re-highlighted. */
  onUpdate?: (report: Report) => void;
  /** highlightAsync only: longest slice of work between yields to the event loop, in ms (default 8). */
  sliceMs?: number;
}

/** Options of `Highlighter.fromDictionaries`. */
export interface DictionaryOptions {
  /** Merge the user dictionaries over the embedded default one (default true). */
  useDefault?: boolean;
}

/** Where `next`/`previous` landed. */
export interface Position {
  /** Index of the occurrence among those matching the filter (0-based). */
  index: number;
  /** Number of occurrences matching the filter. */
  total: number;
  /** Entry id. */
  entry: string;
  /** Entry label. */
  label: string;
  /** "actor" or "topic". */
  kind: Kind;
  /** Category id. */
  category: string;
}
"#;

/// Runs once when the module is instantiated: installs the panic hook, so a bug shows as a readable
/// message in the console.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The DOM rules (block and skipped elements, skip attributes) as JSON, for JavaScript code that
/// must read a page exactly as the highlighter does.
#[wasm_bindgen(js_name = domRules)]
pub fn dom_rules() -> String {
    crate::dom_rules::rules_json()
}

/// The text blocks of `root` exactly as the highlighter reads them (the matcher runs once per block):
/// for tools and tests that must agree with the highlighter, such as the extension's JavaScript
/// fallback. `exclude` is an optional CSS selector of subtrees to leave out.
#[wasm_bindgen(js_name = readBlocks)]
pub fn read_blocks(
    #[wasm_bindgen(unchecked_param_type = "Node")] root: JsValue,
    exclude: Option<String>,
) -> Result<Vec<String>, JsValue> {
    let root = as_node(&root, "readBlocks")?;
    let mut walker = Walker::new(&root, exclude);
    Ok(std::iter::from_fn(|| walker.next_block())
        .map(|block| block.text)
        .collect())
}

/// Finds and highlights the actors and topics of a page.
#[wasm_bindgen]
pub struct Highlighter {
    state: Rc<RefCell<State>>,
}

/// A match as `scan` returns it.
#[derive(Serialize)]
struct ScanMatch<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    entry: &'a str,
    label: &'a str,
    kind: &'a str,
    category: &'a str,
    country: Option<&'a str>,
}

/// Converts a result to plain JavaScript objects through JSON: one string crosses the boundary and
/// `JSON.parse` builds the objects, which for the thousands of matches of a large page is several
/// times faster than creating each object and field through bindings (serde-wasm-bindgen), and
/// keeps 2.4 KB (gzipped) of serializer code out of the module.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(value)
        .map_err(|e| error(format!("cannot convert the result: {e}")))?;
    js_sys::JSON::parse(&json)
}

fn as_node(value: &JsValue, method: &str) -> Result<Node, JsValue> {
    let is_node = value.is_object()
        && Reflect::get(value, &"nodeType".into()).is_ok_and(|t| t.as_f64().is_some());
    if is_node {
        Ok(value.clone().unchecked_into())
    } else {
        Err(error(format!(
            "{method}: root must be a DOM node (an element, document or shadow root)"
        )))
    }
}

impl Highlighter {
    fn state(&self) -> Result<std::cell::RefMut<'_, State>, JsValue> {
        self.state
            .try_borrow_mut()
            .map_err(|_| error("the highlighter is busy (called from its own callback?)"))
    }

    fn category_ids(&self) -> Result<Vec<String>, JsValue> {
        Ok(self
            .state()?
            .matcher
            .dictionary()
            .categories()
            .iter()
            .map(|c| c.id.clone())
            .collect())
    }

    fn with_matcher(matcher: Matcher) -> Highlighter {
        Highlighter {
            state: Rc::new(RefCell::new(State::new(matcher))),
        }
    }
}

#[wasm_bindgen]
impl Highlighter {
    /// A highlighter with the embedded default dictionary.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Highlighter, JsValue> {
        let matcher = Matcher::new(crate::Dictionary::builtin()).map_err(|e| error(e.message()))?;
        Ok(Highlighter::with_matcher(matcher))
    }

    /// A highlighter with user dictionaries (JSON strings, or objects) merged in order over the
    /// default one (`{useDefault: false}` leaves the default out).
    #[wasm_bindgen(js_name = fromDictionaries)]
    pub fn from_dictionaries(
        #[wasm_bindgen(unchecked_param_type = "(string | object)[]")] dictionaries: JsValue,
        options: Option<DictionaryOptionsArg>,
    ) -> Result<Highlighter, JsValue> {
        if !Array::is_array(&dictionaries) {
            return Err(error(
                "fromDictionaries: expected an array of dictionary JSON strings",
            ));
        }
        let options = options.map_or(JsValue::UNDEFINED, JsValue::from);
        let mut builder = if options::use_default(&options)? {
            DictionaryBuilder::new()
                .with_builtin()
                .map_err(|e| error(e.message()))?
        } else {
            DictionaryBuilder::new()
        };
        for (i, value) in Array::from(&dictionaries).iter().enumerate() {
            let json = match value.as_string() {
                Some(json) => json,
                None if value.is_object() => js_sys::JSON::stringify(&value)?
                    .as_string()
                    .unwrap_or_default(),
                None => {
                    return Err(error(format!(
                        "fromDictionaries: dictionaries[{i}]: expected a JSON string or object"
                    )))
                }
            };
            builder
                .add_json(&format!("dictionaries[{i}]"), &json)
                .map_err(|e| error(e.message()))?;
        }
        let dictionary = builder.build().map_err(|e| error(e.message()))?;
        let matcher = Matcher::new(dictionary).map_err(|e| error(e.message()))?;
        Ok(Highlighter::with_matcher(matcher))
    }

    /// Finds the entries in `text`: `[{start, end, text, entry, label, kind, category, country}]`,
    /// offsets in UTF-16 code units.
    #[wasm_bindgen(unchecked_return_type = "ScanMatch[]")]
    pub fn scan(&self, text: &str) -> Result<JsValue, JsValue> {
        let state = self.state()?;
        to_js(&scan_matches(&state.matcher, text))
    }

    /// `scan` over several texts at once (one array of matches per text): one call for all the
    /// blocks of a page, as the extension's fallback path sends them.
    #[wasm_bindgen(js_name = scanBlocks)]
    #[wasm_bindgen(unchecked_return_type = "ScanMatch[][]")]
    pub fn scan_blocks(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] texts: JsValue,
    ) -> Result<JsValue, JsValue> {
        if !Array::is_array(&texts) {
            return Err(error("scanBlocks: expected an array of strings"));
        }
        let state = self.state()?;
        let texts: Vec<String> = Array::from(&texts)
            .iter()
            .enumerate()
            .map(|(i, t)| {
                t.as_string()
                    .ok_or_else(|| error(format!("scanBlocks: texts[{i}]: expected a string")))
            })
            .collect::<Result<_, _>>()?;
        let results: Vec<Vec<ScanMatch>> = texts
            .iter()
            .map(|t| scan_matches(&state.matcher, t))
            .collect();
        to_js(&results)
    }

    /// Highlights the text under `root` and returns the report `{total, entries, categories,
    /// cooccurrence}`. Options: `mode` ("css" | "mark"), `categories` (ids to show), `exclude` (CSS
    /// selector), `observe` (live mode), `onUpdate` (called with the report after live updates).
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn highlight(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Node")] root: JsValue,
        options: Option<HighlightOptionsArg>,
    ) -> Result<JsValue, JsValue> {
        let root = as_node(&root, "highlight")?;
        let (id, options) = self.open(&root, &options.map_or(JsValue::UNDEFINED, JsValue::from))?;
        let mut walker = Walker::new(&root, options.exclude.clone());
        let result = (|| {
            while let Some(block) = walker.next_block() {
                self.state()?.paint_block(id, block)?;
            }
            self.finish(id, &root, &walker, &options)
        })();
        if result.is_err() {
            self.state()?.close_session(id);
        }
        result
    }

    /// Like `highlight`, but works in slices of `sliceMs` (default 8) milliseconds and yields to
    /// the event loop between them, so a large page never blocks the main thread for long.
    #[wasm_bindgen(js_name = highlightAsync)]
    #[wasm_bindgen(unchecked_return_type = "Promise<Report>")]
    pub fn highlight_async(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Node")] root: JsValue,
        options: Option<HighlightOptionsArg>,
    ) -> Result<Promise, JsValue> {
        let root = as_node(&root, "highlightAsync")?;
        let (id, options) = self.open(&root, &options.map_or(JsValue::UNDEFINED, JsValue::from))?;
        let this = Highlighter {
            state: self.state.clone(),
        };
        Ok(future_to_promise(async move {
            let mut walker = Walker::new(&root, options.exclude.clone());
            let performance = web_sys::window().and_then(|w| w.performance());
            let now = || performance.as_ref().map_or(0.0, |p| p.now());
            loop {
                let slice_start = now();
                let mut done = false;
                while now() - slice_start < options.slice_ms {
                    let Some(block) = walker.next_block() else {
                        done = true;
                        break;
                    };
                    let mut state = this.state()?;
                    if state.session_mut(id).is_none() {
                        // Cleared while we yielded: nothing of ours is left on the page.
                        return to_js(&state.report(Some(id)));
                    }
                    if let Err(e) = state.paint_block(id, block) {
                        state.close_session(id);
                        return Err(e);
                    }
                }
                if done {
                    return this.finish(id, &root, &walker, &options);
                }
                JsFuture::from(yield_to_event_loop()).await?;
            }
        }))
    }

    /// Removes everything this highlighter added under `root` (everywhere without a root).
    pub fn clear(&self, root: Option<Node>) -> Result<(), JsValue> {
        let mut state = self.state()?;
        state.reset_current();
        state.clear(root.as_ref());
        Ok(())
    }

    /// The report of everything currently highlighted.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn report(&self) -> Result<JsValue, JsValue> {
        to_js(&self.state()?.report(None))
    }

    /// Shows only these category ids (`null` shows all), without reading the page again.
    #[wasm_bindgen(js_name = setCategories)]
    pub fn set_categories(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[] | null")] ids: JsValue,
    ) -> Result<(), JsValue> {
        let visible = if ids.is_null() || ids.is_undefined() {
            None
        } else {
            let known = self.category_ids()?;
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            Some(options::category_set(&ids, &known)?)
        };
        self.state()?.set_visible(visible)
    }

    /// The merged dictionary as JSON.
    pub fn dictionary(&self) -> Result<String, JsValue> {
        Ok(self.state()?.matcher.dictionary().to_json())
    }

    /// Scrolls to and focuses the next occurrence (of a kind, category or entry id, if given);
    /// returns `{index, total, entry, label, kind, category}` or `null` when there is none.
    #[wasm_bindgen(unchecked_return_type = "Position | null")]
    pub fn next(&self, filter: Option<String>) -> Result<JsValue, JsValue> {
        let position = self.state()?.step(filter.as_deref(), true)?;
        to_js(&position)
    }

    /// Like `next`, backwards.
    #[wasm_bindgen(unchecked_return_type = "Position | null")]
    pub fn previous(&self, filter: Option<String>) -> Result<JsValue, JsValue> {
        let position = self.state()?.step(filter.as_deref(), false)?;
        to_js(&position)
    }
}

impl Highlighter {
    /// Checks the options and opens the session (nothing is changed on error).
    fn open(&self, root: &Node, options: &JsValue) -> Result<(u64, HighlightOptions), JsValue> {
        let known = self.category_ids()?;
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        let options = HighlightOptions::parse(options, js::highlight_registry().is_some(), &known)?;
        let mut state = self.state()?;
        if let Some(categories) = &options.categories {
            state.set_visible(Some(categories.clone()))?;
        }
        let id = state.open_session(
            root,
            options.mode,
            options.exclude.clone(),
            options.on_update.clone(),
        )?;
        Ok((id, options))
    }

    /// Styles shadow roots, starts live mode if asked, and returns the session's report.
    fn finish(
        &self,
        id: u64,
        root: &Node,
        walker: &Walker,
        options: &HighlightOptions,
    ) -> Result<JsValue, JsValue> {
        let mut state = self.state()?;
        state.adopt_shadow_roots(walker);
        if options.observe {
            let live = LiveObserver::start(Rc::downgrade(&self.state), id, root)?;
            for shadow in &walker.shadow_roots {
                live.observe(shadow)?;
            }
            if let Some(session) = state.session_mut(id) {
                session.live = Some(live);
            }
        }
        to_js(&state.report(Some(id)))
    }
}

fn scan_matches<'a>(matcher: &'a Matcher, text: &'a str) -> Vec<ScanMatch<'a>> {
    let entries = matcher.dictionary().entries();
    matcher
        .find(text)
        .into_iter()
        .map(|m| {
            let entry = &entries[m.entry];
            ScanMatch {
                start: m.start,
                end: m.end,
                text: &text[m.start_byte..m.end_byte],
                entry: &entry.id,
                label: &entry.label,
                kind: entry.kind.as_str(),
                category: &entry.category,
                country: entry.country.as_deref(),
            }
        })
        .collect()
}

/// A promise resolved from a fresh task (a message to ourselves: unlike `setTimeout(0)` it is not
/// clamped to 4 ms when repeated).
fn yield_to_event_loop() -> Promise {
    Promise::new(
        &mut |resolve, _reject| match web_sys::MessageChannel::new() {
            Ok(channel) => {
                channel.port1().set_onmessage(Some(&resolve));
                let _ = channel.port2().post_message(&JsValue::NULL);
            }
            Err(_) => {
                js::set_timeout(&resolve, 0);
            }
        },
    )
}
