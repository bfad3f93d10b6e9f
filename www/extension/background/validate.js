// Building a highlighter from the user's dictionary layers, with errors that name the file and line.
//
// Why: the wasm `Highlighter.fromDictionaries` is the only judge of a dictionary (the same parser as
// the CLI's `newsmark check`), but it names layers by position (`dictionaries[2]`) and entries by
// index. This module puts the file name back, and for layers converted from spaCy JSONL, the line the
// entry came from, so the options page can say "mine.jsonl: line 7 (entry 'acme'): field 'category':
// …". It takes the `Highlighter` class as an argument, so it runs in the service worker, in extension
// pages and in Node tests alike.

/**
 * @typedef {object} Layer one user dictionary as the engine stacks it
 * @property {string} name what messages call it (the imported file's name)
 * @property {string} json newsmark dictionary JSON
 * @property {number[]} [lines] for converted JSONL: the source line of each entry, by index
 */

/** Rewrites an engine error message about `layers` so it names files (and lines) instead of indexes. */
export function describeError(message, layers) {
  return String(message).replace(/dictionary 'dictionaries\[(\d+)\]'(.*)$/s, (whole, index, rest) => {
    const layer = layers[Number(index)];
    if (!layer) return whole;
    let detail = rest;
    if (layer.lines) {
      detail = detail
        .replace(/entry '((?:[^']|'')*)' \(index (\d+)\)/, (w, id, i) => (layer.lines[i] ? `line ${layer.lines[i]} (entry '${id}')` : w))
        .replace(/entry at index (\d+)/, (w, i) => (layer.lines[i] ? `line ${layer.lines[i]}` : w));
    }
    return `dictionary '${layer.name}'${detail}`;
  });
}

/**
 * A highlighter for the default dictionary (unless `useDefault` is false) with `layers` on top; throws
 * an Error whose message names the file at fault.
 */
export function buildHighlighter(Highlighter, layers, useDefault) {
  if (layers.length === 0 && useDefault) return new Highlighter();
  try {
    return Highlighter.fromDictionaries(layers.map((l) => l.json), { useDefault });
  } catch (error) {
    throw new Error(describeError(error?.message ?? error, layers));
  }
}

/**
 * The largest usable stack: all `layers` if they build together, otherwise each layer is added in turn
 * and those that break the stack are left out. Answers `{highlighter, layers, problems}` where
 * `problems` says which layers were left out and why — one bad dictionary never disables the others.
 */
export function buildUsableStack(Highlighter, layers, useDefault) {
  try {
    return { highlighter: buildHighlighter(Highlighter, layers, useDefault), layers, problems: [] };
  } catch {
    const kept = [];
    const problems = [];
    for (const layer of layers) {
      try {
        buildHighlighter(Highlighter, [...kept, layer], useDefault).free();
        kept.push(layer);
      } catch (error) {
        problems.push(`${error.message} — this dictionary is left out until it is fixed or removed`);
      }
    }
    return { highlighter: buildHighlighter(Highlighter, kept, useDefault), layers: kept, problems };
  }
}
