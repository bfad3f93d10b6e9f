//! What one highlighter has put on a page: sessions (one per highlighted root), their painted blocks,
//! the style sheet, the current occurrence for next/previous, and the report.
//!
//! The state sits behind `Rc<RefCell<…>>` because three owners reach it: the exported `Highlighter`,
//! the time-sliced `highlightAsync` between its slices, and live mode's MutationObserver callback.
//! No borrow is held while JavaScript callbacks run.

use std::collections::HashSet;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Node};

use super::live::LiveObserver;
use super::paint::{Mode, PaintedBlock, Painter, Target};
use super::style::{self, Sheet};
use super::walk::{element_role, is_newsmark_mark, TextBlock, Walker};
use crate::dom_rules::Role;
use crate::{Analysis, Kind, Matcher, Report};

/// Everything a highlighter added under one root.
pub struct Session {
    pub id: u64,
    pub root: Node,
    pub painter: Painter,
    pub blocks: Vec<PaintedBlock>,
    pub exclude: Option<String>,
    pub live: Option<LiveObserver>,
    pub on_update: Option<js_sys::Function>,
}

/// The current occurrence of next/previous: the first mark or the range of a match.
struct Current {
    target: JsValue,
    marks: Vec<Element>,
}

pub struct State {
    pub matcher: Matcher,
    pub sessions: Vec<Session>,
    /// Category ids to show, or `None` for all.
    pub visible: Option<HashSet<String>>,
    sheet: Option<Sheet>,
    current: Option<Current>,
    next_session_id: u64,
    /// This highlighter's id on the page: its marks carry it, and its style rules select on it, so
    /// two highlighters (an embed and the extension, two custom elements) never restyle each other.
    instance: String,
}

/// Where next/previous landed.
#[derive(serde::Serialize)]
pub struct Position {
    /// Index of the occurrence among those that matched the filter (0-based).
    pub index: usize,
    /// Number of occurrences that match the filter.
    pub total: usize,
    pub entry: String,
    pub label: String,
    pub kind: Kind,
    pub category: String,
}

impl State {
    pub fn new(matcher: Matcher) -> State {
        State {
            matcher,
            sessions: Vec::new(),
            visible: None,
            sheet: None,
            current: None,
            next_session_id: 0,
            instance: format!("{:012x}", (js_sys::Math::random() * 2f64.powi(48)) as u64),
        }
    }

    fn hidden(&self) -> HashSet<String> {
        match &self.visible {
            None => HashSet::new(),
            Some(visible) => self
                .matcher
                .dictionary()
                .categories()
                .iter()
                .filter(|c| !visible.contains(&c.id))
                .map(|c| c.id.clone())
                .collect(),
        }
    }

    /// Starts a session on `root`, clearing any session on a root that contains it or lies inside it.
    pub fn open_session(
        &mut self,
        root: &Node,
        mode: Mode,
        exclude: Option<String>,
        on_update: Option<js_sys::Function>,
    ) -> Result<u64, JsValue> {
        let overlapping: Vec<u64> = self
            .sessions
            .iter()
            .filter(|s| s.root.contains(Some(root)) || root.contains(Some(&s.root)))
            .map(|s| s.id)
            .collect();
        for id in overlapping {
            self.close_session(id);
        }
        let document: Document = match root.owner_document() {
            Some(document) => document,
            None => root
                .clone()
                .dyn_into()
                .map_err(|_| super::options::error("highlight: root must be a DOM node"))?,
        };
        if self.sheet.is_none() {
            self.sheet = Some(Sheet::new(&style::rules(
                self.matcher.dictionary(),
                &self.hidden(),
                &self.instance,
            ))?);
        }
        let host: JsValue = root.get_root_node().into();
        let sheet = self.sheet.as_mut().expect("created above");
        sheet.adopt(&document.clone().into());
        if host.dyn_ref::<web_sys::ShadowRoot>().is_some() {
            sheet.adopt(&host);
        }
        let painter = Painter::new(document, mode, self.hidden(), self.instance.clone())?;
        self.next_session_id += 1;
        let id = self.next_session_id;
        self.sessions.push(Session {
            id,
            root: root.clone(),
            painter,
            blocks: Vec::new(),
            exclude,
            live: None,
            on_update,
        });
        Ok(id)
    }

    pub fn session_mut(&mut self, id: u64) -> Option<&mut Session> {
        self.sessions.iter_mut().find(|s| s.id == id)
    }

    /// Matches and paints one block of session `id`.
    pub fn paint_block(&mut self, id: u64, block: TextBlock) -> Result<(), JsValue> {
        let matches = self.matcher.find(&block.text);
        if matches.is_empty() {
            return Ok(());
        }
        let dictionary = self.matcher.dictionary();
        let session = self
            .sessions
            .iter_mut()
            .find(|s| s.id == id)
            .ok_or_else(|| super::options::error("the highlight was cleared"))?;
        let painted = session.painter.paint(dictionary, block, matches)?;
        session.blocks.push(painted);
        Ok(())
    }

