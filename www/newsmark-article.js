// <newsmark-article>: highlights the actors and topics of its own content, for pages that want
// newsmark without writing JavaScript. It lives apart from embed.js so the element can be read (and
// loaded) on its own; importing it registers the element, which is why package.json lists it in
// `sideEffects`.
//
// The element highlights itself as the root. Its shadow root holds only a <slot> and the legend
// area, and the legend carries `data-newsmark-skip`, so the walk (which reads shadow trees first)
// never highlights the legend. Everything shown in the legend is set with textContent.

import init, { Highlighter } from './pkg/newsmark.js';

const TAG = 'newsmark-article';
const EVENT_HIGHLIGHTED = 'newsmark:highlighted';
const EVENT_ERROR = 'newsmark:error';

const LEGEND_CSS = `
:host { display: block; }
:host([hidden]) { display: none; }
.legend { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; margin: 0 0 .75em;
  font: 13px/1.3 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2433; }
.legend[hidden] { display: none; }
.total { font-weight: 600; margin-right: 4px; }
.item { display: inline-flex; align-items: center; gap: 5px; padding: 2px 8px 2px 4px;
  border: 1px solid #dde2ea; border-radius: 999px; background: #fff; }
.swatch { width: 12px; height: 12px; border-radius: 3px; border: 1px solid rgba(0,0,0,.15); }
.count { color: #5b6475; font-variant-numeric: tabular-nums; }
.error { flex-basis: 100%; margin: 0; color: #a4161a; }
.error:empty { display: none; }
`;

/** One constructed sheet for every element (it is not subject to a page's style-src CSP). */
let legendSheet;
function adoptLegendStyles(shadow) {
  if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet === 'function') {
    try {
      legendSheet ??= new CSSStyleSheet();
      if (!legendSheet.cssRules.length) legendSheet.replaceSync(LEGEND_CSS);
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, legendSheet];
      return;
    } catch { /* fall back to a <style> element below */ }
  }
  const style = document.createElement('style');
  style.textContent = LEGEND_CSS;
  shadow.append(style);
}

/** Dictionary fetches shared by every element (and highlightPage) of the page, by absolute URL. */
const dictionaryCache = new Map();

/**
 * Fetches a dictionary file and parses it; rejects with an Error naming the URL (HTTP status,
 * network failure or invalid JSON). Concurrent and repeated calls for one URL share one fetch.
 */
export function loadDictionary(url) {
  let absolute;
  try {
    absolute = new URL(String(url), document.baseURI).href;
  } catch {
    return Promise.reject(new Error(`dictionary ${url}: not a valid URL`));
  }
  let pending = dictionaryCache.get(absolute);
  if (!pending) {
    pending = fetchDictionary(String(url), absolute);
    dictionaryCache.set(absolute, pending);
    pending.catch(() => dictionaryCache.delete(absolute));
  }
  return pending;
}

async function fetchDictionary(name, absolute) {
  let response;
  try {
    response = await fetch(absolute);
  } catch (error) {
    throw new Error(`dictionary ${name}: cannot fetch it (${error.message ?? error})`);
  }
  if (!response.ok) throw new Error(`dictionary ${name}: HTTP ${response.status}`);
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`dictionary ${name}: not valid JSON (${error.message})`);
  }
}

/** Category ids from an attribute value: separated by spaces and/or commas; none means all. */
function parseList(value) {
  const ids = (value ?? '').split(/[\s,]+/).filter(Boolean);
  return ids.length ? ids : null;
}

/** The categories of a highlighter's dictionary, parsed once per highlighter. */
const categoriesOf = new WeakMap();
function dictionaryCategories(highlighter) {
  if (!categoriesOf.has(highlighter)) {
    categoriesOf.set(highlighter, JSON.parse(highlighter.dictionary()).categories ?? {});
  }
  return categoriesOf.get(highlighter);
}

