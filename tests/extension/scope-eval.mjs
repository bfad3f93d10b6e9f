// `make scope-eval PAGES=DIR`: measures the article-scope heuristic (www/extension/scope.js) on saved
// pages, each `DIR/<name>/source.html` with the expected article text in `DIR/<name>/expected.html`
// (Readability's extraction). Writes target/scope/report.md and prints the summary.
//
// Each page is loaded in headless Chromium with no network (every request but the page and our own
// modules is aborted) and with the page's scripts disabled (a `script-src 'self'` CSP plus the routing:
// the page's own scripts never load). The heuristic then runs on the live DOM, and the text it would
// highlight — its root read by the fallback walker with the scope's exclusions, i.e. exactly the
// highlighter's blocks — is compared with the expected text as bags of word tokens (Han, kana and Thai
// characters count one by one): precision, recall and F1 per page, averaged over pages. The same
// numbers for the whole page (body) are the baseline.

import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS, ROOT } from '../browser/helpers.mjs';
import { domRulesJson, withoutMetaCsp } from './support.mjs';

const pagesDir = process.argv[2] || process.env.PAGES;
if (!pagesDir || !existsSync(pagesDir)) {
  console.error('usage: make scope-eval PAGES=DIR   (DIR/*/source.html and DIR/*/expected.html)');
  process.exit(2);
}
const DIST = join(ROOT, 'dist', 'extension');
if (!existsSync(join(DIST, 'scope.js'))) {
  console.error('scope-eval: dist/extension is missing: run `make extension`');
  process.exit(2);
}

const names = readdirSync(pagesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(pagesDir, d.name, 'source.html')) && existsSync(join(pagesDir, d.name, 'expected.html')))
  .map((d) => d.name)
  .sort();
const only = process.env.ONLY ? new RegExp(process.env.ONLY) : null;

const server = await serve({ '/__newsmark/': DIST }, {});
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
const context = await browser.newContext();
const rules = domRulesJson();

/** Runs in the page: precision/recall/F1 of the heuristic and of the whole body. */
async function measureInPage({ base, rules, expectedHtml }) {
  const { findArticle } = await import(`${base}/scope.js`);
  const { readBlocks, parseRules } = await import(`${base}/walker.js`);
  const parsed = parseRules(rules);
  const tokens = (text) => {
    const counts = new Map();
    for (const t of text.toLowerCase().match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]|[\p{L}\p{N}]+/gu) ?? []) {
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    return counts;
  };
  const size = (m) => [...m.values()].reduce((a, b) => a + b, 0);
  const score = (got, want) => {
    let common = 0;
    for (const [t, n] of got) common += Math.min(n, want.get(t) ?? 0);
    const p = size(got) ? common / size(got) : 0;
    const r = size(want) ? common / size(want) : 0;
    return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
  };
  const textOf = (root, exclude) => readBlocks(root, parsed, exclude).map((b) => b.text).join('\n');
  const expectedDoc = new DOMParser().parseFromString(expectedHtml, 'text/html');
  const want = tokens(textOf(expectedDoc.body, null));
  const t0 = performance.now();
  const scope = findArticle(document);
  const ms = performance.now() - t0;
  const heuristic = score(tokens(textOf(scope.root, scope.exclude)), want);
  const page = score(tokens(textOf(document.body ?? document.documentElement, null)), want);
  const describe = (e) => `${e.localName}${e.id ? `#${e.id}` : ''}${e.classList?.length ? `.${[...e.classList].slice(0, 2).join('.')}` : ''}`;
  return { heuristic, page, reason: scope.reason, root: describe(scope.root), ms, expectedTokens: size(want) };
}

async function evaluatePage(name) {
  const page = await context.newPage();
  const url = `${server.url}/page/${encodeURIComponent(name)}/source.html`;
  await page.route('**/*', (route) => {
    const requested = route.request().url();
    if (requested === url) {
      return route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'self'" },
        body: withoutMetaCsp(readFileSync(join(pagesDir, name, 'source.html'))),
      });
    }
    if (requested.startsWith(`${server.url}/__newsmark/`)) return route.continue();
    return route.abort();
  });
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 20000 });
    const result = await page.evaluate(measureInPage, {
      base: `${server.url}/__newsmark`, rules, expectedHtml: readFileSync(join(pagesDir, name, 'expected.html'), 'utf8'),
    });
    return { name, ...result };
  } catch (error) {
    return { name, error: String(error.message).split('\n')[0] };
  } finally {
    await page.close();
  }
}

