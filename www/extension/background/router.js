// The background's one entry point for messages: each type of messages.js mapped to its handler.
//
// Why a table: the popup, the options page, the shortcut, content scripts and tests all come through
// here, so it is the place to see every request the background answers and to check who may send it
// (content scripts may only send the fallback and report messages, about their own tab).

import { getURL } from '../chrome-api.js';
import { MessageType as M, requireTabId } from '../messages.js';
import * as highlighting from './highlighting.js';
import * as library from './library.js';
import * as fallback from './fallback.js';

/** Handlers for messages from extension pages (popup, options, tests). */
const PAGE_HANDLERS = {
  [M.TOGGLE]: (m) => highlighting.toggle(requireTabId(m)),
  [M.STATUS]: (m) => highlighting.status(requireTabId(m)),
  [M.DETAILS]: (m) => highlighting.details(requireTabId(m)),
  [M.STEP]: (m) => highlighting.step(requireTabId(m), m.forward, m.filter),
  [M.SET_HIDDEN]: (m) => highlighting.setHidden(m.hidden),
  [M.OPTIONS_STATE]: () => library.optionsState(),
  [M.SET_SETTINGS]: (m) => library.setSettings(m.patch),
  [M.IMPORT_DICTIONARY]: (m) => library.importDictionary(m.fileName, m.text),
  [M.REMOVE_DICTIONARY]: (m) => library.removeDictionary(m.id),
  [M.ENABLE_DICTIONARY]: (m) => library.enableDictionary(m.id, m.enabled),
  [M.EXPORT_DICTIONARY]: (m) => library.exportDictionary(m.id, m.format),
};

/** Handlers for messages from content scripts (`tabId` is the sender's tab). */
const CONTENT_HANDLERS = {
  [M.FALLBACK_SETUP]: () => fallback.setup(),
  [M.SCAN]: (m) => fallback.scanTexts(m.texts),
  [M.REPORT]: (m, tabId) => highlighting.report(tabId, m.summary),
};

/**
 * Answers one runtime message (a value or a promise), or `undefined` for messages that are not ours
 * or not allowed from this sender.
 */
export function route(message, sender) {
  if (!message || typeof message !== 'object' || typeof message.type !== 'string') return undefined;
  // Extension pages (the popup, the options page, even when open in a tab) have extension URLs;
  // content scripts send from the page's URL and their tab.
  const fromExtensionPage = typeof sender?.url === 'string' && sender.url.startsWith(getURL(''));
  if (!fromExtensionPage) {
    const tabId = sender?.tab?.id;
    const handler = CONTENT_HANDLERS[message.type];
    return handler && tabId !== undefined ? handler(message, tabId) : undefined;
  }
  const handler = PAGE_HANDLERS[message.type];
  return handler ? handler(message) : undefined;
}
