// Shared set-up of the extension tests: the wasm module in Node (for the unit tests and the DOM rules),
// Chromium with the test build of the extension loaded, a local server for the fixtures (the same
// fixtures again under /csp/ with a strict Content-Security-Policy), and helpers to reach the
// extension's service worker and pages. Not a test file itself.

import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, freshProfile } from '../browser/helpers.mjs';

export { ROOT };
export const DIST = join(ROOT, 'dist', 'extension');
export const TEST_BUILD = join(ROOT, 'dist', 'extension-test');
export const FIXTURES = join(ROOT, 'tests', 'extension', 'fixtures');
/** The header of strict-CSP pages: scripts from the page's origin only, so no WebAssembly. */
export const STRICT_CSP = "script-src 'self'; object-src 'none'";

let wasm = null;

/**
 * The wasm package the extension ships (dist/extension/pkg, copied by `make extension`) initialised in
 * Node: `{Highlighter, domRules, readBlocks}`.
 */
export async function nodeWasm() {
  if (!wasm) {
    if (!existsSync(join(DIST, 'pkg', 'newsmark.js'))) throw new Error('dist/extension is missing: run `make extension`');
    const module = await import(join(DIST, 'pkg', 'newsmark.js'));
    module.initSync({ module: readFileSync(join(DIST, 'pkg', 'newsmark_bg.wasm')) });
    wasm = module;
  }
  return wasm;
}

/** `domRules()` JSON, from the wasm package (synchronously, for scripts). */
export function domRulesJson() {
  if (wasm) return wasm.domRules();
  throw new Error('call `await nodeWasm()` first');
}
await nodeWasm();

/**
 * Serves the fixtures at `/` and again at `/csp/` with the strict CSP header, and the built extension
 * at `/ext/` (its modules and wasm package, for in-page tests).
 */
export function serveFixtures() {
  return serve(
    { '/': FIXTURES, '/csp/': FIXTURES, '/ext/': DIST },
    { headers: (path) => (path.startsWith('/csp/') ? { 'content-security-policy': STRICT_CSP } : {}) },
  );
}

/**
 * Chromium with the test build of the extension: `{context, worker, extensionId, close}`. Extensions
 * run in the new headless mode; Playwright's default `--disable-extensions` is dropped.
 */
export async function launchWithExtension() {
  if (!existsSync(join(TEST_BUILD, 'manifest.json'))) throw new Error('dist/extension-test is missing: run `make extension`');
  const profile = freshProfile();
  const context = await chromium.launchPersistentContext(profile.dir, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${TEST_BUILD}`, `--load-extension=${TEST_BUILD}`],
    viewport: { width: 1100, height: 800 },
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 15000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    url: (path) => `chrome-extension://${extensionId}/${path}`,
    async close() {
      await context.close();
      profile.remove();
    },
  };
}

/** The tab id of `page` (found by its URL, which the test build's host permission lets us see). */
export async function tabIdOf(ext, page) {
  const url = page.url();
  const id = await ext.worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id ?? null, url.split('#')[0]);
  if (id === null) throw new Error(`no tab for ${url}`);
  return id;
}

/**
 * An extension page to send runtime messages from, exactly as the popup does (a message a worker sends
 * itself is not delivered to its own listeners). Answers `{send, call}`.
 */
export async function messenger(ext) {
  const page = await ext.context.newPage();
  await page.goto(ext.url('options/options.html'));
  const send = (message) => page.evaluate((m) => chrome.runtime.sendMessage(m), message);
  return {
    page,
    /** The answer as it is (`{error}` included). */
    send,
    /** The answer; an `{error}` answer throws. */
    async call(message) {
      const answer = await send(message);
      if (answer && typeof answer.error === 'string') throw new Error(`${message.type}: ${answer.error}`);
      return answer;
    },
  };
}

/**
 * A saved page's HTML (bytes) without its `<meta http-equiv="Content-Security-Policy">`: the tools that
 * load saved pages set their own policy (the page's scripts off, our modules on) in a header, and a
 * meta policy would add to it. The meta element is in <head>, which the walker never reads. (The pages
 * are then served as UTF-8, as the Readability test suite that produced expected.html reads them.)
 */
export function withoutMetaCsp(bytes) {
  // Latin-1 maps bytes to characters one to one, so the page's own encoding survives untouched.
  const html = Buffer.from(bytes).toString('latin1');
  return Buffer.from(html.replace(/<meta[^>]+http-equiv\s*=\s*["']?content-security-policy[^>]*>/gi, ''), 'latin1');
}

/** Every CSS highlight of the page, by name: ranges as `{text, start: [path, offset], end}`. */
export function readHighlights(page) {
  return page.evaluate(() => {
    const out = {};
    const path = (node) => {
      const steps = [];
      for (let n = node; n && n !== document; ) {
        const parent = n.parentNode ?? n.host;
        if (!parent) break;
        if (n.parentNode) steps.unshift([...parent.childNodes].indexOf(n));
        else steps.unshift('shadow');
        n = parent;
      }
      return steps.join('/');
    };
    for (const [name, highlight] of CSS.highlights) {
      out[name] = [...highlight].map((r) => ({
        text: r.toString(), start: [path(r.startContainer), r.startOffset], end: [path(r.endContainer), r.endOffset],
      }));
    }
    return out;
  });
}

/** Waits until `predicate()` (async) is truthy, polling; fails after `timeout` ms with `what`. */
export async function eventually(predicate, what, timeout = 5000) {
  const start = Date.now();
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