/**
 * Highlighters shared by the elements of a page that have the same `dictionary` and `categories`
 * (building one compiles the whole dictionary: tens of milliseconds). Sessions are per root, so
 * elements sharing a highlighter never clear each other; the last element to let go frees it.
 */
const pool = new Map(); // key -> {highlighter: Promise<Highlighter>, users}

function leaseHighlighter(key, url) {
  let shared = pool.get(key);
  if (!shared) {
    shared = { highlighter: buildHighlighter(url), users: 0 };
    pool.set(key, shared);
    shared.highlighter.catch(() => pool.get(key) === shared && pool.delete(key));
  }
  shared.users += 1;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    shared.users -= 1;
    if (shared.users === 0) {
      if (pool.get(key) === shared) pool.delete(key);
      shared.highlighter.then((highlighter) => highlighter.free(), () => {});
    }
  };
  return shared.highlighter.then(
    (highlighter) => ({ key, highlighter, release }),
    (error) => { release(); throw error; },
  );
}

async function buildHighlighter(url) {
  await init();
  if (!url) return new Highlighter();
  const dictionary = await loadDictionary(url);
  try {
    return Highlighter.fromDictionaries([dictionary]);
  } catch (error) {
    // "dictionary 'dictionaries[0]': …" becomes "dictionary <url>: …".
    const message = String(error?.message ?? error).replace(/^dictionary 'dictionaries\[0\]': /, '');
    throw new Error(`dictionary ${url}: ${message}`);
  }
}

// Outside a browser (server-side rendering, a bundler's prerender) there is no HTMLElement: the module
// still loads, and nothing is registered.
const ElementBase = globalThis.HTMLElement ?? class {};

export class NewsmarkArticle extends ElementBase {
  static observedAttributes = ['dictionary', 'categories', 'mode', 'legend', 'live'];

  #lease = null; // {key, highlighter, release} from the pool
  #report = null;
  #run = 0; // bumped by every run and by disconnection: a late async step sees it is stale
  #scheduled = null;
  #legend;
  #error;

