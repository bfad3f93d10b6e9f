// Shared set-up of the browser tests: Debian's Chromium through playwright-core, and a local server
// for www/ (the demo and the wasm package) and the test fixtures.

import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** Flags this machine needs: no sandbox as root, and no background network (there is none). */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Serves www/ at / and tests/browser/fixtures at /fixtures/. */
export function serveProject(options) {
  return serve({ '/': join(ROOT, 'www'), '/fixtures/': join(ROOT, 'tests/browser/fixtures') }, options);
}

/** A headless Chromium with a fresh profile. */
export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** A fresh profile directory, removed by the returned function. */
export function freshProfile() {
  const dir = mkdtempSync(join(tmpdir(), 'newsmark-profile-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Where tests save screenshots for people to look at. */
export function screenshotPath(name) {
  const dir = join(ROOT, 'target', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/**
 * Opens the harness page (which loads the wasm module and exposes `window.newsmark`) and fails the
 * test on any page error.
 */
export async function openHarness(browser, url, errors = []) {
  const page = await browser.newPage();
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`${url}/fixtures/harness.html`);
  await page.waitForFunction(() => window.newsmarkReady === true);
  return page;
}
