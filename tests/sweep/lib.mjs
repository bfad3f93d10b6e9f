// The real-page sweep: every DIR/*/source.html is loaded in headless Chromium with the page's own
// scripts disabled and no network, highlighted in both modes and cleared, and checked (see
// `checkPage`). Used by `make sweep PAGES=DIR` (tests/sweep/sweep.mjs) and, on the synthetic pages of
// tests/sweep/fixtures, by tests/reliability/sweep.test.mjs.
//
// How newsmark gets into a page whose scripts are disabled: the context is created with
// `javaScriptEnabled: false`, which stops the page's scripts, inline handlers and `<script type=module>`
// (including one added with addScriptTag), but not Playwright's `page.evaluate`. So the wasm-bindgen
// glue (www/pkg/newsmark.js, an ES module) is turned into a function body (its `export`s dropped)
// and evaluated with the wasm bytes, instantiated synchronously with `initSync`. Nothing is added to
// the DOM, so `innerHTML` before and after can be compared byte for byte. `bypassCSP` keeps a page's
// own `<meta http-equiv="Content-Security-Policy">` from refusing the wasm compile.

import { readFileSync, readdirSync, statSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { ROOT, CHROMIUM, CHROMIUM_ARGS } from '../browser/helpers.mjs';

/** JavaScript source that, evaluated as a function body, returns the newsmark module's exports. */
export function newsmarkSource(pkg = join(ROOT, 'www', 'pkg')) {
  const glue = readFileSync(join(pkg, 'newsmark.js'), 'utf8')
    .replace(/^export (class|function|const|let) /gm, '$1 ')
    .replace(/^export \{[^}]*\};?\s*$/m, '')
    .replace(/import\.meta\.url/g, 'location.href');
  const wasm = readFileSync(join(pkg, 'newsmark_bg.wasm')).toString('base64');
  return `${glue}
const __bytes = Uint8Array.from(atob(${JSON.stringify(wasm)}), (c) => c.charCodeAt(0));
initSync({ module: __bytes });
return { Highlighter, readBlocks, domRules };`;
}

/** The page folders of `dir`: every sub-folder with a source.html, sorted by name. */
export function listPages(dir) {
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'source.html')))
    .sort();
}

/**
 * Runs in the page (serialised by page.evaluate). Highlights `document.body` in mark then css mode,
 * clears after each, and returns `{ failures: [...], matches, markMs, clearMs, cssMs, cssClearMs }`.
 */
