// Shared set-up of the reliability browser tests: one server and one Chromium per test file, a
// harness page exposing the whole wasm module as `window.nm`, and in-page helpers (`window.R`): a
// seeded PRNG and the checks every test repeats (snapshot and compare of a subtree with its shadow
// roots, mark read-back, the expected match count). Not a test file itself.

import { join } from 'node:path';
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { serve } from '../../scripts/serve.mjs';
import { ROOT, launch } from '../browser/helpers.mjs';

/** Starts the server and the browser; `page()` opens a fresh harness page that records errors. */
export function harness() {
  let server;
  let browser;
  const pages = [];
  return {
    async start() {
      server = await serve({ '/': join(ROOT, 'www'), '/fixtures/': join(ROOT, 'tests/browser/fixtures') });
      browser = await launch();
    },
    async stop() {
      for (const page of pages) await page.close().catch(() => {});
      await browser?.close();
      await server?.close();
    },
    /** A harness page in a browser of its own (for a test that may leave its renderer busy). */
    async isolatedPage() {
      const own = await launch();
      const page = await this.page(own);
      page.closeBrowser = () => own.close();
      return page;
    },
    async page(inBrowser = browser) {
      const page = await inBrowser.newPage();
      pages.push(page);
      page.errors = [];
      page.dialogs = [];
      page.on('pageerror', (error) => page.errors.push(error.message));
      page.on('console', (m) => {
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) page.errors.push(`console.error: ${m.text()}`);
      });
      page.on('dialog', (dialog) => { page.dialogs.push(dialog.message()); dialog.dismiss().catch(() => {}); });
      await page.goto(`${server.url}/fixtures/harness.html`);
      await page.waitForFunction(() => window.newsmarkReady === true);
      await page.addScriptTag({ content: `(${installHelpers.toString()})();` });
      return page;
    },
  };
}

/** Records a measured time under `target/reliability/times.json` (docs/reliability.md quotes them). */
export function recordTime(name, value) {
  const dir = join(ROOT, 'target', 'reliability');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'times.json');
  const times = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  times[name] = value;
  writeFileSync(file, `${JSON.stringify(times, null, 2)}\n`);
}

