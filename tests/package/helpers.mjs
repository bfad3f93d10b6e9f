// Shared set-up of the package tests: where the built package is, a server for it (at /newsmark/,
// as docs/embed.md tells people to serve it) next to www/ and the fixtures, headless Chromium with
// the project's flags, and a page that fails the test on any script error. Not a test file.

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launch, screenshotPath } from '../browser/helpers.mjs';
import { serve } from '../../scripts/serve.mjs';

export { ROOT, launch, screenshotPath };
export const DIST = join(ROOT, 'dist', 'npm');
export const FIXTURES = join(ROOT, 'tests', 'package', 'fixtures');
/** Scratch space of these tests (apps, tarballs, generated pages); inside target/, so git ignores it. */
export const WORK = join(ROOT, 'target', 'package-tests');

/** Fails early with the fix when `make package` has not run. */
export function requirePackage() {
  if (!existsSync(join(DIST, 'package.json'))) throw new Error('dist/npm/ is missing: run `make package`');
  mkdirSync(WORK, { recursive: true });
}

/**
 * Serves the package at /newsmark/, the fixtures at /fixtures/, www/ at /www/ and `extra` mounts;
 * `options` as scripts/serve.mjs takes them (extra headers per path).
 */
export function servePackage(extra = {}, options = {}) {
  return serve({ '/newsmark/': DIST, '/fixtures/': FIXTURES, '/www/': join(ROOT, 'www'), ...extra }, options);
}

/**
 * A new page whose script errors, console errors and failed requests (other than `allowed`, a
 * RegExp of URLs expected to fail) land in `page.problems`, for the test to assert empty.
 */
export async function newPage(browser, { allowed = /$^/, viewport } = {}) {
  const page = await browser.newPage(viewport ? { viewport } : {});
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !allowed.test(message.location()?.url ?? '') && !/Failed to load resource/.test(message.text())) {
      page.problems.push(`console.error: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !allowed.test(response.url())) page.problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  return page;
}
