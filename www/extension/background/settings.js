// The user's small settings, in `storage.sync` (they follow the user to other machines): whether the
// default dictionary is used, what part of a page is highlighted, hidden categories, and the sites
// highlighted automatically.
//
// Why a module: settings are versioned (`schema`) and every read goes through `normalize`, so a value
// written by an older version, by hand, or damaged in sync never breaks the extension: fields of the
// wrong type fall back to their defaults, and older layouts are migrated once and written back.
// Schema history: 0 = the pre-release layout (the fields at the top level of storage.sync, no
// `settings` object); 1 = `{settings: {schema: 1, useDefault, scope, hidden, autoSites}}`.

import { storage } from '../chrome-api.js';

export const SETTINGS_SCHEMA = 1;
const KEY = 'settings';
const LEGACY_KEYS = ['useDefault', 'scope', 'hidden', 'autoSites'];

/** @typedef {{schema: number, useDefault: boolean, scope: 'article'|'page', hidden: string[], autoSites: string[]}} Settings */

export const DEFAULT_SETTINGS = Object.freeze({
  schema: SETTINGS_SCHEMA,
  useDefault: true,
  scope: 'article',
  hidden: [],
  autoSites: [],
});

/** An origin the auto-highlight list accepts: `https://example.com` (scheme and host, no path). */
export function normalizeOrigin(text) {
  let url;
  try {
    url = new URL(String(text).trim().includes('://') ? String(text).trim() : `https://${String(text).trim()}`);
  } catch {
    throw new Error(`'${text}' is not a web address (such as https://example.com)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`'${text}': only http and https sites can be highlighted automatically`);
  }
  return url.origin;
}

const strings = (value) => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** Settings from any stored value: known fields checked, defaults for the rest. */
export function normalize(raw) {
  const s = raw && typeof raw === 'object' ? raw : {};
  return {
    schema: SETTINGS_SCHEMA,
    useDefault: typeof s.useDefault === 'boolean' ? s.useDefault : DEFAULT_SETTINGS.useDefault,
    scope: s.scope === 'page' || s.scope === 'article' ? s.scope : DEFAULT_SETTINGS.scope,
    hidden: strings(s.hidden) ? [...new Set(s.hidden)] : [],
    autoSites: strings(s.autoSites)
      ? [...new Set(s.autoSites.flatMap((o) => { try { return [normalizeOrigin(o)]; } catch { return []; } }))]
      : [],
  };
}

/**
 * Migrates what storage.sync holds to the current schema: `{settings, changed}` where `changed` says
 * whether it must be written back.
 */
export function migrate(stored) {
  const current = stored[KEY];
  if (current && typeof current === 'object' && current.schema === SETTINGS_SCHEMA) {
    const settings = normalize(current);
    return { settings, changed: JSON.stringify(settings) !== JSON.stringify(current) };
  }
  if (current && typeof current === 'object' && Number(current.schema) > SETTINGS_SCHEMA) {
    // Written by a newer version: read what we understand, never overwrite it.
    return { settings: normalize(current), changed: false };
  }
  // Schema 0: the fields at the top level.
  const legacy = Object.fromEntries(LEGACY_KEYS.filter((k) => k in stored).map((k) => [k, stored[k]]));
  return { settings: normalize({ ...legacy, ...(current ?? {}) }), changed: true };
}

/** The current settings (migrated and written back first if needed). */
export async function getSettings() {
  const stored = await storage.sync.get(null);
  const { settings, changed } = migrate(stored);
  if (changed) {
    await storage.sync.set({ [KEY]: settings });
    const legacy = LEGACY_KEYS.filter((k) => k in stored);
    if (legacy.length) await storage.sync.remove(legacy);
  }
  return settings;
}

const CHECKS = {
  useDefault: (v) => typeof v === 'boolean' || 'expected true or false',
  scope: (v) => v === 'article' || v === 'page' || 'expected "article" or "page"',
  hidden: (v) => strings(v) || 'expected a list of category ids',
  autoSites: (v) => strings(v) || 'expected a list of sites',
};

/** Applies `patch` (known fields only, each checked; sites normalised) and returns the new settings. */
export async function updateSettings(patch) {
  for (const [field, value] of Object.entries(patch)) {
    const check = CHECKS[field];
    if (!check) throw new Error(`settings: unknown field '${field}'`);
    const verdict = check(value);
    if (verdict !== true) throw new Error(`settings: field '${field}': ${verdict}, got ${JSON.stringify(value)}`);
  }
  const clean = { ...patch };
  if (clean.autoSites) clean.autoSites = clean.autoSites.map(normalizeOrigin);
  const next = normalize({ ...(await getSettings()), ...clean });
  await storage.sync.set({ [KEY]: next });
  return next;
}
