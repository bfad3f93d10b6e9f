// Property test of the DOM layer in Chromium: random trees (seeded) of nested inline and block
// elements, open and closed shadow roots, empty, adjacent and whitespace-only text nodes, comments,
// <br>, tables, lists, RTL text, skipped elements (script, style, textarea, template, hidden parts)
// and dictionary words, some cut across inline elements, highlighted and cleared in both modes. After
// each clear, the innerHTML of the light DOM and of every shadow root is byte-identical, and every
// original node is the same object, with its parent and data.
//
// Each tree has its own seed, printed on failure: `SEED=n node --test tests/reliability/dom-property.test.mjs`
// replays that one tree. TREES=n sets how many trees a run builds (default 300).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { harness } from './util.mjs';

const h = harness();
before(() => h.start());
after(() => h.stop());

const REPLAY = process.env.SEED === undefined ? null : Number(process.env.SEED);
const TREES = Number(process.env.TREES ?? 300);
// A fresh base seed per local run explores new trees; CI uses a fixed one, so a landing never depends
// on the draw (SEED still replays any tree).
const BASE = REPLAY ?? (process.env.CI ? 20261125 : Date.now() % 1e9);

/** Runs in the page: builds the tree of `seed` under #root; returns the shadow roots (host → root). */
function installTreeBuilder() {
  const WORDS = [
    'Russia', 'North Korea', 'Kim Jong Un', 'Kim Jong-un', 'Vladimir Putin', 'Putin', 'sanctions',
    'United States', 'U.S.', 'US', 'European Union', 'Ukraine', 'China', 'arms', 'nuclear weapons',
    'Iran’s', 'South Sudan', 'Sudan', 'Latin America', 'NATO', 'Moscow', 'Beijing',
  ];
  const FILL = ['the', 'said', 'and', 'met', 'in', 'of', ',', '.', ' ', '  ', '\n', '\t', '\u00A0', '\u00AD', '—', '“', '”', '😀', '普京', 'x'];
  const RTL = ['مرحبا بالعالم', 'روسيا', 'שלום עולם', 'ירושלים', '\u200F', '\u202B'];
  const INLINE = ['b', 'i', 'em', 'strong', 'span', 'a', 'small', 'sub', 'code', 'u', 'abbr', 'q', 'bdi', 'label', 'font', 'cite'];
  const BLOCK = ['p', 'div', 'section', 'article', 'blockquote', 'h2', 'header', 'footer', 'pre', 'figure', 'aside', 'nav'];

  window.buildTree = (seed) => {
    const rnd = R.prng(seed);
    const roots = new Map();
    let budget = 60 + rnd.int(160);

    const phrase = () => {
      let s = '';
      for (let n = rnd.int(5); n >= 0; n--) {
        const r = rnd.next();
        s += r < 0.35 ? rnd.pick(WORDS) : r < 0.45 ? rnd.pick(RTL) : rnd.pick(FILL);
        s += rnd.chance(0.7) ? ' ' : '';
      }
      return s;
    };

    const text = (parent) => {
      const r = rnd.next();
      const data = r < 0.08 ? '' : r < 0.18 ? rnd.pick([' ', '\n  ', '\t', '\u00A0']) : phrase();
      parent.append(document.createTextNode(data));
    };

    /** A dictionary word cut in two, its second half inside an inline element (or more nested). */
    const cutWord = (parent) => {
      const word = rnd.pick(WORDS);
      const at = 1 + rnd.int(Math.max(1, word.length - 1));
      parent.append(document.createTextNode(rnd.pick(['', ' ', 'the ']) + word.slice(0, at)));
      let host = parent;
      for (let d = rnd.int(3); d >= 0; d--) {
        const inline = document.createElement(rnd.pick(INLINE));
        host.append(inline);
        host = inline;
      }
      host.append(document.createTextNode(word.slice(at)));
      if (rnd.chance(0.3)) host.append(document.createComment(' c '));
    };

    const skipped = (parent) => {
      const kind = rnd.pick(['script', 'style', 'textarea', 'template', 'noscript', 'hidden', 'display', 'editable', 'opt-out', 'select']);
      let el;
      if (kind === 'script') {
        el = document.createElement('script');
        el.type = 'application/json'; // never executed
        el.textContent = `{"a": "${rnd.pick(WORDS)}"}`;
      } else if (kind === 'style') {
        el = document.createElement('style');
        el.textContent = `/* ${rnd.pick(WORDS)} */ .nm-never-used { color: red }`;
      } else if (kind === 'textarea') {
        el = document.createElement('textarea');
        el.textContent = phrase() + rnd.pick(WORDS);
      } else if (kind === 'template') {
        el = document.createElement('template');
        el.innerHTML = `<p>${rnd.pick(WORDS)}</p>`;
      } else if (kind === 'select') {
        el = document.createElement('select');
        el.innerHTML = `<option>${rnd.pick(WORDS)}</option>`;
      } else {
        el = document.createElement(rnd.pick(['span', 'div']));
        if (kind === 'hidden') el.hidden = true;
        if (kind === 'display') el.style.display = 'none';
        if (kind === 'editable') el.contentEditable = 'true';
        if (kind === 'opt-out') el.setAttribute('data-newsmark-skip', '');
        el.append(rnd.pick(WORDS));
      }
      parent.append(el);
    };

    const table = (parent, depth) => {
      const t = document.createElement('table');
      if (rnd.chance(0.5)) t.createCaption().append(phrase());
      const body = t.createTBody();
      for (let r = 1 + rnd.int(3); r > 0; r--) {
        const row = body.insertRow();
        for (let c = 1 + rnd.int(3); c > 0; c--) fill(row.insertCell(), depth + 1);
      }
      parent.append(t);
    };

    const list = (parent, depth) => {
      const l = document.createElement(rnd.pick(['ul', 'ol']));
      for (let i = 1 + rnd.int(4); i > 0; i--) {
        const li = document.createElement('li');
        fill(li, depth + 1);
        l.append(li);
      }
      parent.append(l);
    };

    const shadowHost = (parent, depth) => {
      const host = document.createElement(rnd.pick(['div', 'span', 'section', 'x-card']));
      const mode = rnd.chance(0.75) ? 'open' : 'closed';
      const shadow = host.attachShadow({ mode });
      roots.set(host, shadow);
      fill(shadow, depth + 1);
      if (rnd.chance(0.5)) shadow.append(document.createElement('slot'));
      if (rnd.chance(0.6)) fill(host, depth + 1);
      parent.append(host);
    };

    const child = (parent, depth) => {
      budget -= 1;
      const r = rnd.next();
      if (depth > 7 || budget <= 0 || r < 0.3) return text(parent);
      if (r < 0.38) {
        text(parent);
        return text(parent); // adjacent text nodes
      }
      if (r < 0.48) return cutWord(parent);
      if (r < 0.62) {
        const el = document.createElement(rnd.pick(INLINE));
        if (rnd.chance(0.1)) el.dir = 'rtl';
        fill(el, depth + 1);
        return parent.append(el);
      }
      if (r < 0.74) {
        const el = document.createElement(rnd.pick(BLOCK));
        if (rnd.chance(0.15)) el.dir = 'rtl';
        fill(el, depth + 1);
        return parent.append(el);
      }
      if (r < 0.78) return parent.append(document.createElement(rnd.pick(['br', 'br', 'hr', 'wbr', 'img'])));
      if (r < 0.81) return parent.append(document.createComment(rnd.pick([' note ', rnd.pick(WORDS), ''])));
      if (r < 0.86) return skipped(parent);
      if (r < 0.89) return table(parent, depth);
      if (r < 0.92) return list(parent, depth);
      if (r < 0.96) return shadowHost(parent, depth);
      const mark = document.createElement('mark'); // the page's own <mark>
      fill(mark, depth + 1);
      return parent.append(mark);
    };

    function fill(parent, depth) {
      for (let n = rnd.int(6); n >= 0; n--) child(parent, depth);
    }

    const root = document.getElementById('root');
    root.replaceChildren();
    root.dir = rnd.chance(0.1) ? 'rtl' : '';
    if (!root.dir) root.removeAttribute('dir');
    fill(root, 0);
    return { root, roots };
  };

  /** Builds and round-trips the trees `seeds`: `[{seed, problems, matches}]` for failing trees. */
  window.runTrees = (seeds) => {
    const highlighter = new window.nm.Highlighter();
    const failures = [];
    let matches = 0;
    let shadowRoots = 0;
    let crossing = 0;
    for (const seed of seeds) {
      const problems = [];
      try {
        const { root, roots } = window.buildTree(seed);
        shadowRoots += roots.size;
        for (const mode of ['mark', 'css']) problems.push(...R.roundTrip(root, roots, highlighter, mode));
        const report = highlighter.highlight(root, { mode: 'mark' });
        matches += report.total;
        const ids = new Map();
        for (const m of R.marks(root, roots)) ids.set(m.dataset.newsmarkMatch, (ids.get(m.dataset.newsmarkMatch) ?? 0) + 1);
        crossing += [...ids.values()].filter((n) => n > 1).length;
        highlighter.clear();
      } catch (error) {
        problems.push(`threw ${error?.stack ?? error}`);
      }
      if (problems.length) failures.push({ seed, problems });
    }
    document.getElementById('root').replaceChildren();
    return { failures, matches, shadowRoots, crossing };
  };
}