    /// Adopts the style sheet into shadow roots a walk entered.
    pub fn adopt_shadow_roots(&mut self, walker: &Walker) {
        if let Some(sheet) = self.sheet.as_mut() {
            for shadow in &walker.shadow_roots {
                sheet.adopt(&shadow.clone().into());
            }
        }
    }

    /// Removes everything session `id` added.
    pub fn close_session(&mut self, id: u64) {
        let Some(position) = self.sessions.iter().position(|s| s.id == id) else {
            return;
        };
        let mut session = self.sessions.remove(position);
        // Stop following changes before undoing our own.
        drop(session.live.take());
        let dictionary = self.matcher.dictionary();
        for block in &session.blocks {
            session.painter.unpaint(dictionary, block);
        }
        session.painter.release();
        self.current = None;
        if self.sessions.is_empty() {
            if let Some(mut sheet) = self.sheet.take() {
                sheet.release();
            }
        }
    }

    /// Clears the sessions whose root is `root` or inside it (all sessions when `root` is `None`).
    pub fn clear(&mut self, root: Option<&Node>) {
        let ids: Vec<u64> = self
            .sessions
            .iter()
            .filter(|s| root.is_none_or(|root| root.contains(Some(&s.root))))
            .map(|s| s.id)
            .collect();
        for id in ids {
            self.close_session(id);
        }
    }

    /// The report of one session, or of all of them.
    pub fn report(&self, id: Option<u64>) -> Report {
        let mut analysis = Analysis::new(self.matcher.dictionary());
        for session in self
            .sessions
            .iter()
            .filter(|s| id.is_none_or(|id| s.id == id))
        {
            for block in &session.blocks {
                analysis.add(&block.text, &block.matches);
            }
        }
        analysis.report()
    }

    /// Shows only `visible` categories (all with `None`), without walking the page again.
    pub fn set_visible(&mut self, visible: Option<HashSet<String>>) -> Result<(), JsValue> {
        self.visible = visible;
        let hidden = self.hidden();
        if let Some(sheet) = &self.sheet {
            sheet.replace(&style::rules(
                self.matcher.dictionary(),
                &hidden,
                &self.instance,
            ))?;
        }
        let dictionary = self.matcher.dictionary();
        for session in &mut self.sessions {
            session
                .painter
                .repaint_visibility(dictionary, &session.blocks, hidden.clone())?;
        }
        Ok(())
    }

    /// Re-highlights the blocks around `changed` nodes of session `id` (live mode).
    pub fn refresh(&mut self, id: u64, changed: Vec<Node>) -> Result<(), JsValue> {
        let Some(session) = self.sessions.iter().find(|s| s.id == id) else {
            return Ok(());
        };
        let root = session.root.clone();
        let exclude = session.exclude.clone();
        let mut owners: Vec<Node> = Vec::new();
        for node in changed {
            if !contains_deep(&root, &node) {
                continue;
            }
            let Some(owner) = block_owner(&node, &root, exclude.as_deref()) else {
                continue;
            };
            if owners.iter().any(|o| contains_deep(o, &owner)) {
                continue;
            }
            owners.retain(|o| !contains_deep(&owner, o));
            owners.push(owner);
        }
        if owners.is_empty() {
            return Ok(());
        }
        let dictionary = self.matcher.dictionary();
        let session = self
            .sessions
            .iter_mut()
            .find(|s| s.id == id)
            .expect("found above");
        if let Some(live) = &session.live {
            live.pause();
        }
        // Blocks inside a changed owner, or no longer in the page, are taken off and read again.
        let (stale, kept): (Vec<PaintedBlock>, Vec<PaintedBlock>) =
            std::mem::take(&mut session.blocks)
                .into_iter()
                .partition(|b| {
                    !contains_deep(&root, &b.anchor)
                        || owners.iter().any(|o| contains_deep(o, &b.anchor))
                });
        session.blocks = kept;
        for block in &stale {
            session.painter.unpaint(dictionary, block);
        }
        let mut walkers = Vec::new();
        for owner in &owners {
            let mut walker = Walker::new(owner, exclude.clone());
            while let Some(block) = walker.next_block() {
                let matches = self.matcher.find(&block.text);
                if !matches.is_empty() {
                    let painted =
                        session
                            .painter
                            .paint(self.matcher.dictionary(), block, matches)?;
                    session.blocks.push(painted);
                }
            }
            walkers.push(walker);
        }
        session
            .blocks
            .sort_by(|a, b| document_order(&a.anchor, &b.anchor));
        if let Some(live) = &session.live {
            for shadow in walkers.iter().flat_map(|w| &w.shadow_roots) {
                live.observe(shadow)?;
            }
            live.resume();
        }
        for walker in &walkers {
            self.adopt_shadow_roots(walker);
        }
        self.current = None;
        Ok(())
    }

