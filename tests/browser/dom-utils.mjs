// Shared set-up of the DOM test files (dom-*.test.mjs, api.test.mjs): one server and one browser per
// file, a fresh harness page per test, and in-page helpers (`window.T`) to build fixtures and to read
// back what newsmark did to them. Not a test file itself (no `.test.` in the name).

import assert from 'node:assert/strict';
import { serveProject, launch, openHarness } from './helpers.mjs';

/**
 * Starts the server and the browser for one test file: call `start()` in `before` and `stop()` in
 * `after`. `page()` gives the page for the next test: with `{ fresh: true }` a new harness page per
 * test; otherwise one page per file whose `#root`, `CSS.highlights` and adopted style sheets are reset
 * between tests (a new page replaces it after a failed test, so one failure cannot leak into others).
 */
export function harness({ fresh = false } = {}) {
  let server;
  let browser;
  let current = null;
  let dirty = false;
  async function open() {
    const errors = [];
    const page = await openHarness(browser, server.url, errors);
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(new Error(`console.error: ${message.text()}`));
    });
    await page.addScriptTag({ content: `(${installHelpers.toString()})();` });
    page.errors = errors;
    return page;
  }
  return {
    async start() {
      server = await serveProject();
      browser = await launch();
    },
    async stop() {
      await current?.close();
      await browser?.close();
      await server?.close();
    },
    async page() {
      if (current && !fresh && !dirty) {
        await current.evaluate(() => window.T.reset());
        current.errors.length = 0;
        return current;
      }
      await current?.close();
      dirty = false;
      current = await open();
      return current;
    },
    /** After a failure: the next test gets a new page. */
    markDirty() {
      dirty = true;
    },
    get url() {
      return server.url;
    },
  };
}

/**
 * `it()` with a harness page: `test(name, async (page) => …)`. Fails on page or console errors too.
 */
export function pageTest(h, it) {
  return (name, fn, options = {}) =>
    it(name, options, async () => {
      const page = await h.page();
      try {
        await fn(page);
        assertNoErrors(page);
      } catch (error) {
        h.markDirty();
        throw error;
      }
    });
}

/** Fails when the page reported an uncaught error or a console error. */
export function assertNoErrors(page) {
  assert.deepEqual(page.errors.map((e) => e.message), [], 'no page or console errors');
}

