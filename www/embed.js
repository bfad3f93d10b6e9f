// The entry point of the newsmark package (`import … from 'newsmark'`), also usable as is from www/
// (`import … from './embed.js'`): one import gives a page the wasm API, a one-call helper and the
// <newsmark-article> element.
//
// `init` is the glue's own initialiser, which keeps one shared promise: the element, highlightPage
// and the page's own code all wait on the same download and instantiation of the wasm.

import init, { Highlighter } from './pkg/newsmark.js';
import { loadDictionary } from './newsmark-article.js';

export { default, default as init, Highlighter, domRules, readBlocks } from './pkg/newsmark.js';
export { NewsmarkArticle, loadDictionary } from './newsmark-article.js';

/**
 * Highlights `root` (the document's body by default) in one call: loads the wasm once, builds a
 * highlighter (the default dictionary, or `dictionaries` merged over it), and highlights in time
 * slices. Resolves with `{highlighter, report}`; keep the highlighter for next/previous, clear or
 * setCategories, and `free()` it when done.
 */
export async function highlightPage(root = document.body, options = {}) {
  const { dictionaries = [], useDefault = true, wasm, ...highlightOptions } = options ?? {};
  if (!Array.isArray(dictionaries)) throw new TypeError('highlightPage: options.dictionaries must be an array');
  await init(wasm === undefined ? undefined : { module_or_path: wasm });
  const layers = await Promise.all(dictionaries.map((dictionary) =>
    typeof dictionary === 'string' || dictionary instanceof URL ? loadDictionary(dictionary) : dictionary));
  const highlighter = layers.length || !useDefault
    ? Highlighter.fromDictionaries(layers, { useDefault })
    : new Highlighter();
  try {
    const report = await highlighter.highlightAsync(root, highlightOptions);
    return { highlighter, report };
  } catch (error) {
    highlighter.free();
    throw error;
  }
}
