// The two ways the extension reads and paints a page must agree: the wasm highlighter (normal pages)
// and the fallback path (www/walker.js + content/ranges.js + content/highlights.js, for pages whose CSP
// forbids WebAssembly). For each fixture — inline crossings, skipped subtrees, hidden elements, shadow
// DOM, Unicode edge cases, a news page — and for two scopes (a fixed root, and the article root that
// scope.js picks), this test compares in one page:
//   - the blocks: wasm `readBlocks(root, exclude)` against the walker's block texts;
//   - the ranges: the css-mode `highlight()` ranges in CSS.highlights against those the fallback
//     session paints from `scanBlocks` of its own blocks (same names, same order, same boundaries);
//   - the counts: the wasm report against the fallback summary.
// With PAGES=DIR (a folder of saved pages, optional), every DIR/*/source.html is compared too, loaded with no
// network and its own scripts blocked.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../browser/helpers.mjs';
import { serveFixtures, withoutMetaCsp } from './support.mjs';

const FIXTURES = ['crossings', 'skips', 'hidden', 'shadow', 'unicode', 'article'];

/** Runs in the page: both paths on one scope; everything needed for the comparison. */
async function compareInPage({ base, scopeMode, build }) {
  const wasm = await import(`${base}/ext/pkg/newsmark.js`);
  if (!window.__newsmarkInit) window.__newsmarkInit = wasm.default();
  await window.__newsmarkInit;
  const walker = await import(`${base}/ext/walker.js`);
  const { FallbackSession } = await import(`${base}/ext/content/fallback-path.js`);
  const { findArticle } = await import(`${base}/ext/scope.js`);
  const { fromReport } = await import(`${base}/ext/content/summary.js`);

  if (build) new Function(build)();
  const rules = walker.parseRules(wasm.domRules());
  const scope = scopeMode === 'article'
    ? findArticle(document)
    : { root: document.getElementById('root') ?? document.body, exclude: null };

  const path = (node) => {
    const steps = [];
    for (let n = node; n && n !== document;) {
      if (n.parentNode) {
        steps.unshift([...n.parentNode.childNodes].indexOf(n));
        n = n.parentNode;
      } else if (n.host) {
        steps.unshift('#shadow');
        n = n.host;
      } else break;
    }
    return steps.join('/');
  };
  const registry = () => Object.fromEntries([...CSS.highlights].filter(([name]) => name !== 'newsmark-current')
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, h]) => [name, [...h].map((r) => `${path(r.startContainer)}:${r.startOffset}-${path(r.endContainer)}:${r.endOffset} ${JSON.stringify(r.toString())}`)]));
  const styledShadows = () => [...document.querySelectorAll('*')].filter((e) => e.shadowRoot)
    .map((e) => e.shadowRoot.adoptedStyleSheets.length > 0);

  const wasmBlocks = wasm.readBlocks(scope.root, scope.exclude ?? undefined);
  const jsBlocks = walker.readBlocks(scope.root, rules, scope.exclude).map((b) => b.text);

  const highlighter = new wasm.Highlighter();
  const report = highlighter.highlight(scope.root, { mode: 'css', exclude: scope.exclude ?? undefined });
  const wasmRanges = registry();
  const wasmShadows = styledShadows();
  highlighter.clear();
  const leftAfterWasm = [...CSS.highlights.keys()];

  const categories = JSON.parse(highlighter.dictionary()).categories;
  const session = new FallbackSession(scope, rules, categories, [], null, async (texts) => highlighter.scanBlocks(texts));
  const t0 = performance.now();
  await session.start();
  const fallbackMs = performance.now() - t0;
  const fallbackRanges = registry();
  const fallbackShadows = styledShadows();
  const summary = session.summary();
  session.stop();
  const leftAfterFallback = [...CSS.highlights.keys()];
  highlighter.free();
  return {
    reason: scope.reason ?? 'root', wasmBlocks, jsBlocks, wasmRanges, fallbackRanges, wasmShadows, fallbackShadows,
    report: fromReport(report), summary, leftAfterWasm, leftAfterFallback, fallbackMs,
  };
}

