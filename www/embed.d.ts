// Types of embed.js, the entry point of the newsmark package (`import … from 'newsmark'`). The shapes
// of options and results (Report, ScanMatch, …) are declared once, in the wasm glue's .d.ts, and
// re-exported here.

import type { Highlighter, InitInput, InitOutput, HighlightOptions, Report } from './pkg/newsmark.js';

export { Highlighter, domRules, readBlocks } from './pkg/newsmark.js';
export type { InitInput, InitOutput, Kind, HighlightOptions, DictionaryOptions, Report, ReportEntry, Cooccurrence, ScanMatch, Position } from './pkg/newsmark.js';

/**
 * Loads and instantiates the wasm module; resolves when the API is usable. Call it (and await it)
 * before `new Highlighter()`. Every call on a page shares one download and one instantiation, so it
 * is safe to call from several places (the custom element and `highlightPage` call it themselves).
 *
 * Without an argument the wasm is fetched from `newsmark_bg.wasm` next to the glue module (bundlers
 * such as Vite rewrite that URL to the emitted asset); pass `{module_or_path}` to load it from
 * elsewhere (a URL, a `Response`, bytes or a compiled `WebAssembly.Module`). Rejects if the wasm
 * cannot be fetched or instantiated (a later call tries again).
 */
export function init(module_or_path?: { module_or_path: InitInput | Promise<InitInput> }): Promise<InitOutput>;
export default init;

/** A dictionary as `fromDictionaries` takes it: parsed JSON (see docs/dictionary.md for the format). */
export type Dictionary = object;

/** Options of `highlightPage`: the highlight options plus how to build the highlighter. */
export interface HighlightPageOptions extends HighlightOptions {
  /**
   * Dictionaries merged in order over the default one: URLs (strings or `URL`s, fetched relative
   * to the document) or parsed dictionary objects.
   */
  dictionaries?: (string | URL | Dictionary)[];
  /** Whether the embedded default dictionary is the first layer (default true). */
  useDefault?: boolean;
  /** Where to load the wasm from, as `init`'s `module_or_path` (default: next to the glue). */
  wasm?: InitInput | Promise<InitInput>;
}

/** What `highlightPage` resolves with. */
export interface HighlightPageResult {
  /** The highlighter that did it: for next/previous, setCategories, clear; `free()` it when done. */
  highlighter: Highlighter;
  /** What was found. */
  report: Report;
}

/**
 * Highlights `root` (default `document.body`) in one call: initialises the wasm (once per page),
 * builds a highlighter (the default dictionary, or `options.dictionaries` merged over it) and
 * highlights in time slices (`highlightAsync`). Rejects with an `Error` on a bad option, a
 * dictionary that cannot be fetched or parsed, or a wasm that cannot be loaded.
 */
export function highlightPage(root?: Node, options?: HighlightPageOptions): Promise<HighlightPageResult>;

/**
 * Fetches a dictionary file (relative to the document) and parses its JSON. Repeated calls for one
 * URL share one fetch. Rejects with an `Error` naming the URL on a network error, an HTTP error
 * status or invalid JSON; the dictionary's content is checked later, by `fromDictionaries`.
 */
export function loadDictionary(url: string | URL): Promise<Dictionary>;

/** `detail` of the `newsmark:error` event. */
export interface NewsmarkErrorDetail {
  /** What went wrong, in words (also shown in the element's legend area). */
  message: string;
  /** The error itself (usually an `Error`). */
  error: unknown;
}

/**
 * `<newsmark-article>`: highlights the actors and topics of its content. Registered when the
 * package's entry point is imported in a browser. It highlights when connected, again whenever one
 * of its attributes changes, and takes its highlights away when removed.
 *
 * Attributes:
 * - `dictionary`: URL of a dictionary JSON file merged over the default dictionary
 *   (`Highlighter.fromDictionaries([json])`).
 * - `categories`: category ids to show, separated by spaces or commas (all when absent or empty).
 * - `mode`: `mark` or `css` (see `HighlightOptions.mode`; the library's default when absent).
 * - `legend`: boolean; shows a legend (total, a colour swatch, label and count per category found)
 *   in the element's shadow root, above the content (style it with `::part(legend)`,
 *   `::part(legend-item)`, `::part(legend-total)`, `::part(error)`).
 * - `live`: boolean; follows changes of the content (`HighlightOptions.observe`).
 *
 * Events (both bubble and are composed, so they leave shadow roots):
 * - `newsmark:highlighted`: `CustomEvent<Report>` after every highlighting, live updates included.
 * - `newsmark:error`: `CustomEvent<NewsmarkErrorDetail>` when the wasm, the dictionary (a bad URL
 *   or bad JSON) or an attribute (an unknown category, a bad mode) fails; the message is also shown
 *   in the legend area. Nothing is thrown.
 *
 * Elements with the same `dictionary` and `categories` share one `Highlighter`.
 */
export class NewsmarkArticle extends HTMLElement {
  /** The attributes the element reacts to: dictionary, categories, mode, legend, live. */
  static readonly observedAttributes: string[];
  /** The report of the last highlighting, or null (before it, or after an error). */
  readonly report: Report | null;
  /**
   * The Highlighter in use (for `next`/`previous`), or null before the first highlighting. It may
   * be shared with other elements that have the same `dictionary` and `categories`: do not `free()`
   * it or change its categories.
   */
  readonly highlighter: Highlighter | null;
  /** Highlights the content again (after it changed without `live`); resolves with the report, or null on error. */
  refresh(): Promise<Report | null>;
  /** Custom element callback: highlights. */
  connectedCallback(): void;
  /** Custom element callback: gives the highlighter back and removes the highlights. */
  disconnectedCallback(): void;
  /** Custom element callback: highlights again (only re-renders the legend for `legend`). */
  attributeChangedCallback(name: string, oldValue: string | null, newValue: string | null): void;
}

declare global {
  interface HTMLElementTagNameMap {
    /** `document.createElement('newsmark-article')` and `querySelector` are typed. */
    'newsmark-article': NewsmarkArticle;
  }
  interface HTMLElementEventMap {
    /** A `<newsmark-article>` finished highlighting; `detail` is the report. */
    'newsmark:highlighted': CustomEvent<Report>;
    /** A `<newsmark-article>` failed; `detail` says why. */
    'newsmark:error': CustomEvent<NewsmarkErrorDetail>;
  }
}
