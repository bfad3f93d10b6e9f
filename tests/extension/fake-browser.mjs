// A fake of the few WebExtension APIs the background modules use in unit tests (storage areas with
// onChanged), installed through chrome-api.js's `setBrowserApi` seam. Values are deep-copied in and
// out, as real storage does. Not a test file itself.

import { setBrowserApi } from '../../www/extension/chrome-api.js';

export function installFakeBrowser() {
  const listeners = [];
  const data = { local: new Map(), sync: new Map(), session: new Map() };
  const area = (name) => ({
    async get(keys = null) {
      const map = data[name];
      const list = keys === null ? [...map.keys()] : typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : Object.keys(keys);
      return Object.fromEntries(list.filter((k) => map.has(k)).map((k) => [k, structuredClone(map.get(k))]));
    },
    async set(items) {
      const changes = {};
      for (const [k, v] of Object.entries(items)) {
        changes[k] = { oldValue: data[name].get(k), newValue: structuredClone(v) };
        data[name].set(k, structuredClone(v));
      }
      for (const l of listeners) l(changes, name);
    },
    async remove(keys) {
      for (const k of [keys].flat()) data[name].delete(k);
      for (const l of listeners) l({}, name);
    },
    async clear() {
      data[name].clear();
    },
  });
  const fake = {
    storage: { local: area('local'), sync: area('sync'), session: area('session'), onChanged: { addListener: (l) => listeners.push(l) } },
    /** Everything an area holds, as a plain object. */
    dump: (name) => Object.fromEntries([...data[name]].map(([k, v]) => [k, structuredClone(v)])),
  };
  setBrowserApi(fake);
  return fake;
}