/** Installs `window.R` in the page. Runs in the page. */
function installHelpers() {
  /** mulberry32: a small seeded PRNG, so a failing case replays from its seed. */
  function prng(seed) {
    let a = seed >>> 0;
    const next = () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    return {
      next,
      int: (n) => Math.floor(next() * n),
      pick: (list) => list[Math.floor(next() * list.length)],
      chance: (p) => next() < p,
    };
  }

  /** Every node under `node` in document order, entering the shadow roots listed in `roots`. */
  function allNodes(node, roots, out = []) {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      out.push(child);
      const shadow = child.nodeType === 1 ? roots.get(child) : null;
      if (shadow) allNodes(shadow, roots, out);
      allNodes(child, roots, out);
    }
    return out;
  }

  const isHigh = (u) => u >= 0xd800 && u <= 0xdbff;
  const isLow = (u) => u >= 0xdc00 && u <= 0xdfff;

  window.R = {
    prng,
    isHigh,
    isLow,

    /** Whether offset `i` of `s` falls between the two halves of a surrogate pair. */
    splitsPair(s, i) {
      return i > 0 && i < s.length && isHigh(s.charCodeAt(i - 1)) && isLow(s.charCodeAt(i));
    },

    /**
     * What must come back after clear: innerHTML of `root` and of every shadow root (open or closed,
     * from `roots`: host → shadow root), and every node object with its parent and data.
     */
    snapshot(root, roots = new Map()) {
      return {
        root,
        roots,
        html: root.innerHTML,
        shadowHtml: [...roots.values()].map((r) => r.innerHTML),
        nodes: allNodes(root, roots).map((n) => ({
          n,
          parent: n.parentNode,
          data: n.nodeType === 3 || n.nodeType === 8 ? n.data : null,
        })),
      };
    },

    /** The differences from a snapshot (empty when byte-identical with the same node objects). */
    compare(snap) {
      const problems = [];
      if (snap.root.innerHTML !== snap.html) problems.push(`light DOM innerHTML differs: ${JSON.stringify(snap.root.innerHTML).slice(0, 400)} vs ${JSON.stringify(snap.html).slice(0, 400)}`);
      [...snap.roots.values()].forEach((r, i) => {
        if (r.innerHTML !== snap.shadowHtml[i]) problems.push(`shadow root ${i} innerHTML differs: ${JSON.stringify(r.innerHTML).slice(0, 300)} vs ${JSON.stringify(snap.shadowHtml[i]).slice(0, 300)}`);
      });
      const now = allNodes(snap.root, snap.roots);
      if (now.length !== snap.nodes.length) problems.push(`${snap.nodes.length} nodes before, ${now.length} after`);
      snap.nodes.forEach((before, i) => {
        if (now[i] !== before.n) problems.push(`node ${i} is not the original object`);
        else if (before.n.parentNode !== before.parent) problems.push(`node ${i} has another parent`);
        else if (before.data !== null && before.n.data !== before.data) problems.push(`node ${i} data changed`);
      });
      return problems.slice(0, 5);
    },

    /** The newsmark marks under `root` and its shadow roots, in document order. */
    marks(root, roots = new Map()) {
      return allNodes(root, roots).filter((n) => n.nodeType === 1 && n.localName === 'mark' && n.classList.contains('newsmark'));
    },

    /** Ranges newsmark registered in CSS.highlights. */
    ranges() {
      const out = [];
      for (const [name, highlight] of CSS.highlights) {
        if (name.startsWith('newsmark-') && name !== 'newsmark-current') out.push(...highlight);
      }
      return out;
    },

    /**
     * Highlights `root` in `mode`, checks the page and clears: returns a list of problems (empty when
     * all is well). Checked: the report's total equals `scanBlocks(readBlocks(root))`; in mark mode,
     * every mark holds one non-blank text node outside script/style/textarea, and each match's marks
     * spell what scan found; in css mode the DOM is untouched and there is one range per match; after
     * clear, the snapshot comparison.
     */
    roundTrip(root, roots, highlighter, mode) {
      const problems = [];
      const snap = R.snapshot(root, roots);
      const scans = highlighter.scanBlocks(window.nm.readBlocks(root));
      const expected = scans.reduce((n, s) => n + s.length, 0);
      const squeeze = (s) => s.replace(/\s+/g, '');
      const report = highlighter.highlight(root, { mode });
      if (report.total !== expected) problems.push(`${mode}: report.total ${report.total}, scanBlocks(readBlocks) ${expected}`);
      if (mode === 'mark') {
        const byMatch = new Map();
        for (const mark of R.marks(root, roots)) {
          const where = mark.parentElement?.closest('script, style, textarea, template, noscript');
          if (where) problems.push(`mark inside <${where.localName}>`);
          if (mark.parentElement?.closest('mark.newsmark')) problems.push('nested mark');
          if (mark.childNodes.length !== 1 || mark.firstChild.nodeType !== 3 || !mark.textContent.trim()) {
            problems.push(`bad mark ${JSON.stringify(mark.outerHTML)}`);
          }
          const id = Number(mark.dataset.newsmarkMatch);
          if (!byMatch.has(id)) byMatch.set(id, []);
          byMatch.get(id).push(mark.textContent);
        }
        const marked = [...byMatch.keys()].sort((a, b) => a - b).map((id) => squeeze(byMatch.get(id).join('')));
        const found = scans.flat().map((m) => squeeze(m.text));
        if (JSON.stringify(marked) !== JSON.stringify(found)) {
          problems.push(`marks spell ${JSON.stringify(marked)}, scan found ${JSON.stringify(found)}`);
        }
      } else {
        const ranges = R.ranges();
        if (ranges.length !== expected) problems.push(`css: ${ranges.length} ranges, ${expected} matches`);
        if (root.innerHTML !== snap.html) problems.push('css mode changed the DOM');
      }
      highlighter.clear();
      if (R.ranges().length) problems.push(`${mode}: ranges left after clear`);
      problems.push(...R.compare(snap).map((p) => `${mode}: after clear: ${p}`));
      return problems;
    },
  };
}
