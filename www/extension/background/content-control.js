// Putting the content script into a tab and talking to it.
//
// Why on demand: the manifest declares no content scripts (nothing runs in pages the user did not ask
// about). `scripting.executeScript` runs a one-line function in the tab's isolated world that imports
// the content module (content/main.js) from the extension; importing twice is a no-op, so injecting
// is idempotent. Commands then go through `tabs.sendMessage`. Access to the tab comes from activeTab
// (the popup or the shortcut was used on it) or from a host permission the user granted (auto-highlight).

import { executeInTab, getURL, sendTabMessage } from '../chrome-api.js';
import { MessageType } from '../messages.js';

const CONTENT_MODULE = 'content/main.js';

/** Makes sure the content module runs in the tab (throws when the tab cannot be scripted). */
export async function inject(tabId) {
  await executeInTab(tabId, (url) => import(url).then((module) => module.install()), [getURL(CONTENT_MODULE)]);
}

/** Highlights the tab with `config`; answers the content script's `{summary}`. */
export async function start(tabId, config) {
  await inject(tabId);
  return sendTabMessage(tabId, { type: MessageType.START, config });
}

/** Removes the highlights of the tab; a tab that is gone or was never scripted is fine. */
export async function stop(tabId) {
  try {
    await sendTabMessage(tabId, { type: MessageType.STOP });
  } catch {
    // Nothing to remove: the page was closed or replaced.
  }
}

/** Sends `message` to the tab's content script, or answers `fallback` when none listens. */
export async function send(tabId, message, fallback = null) {
  try {
    return await sendTabMessage(tabId, message);
  } catch (error) {
    if (/Receiving end does not exist|Could not establish connection|No tab with id/i.test(String(error?.message))) return fallback;
    throw error;
  }
}