// A few pages at a time: loading is mostly waiting.
const queue = names.filter((name) => !only || only.test(name));
const results = [];
await Promise.all(Array.from({ length: 4 }, async () => {
  while (queue.length) {
    const name = queue.shift();
    results.push(await evaluatePage(name));
  }
}));
results.sort((a, b) => (a.name < b.name ? -1 : 1));
await browser.close();
await server.close();

const ok = results.filter((r) => !r.error);
const mean = (f) => (ok.length ? ok.reduce((n, r) => n + f(r), 0) / ok.length : 0);
const pct = (x) => `${(100 * x).toFixed(1)}`;
const summary = {
  pages: ok.length,
  failed: results.length - ok.length,
  heuristic: { p: mean((r) => r.heuristic.p), r: mean((r) => r.heuristic.r), f1: mean((r) => r.heuristic.f1) },
  page: { p: mean((r) => r.page.p), r: mean((r) => r.page.r), f1: mean((r) => r.page.f1) },
  below50: ok.filter((r) => r.heuristic.f1 < 0.5).length,
  worseThanPage: ok.filter((r) => r.heuristic.f1 < r.page.f1 - 0.01).length,
  medianF1: ok.map((r) => r.heuristic.f1).sort((a, b) => a - b)[Math.floor(ok.length / 2)] ?? 0,
  maxMs: Math.max(0, ...ok.map((r) => r.ms)),
  medianMs: ok.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(ok.length / 2)] ?? 0,
};
const reasons = {};
for (const r of ok) reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;

const lines = [
  '# Article scope evaluation',
  '',
  `Pages: ${summary.pages} (${summary.failed} failed to load). Token-level scores of the text the extension highlights`,
  'against Readability\'s extraction (expected.html), averaged over pages (macro).',
  '',
  '| scope | precision | recall | F1 |',
  '| --- | --- | --- | --- |',
  `| heuristic (scope.js) | ${pct(summary.heuristic.p)} | ${pct(summary.heuristic.r)} | ${pct(summary.heuristic.f1)} |`,
  `| whole page (baseline) | ${pct(summary.page.p)} | ${pct(summary.page.r)} | ${pct(summary.page.f1)} |`,
  '',
  `Median F1 ${pct(summary.medianF1)}; pages with F1 < 50: ${summary.below50}; pages where the heuristic is worse than the whole page: ${summary.worseThanPage}; findArticle (first call, four pages loading at once) median ${summary.medianMs.toFixed(1)} ms, slowest ${summary.maxMs.toFixed(1)} ms.`,
  `Chosen by: ${Object.entries(reasons).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
  '',
  '| page | chosen root | reason | P | R | F1 | whole-page F1 | ms |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...results.map((r) => (r.error
    ? `| ${r.name} | error: ${r.error.replace(/\|/g, '\\|')} | | | | | | |`
    : `| ${r.name} | \`${r.root.replace(/\|/g, '\\|')}\` | ${r.reason} | ${pct(r.heuristic.p)} | ${pct(r.heuristic.r)} | ${pct(r.heuristic.f1)} | ${pct(r.page.f1)} | ${r.ms.toFixed(1)} |`)),
  '',
];
mkdirSync(join(ROOT, 'target', 'scope'), { recursive: true });
writeFileSync(join(ROOT, 'target', 'scope', 'report.md'), lines.join('\n'));
console.log(`scope-eval: ${summary.pages} pages: heuristic P ${pct(summary.heuristic.p)} R ${pct(summary.heuristic.r)} F1 ${pct(summary.heuristic.f1)} ` +
  `(median ${pct(summary.medianF1)}); whole page F1 ${pct(summary.page.f1)}; ${summary.below50} pages below 50; report: target/scope/report.md`);