  constructor() {
    super();
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    adoptLegendStyles(shadow);
    this.#legend = document.createElement('div');
    this.#legend.className = 'legend';
    this.#legend.setAttribute('part', 'legend');
    this.#legend.setAttribute('data-newsmark-skip', '');
    this.#legend.setAttribute('role', 'status');
    this.#legend.hidden = true;
    this.#error = document.createElement('p');
    this.#error.className = 'error';
    this.#error.setAttribute('part', 'error');
    shadow.append(this.#legend, document.createElement('slot'));
  }

  /** The report of the last highlighting, or null. */
  get report() {
    return this.#report;
  }

  /** The Highlighter this element uses (for next/previous and friends), or null before the first run. */
  get highlighter() {
    return this.#lease?.highlighter ?? null;
  }

  connectedCallback() {
    this.#schedule();
  }

  disconnectedCallback() {
    this.#run += 1;
    // A move (removed and inserted again in one task) keeps the highlighter; a removal gives it back.
    queueMicrotask(() => {
      if (!this.isConnected) this.#dropHighlighter();
    });
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    if (name === 'legend') {
      this.#renderLegend();
      return;
    }
    if (this.isConnected) this.#schedule();
  }

  /** Highlights the content again (after it changed without `live`); resolves with the report. */
  refresh() {
    return this.#highlight();
  }

  /** Runs once per microtask, so setting several attributes in a row highlights once. */
  #schedule() {
    this.#scheduled ??= Promise.resolve().then(() => {
      this.#scheduled = null;
      return this.#highlight();
    });
    return this.#scheduled;
  }

  async #highlight() {
    const run = ++this.#run;
    if (!this.isConnected) return null;
    try {
      await init();
      const highlighter = await this.#highlighterFor(run);
      if (run !== this.#run || !highlighter) return null;
      highlighter.clear(this);
      highlighter.setCategories(parseList(this.getAttribute('categories')));
      const options = {
        observe: this.hasAttribute('live'),
        onUpdate: (report) => this.#done(report),
      };
      const mode = this.getAttribute('mode');
      if (mode) options.mode = mode;
      this.#done(highlighter.highlight(this, options));
      return this.#report;
    } catch (error) {
      if (run === this.#run) this.#fail(error);
      return null;
    }
  }

  /**
   * The highlighter for the current `dictionary` and `categories` attributes, leased from the pool
   * (see `leaseHighlighter`); the previous lease is given back once this one is in use.
   */
  async #highlighterFor(run) {
    const url = this.getAttribute('dictionary') || null;
    const categories = parseList(this.getAttribute('categories'));
    const key = JSON.stringify([url, categories]);
    if (this.#lease?.key === key) return this.#lease.highlighter;
    const lease = await leaseHighlighter(key, url);
    if (run !== this.#run) {
      lease.release();
      return null;
    }
    this.#dropHighlighter();
    this.#lease = lease;
    return lease.highlighter;
  }

  /** Takes this element's highlights off the page and gives its highlighter back to the pool. */
  #dropHighlighter() {
    const lease = this.#lease;
    if (!lease) return;
    this.#lease = null;
    try {
      lease.highlighter.clear(this);
    } catch { /* nothing more can be done; release it anyway */ }
    lease.release();
  }

  #done(report) {
    this.#report = report;
    this.#error.textContent = '';
    this.#renderLegend();
    this.dispatchEvent(new CustomEvent(EVENT_HIGHLIGHTED, { detail: report, bubbles: true, composed: true }));
  }

  #fail(error) {
    const message = String(error?.message ?? error);
    // A failed dictionary leaves the content plain rather than highlighted with another dictionary.
    this.#dropHighlighter();
    this.#report = null;
    this.#error.textContent = `newsmark: ${message}`;
    this.#renderLegend();
    this.dispatchEvent(new CustomEvent(EVENT_ERROR, { detail: { message, error }, bubbles: true, composed: true }));
  }

  /** The legend: total, then one chip per visible category with matches (colour, label, count). */
  #renderLegend() {
    const legend = this.#legend;
    const hasError = this.#error.textContent !== '';
    legend.hidden = !hasError && !this.hasAttribute('legend');
    const items = [];
    if (this.hasAttribute('legend') && this.#report && this.#lease) {
      const categories = dictionaryCategories(this.#lease.highlighter);
      const visible = parseList(this.getAttribute('categories'));
      const shown = Object.entries(categories)
        .map(([id, category]) => [id, category, this.#report.categories?.[id] ?? 0])
        .filter(([id, , count]) => count > 0 && (!visible || visible.includes(id)));
      const sum = shown.reduce((total, [, , count]) => total + count, 0);
      const total = document.createElement('span');
      total.className = 'total';
      total.setAttribute('part', 'legend-total');
      total.textContent = sum === 0 ? 'No actors or topics found' : sum === 1 ? '1 match' : `${sum} matches`;
      items.push(total);
      for (const [id, category, count] of shown) {
        const item = document.createElement('span');
        item.className = 'item';
        item.setAttribute('part', 'legend-item');
        item.dataset.category = id;
        item.dataset.kind = category.kind;
        item.title = `${category.kind === 'actor' ? 'Actor' : 'Topic'}: ${category.label ?? id}`;
        const swatch = document.createElement('span');
        swatch.className = 'swatch';
        swatch.style.backgroundColor = category.color;
        const label = document.createElement('span');
        label.className = 'label';
        label.textContent = category.label ?? id;
        const number = document.createElement('span');
        number.className = 'count';
        number.textContent = String(count);
        item.append(swatch, label, number);
        items.push(item);
      }
    }
    legend.replaceChildren(...items, this.#error);
  }
}

// Registered once per page, even if a second copy of this module is loaded from another URL.
if (typeof customElements !== 'undefined' && !customElements.get(TAG)) {
  customElements.define(TAG, NewsmarkArticle);
}
