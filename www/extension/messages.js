// Every message the parts of the extension send each other, in one place: the type tags, what each
// message carries and what it is answered with.
//
// Why: the popup, the options page, the keyboard shortcut, the content script and the tests all talk
// to one background entry point, and a typo in a type string fails silently (nobody answers). Each
// message is a plain object tagged by `type`; senders build them with the functions below, and the
// background's router dispatches on the same constants. The two public contracts, `newsmark:toggle`
// and `newsmark:status`, are relied on by tests and must not change shape.
//
// Answers: a handler that fails answers `{error: "message"}` instead of its normal answer.

/** @typedef {{[categoryId: string]: number}} CategoryCounts */

/**
 * What a content script reports about its tab (also kept per tab by the background).
 * @typedef {object} Summary
 * @property {number} total number of matches
 * @property {CategoryCounts} categories matches per category id
 * @property {{id: string, label: string, kind: 'actor'|'topic', category: string, count: number}[]} entries
 *   most frequent first (at most 40)
 * @property {'wasm'|'fallback'} path how the page was highlighted: WebAssembly in the page, or the
 *   JavaScript walker with matching in the background (pages whose CSP forbids WebAssembly)
 */

export const MessageType = Object.freeze({
  // ---- to the background, from the popup, the shortcut handler and tests ----
  /** `{type, tabId: number}` → `{on: boolean, total: number, categories: CategoryCounts}`: turns
   * highlighting on or off in the tab and answers the new status. */
  TOGGLE: 'newsmark:toggle',
  /** `{type, tabId: number}` → `{on: boolean, total: number, categories: CategoryCounts}`. */
  STATUS: 'newsmark:status',
  /** `{type, tabId}` → `{on, total, categories, path, entries, categoryInfo: [{id, label, kind,
   * color}], hidden: string[], scope: 'article'|'page', error: string|null}`: all the popup shows. */
  DETAILS: 'newsmark:details',
  /** `{type, tabId, forward: boolean, filter: string|null}` → the position `{index, total, entry,
   * label, kind, category}` or `null`: scrolls to the next (previous) occurrence of an entry id,
   * category id or kind (any occurrence without a filter). */
  STEP: 'newsmark:step',
  /** `{type, hidden: string[]}` → `{hidden}`: category ids not to show, saved in the settings and
   * applied to every highlighted tab. */
  SET_HIDDEN: 'newsmark:set-hidden',

  // ---- to the background, from the options page ----
  /** `{type}` → `{settings, dictionaries: StoredDictionaryInfo[], problems: string[]}`. */
  OPTIONS_STATE: 'newsmark:options-state',
  /** `{type, patch: object}` → `{settings}`: changes settings (useDefault, scope, autoSites). */
  SET_SETTINGS: 'newsmark:set-settings',
  /** `{type, fileName: string, text: string}` → `{dictionary: StoredDictionaryInfo, notes:
   * string[]}`: validates and stores a newsmark JSON or spaCy JSONL dictionary. A bad file answers
   * `{error}` naming the file, line or entry, and field; nothing is stored then. */
  IMPORT_DICTIONARY: 'newsmark:import-dictionary',
  /** `{type, id: string}` → `{ok: true}`. */
  REMOVE_DICTIONARY: 'newsmark:remove-dictionary',
  /** `{type, id: string, enabled: boolean}` → `{ok: true}` (or `{error}` when turning it on would
   * break the stack). */
  ENABLE_DICTIONARY: 'newsmark:enable-dictionary',
  /** `{type, id: string, format: 'json'|'jsonl'}` → `{fileName, text}`. */
  EXPORT_DICTIONARY: 'newsmark:export-dictionary',

  // ---- to the background, from a content script (the sender's tab is the tab) ----
  /** `{type}` → `{rules: object, categories: {[id]: {label, kind, color}}}`: the DOM rules of the
   * wasm walker (`domRules()`) and the category colours, for the fallback path. */
  FALLBACK_SETUP: 'newsmark:fallback-setup',
  /** `{type, texts: string[]}` → `{matches: ScanMatch[][]}`: `scanBlocks(texts)` with the user's
   * dictionaries, for the fallback path. */
  SCAN: 'newsmark:scan',
  /** `{type, summary: Summary}` → `{}`: the page changed (live mode) and was highlighted again. */
  REPORT: 'newsmark:report',

  // ---- to a content script, from the background ----
  /** `{type, config: {dictionaries: string[], useDefault: boolean, hidden: string[], scope:
   * 'article'|'page'}}` → `{summary: Summary}`: highlights the page (again, if it already was). */
  START: 'newsmark:start',
  /** `{type}` → `{}`: removes every highlight and stops following the page. */
  STOP: 'newsmark:stop',
  /** `{type, hidden: string[]}` → `{}`. */
  CONTENT_HIDDEN: 'newsmark:content-hidden',
  /** `{type, forward: boolean, filter: string|null}` → position or `null` (see STEP). */
  CONTENT_STEP: 'newsmark:content-step',
  /** `{type}` → `{on: boolean, path: string|null}`. */
  PING: 'newsmark:ping',
});

const TYPES = new Set(Object.values(MessageType));

/** Whether `message` is one of ours (an object with a known `type`). */
export function isMessage(message) {
  return typeof message === 'object' && message !== null && TYPES.has(message.type);
}

/** `{type: TOGGLE, tabId}`. */
export const toggle = (tabId) => ({ type: MessageType.TOGGLE, tabId });
/** `{type: STATUS, tabId}`. */
export const status = (tabId) => ({ type: MessageType.STATUS, tabId });
/** `{type: DETAILS, tabId}`. */
export const details = (tabId) => ({ type: MessageType.DETAILS, tabId });
/** `{type: STEP, tabId, forward, filter}`. */
export const step = (tabId, forward, filter = null) => ({ type: MessageType.STEP, tabId, forward, filter });
/** `{type: SET_HIDDEN, hidden}`. */
export const setHidden = (hidden) => ({ type: MessageType.SET_HIDDEN, hidden });

/** Checks that `message[field]` is a tab id (a non-negative integer); throws an error naming it. */
export function requireTabId(message) {
  if (!Number.isInteger(message.tabId) || message.tabId < 0) {
    throw new Error(`${message.type}: field 'tabId': expected a tab id, got ${JSON.stringify(message.tabId)}`);
  }
  return message.tabId;
}
