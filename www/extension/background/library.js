// What the options page asks of the background: settings, and the user's dictionary library (import,
// export, enable, remove), each answered with what the page needs to show.
//
// Why in the background: it is the single writer of storage, and it holds the wasm engine that judges
// dictionaries, so the options page stays a thin view and an import is validated exactly as the
// pages will load it.

import { getSettings, updateSettings } from './settings.js';
import * as dictionaries from './dictionaries.js';
import { engine, highlighterClass } from './engine.js';
import { buildUsableStack } from './validate.js';

/** `newsmark:options-state`. */
export async function optionsState() {
  const settings = await getSettings();
  const { records } = await dictionaries.load();
  const { problems } = await engine();
  return { settings, dictionaries: records.map(dictionaries.info), problems };
}

/** `newsmark:set-settings`. */
export async function setSettings(patch) {
  if (!patch || typeof patch !== 'object') throw new Error("newsmark:set-settings: field 'patch': expected an object");
  if (patch.useDefault === false) {
    // User dictionaries may use the default's categories: turning it off must leave a stack that loads.
    const Highlighter = await highlighterClass();
    const { records } = await dictionaries.load();
    const stack = buildUsableStack(Highlighter, dictionaries.layersOf(records), false);
    stack.highlighter.free();
    if (stack.problems.length) throw new Error(`the default dictionary cannot be turned off: ${stack.problems[0]}`);
  }
  return { settings: await updateSettings(patch) };
}

/**
 * `newsmark:import-dictionary`: `{dictionary, notes}`; a bad file throws (the answer is `{error}`) and
 * leaves storage unchanged.
 */
export async function importDictionary(fileName, text) {
  if (typeof fileName !== 'string' || typeof text !== 'string') {
    throw new Error("newsmark:import-dictionary: expected 'fileName' and 'text' strings");
  }
  const Highlighter = await highlighterClass();
  const { useDefault } = await getSettings();
  const { record, notes } = await dictionaries.importDictionary(Highlighter, fileName, text, useDefault);
  return { dictionary: dictionaries.info(record), notes };
}

/** `newsmark:remove-dictionary`. */
export async function removeDictionary(id) {
  await dictionaries.removeDictionary(id);
  return { ok: true };
}

/** `newsmark:enable-dictionary` (turning one on that breaks the stack throws). */
export async function enableDictionary(id, enabled) {
  const { useDefault } = await getSettings();
  await dictionaries.setEnabled(await highlighterClass(), id, Boolean(enabled), useDefault);
  return { ok: true };
}

/** `newsmark:export-dictionary`. */
export function exportDictionary(id, format) {
  return dictionaries.exportDictionary(id, format === 'jsonl' ? 'jsonl' : 'json');
}
