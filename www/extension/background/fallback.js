// The background half of the fallback path, for pages whose CSP forbids WebAssembly in content
// scripts: the content script reads the page with the JavaScript walker (www/walker.js) and asks here
// for the walker's rules and for the matches of its text blocks.
//
// Why the rules come from here: they are `domRules()` of the wasm module, the very tables the wasm
// walker uses, so the two walkers cannot disagree about which elements are blocks or skipped.

import { engine, rules, scan } from './engine.js';

/** `newsmark:fallback-setup`: `{rules, categories}`. */
export async function setup() {
  const [domRules, { categories }] = await Promise.all([rules(), engine()]);
  return { rules: domRules, categories };
}

/** `newsmark:scan`: `{matches}`, one array per text. */
export async function scanTexts(texts) {
  return { matches: await scan(texts) };
}