test(`${REPLAY === null ? TREES : 1} random trees round-trip highlight → clear in both modes (base seed ${BASE})`, { timeout: 100_000 }, async (t) => {
  const page = await h.page();
  await page.addScriptTag({ content: `(${installTreeBuilder.toString()})();` });
  const seeds = REPLAY === null ? Array.from({ length: TREES }, (_, i) => BASE + i) : [REPLAY];
  let matches = 0;
  let shadowRoots = 0;
  let crossing = 0;
  const failures = [];
  for (let i = 0; i < seeds.length; i += 50) {
    const result = await page.evaluate((batch) => window.runTrees(batch), seeds.slice(i, i + 50));
    failures.push(...result.failures);
    matches += result.matches;
    shadowRoots += result.shadowRoots;
    crossing += result.crossing;
  }
  const message = failures
    .slice(0, 3)
    .map((f) => `tree SEED=${f.seed} (replay: SEED=${f.seed} node --test tests/reliability/dom-property.test.mjs):\n  ${f.problems.join('\n  ')}`)
    .join('\n');
  t.diagnostic(`${seeds.length} trees: ${matches} matches (${crossing} across elements), ${shadowRoots} shadow roots`);
  assert.equal(failures.length, 0, `${failures.length} of ${seeds.length} trees failed\n${message}`);
  assert.deepEqual(page.errors, []);
  if (REPLAY === null) {
    // The generator is doing its job: matches happen, some across inline elements, in shadow roots.
    assert.ok(matches > seeds.length, `${matches} matches in ${seeds.length} trees`);
    assert.ok(crossing > 10, `${crossing} matches across inline elements`);
    assert.ok(shadowRoots > 20, `${shadowRoots} shadow roots`);
  }
});
