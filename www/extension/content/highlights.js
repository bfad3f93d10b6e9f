// The fallback path's painting: one `Highlight` per category in `CSS.highlights`, named
// `newsmark-<category>` like the wasm highlighter's, and one constructed style sheet (black text on the
// category colour) adopted by the document and by every shadow root the walk entered.
//
// Why it mirrors src/web/style.rs and the `Highlights` struct of src/web/paint.rs: both paths must look
// the same and share the registry politely — a highlight is taken from the registry if another
// highlighter registered it, ranges are added and removed one by one, and a name is unregistered only
// when its highlight is empty. Hidden categories keep their ranges out of the registry. Colours and
// ids were validated by the engine when the dictionary loaded, so the rule text cannot be broken out of.

export const CURRENT = 'newsmark-current';

/** The CSS highlight name of a category. */
export const highlightName = (category) => `newsmark-${category}`;

/** The style rules for `categories` (`{id: {color}}`) minus the `hidden` ids. */
export function styleRules(categories, hidden) {
  let css = '';
  for (const [id, category] of Object.entries(categories)) {
    if (!hidden.has(id)) css += `::highlight(${highlightName(id)}){background-color:${category.color};color:#000}\n`;
  }
  css += `::highlight(${CURRENT}){background-color:#111;color:#fff;text-decoration:underline 3px #d00000}\n`;
  return css;
}

export class HighlightPainter {
  /**
   * @param {Document} document
   * @param {{[id: string]: {color: string}}} categories
   * @param {Iterable<string>} hidden category ids not to show
   */
  constructor(document, categories, hidden = []) {
    if (!globalThis.CSS?.highlights || typeof Highlight !== 'function') {
      throw new Error('this browser has no CSS Custom Highlight API (CSS.highlights)');
    }
    this.document = document;
    this.categories = categories;
    this.hidden = new Set(hidden);
    this.byCategory = new Map();
    this.sheet = new (document.defaultView?.CSSStyleSheet ?? CSSStyleSheet)();
    this.sheet.replaceSync(styleRules(categories, this.hidden));
    this.hosts = [];
    this.adopt(document);
  }

  highlight(category) {
    let highlight = this.byCategory.get(category);
    if (!highlight) {
      const name = highlightName(category);
      highlight = CSS.highlights.get(name) ?? new Highlight();
      CSS.highlights.set(name, highlight);
      this.byCategory.set(category, highlight);
    }
    return highlight;
  }

  /** Shows `range` in `category`'s colour (unless the category is hidden). */
  add(category, range) {
    if (!this.hidden.has(category)) this.highlight(category).add(range);
  }

  remove(category, range) {
    this.byCategory.get(category)?.delete(range);
  }

  /** Changes the hidden categories; `placed` is every `{range, match}` shown so far. */
  setHidden(hidden, placed) {
    this.hidden = new Set(hidden);
    this.sheet.replaceSync(styleRules(this.categories, this.hidden));
    for (const { range, match } of placed) {
      this.remove(match.category, range);
      this.add(match.category, range);
    }
  }

  /** Adopts the style sheet into a document or shadow root (once). */
  adopt(host) {
    if (this.hosts.includes(host)) return;
    host.adoptedStyleSheets = [...host.adoptedStyleSheets, this.sheet];
    this.hosts.push(host);
  }

  /** Marks `range` as the current occurrence (next/previous), or none with `null`. */
  setCurrent(range) {
    if (!range) {
      CSS.highlights.delete(CURRENT);
      return;
    }
    const highlight = new Highlight(range);
    highlight.priority = 1;
    CSS.highlights.set(CURRENT, highlight);
  }

  /** Takes everything off: ranges of `placed`, empty registrations, the current mark, the sheet. */
  release(placed) {
    for (const { range, match } of placed) this.remove(match.category, range);
    for (const [category, highlight] of this.byCategory) {
      if (highlight.size === 0 && CSS.highlights.get(highlightName(category)) === highlight) {
        CSS.highlights.delete(highlightName(category));
      }
    }
    this.byCategory.clear();
    this.setCurrent(null);
    for (const host of this.hosts) host.adoptedStyleSheets = host.adoptedStyleSheets.filter((s) => s !== this.sheet);
    this.hosts = [];
  }
}
