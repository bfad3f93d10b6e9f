// Hostile input through the wasm API in Chromium: dictionary labels, ids and colours carrying HTML,
// JavaScript or CSS never run and never leave their attribute or rule; page text that looks like
// markup stays text; and huge inputs (a 50 MB text node, 1,000,000 text nodes, 10,000-deep nesting,
// a 10 MB dictionary, a 100,000-alias dictionary) work or fail with a clear error, each bounded by a
// timeout. Measured times go to target/reliability/times.json (quoted in docs/reliability.md).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { harness, recordTime } from './util.mjs';

const h = harness();
before(() => h.start());
after(() => h.stop());

const EVIL_LABEL = '<img src=x onerror="window.__pwned=1;alert(1)">"\'></mark><script>window.__pwned=2</script>';

describe('dictionary fields that carry markup or CSS', () => {
  test('a label with HTML ends up only as text in title, and nothing runs', async () => {
    const page = await h.page();
    const r = await page.evaluate((label) => {
      const hl = window.nm.Highlighter.fromDictionaries([{
        categories: { evil: { label, kind: 'actor', color: 'red' } },
        entries: [{ id: 'evil', label, category: 'evil', aliases: ['Ruritania'] }],
      }]);
      const root = document.getElementById('root');
      root.innerHTML = '<p>News from Ruritania and Russia.</p>';
      const imagesBefore = document.images.length;
      const report = hl.highlight(root, { mode: 'mark' });
      const mark = root.querySelector('mark.newsmark[data-newsmark-entry="evil"]');
      const out = {
        title: mark.getAttribute('title'),
        children: mark.children.length,
        attributes: [...mark.attributes].map((a) => a.name).sort(),
        images: document.images.length - imagesBefore,
        scripts: root.querySelectorAll('script').length,
        reportLabel: report.entries.find((e) => e.id === 'evil').label,
        scanLabel: hl.scan('Ruritania')[0].label,
      };
      hl.clear();
      return out;
    }, EVIL_LABEL);
    await page.waitForTimeout(100); // an onerror would have fired by now
    assert.equal(r.title, EVIL_LABEL);
    assert.equal(r.reportLabel, EVIL_LABEL);
    assert.equal(r.scanLabel, EVIL_LABEL);
    assert.equal(r.children, 0);
    assert.ok(r.attributes.every((a) => a === 'class' || a === 'title' || a.startsWith('data-newsmark-')), r.attributes.join(' '));
    assert.equal(r.images, 0);
    assert.equal(r.scripts, 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(page.dialogs, []);
    assert.deepEqual(page.errors, []);
  });

  test('colours that would break out of the CSS rule are refused with a clear error', async () => {
    const page = await h.page();
    const results = await page.evaluate(() => {
      const colours = ['red;}body{display:none', 'red}body{display:none}', 'red;background:url(//x.example/a.png)',
        '#fff;}', 'rgb(0,0,0);}*{color:red', 'url(javascript:alert(1))', 'red/**/', 'red\n}', 'var(--x)', '</style><script>alert(1)</script>'];
      return colours.map((color) => {
        try {
          window.nm.Highlighter.fromDictionaries([{ categories: { c: { label: 'C', kind: 'actor', color } }, entries: [] }]);
          return [color, 'accepted'];
        } catch (error) {
          return [color, error instanceof Error ? error.message : `threw ${typeof error}`];
        }
      });
    });
    for (const [color, message] of results) {
      assert.ok(message.startsWith("dictionary 'dictionaries[0]': category 'c': field 'color': "), `${JSON.stringify(color)}: ${message}`);
      assert.ok(message.includes('is not a CSS colour'), `${JSON.stringify(color)}: ${message}`);
    }
    assert.equal(results[0][1], "dictionary 'dictionaries[0]': category 'c': field 'color': 'red;}body{display:none' is not a CSS colour (use #rgb, #rrggbb, rgb(...), hsl(...) or a colour name)");
  });

  test('accepted colours produce only the highlighter\'s own rules', async () => {
    const page = await h.page();
    const r = await page.evaluate(() => {
      const colours = ['#abc', '#A0B1C2D3', 'rgb(1, 2, 3)', 'rgba(1,2,3,.5)', 'hsl(120deg 50% 50% / 50%)', 'RebeccaPurple'];
      const categories = Object.fromEntries(colours.map((color, i) => [`c${i}`, { label: `C${i}`, kind: 'actor', color }]));
      const entries = colours.map((_, i) => ({ id: `e${i}`, label: 'x', category: `c${i}`, aliases: [`Word${i}`] }));
      const hl = window.nm.Highlighter.fromDictionaries([{ categories, entries }], { useDefault: false });
      const root = document.getElementById('root');
      root.innerHTML = `<p>${colours.map((_, i) => `Word${i}`).join(' ')}</p>`;
      hl.highlight(root, { mode: 'mark' });
      const selectors = document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.selectorText));
      const display = getComputedStyle(document.body).display;
      hl.clear();
      return { selectors, display };
    });
    assert.equal(r.display, 'block');
    for (const selector of r.selectors) {
      assert.match(selector, /^(mark\.newsmark(\[data-newsmark-highlighter="\w+"\])?(\[data-newsmark-category="c\d"\]|\.newsmark-current)?|::highlight\(newsmark-[\w-]+\))$/);
    }
    assert.ok(r.selectors.length >= 12, r.selectors.join(' | '));
  });

  test('ids and category ids that could leave an attribute or selector are refused', async () => {
    const page = await h.page();
    const messages = await page.evaluate(() => {
      const attempt = (dictionary) => {
        try { window.nm.Highlighter.fromDictionaries([dictionary]); return 'accepted'; } catch (e) { return e.message; }
      };
      return [
        attempt({ entries: [{ id: 'x" onmouseover="alert(1)', label: 'L', category: 'country', aliases: ['a'] }] }),
        attempt({ categories: { 'x"]{}*{color:red}': { label: 'C', kind: 'actor' } }, entries: [] }),
        attempt({ categories: { 'a b': { label: 'C', kind: 'actor' } }, entries: [] }),
      ];
    });
    assert.match(messages[0], /field 'id': .* is not a valid id/);
    assert.match(messages[1], /bad id/);
    assert.match(messages[2], /bad id/);
  });

  test('page text that looks like markup stays text', async () => {
    const page = await h.page();
    const r = await page.evaluate(() => {
      const root = document.getElementById('root');
      root.innerHTML = '<p>&lt;script&gt;window.__pwned=3&lt;/script&gt; Russia &lt;img src=x onerror=window.__pwned=4&gt; North Korea &amp;lt;b&amp;gt;</p>';
      const before = root.innerHTML;
      const hl = new window.nm.Highlighter();
      const report = hl.highlight(root, { mode: 'mark' });
      const out = { total: report.total, elements: root.querySelectorAll('script, img, b').length, marks: [...root.querySelectorAll('mark.newsmark')].map((m) => m.textContent) };
      hl.clear();
      out.same = root.innerHTML === before;
      return out;
    });
    await page.waitForTimeout(50);
    assert.deepEqual(r, { total: 2, elements: 0, marks: ['Russia', 'North Korea'], same: true });
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });

  test('an invalid exclude selector is an error, not a silent no-op', async () => {
    const page = await h.page();
    const message = await page.evaluate(() => {
      try { new window.nm.Highlighter().highlight(document.body, { exclude: 'p:has(' }); return 'accepted'; } catch (e) { return e.message; }
    });
    assert.equal(message, "options.exclude: 'p:has(' is not a valid CSS selector");
  });
});

