// The wasm engine in the background: one highlighter for the user's current dictionary stack, used to
// validate imports, to scan the text blocks sent by the fallback path, and to describe the categories.
//
// Why here: the background (a service worker in Chromium, an event page in Firefox) runs under the
// extension's own CSP, which allows WebAssembly ('wasm-unsafe-eval'), whatever page is open. The
// highlighter is rebuilt only when settings or dictionaries change (storage.onChanged), once however
// many callers ask at the same time, and the one it replaces is freed a little later (a caller may still
// hold it). Service workers forbid top-level await, so loading is lazy.

import init, { Highlighter, domRules } from '../pkg/newsmark.js';
import { storage } from '../chrome-api.js';
import { getSettings } from './settings.js';
import { usableStack } from './dictionaries.js';

let loading = null;
/** The engine built last, and the build in progress (concurrent callers share it). */
let current = null;
let building = null;
/** Bumped by every change of settings or dictionaries: the engine of an older generation is stale. */
let generation = 0;
/** A replaced highlighter is freed this long after, so a caller still holding it can finish. */
const FREE_DELAY_MS = 30_000;

storage.onChanged((changes, area) => {
  if (area === 'local' || area === 'sync') generation += 1; // not 'session' (tab state)
});

/** Loads the wasm module once. */
export function loadWasm() {
  loading ??= init({ module_or_path: new URL('../pkg/newsmark_bg.wasm', import.meta.url) });
  return loading;
}

/** The `Highlighter` class, once the wasm module is loaded. */
export async function highlighterClass() {
  await loadWasm();
  return Highlighter;
}

/**
 * The engine for the current settings and dictionaries: `{highlighter, layers, problems, categories,
 * useDefault}` where `categories` is `{id: {label, kind, color}}` of the merged dictionary, in order.
 */
export async function engine() {
  await loadWasm();
  while (!current || current.generation !== generation) {
    building ??= build().finally(() => {
      building = null;
    });
    await building;
  }
  return current;
}

async function build() {
  const seen = generation;
  const settings = await getSettings();
  const stack = await usableStack(Highlighter, settings.useDefault);
  for (const problem of stack.problems) console.warn(`newsmark: ${problem}`);
  const categories = JSON.parse(stack.highlighter.dictionary()).categories;
  const old = current;
  current = { ...stack, categories, useDefault: settings.useDefault, generation: seen };
  if (old) setTimeout(() => old.highlighter.free(), FREE_DELAY_MS);
}

/** The DOM rules of the wasm walker, parsed. */
export async function rules() {
  await loadWasm();
  return JSON.parse(domRules());
}

/**
 * `scanBlocks(texts)` with the current dictionaries, trimmed to what painting and reports need.
 */
export async function scan(texts) {
  if (!Array.isArray(texts) || !texts.every((t) => typeof t === 'string')) {
    throw new Error('newsmark:scan: field \'texts\': expected an array of strings');
  }
  const { highlighter } = await engine();
  return highlighter.scanBlocks(texts).map((matches) =>
    matches.map(({ start, end, entry, label, kind, category }) => ({ start, end, entry, label, kind, category })));
}
