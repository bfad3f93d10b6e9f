// A thin wrapper around the WebExtension API (`chrome.*` in Chromium, `browser.*` in Firefox).
//
// Why: it is the one seam between the extension's logic and the browser. Every module calls these
// functions instead of `chrome.*`, so (1) the Chromium/Firefox differences live here only (the
// namespace, listeners that answer asynchronously, APIs one browser lacks), and (2) unit tests swap
// the whole API for a fake with `setBrowserApi(fake)` and run the background modules in Node. All
// calls return promises (both browsers return promises from MV3 APIs when no callback is given).

let api = globalThis.browser ?? globalThis.chrome;

/** Replaces the browser API (tests); returns the previous one. */
export function setBrowserApi(fake) {
  const previous = api;
  api = fake;
  return previous;
}

/** The raw namespace, for the rare call not wrapped here. */
export function browserApi() {
  return api;
}

/**
 * Adds a runtime message listener whose `handler(message, sender)` may return a value or a promise;
 * the value (or `{error}` when it throws) is the answer. `handler` returns `undefined` for messages it
 * does not handle, which then stay unanswered (another listener may answer them).
 */
export function onMessage(handler) {
  const listener = (message, sender, sendResponse) => {
    let result;
    try {
      result = handler(message, sender);
    } catch (error) {
      sendResponse({ error: String(error?.message ?? error) });
      return false;
    }
    if (result === undefined) return false;
    Promise.resolve(result).then(
      (value) => sendResponse(value === undefined ? {} : value),
      (error) => sendResponse({ error: String(error?.message ?? error) }),
    );
    return true; // answered asynchronously
  };
  api.runtime.onMessage.addListener(listener);
  return () => api.runtime.onMessage.removeListener(listener);
}

/** Sends a message to the extension (the background); rejects with the answer's `error`. */
export async function sendMessage(message) {
  const answer = await api.runtime.sendMessage(message);
  if (answer && typeof answer === 'object' && typeof answer.error === 'string') throw new Error(answer.error);
  return answer;
}

/** Sends a message to the content script of a tab; rejects with the answer's `error`. */
export async function sendTabMessage(tabId, message) {
  const answer = await api.tabs.sendMessage(tabId, message);
  if (answer && typeof answer === 'object' && typeof answer.error === 'string') throw new Error(answer.error);
  return answer;
}

export const getURL = (path) => api.runtime.getURL(path);
export const openOptionsPage = () => api.runtime.openOptionsPage();

export const tabs = {
  query: (query) => api.tabs.query(query),
  get: (tabId) => api.tabs.get(tabId),
  create: (properties) => api.tabs.create(properties),
  onUpdated: (listener) => api.tabs.onUpdated.addListener(listener),
  onRemoved: (listener) => api.tabs.onRemoved.addListener(listener),
};

/** Runs `func(...args)` in the tab's content-script world; resolves to its (awaited) result. */
export async function executeInTab(tabId, func, args = []) {
  const [injection] = await api.scripting.executeScript({ target: { tabId }, func, args });
  if (injection?.error) throw new Error(String(injection.error.message ?? injection.error));
  return injection?.result;
}

export const badge = {
  async set(tabId, text, color = '#1d3557') {
    await api.action.setBadgeText({ tabId, text });
    if (text) {
      await api.action.setBadgeBackgroundColor({ tabId, color });
      // Firefox and Chromium ≥ 110; older browsers pick a readable colour themselves.
      await api.action.setBadgeTextColor?.({ tabId, color: '#ffffff' });
    }
  },
  get: (tabId) => api.action.getBadgeText({ tabId }),
};

/** `storage.local`, `storage.sync` and `storage.session` (an in-memory stand-in where missing). */
export const storage = {
  local: area('local'),
  sync: area('sync'),
  session: area('session'),
  onChanged: (listener) => api.storage.onChanged.addListener(listener),
};

function area(name) {
  const memory = new Map();
  const real = () => api.storage?.[name];
  return {
    async get(keys = null) {
      if (real()) return real().get(keys);
      const all = Object.fromEntries(memory);
      if (keys === null) return all;
      const list = typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : Object.keys(keys);
      return Object.fromEntries(list.filter((k) => memory.has(k)).map((k) => [k, memory.get(k)]));
    },
    async set(items) {
      if (real()) return real().set(items);
      for (const [k, v] of Object.entries(items)) memory.set(k, structuredClone(v));
    },
    async remove(keys) {
      if (real()) return real().remove(keys);
      for (const k of [keys].flat()) memory.delete(k);
    },
  };
}

export const permissions = {
  request: (origins) => api.permissions.request({ origins }),
  contains: (origins) => api.permissions.contains({ origins }),
  remove: (origins) => api.permissions.remove({ origins }),
};

export const commands = {
  onCommand: (listener) => api.commands.onCommand.addListener(listener),
  getAll: () => api.commands.getAll(),
};