    /// Moves to the next (or previous) occurrence matching `filter` (a kind, category or entry id).
    pub fn step(
        &mut self,
        filter: Option<&str>,
        forward: bool,
    ) -> Result<Option<Position>, JsValue> {
        let dictionary = self.matcher.dictionary();
        let hidden = self.hidden();
        let occurrences: Vec<(&crate::Entry, &Target)> = self
            .sessions
            .iter()
            .flat_map(|s| s.blocks.iter())
            .flat_map(|b| b.placed.iter())
            .map(|p| (&dictionary.entries()[p.entry], &p.target))
            .filter(|(entry, _)| !hidden.contains(&entry.category))
            .filter(|(entry, _)| {
                filter.is_none_or(|f| {
                    entry.kind.as_str() == f || entry.category == f || entry.id == f
                })
            })
            .collect();
        if occurrences.is_empty() {
            return Ok(None);
        }
        let total = occurrences.len();
        let here = self.current.as_ref().and_then(|c| {
            occurrences
                .iter()
                .position(|(_, t)| target_key(t) == c.target)
        });
        let index = match (here, forward) {
            (Some(i), true) => (i + 1) % total,
            (Some(i), false) => (i + total - 1) % total,
            (None, true) => 0,
            (None, false) => total - 1,
        };
        let (entry, target) = occurrences[index];
        let target = target.clone();
        let position = Position {
            index,
            total,
            entry: entry.id.clone(),
            label: entry.label.clone(),
            kind: entry.kind,
            category: entry.category.clone(),
        };
        let key = target_key(&target);
        let marks = match &target {
            Target::Marks(marks) => marks.clone(),
            Target::Range(_) => Vec::new(),
        };
        self.show_current(&target)?;
        self.current = Some(Current { target: key, marks });
        Ok(Some(position))
    }

    fn show_current(&mut self, target: &Target) -> Result<(), JsValue> {
        if let Some(previous) = self.current.take() {
            for mark in &previous.marks {
                mark.class_list().remove_1("newsmark-current")?;
                mark.remove_attribute("tabindex")?;
            }
        }
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        match target {
            Target::Marks(marks) => {
                for mark in marks {
                    mark.class_list().add_1("newsmark-current")?;
                }
                if let Some(first) = marks.first() {
                    first.scroll_into_view_with_scroll_into_view_options(&options);
                    first.set_attribute("tabindex", "-1")?;
                    let focus = web_sys::FocusOptions::new();
                    focus.set_prevent_scroll(true);
                    first
                        .unchecked_ref::<web_sys::HtmlElement>()
                        .focus_with_options(&focus)?;
                }
            }
            Target::Range(range) => {
                if let Some(registry) = super::js::highlight_registry() {
                    let highlight = super::js::Highlight::new()?;
                    highlight.set_priority(1);
                    highlight.add(range);
                    registry.set(style::CURRENT_HIGHLIGHT, &highlight);
                }
                let container = range.start_container()?;
                let element = container
                    .dyn_ref::<Element>()
                    .cloned()
                    .or_else(|| container.parent_element());
                if let Some(element) = element {
                    element.scroll_into_view_with_scroll_into_view_options(&options);
                }
            }
        }
        Ok(())
    }

    /// Forgets the current occurrence and its css highlight.
    pub fn reset_current(&mut self) {
        if let Some(registry) = super::js::highlight_registry() {
            registry.remove(style::CURRENT_HIGHLIGHT);
        }
        self.current = None;
    }
}

fn target_key(target: &Target) -> JsValue {
    match target {
        Target::Marks(marks) => marks.first().map(JsValue::from).unwrap_or(JsValue::NULL),
        Target::Range(range) => range.into(),
    }
}

fn document_order(a: &Node, b: &Node) -> std::cmp::Ordering {
    const FOLLOWING: u16 = 4;
    const PRECEDING: u16 = 2;
    let position = a.compare_document_position(b);
    if position & FOLLOWING != 0 {
        std::cmp::Ordering::Less
    } else if position & PRECEDING != 0 {
        std::cmp::Ordering::Greater
    } else {
        std::cmp::Ordering::Equal
    }
}

/// Whether `node` is `ancestor` or inside it, crossing shadow roots to their hosts (`Node.contains`
/// stops at a shadow root).
fn contains_deep(ancestor: &Node, node: &Node) -> bool {
    let mut current = Some(node.clone());
    while let Some(n) = current {
        if &n == ancestor {
            return true;
        }
        current = n
            .parent_node()
            .or_else(|| n.dyn_ref::<web_sys::ShadowRoot>().map(|s| s.host().into()));
    }
    false
}

/// The nearest block element holding `node` (or `root`), or `None` when `node` lies in a subtree the
/// walk skips (a script, a hidden element, an element the user is typing in).
fn block_owner(node: &Node, root: &Node, exclude: Option<&str>) -> Option<Node> {
    let mut owner: Option<Node> = None;
    let mut current = Some(node.clone());
    while let Some(n) = current {
        if &n == root {
            return Some(owner.unwrap_or(n));
        }
        // A change inside one of our marks is a change to the page's text around it.
        if let Some(element) = n.dyn_ref::<Element>().filter(|e| !is_newsmark_mark(e)) {
            let role = element_role(element, exclude);
            if role == Role::Skip {
                return None;
            }
            if role == Role::Block && owner.is_none() {
                owner = Some(n.clone());
            }
        }
        current = n
            .parent_node()
            .or_else(|| n.dyn_ref::<web_sys::ShadowRoot>().map(|s| s.host().into()));
    }
    None
}