/** Installs `window.T` in the page: fixture builders and read-back helpers. Runs in the page. */
function installHelpers() {
  const root = () => document.getElementById('root');

  /** Every node under `node`, in document order, entering open shadow roots (after their host). */
  function allNodes(node, out = []) {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      out.push(child);
      if (child.shadowRoot) allNodes(child.shadowRoot, out);
      allNodes(child, out);
    }
    return out;
  }

  /** Every newsmark mark under `node`, including inside open shadow roots. */
  function marks(node = root()) {
    return allNodes(node).filter(
      (n) => n.nodeType === 1 && n.localName === 'mark' && n.classList.contains('newsmark'),
    );
  }

  function describe(n) {
    if (n.nodeType === 3) return `#text ${JSON.stringify(n.data)}`;
    if (n.nodeType === 8) return `#comment ${JSON.stringify(n.data)}`;
    return `<${n.localName}>`;
  }

  const T = {
    root,
    allNodes,
    marks,

    /** A new, empty #root; forgets what earlier tests registered in CSS.highlights and adopted. */
    reset() {
      const fresh = document.createElement('div');
      fresh.id = 'root';
      root().replaceWith(fresh);
      CSS.highlights.clear();
      document.adoptedStyleSheets = [];
    },

    /** Replaces the content of #root. */
    set(html) {
      const r = root();
      r.innerHTML = html;
      return r;
    },

    /** `{entry, category, kind, match, text, cls}` of each mark, in document order. */
    markInfo(node = root()) {
      return marks(node).map((m) => ({
        entry: m.getAttribute('data-newsmark-entry'),
        category: m.getAttribute('data-newsmark-category'),
        kind: m.getAttribute('data-newsmark-kind'),
        match: m.getAttribute('data-newsmark-match'),
        text: m.textContent,
      }));
    },

    /** The marks grouped by `data-newsmark-match`, in order: `[{entry, pieces, text}]`. */
    matches(node = root()) {
      const groups = new Map();
      for (const info of T.markInfo(node)) {
        if (!groups.has(info.match)) groups.set(info.match, { entry: info.entry, pieces: [] });
        groups.get(info.match).pieces.push(info.text);
      }
      return [...groups.values()].map((g) => ({ ...g, text: g.pieces.join(' ') }));
    },

    /** Number of newsmark marks nested in another one (should always be 0). */
    nested(node = root()) {
      return marks(node).filter((m) => m.parentElement?.closest('mark.newsmark')).length;
    },

    /** What must come back after `clear()`: the markup and every node object with its parent and data. */
    snapshot(node = root()) {
      return {
        node,
        html: node.innerHTML,
        nodes: allNodes(node).map((n) => ({
          n,
          parent: n.parentNode,
          data: n.nodeType === 3 || n.nodeType === 8 ? n.data : null,
        })),
      };
    },

    /** Differences between `node` now and a snapshot (empty when identical, node objects included). */
    compare(snap) {
      const problems = [];
      if (snap.node.innerHTML !== snap.html) {
        problems.push(`innerHTML differs:\n  before ${JSON.stringify(snap.html)}\n  after  ${JSON.stringify(snap.node.innerHTML)}`);
      }
      const now = allNodes(snap.node);
      if (now.length !== snap.nodes.length) {
        problems.push(`node count ${snap.nodes.length} before, ${now.length} after: after = [${now.map(describe).join(', ')}]`);
      }
      snap.nodes.forEach((before, i) => {
        if (now[i] !== before.n) {
          problems.push(`node ${i} (${describe(before.n)}) is not the original object (found ${now[i] ? describe(now[i]) : 'nothing'})`);
        } else if (before.n.parentNode !== before.parent) {
          problems.push(`node ${i} (${describe(before.n)}) has another parent`);
        } else if (before.data !== null && before.n.data !== before.data) {
          problems.push(`node ${i} data ${JSON.stringify(before.n.data)}, was ${JSON.stringify(before.data)}`);
        }
      });
      return problems;
    },

    /**
     * Highlights `node` with `hl` in mark mode, records what was marked, clears, and compares with
     * the state before: `{report, matches, nested, problems}`.
     */
    roundTrip(node = root(), hl = new window.newsmark.Highlighter(), options = {}) {
      const snap = T.snapshot(node);
      const report = hl.highlight(node, { mode: 'mark', ...options });
      const matches = T.matches(node);
      const nested = T.nested(node);
      const whitespaceMarks = marks(node).filter((m) => m.textContent.trim() === '').length;
      hl.clear();
      return { report, matches, nested, whitespaceMarks, problems: T.compare(snap), marksLeft: marks(node).length };
    },

    /** The ranges of a CSS highlight (`[]` when it is not registered). */
    ranges(name) {
      const highlight = CSS.highlights.get(name);
      return highlight ? [...highlight] : [];
    },

    /** Names registered in `CSS.highlights`, sorted. */
    highlightNames() {
      return [...CSS.highlights.keys()].sort();
    },

    /** `#rrggbb` as getComputedStyle prints it. */
    rgb(hex) {
      const n = parseInt(hex.slice(1), 16);
      return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
    },

    /** The colour of a category in a highlighter's dictionary. */
    categoryColor(hl, id) {
      const dictionary = JSON.parse(hl.dictionary());
      const categories = dictionary.categories;
      const category = Array.isArray(categories) ? categories.find((c) => c.id === id) : categories[id];
      return category.color;
    },

    background(element) {
      return getComputedStyle(element).backgroundColor;
    },

    /** Paragraphs of /seed-article.txt (blank-line separated), fetched once. */
    async seedParagraphs() {
      if (!T.seedCache) {
        const text = await (await fetch('/seed-article.txt')).text();
        T.seedCache = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
      }
      return T.seedCache;
    },

    /** Builds the seed article under `node`: a heading and one <p> per paragraph, `copies` times. */
    async buildSeed(node = root(), copies = 1) {
      const [title, ...paragraphs] = await T.seedParagraphs();
      const fragment = document.createDocumentFragment();
      for (let i = 0; i < copies; i++) {
        const h1 = document.createElement('h1');
        h1.textContent = title;
        fragment.append(h1);
        for (const text of paragraphs) {
          const p = document.createElement('p');
          p.textContent = text;
          fragment.append(p);
        }
      }
      node.replaceChildren(fragment);
      return node;
    },

    sleep(ms) {
      return new Promise((done) => setTimeout(done, ms));
    },
  };
  window.T = T;
}