export function checkPage() {
  const nm = window.__newsmark;
  const failures = [];
  const fail = (message) => failures.push(message);
  const body = document.body;
  const textNodes = () => {
    const nodes = [];
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
    return nodes;
  };
  const ours = () => [...CSS.highlights.keys()].filter((name) => name.startsWith('newsmark-'));
  const squeeze = (s) => s.replace(/\s+/g, '');
  const firstDiff = (a, b) => {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return `first difference at ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 40), i + 40))} vs ${JSON.stringify(b.slice(Math.max(0, i - 40), i + 40))}`;
  };
  const sameDocument = (when) => {
    const afterBody = body.innerHTML;
    if (afterBody !== beforeBody) fail(`body.innerHTML differs ${when} (${firstDiff(beforeBody, afterBody)})`);
    const afterDoc = document.documentElement.outerHTML;
    if (afterDoc !== beforeDoc) fail(`documentElement.outerHTML differs ${when} (${firstDiff(beforeDoc, afterDoc)})`);
    const nodes = textNodes();
    if (nodes.length !== beforeNodes.length || nodes.some((n, i) => n !== beforeNodes[i])) {
      fail(`text nodes are not the original ones ${when} (${beforeNodes.length} before, ${nodes.length} after)`);
    }
    if (document.adoptedStyleSheets.length !== beforeSheets) fail(`adopted style sheets left ${when}`);
  };

  const beforeBody = body.innerHTML;
  const beforeDoc = document.documentElement.outerHTML;
  const beforeNodes = textNodes();
  const beforeSheets = document.adoptedStyleSheets.length;
  const blocks = nm.readBlocks(body);
  const highlighter = new nm.Highlighter();
  const scans = highlighter.scanBlocks(blocks);
  const expected = scans.reduce((n, s) => n + s.length, 0);
  const expectedTexts = scans.flat().map((m) => squeeze(m.text));
  const result = { failures, matches: expected, blocks: blocks.length };

  // mark mode
  let t = performance.now();
  const report = highlighter.highlight(body, { mode: 'mark' });
  result.markMs = performance.now() - t;
  if (report.total !== expected) fail(`mark: report.total ${report.total}, scanBlocks(readBlocks(body)) ${expected}`);
  const marks = [...document.querySelectorAll('mark.newsmark')];
  const byMatch = new Map();
  for (const mark of marks) {
    const where = mark.parentElement?.closest('script, style, textarea, title, noscript, template, head, svg, math');
    if (where) fail(`mark inside <${where.localName}>: ${JSON.stringify(mark.textContent)}`);
    if (mark.childNodes.length !== 1 || mark.firstChild.nodeType !== Node.TEXT_NODE) {
      fail(`mark does not hold exactly one text node: ${JSON.stringify(mark.outerHTML.slice(0, 200))}`);
    }
    if (!mark.textContent.trim()) fail(`mark around white space only: ${JSON.stringify(mark.outerHTML)}`);
    const id = Number(mark.dataset.newsmarkMatch);
    if (!byMatch.has(id)) byMatch.set(id, []);
    byMatch.get(id).push(mark.textContent);
  }
  if (byMatch.size !== expected) fail(`mark: ${byMatch.size} matches marked, ${expected} expected`);
  const markedTexts = [...byMatch.keys()].sort((a, b) => a - b).map((id) => squeeze(byMatch.get(id).join('')));
  const wrong = markedTexts.findIndex((text, i) => text !== expectedTexts[i]);
  if (wrong >= 0) fail(`mark: match ${wrong} marks ${JSON.stringify(markedTexts[wrong])}, scan found ${JSON.stringify(expectedTexts[wrong])}`);
  t = performance.now();
  highlighter.clear();
  result.clearMs = performance.now() - t;
  if (document.querySelector('mark.newsmark')) fail('mark: marks left after clear');
  sameDocument('after mark-mode clear');

  // css mode
  t = performance.now();
  const cssReport = highlighter.highlight(body, { mode: 'css' });
  result.cssMs = performance.now() - t;
  if (cssReport.total !== expected) fail(`css: report.total ${cssReport.total}, expected ${expected}`);
  let ranges = 0;
  for (const name of ours()) {
    for (const range of CSS.highlights.get(name)) {
      ranges += 1;
      if (range.collapsed) fail('css: collapsed range');
      for (const node of [range.startContainer, range.endContainer]) {
        if (node.nodeType !== Node.TEXT_NODE) fail(`css: range boundary in a ${node.nodeName}`);
        const where = node.parentElement?.closest('script, style, textarea, title, noscript, template, head');
        if (where) fail(`css: range inside <${where.localName}>`);
      }
    }
  }
  if (ranges !== expected) fail(`css: ${ranges} ranges, ${expected} expected`);
  if (body.innerHTML !== beforeBody) fail('css: highlighting changed the DOM');
  t = performance.now();
  highlighter.clear();
  result.cssClearMs = performance.now() - t;
  if (ours().length) fail(`css: highlights left after clear: ${ours().join(', ')}`);
  sameDocument('after css-mode clear');
  const blocksAfter = nm.readBlocks(body);
  if (JSON.stringify(blocksAfter) !== JSON.stringify(blocks)) fail('readBlocks differs after clear');
  highlighter.free();
  return result;
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Sweeps the pages of `dir` with `jobs` pages in flight (each worker reuses one page, navigating it
 * from page to page, and opens a fresh one after a failure). Returns the rows `{page, size, matches,
 * blocks, markMs, clearMs, cssMs, cssClearMs, ms, ok, failures}` in page order; calls `onRow` as each
 * page finishes. `tamper` (JavaScript run after newsmark is installed) lets the sweep's own test
 * break the engine on purpose, to see that the checks catch it.
 */
export async function runSweep(dir, { only = null, jobs = 2, timeoutMs = 60_000, onRow = () => {}, tamper = '' } = {}) {
  dir = resolve(dir);
  const pages = listPages(dir).filter((name) => !only || only.includes(name));
  const source = newsmarkSource();
  const server = await serve({ '/pages/': dir });
  const launchBrowser = () => chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  let browser = await launchBrowser();
  const rows = new Array(pages.length);
  let next = 0;

  async function openPage() {
    if (!browser.isConnected()) browser = await launchBrowser();
    const context = await browser.newContext({ javaScriptEnabled: false, bypassCSP: true });
    const page = await context.newPage();
    page.consoleErrors = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /panicked|RuntimeError|unreachable/.test(m.text())) page.consoleErrors.push(m.text());
    });
    // No network: only the local server answers; everything else (images, fonts, trackers, the
    // page's own scripts) is aborted. A navigation the page starts by itself (a meta refresh, to the
    // live site or elsewhere) gets "204 No Content", which leaves the current document in place,
    // where an aborted one would replace it with an error page.
    await page.route('**/*', (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && request.frame() === page.mainFrame() && request.url() !== page.sweepUrl) {
        return route.fulfill({ status: 204 });
      }
      return request.url().startsWith(`${server.url}/`) ? route.continue() : route.abort();
    });
    return page;
  }

  async function worker() {
    let page = null;
    while (next < pages.length) {
      const index = next++;
      const name = pages[index];
      const size = statSync(join(dir, name, 'source.html')).size;
      const row = { page: name, size, matches: null, ok: false, failures: [] };
      const started = Date.now();
      try {
        page ??= await openPage();
        page.consoleErrors.length = 0;
        const work = (async () => {
          page.sweepUrl = `${server.url}/pages/${encodeURIComponent(name)}/source.html`;
          await page.goto(page.sweepUrl, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
          await page.evaluate((src) => { window.__newsmark = new Function(src)(); }, source);
          if (tamper) await page.evaluate(tamper);
          return page.evaluate(checkPage);
        })();
        Object.assign(row, await withTimeout(work, timeoutMs, name));
        row.failures.push(...page.consoleErrors.map((e) => `console: ${e}`));
        row.ok = row.failures.length === 0;
      } catch (error) {
        row.failures.push(`exception: ${error.message.split('\n')[0]}`);
      }
      if (!row.ok && page) {
        const context = page.context();
        page = null;
        await withTimeout(context.close(), 10_000, 'close').catch(() => browser.close().catch(() => {}));
      }
      row.ms = Date.now() - started;
      rows[index] = row;
      onRow(row);
    }
    await page?.context().close().catch(() => {});
  }

  try {
    await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
  return rows;
}

const fmt = (ms) => (ms == null ? '' : ms.toFixed(1));

/** The sweep's table as Markdown. */
export function reportMarkdown(rows, { dir, seconds, jobs = 1 }) {
  const passed = rows.filter((r) => r.ok).length;
  const lines = [
    '# newsmark real-page sweep',
    '',
    `Pages: \`${dir}\` — **${passed}/${rows.length} passed** in ${seconds.toFixed(1)} s ` +
      `(Chromium headless, ${jobs} page(s) at a time, page scripts disabled, no network, default dictionary, ` +
      'root `document.body`; times are wall-clock in the page, another page may be loading meanwhile).',
    '',
    'Each page: highlight in mark mode, clear, highlight in css mode, clear. Checked: no exception; ' +
      '`body.innerHTML` and `documentElement.outerHTML` byte-identical after each clear, with the ' +
      'original text nodes; marks only around text (one text node each, never inside script, style, ' +
      'textarea, …), each match\'s marks spell what `scan` found; css mode never touches the DOM; the ' +
      'number of matches equals the total of `scanBlocks(readBlocks(body))`.',
    '',
    '| page | size (KB) | blocks | matches | mark highlight ms | mark clear ms | css highlight ms | css clear ms | total ms | result |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const r of rows) {
    lines.push(`| ${r.page} | ${(r.size / 1024).toFixed(1)} | ${r.blocks ?? ''} | ${r.matches ?? ''} | ${fmt(r.markMs)} | ${fmt(r.clearMs)} | ${fmt(r.cssMs)} | ${fmt(r.cssClearMs)} | ${r.ms} | ${r.ok ? 'pass' : 'FAIL'} |`);
  }
  const failed = rows.filter((r) => !r.ok);
  if (failed.length) {
    lines.push('', '## Failures', '');
    for (const r of failed) {
      lines.push(`- **${r.page}**`);
      for (const f of r.failures.slice(0, 10)) lines.push(`  - ${f.replace(/\|/g, '\\|')}`);
    }
  }
  const ok = rows.filter((r) => r.ok && r.markMs != null);
  if (ok.length) {
    const sorted = (key) => ok.map((r) => r[key]).sort((a, b) => a - b);
    const pct = (arr, p) => arr[Math.min(arr.length - 1, Math.floor((arr.length - 1) * p))];
    const mark = sorted('markMs');
    const clear = sorted('clearMs');
    const css = sorted('cssMs');
    lines.push('', '## Summary', '',
      `- matches: ${ok.reduce((n, r) => n + r.matches, 0)} in ${ok.length} pages`,
      `- mark highlight ms: median ${fmt(pct(mark, 0.5))}, p95 ${fmt(pct(mark, 0.95))}, max ${fmt(mark.at(-1))}`,
      `- mark clear ms: median ${fmt(pct(clear, 0.5))}, p95 ${fmt(pct(clear, 0.95))}, max ${fmt(clear.at(-1))}`,
      `- css highlight ms: median ${fmt(pct(css, 0.5))}, p95 ${fmt(pct(css, 0.95))}, max ${fmt(css.at(-1))}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the report to `out` (creating its folder). */
export function writeReport(out, text) {
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, text);
}
