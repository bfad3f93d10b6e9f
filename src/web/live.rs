//! Live mode: a MutationObserver that re-highlights the blocks whose text changed.
//!
//! Changes are collected and handled after a short quiet period (debounced), so typing or a stream
//! of DOM updates costs one re-highlight, not one per keystroke; a maximum wait keeps a page that
//! never stops changing up to date. Only the nearest block around each change is read again.
//! newsmark's own edits are not fed back: the observer's queue is emptied around them. Text inside
//! an element the user is typing in is never touched (`contenteditable` and form fields are skipped
//! by the walk).

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MutationObserver, MutationObserverInit, MutationRecord, Node};

use super::js::{clear_timeout, set_timeout};
use super::session::State;

/// Quiet period before changes are handled, in milliseconds.
const DEBOUNCE_MS: i32 = 60;
/// Longest a change waits while the page keeps changing, in milliseconds.
const MAX_WAIT_MS: f64 = 400.0;

/// Changes seen but not yet handled.
#[derive(Default)]
struct Pending {
    nodes: Vec<Node>,
    timer: Option<i32>,
    first_seen: Option<f64>,
}

pub struct LiveObserver {
    observer: MutationObserver,
    pending: Rc<RefCell<Pending>>,
    _on_mutations: Closure<dyn FnMut(Array, MutationObserver)>,
    on_timer: Rc<Closure<dyn FnMut()>>,
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

impl LiveObserver {
    /// Observes `root` for session `session` of `state`.
    pub fn start(
        state: Weak<RefCell<State>>,
        session: u64,
        root: &Node,
    ) -> Result<LiveObserver, JsValue> {
        let pending = Rc::new(RefCell::new(Pending::default()));
        let on_timer = {
            let pending = Rc::downgrade(&pending);
            Rc::new(Closure::<dyn FnMut()>::new(move || {
                let (Some(pending), Some(state)) = (pending.upgrade(), state.upgrade()) else {
                    return;
                };
                let nodes = {
                    let mut pending = pending.borrow_mut();
                    pending.timer = None;
                    pending.first_seen = None;
                    std::mem::take(&mut pending.nodes)
                };
                let callback = {
                    let Ok(mut state) = state.try_borrow_mut() else {
                        return;
                    };
                    if let Err(error) = state.refresh(session, nodes) {
                        web_sys::console::error_2(&"newsmark: live update failed:".into(), &error);
                        return;
                    }
                    state
                        .sessions
                        .iter()
                        .find(|s| s.id == session)
                        .and_then(|s| s.on_update.clone())
                        .map(|f| (f, state.report(Some(session))))
                };
                if let Some((function, report)) = callback {
                    if let Ok(report) = super::to_js(&report) {
                        let _ = function.call1(&JsValue::NULL, &report);
                    }
                }
            }))
        };
        let on_mutations = {
            let pending = Rc::downgrade(&pending);
            let on_timer = Rc::downgrade(&on_timer);
            Closure::<dyn FnMut(Array, MutationObserver)>::new(move |records: Array, _observer| {
                let (Some(pending), Some(on_timer)) = (pending.upgrade(), on_timer.upgrade())
                else {
                    return;
                };
                collect(&pending, &records);
                schedule(&pending, &on_timer);
            })
        };
        let observer = MutationObserver::new(on_mutations.as_ref().unchecked_ref())?;
        let live = LiveObserver {
            observer,
            pending,
            _on_mutations: on_mutations,
            on_timer,
        };
        live.observe(root)?;
        Ok(live)
    }

    /// Follows changes under `node` too: an open shadow root (a `subtree` observation of the host
    /// does not see inside it).
    pub fn observe(&self, node: &Node) -> Result<(), JsValue> {
        let init = MutationObserverInit::new();
        init.set_child_list(true);
        init.set_character_data(true);
        init.set_subtree(true);
        self.observer.observe_with_options(node, &init)
    }

    /// Takes the changes the page made so far into the pending set, before newsmark edits the page.
    pub fn pause(&self) {
        collect(&self.pending, &self.observer.take_records());
    }

    /// Drops the records of newsmark's own edits.
    pub fn resume(&self) {
        self.observer.take_records();
        if !self.pending.borrow().nodes.is_empty() {
            schedule(&self.pending, &self.on_timer);
        }
    }
}

/// Dropping the observer (the session closed, or the highlighter was freed) stops it, so no callback
/// can reach a dropped closure.
impl Drop for LiveObserver {
    fn drop(&mut self) {
        self.observer.disconnect();
        if let Some(timer) = self.pending.borrow_mut().timer.take() {
            clear_timeout(timer);
        }
    }
}

fn collect(pending: &RefCell<Pending>, records: &Array) {
    let mut pending = pending.borrow_mut();
    for record in records.iter() {
        let record: MutationRecord = record.unchecked_into();
        if let Some(target) = record.target() {
            if !pending.nodes.contains(&target) {
                pending.nodes.push(target);
            }
        }
    }
}

fn schedule(pending: &RefCell<Pending>, on_timer: &Closure<dyn FnMut()>) {
    let mut pending = pending.borrow_mut();
    if pending.nodes.is_empty() {
        return;
    }
    let first_seen = *pending.first_seen.get_or_insert_with(now);
    if let Some(timer) = pending.timer.take() {
        clear_timeout(timer);
    }
    let delay = if now() - first_seen >= MAX_WAIT_MS {
        0
    } else {
        DEBOUNCE_MS
    };
    pending.timer = Some(set_timeout(on_timer.as_ref().unchecked_ref(), delay));
}
