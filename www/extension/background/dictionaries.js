// The user's dictionaries, in `storage.local` (too large for sync): importing (newsmark JSON or spaCy
// JSONL), listing, enabling, exporting and removing them.
//
// Why this layout: each dictionary is its own record (`dictionary:<id>`) next to an index
// (`dictionaryIds`) and a `schema` number, so a damaged record (bad JSON, a truncated write, an edit
// by hand) is reported and left out while every other dictionary keeps working; nothing is ever
// deleted except on the user's request. An import is validated by building the whole stack with the
// wasm engine before anything is written, so a bad file leaves storage unchanged.
// Schema history: 0 = the pre-release layout, `{dictionaries: [{name, json, enabled?}]}` in one key;
// 1 = one record per dictionary plus the index.

import { storage } from '../chrome-api.js';
import { fromJsonl, toJsonl } from './spacy.js';
import { buildHighlighter, buildUsableStack } from './validate.js';

export const DICTIONARIES_SCHEMA = 1;
const PREFIX = 'dictionary:';

/**
 * @typedef {object} StoredDictionary
 * @property {string} id
 * @property {string} name the dictionary's own name, or the file name
 * @property {string} fileName the imported file's name
 * @property {'newsmark'|'spacy'} format what was imported (the stored JSON is always newsmark's)
 * @property {boolean} enabled
 * @property {string} importedAt ISO date
 * @property {number} entries number of entries
 * @property {string} json newsmark dictionary JSON
 * @property {number[]} [lines] spaCy imports: the JSONL line of each entry
 */