/** Runs `fn(arg)` in a fresh page, bounded by `ms`; returns its result and the wall time. */
async function bounded(name, ms, fn, arg) {
  const page = await h.page();
  const started = Date.now();
  let timer;
  const result = await Promise.race([
    page.evaluate(fn, arg),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${name}: no answer within ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
  const wall = Date.now() - started;
  recordTime(name, { ...result, wallMs: wall });
  await page.close();
  return result;
}

describe('huge inputs work or fail clearly, within a bound', () => {
  test('a 50 MB text node: scan, css mode; mark mode with sparse matches', { timeout: 120_000 }, async () => {
    const r = await bounded('50 MB text node', 110_000, () => {
      const unit = 'The quick brown fox jumps over the lazy dog near the river bank today. ';
      const dense = (unit.repeat(14) + 'Russia ').repeat(50_000_000 / (unit.length * 14 + 7));
      const out = { length: dense.length };
      const hl = new window.nm.Highlighter();
      let t = performance.now();
      out.scanMatches = hl.scan(dense).length;
      out.scanMs = performance.now() - t;
      const root = document.getElementById('root');
      const p = document.createElement('p');
      p.textContent = dense;
      root.replaceChildren(p);
      const node = p.firstChild;
      t = performance.now();
      out.cssMatches = hl.highlight(root, { mode: 'css' }).total;
      out.cssMs = performance.now() - t;
      t = performance.now();
      hl.clear();
      out.cssClearMs = performance.now() - t;
      // Mark mode splits the node once per match, and Chromium copies the rest of the node at each
      // split, so it is tested with a few matches in 50 MB (see the todo test below for many).
      const sparse = `${'x '.repeat(2_500_000)}Russia `.repeat(10);
      node.data = sparse;
      t = performance.now();
      out.markMatches = hl.highlight(root, { mode: 'mark' }).total;
      out.markMs = performance.now() - t;
      t = performance.now();
      hl.clear();
      out.markClearMs = performance.now() - t;
      out.restored = p.childNodes.length === 1 && p.firstChild === node && node.data === sparse;
      root.replaceChildren();
      return out;
    });
    assert.ok(r.length >= 49_000_000);
    assert.equal(r.scanMatches, r.cssMatches);
    assert.ok(r.cssMatches > 40_000, `${r.cssMatches}`);
    assert.equal(r.markMatches, 10);
    assert.ok(r.restored, 'clear restores the original node and data');
  });

  test('1,000,000 text nodes (1,000 paragraphs of 1,000 adjacent nodes)', { timeout: 120_000 }, async () => {
    const r = await bounded('1,000,000 text nodes', 110_000, () => {
      const root = document.getElementById('root');
      const fragment = document.createDocumentFragment();
      // Mostly filler, with a match every 97 nodes (some cut across nodes: "North " + "Korea ").
      const filler = ['and ', 'the ', 'officials ', 'said ', 'on ', 'Monday', ', ', 'that ', ''];
      const words = ['Russia ', 'North ', 'Korea ', 'Kim Jong ', 'Un '];
      for (let i = 0; i < 1000; i++) {
        const p = document.createElement('p');
        for (let j = 0; j < 1000; j++) {
          const k = i * 1000 + j;
          p.appendChild(document.createTextNode(k % 97 < 2 ? words[(k + (k % 97)) % 5] : filler[k % 9]));
        }
        fragment.appendChild(p);
      }
      root.replaceChildren(fragment);
      const first = root.firstChild.firstChild;
      const last = root.lastChild.lastChild;
      const html = root.innerHTML;
      const hl = new window.nm.Highlighter();
      const out = {};
      let t = performance.now();
      out.blocks = window.nm.readBlocks(root).length;
      out.readMs = performance.now() - t;
      // Mark mode first: see the todo test on css-mode ranges below.
      for (const mode of ['mark', 'css']) {
        t = performance.now();
        out[`${mode}Matches`] = hl.highlight(root, { mode }).total;
        out[`${mode}Ms`] = performance.now() - t;
        t = performance.now();
        hl.clear();
        out[`${mode}ClearMs`] = performance.now() - t;
      }
      out.restored = root.innerHTML === html && root.firstChild.firstChild === first && root.lastChild.lastChild === last
        && root.childNodes.length === 1000 && root.firstChild.childNodes.length === 1000;
      root.replaceChildren();
      return out;
    });
    assert.equal(r.blocks, 1000);
    assert.ok(r.markMatches > 5_000, `${r.markMatches}`);
    assert.equal(r.markMatches, r.cssMatches);
    assert.ok(r.restored);
  });

  test('10,000-deep nesting, inline and block, without stack overflow', { timeout: 60_000 }, async () => {
    const r = await bounded('10,000-deep nesting', 50_000, () => {
      const root = document.getElementById('root');
      const out = {};
      for (const tag of ['span', 'div']) {
        let host = root;
        root.replaceChildren();
        for (let d = 0; d < 10_000; d++) {
          const el = document.createElement(tag);
          if (d % 1000 === 0) el.append(`Russia at depth ${d}, `);
          host.append(el);
          host = el;
        }
        host.append('Kim Jong Un at the bottom');
        const html = root.innerHTML;
        const hl = new window.nm.Highlighter();
        for (const mode of ['mark', 'css']) {
          const t = performance.now();
          out[`${tag}-${mode}`] = hl.highlight(root, { mode }).total;
          out[`${tag}-${mode}Ms`] = performance.now() - t;
          hl.clear();
          out[`${tag}-restored`] = root.innerHTML === html;
        }
      }
      root.replaceChildren();
      return out;
    });
    assert.equal(r['span-mark'], 11);
    assert.equal(r['span-css'], 11);
    assert.equal(r['div-mark'], 11);
    assert.equal(r['div-css'], 11);
    assert.ok(r['span-restored'] && r['div-restored']);
  });

  test('a 10 MB dictionary loads', { timeout: 120_000 }, async () => {
    const r = await bounded('10 MB dictionary', 110_000, () => {
      const syllables = ['zor', 'vik', 'qa', 'lum', 'tes', 'bri', 'nox', 'pel', 'dra', 'kin', 'mor', 'sul', 'fen', 'wy', 'jat', 'ulo'];
      const name = (i) => { let s = ''; let n = i; do { s += syllables[n % 16]; n = Math.floor(n / 16); } while (n); return `${s} ${syllables[i % 7]}`; };
      const entries = [];
      for (let i = 0; i < 20_000; i++) {
        entries.push({ id: `e${i}`, label: `${name(i)} ${'x'.repeat(300)}`, category: 'organization', note: 'y'.repeat(100),
          aliases: [0, 1, 2, 3, 4].map((k) => name(200_000 + i * 5 + k)) });
      }
      const json = JSON.stringify({ entries });
      let t = performance.now();
      const hl = window.nm.Highlighter.fromDictionaries([json]);
      const loadMs = performance.now() - t;
      t = performance.now();
      const found = hl.scan(`${name(200_007)} met ${name(299_999)} in Russia`).map((m) => m.entry);
      return { bytes: json.length, loadMs, scanMs: performance.now() - t, found };
    });
    assert.ok(r.bytes > 10_000_000, `${r.bytes} bytes`);
    assert.deepEqual(r.found, ['e1', 'e19999', 'rus']);
  });

  test('a 100,000-alias dictionary loads and matches', { timeout: 120_000 }, async () => {
    const r = await bounded('100,000-alias dictionary', 110_000, () => {
      const syllables = ['zor', 'vik', 'qa', 'lum', 'tes', 'bri', 'nox', 'pel', 'dra', 'kin', 'mor', 'sul', 'fen', 'wy', 'jat', 'ulo'];
      const name = (i) => { let s = ''; let n = i; do { s += syllables[n % 16]; n = Math.floor(n / 16); } while (n); return `${s} ${syllables[i % 7]}`; };
      const entries = [];
      for (let i = 0; i < 100_000; i++) entries.push({ id: `e${i}`, label: `E ${i}`, category: 'made-up', aliases: [name(i)] });
      const categories = { 'made-up': { label: 'Made up', kind: 'actor', color: '#abcdef' } };
      let t = performance.now();
      const hl = window.nm.Highlighter.fromDictionaries([{ categories, entries }], { useDefault: false });
      const loadMs = performance.now() - t;
      const root = document.getElementById('root');
      root.innerHTML = `<p>${name(0)} met ${name(54_321)} and ${name(99_999)}.</p>`.repeat(2000);
      t = performance.now();
      const total = hl.highlight(root, { mode: 'mark' }).total;
      const markMs = performance.now() - t;
      hl.clear();
      root.replaceChildren();
      return { loadMs, markMs, total, scan: hl.scan(`${name(0)} met ${name(54_321)}`).map((m) => m.entry) };
    });
    assert.deepEqual(r.scan, ['e0', 'e54321']);
    assert.equal(r.total, 6000);
  });
});

/** Runs `fn(arg)` in a page of its own browser, bounded by `ms`, then closes that browser. */
async function isolated(ms, fn, arg) {
  const page = await h.isolatedPage();
  let timer;
  try {
    return await Promise.race([
      page.evaluate(fn, arg),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); }),
    ]);
  } finally {
    clearTimeout(timer);
    await page.closeBrowser();
  }
}

