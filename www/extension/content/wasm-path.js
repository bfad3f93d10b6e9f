// The normal path: the wasm highlighter running in the content script, in css mode (the page's DOM is
// never modified) with live mode on.
//
// Why a separate module: loading can fail for reasons that say nothing about the page's text — a CSP
// without 'wasm-unsafe-eval' makes compilation throw a CompileError — and then the content script
// takes the fallback path instead. `WasmUnavailable` marks exactly those failures; errors while
// highlighting are real errors and are not hidden by a silent switch of path. A failed load is
// remembered for the page (it would fail again).

import { fromReport } from './summary.js';

/** The wasm module could not be loaded or instantiated in this page. */
export class WasmUnavailable extends Error {
  constructor(cause) {
    super(`WebAssembly is not available in this page: ${cause?.message ?? cause}`);
    this.name = 'WasmUnavailable';
    this.cause = cause;
  }
}

let loading = null;

/** The initialised wasm module (`{Highlighter, ...}`); rejects with `WasmUnavailable`. */
export function loadWasm() {
  loading ??= (async () => {
    try {
      // Relative to this module, i.e. inside the extension (a web-accessible resource).
      const module = await import('../pkg/newsmark.js');
      await module.default({ module_or_path: new URL('../pkg/newsmark_bg.wasm', import.meta.url) });
      return module;
    } catch (error) {
      throw new WasmUnavailable(error);
    }
  })();
  return loading;
}

/** A highlighter for the configured dictionaries. */
function makeHighlighter({ Highlighter }, config) {
  const dictionaries = config.dictionaries ?? [];
  const useDefault = config.useDefault !== false;
  return dictionaries.length || !useDefault ? Highlighter.fromDictionaries(dictionaries, { useDefault }) : new Highlighter();
}

/** Highlights `scope` with wasm; answers the running session (throws `WasmUnavailable`). */
export async function startWasm({ root, exclude }, config, onUpdate) {
  const module = await loadWasm();
  const highlighter = makeHighlighter(module, config);
  const known = Object.keys(JSON.parse(highlighter.dictionary()).categories);
  const visible = (hidden) => known.filter((id) => !hidden.includes(id));
  let report;
  try {
    report = highlighter.highlight(root, {
      mode: 'css',
      observe: true,
      exclude: exclude ?? undefined,
      categories: config.hidden?.length ? visible(config.hidden) : undefined,
      onUpdate: (next) => {
        report = next;
        onUpdate?.(fromReport(next));
      },
    });
  } catch (error) {
    highlighter.free();
    throw error;
  }
  return {
    path: 'wasm',
    summary: () => fromReport(report),
    setHidden: (hidden) => highlighter.setCategories(visible(hidden)),
    step: (filter, forward) => (forward ? highlighter.next(filter ?? undefined) : highlighter.previous(filter ?? undefined)),
    stop: () => {
      highlighter.clear();
      highlighter.free();
    },
  };
}