let idCounter = 0;
const newId = () => `d${Date.now().toString(36)}${(idCounter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Checks a stored record's shape and JSON; returns an error message or `null`. */
function damage(record) {
  if (!record || typeof record !== 'object') return 'the record is not an object';
  if (typeof record.id !== 'string') return "field 'id' is missing";
  if (typeof record.json !== 'string') return "field 'json' is missing";
  try {
    const value = JSON.parse(record.json);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return 'the dictionary is not a JSON object';
  } catch (error) {
    return `the dictionary is not valid JSON (${error.message})`;
  }
  return null;
}

/**
 * Migrates what storage.local holds to the current schema; answers `{set, remove}`, the writes to
 * make (empty when nothing changes).
 */
export function migrate(stored) {
  const schema = stored.schema;
  if (typeof schema === 'number' && schema > DICTIONARIES_SCHEMA) return { set: {}, remove: [] }; // newer: hands off
  const set = {};
  const remove = [];
  const recordIds = Object.keys(stored).filter((k) => k.startsWith(PREFIX)).map((k) => k.slice(PREFIX.length));
  let ids = Array.isArray(stored.dictionaryIds) ? stored.dictionaryIds.filter((id) => typeof id === 'string') : null;
  if (schema !== DICTIONARIES_SCHEMA && Array.isArray(stored.dictionaries)) {
    // Schema 0: one array of {name, json, enabled}.
    ids = ids ?? [];
    for (const old of stored.dictionaries) {
      const id = newId();
      const json = typeof old?.json === 'string' ? old.json : JSON.stringify(old?.json ?? old);
      set[PREFIX + id] = {
        id, name: String(old?.name ?? 'dictionary'), fileName: String(old?.name ?? 'dictionary.json'),
        format: 'newsmark', enabled: old?.enabled !== false, importedAt: new Date(0).toISOString(),
        entries: countEntries(json), json,
      };
      ids.push(id);
    }
    remove.push('dictionaries');
  }
  // The index must list every record exactly once (a record is never lost because the index was).
  const fixed = [...new Set([...(ids ?? []).filter((id) => recordIds.includes(id) || set[PREFIX + id]), ...recordIds])];
  if (JSON.stringify(fixed) !== JSON.stringify(stored.dictionaryIds)) set.dictionaryIds = fixed;
  if (stored.schema !== DICTIONARIES_SCHEMA) set.schema = DICTIONARIES_SCHEMA;
  return { set, remove };
}

function countEntries(json) {
  try {
    const entries = JSON.parse(json)?.entries;
    return Array.isArray(entries) ? entries.length : 0;
  } catch {
    return 0;
  }
}

/** Reads (and migrates) the stored dictionaries: `{records, problems}`; damaged records are reported. */
export async function load() {
  const stored = await storage.local.get(null);
  const { set, remove } = migrate(stored);
  if (Object.keys(set).length) await storage.local.set(set);
  if (remove.length) await storage.local.remove(remove);
  const all = { ...stored, ...set };
  const records = [];
  const problems = [];
  for (const id of all.dictionaryIds ?? []) {
    const record = all[PREFIX + id];
    const why = damage(record);
    if (why) {
      const name = record && typeof record === 'object' && record.fileName ? `'${record.fileName}'` : `(stored as ${PREFIX}${id})`;
      problems.push(`dictionary ${name} is damaged in storage: ${why} — it is left out; export it to repair it, or remove it`);
      records.push({ id, name: record?.name ?? id, fileName: record?.fileName ?? `${id}.json`, format: 'newsmark',
        enabled: false, importedAt: record?.importedAt ?? '', entries: 0, json: typeof record?.json === 'string' ? record.json : '', damaged: why });
    } else {
      records.push({ ...record });
    }
  }
  return { records, problems };
}

/** The layers to stack, from loaded records: enabled and undamaged ones, in import order. */
export function layersOf(records) {
  return records.filter((r) => r.enabled && !r.damaged).map((r) => ({ name: r.fileName, json: r.json, lines: r.lines }));
}

/** What the options page lists about a record (everything but the JSON). */
export function info(record) {
  const { json, lines, ...rest } = record;
  return rest;
}

/** Whether `fileName` and `text` look like spaCy JSONL rather than a newsmark JSON dictionary. */
export function isJsonl(fileName, text) {
  if (/\.(jsonl|ndjson)$/i.test(fileName)) return true;
  if (/\.json$/i.test(fileName)) return false;
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  return lines.length > 0 && lines.every((l) => l.trim().startsWith('{') && l.trim().endsWith('}')) && lines.length > 1
    && !/"entries"\s*:/.test(text);
}

/**
 * Imports a file: converts it (JSONL), validates the whole stack with it added, then stores it.
 * `Highlighter` is the wasm class. Answers `{record, notes}`; throws an Error naming the file, line or
 * entry and field, in which case nothing was written.
 */
export async function importDictionary(Highlighter, fileName, text, useDefault) {
  if (typeof text !== 'string' || !text.trim()) throw new Error(`${fileName}: the file is empty`);
  let json;
  let lines;
  let notes = [];
  let format;
  let name = fileName;
  const { records } = await load();
  if (isJsonl(fileName, text)) {
    const stack = buildHighlighter(Highlighter, layersOf(records), useDefault);
    const known = new Set(Object.keys(JSON.parse(stack.dictionary()).categories ?? {}));
    stack.free();
    const converted = fromJsonl(text, fileName, known);
    json = JSON.stringify(converted.dictionary);
    lines = converted.lines;
    notes = converted.notes;
    format = 'spacy';
  } else {
    json = text.replace(/^\ufeff/, '');
    format = 'newsmark';
    try {
      const parsed = JSON.parse(json);
      if (typeof parsed?.name === 'string' && parsed.name.trim()) name = parsed.name.trim();
    } catch {
      // The engine reports where the JSON is broken (line and column).
    }
  }
  const layers = [...layersOf(records), { name: fileName, json, lines }];
  buildHighlighter(Highlighter, layers, useDefault).free();
  const record = {
    id: newId(), name, fileName, format, enabled: true, importedAt: new Date().toISOString(),
    entries: countEntries(json), json, ...(lines ? { lines } : {}),
  };
  // The record first, then the index: a write cut in between leaves an orphan record, which `migrate`
  // adds back to the index, never an index entry without its record.
  await storage.local.set({ [PREFIX + record.id]: record });
  await storage.local.set({ dictionaryIds: [...records.map((r) => r.id), record.id] });
  return { record, notes };
}

/** Removes a dictionary (the index first, then the record). */
export async function removeDictionary(id) {
  const { records } = await load();
  await storage.local.set({ dictionaryIds: records.map((r) => r.id).filter((r) => r !== id) });
  await storage.local.remove(PREFIX + id);
}

/** Turns a dictionary on or off; turning one on is validated against the stack like an import. */
export async function setEnabled(Highlighter, id, enabled, useDefault) {
  const { records } = await load();
  const record = records.find((r) => r.id === id);
  if (!record) throw new Error(`no dictionary with id '${id}'`);
  if (record.damaged) throw new Error(`dictionary '${record.fileName}' is damaged (${record.damaged}); remove it or import it again`);
  if (enabled) {
    const layers = layersOf(records.map((r) => (r.id === id ? { ...r, enabled: true } : r)));
    buildHighlighter(Highlighter, layers, useDefault).free();
  }
  const { damaged, ...clean } = record;
  await storage.local.set({ [PREFIX + id]: { ...clean, enabled } });
}

/** A dictionary as a file: `{fileName, text}` in newsmark JSON or spaCy JSONL. */
export async function exportDictionary(id, format) {
  const { records } = await load();
  const record = records.find((r) => r.id === id);
  if (!record) throw new Error(`no dictionary with id '${id}'`);
  const base = record.fileName.replace(/\.(jsonl|ndjson|json)$/i, '') || 'dictionary';
  if (format === 'jsonl') {
    if (record.damaged) throw new Error(`dictionary '${record.fileName}' is damaged; export it as JSON to repair it`);
    return { fileName: `${base}.jsonl`, text: toJsonl(JSON.parse(record.json)) };
  }
  if (record.damaged) return { fileName: `${base}.json`, text: record.json };
  return { fileName: `${base}.json`, text: `${JSON.stringify(JSON.parse(record.json), null, 2)}\n` };
}

/** The usable stack of the stored dictionaries (see `buildUsableStack`) and every problem found. */
export async function usableStack(Highlighter, useDefault) {
  const { records, problems } = await load();
  const stack = buildUsableStack(Highlighter, layersOf(records), useDefault);
  return { ...stack, problems: [...problems, ...stack.problems], records };
}