describe('known engine performance bugs (todo: fixes belong in src/web/paint.rs)', () => {
  test('mark mode on one big text node with many matches is linear, not quadratic', {
    todo: 'each match splits the node with splitText, and Chromium copies the rest of the node at every split: O(length × matches)',
    timeout: 60_000,
  }, async () => {
    const r = await isolated(30_000, () => {
      const unit = 'The quick brown fox jumps over the lazy dog near the river bank today. ';
      const text = (unit.repeat(14) + 'Russia ').repeat(1_000_000 / (unit.length * 14 + 7)); // 1 MB, 1,000 matches
      const root = document.getElementById('root');
      root.replaceChildren(text);
      const hl = new window.nm.Highlighter();
      const t = performance.now();
      const total = hl.highlight(root, { mode: 'mark' }).total;
      const ms = performance.now() - t;
      hl.clear();
      return { total, ms };
    });
    recordTime('mark mode, 1 MB text node, 1,000 matches', r);
    assert.ok(r.ms < 500, `${r.total} matches took ${Math.round(r.ms)} ms`);
  });

  test('ranges of a cleared css-mode highlight do not slow the page\'s later DOM edits', {
    todo: 'css mode uses live Range objects, which outlive clear() until garbage collection and are updated on every DOM mutation (StaticRange is not)',
    timeout: 60_000,
  }, async () => {
    const r = await isolated(30_000, () => {
      const root = document.getElementById('root');
      const words = ['Russia ', 'and ', 'the ', 'North ', 'Korea ', 'said ', 'Kim ', 'Jong ', 'Un ', '. '];
      const build = () => {
        root.replaceChildren();
        for (let i = 0; i < 3; i++) {
          const p = document.createElement('p');
          for (let j = 0; j < 1000; j++) p.appendChild(document.createTextNode(words[(i * 7 + j) % 10]));
          root.append(p);
        }
      };
      const markMs = () => {
        const hl = new window.nm.Highlighter();
        const t = performance.now();
        hl.highlight(root, { mode: 'mark' });
        const ms = performance.now() - t;
        hl.clear();
        hl.free();
        return ms;
      };
      build();
      const fresh = markMs();
      build();
      const css = new window.nm.Highlighter();
      css.highlight(root, { mode: 'css' });
      css.clear();
      css.free();
      const afterCss = markMs();
      return { fresh, afterCss };
    });
    recordTime('mark mode after a css-mode clear (3,000 text nodes)', r);
    assert.ok(r.afterCss < 5 * r.fresh + 50, `mark mode took ${Math.round(r.fresh)} ms fresh, ${Math.round(r.afterCss)} ms after a css-mode clear`);
  });
});