function assertSame(result, label) {
  assert.deepEqual(result.jsBlocks, result.wasmBlocks, `${label}: blocks`);
  assert.deepEqual(result.fallbackRanges, result.wasmRanges, `${label}: ranges`);
  assert.deepEqual(result.fallbackShadows, result.wasmShadows, `${label}: styles adopted by shadow roots`);
  const { path: _p, ...summary } = result.summary;
  const { path: _q, ...report } = result.report;
  assert.deepEqual(summary, report, `${label}: counts`);
  assert.deepEqual(result.leftAfterWasm, [], `${label}: wasm clear() leaves no highlight`);
  assert.deepEqual(result.leftAfterFallback, [], `${label}: fallback stop() leaves no highlight`);
}

let server;
let browser;
before(async () => {
  server = await serveFixtures();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function compare(url, scopeMode, build = null) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  try {
    await page.goto(url);
    const result = await page.evaluate(compareInPage, { base: server.url, scopeMode, build });
    assert.deepEqual(errors.map((e) => e.message), [], 'no page errors');
    return result;
  } finally {
    await page.close();
  }
}

describe('wasm and fallback read and paint fixtures identically', () => {
  for (const name of FIXTURES) {
    for (const scopeMode of ['root', 'article']) {
      it(`${name}.html (${scopeMode} scope)`, async () => {
        const result = await compare(`${server.url}/${name}.html`, scopeMode);
        assert.ok(result.wasmBlocks.length > 0, 'the fixture has blocks');
        if (name !== 'skips' || scopeMode === 'root') {
          assert.ok(Object.keys(result.wasmRanges).length > 0, 'something is highlighted');
        }
        assertSame(result, `${name} (${scopeMode})`);
      });
    }
  }

  it('the article fixture is scoped to the article: no navigation, aside, comments or footer', async () => {
    const result = await compare(`${server.url}/article.html`, 'article');
    const text = result.jsBlocks.join('\n');
    assert.match(text, /Vladimir Putin hinted/);
    assert.doesNotMatch(text, /Iran and Russia sign drone deal|Reader in Kyiv|Russia desk|^World/m);
    assert.ok(result.report.total >= 15, `the article's matches are found (${result.report.total})`);
  });

  it('DOM built by script: split surrogate pairs, lone surrogates, empty text nodes, 3000 levels of nesting', async () => {
    const build = `
      const root = document.getElementById('root');
      const p = document.createElement('p');
      p.append('Putin \\ud83d', '\\ude00 North', '', ' Korea \\ud800 lone and \\udc00 lone Iran', '');
      root.append(p);
      let deep = root;
      for (let i = 0; i < 3000; i += 1) { const d = document.createElement(i % 2 ? 'span' : 'div'); deep.append(d); deep = d; }
      deep.append('Deep down: Kim Jong Un and sanctions.');
      const q = document.createElement('p');
      for (const part of ['Ki', 'm J', 'ong ', 'U', 'n met Xi']) q.append(part);
      root.append(q);`;
    const result = await compare(`${server.url}/crossings.html`, 'root', build);
    assertSame(result, 'script-built DOM');
    assert.ok(result.wasmBlocks.some((b) => b.includes('\ufffd')), 'lone surrogates read as U+FFFD by both');
  });
});

const PAGES = process.env.PAGES;
describe('real pages (PAGES=DIR)', { skip: !PAGES && 'set PAGES=DIR to compare on saved pages' }, () => {
  const names = PAGES && existsSync(PAGES)
    ? readdirSync(PAGES, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(PAGES, d.name, 'source.html'))).map((d) => d.name).sort()
    : [];
  for (const name of names) {
    it(name, async () => {
      const page = await browser.newPage();
      const url = `${server.url}/__page/${encodeURIComponent(name)}.html`;
      await page.route('**/*', (route) => {
        const requested = route.request().url();
        if (requested === url) {
          return route.fulfill({
            status: 200,
            headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'" },
            body: withoutMetaCsp(readFileSync(join(PAGES, name, 'source.html'))),
          });
        }
        if (requested.startsWith(`${server.url}/ext/`)) return route.continue();
        return route.abort();
      });
      try {
        await page.goto(url, { waitUntil: 'domcontentloaded' });
        for (const scopeMode of ['root', 'article']) {
          assertSame(await page.evaluate(compareInPage, { base: server.url, scopeMode, build: null }), `${name} (${scopeMode})`);
        }
      } finally {
        await page.close();
      }
    });
  }
});
