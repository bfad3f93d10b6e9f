// The sweep runner (tests/sweep/lib.mjs) on the synthetic pages of tests/sweep/fixtures: it must pass
// them, keep the pages' scripts and navigations from running, and catch an engine that breaks the
// page. The real-page sweep itself is `make sweep PAGES=DIR`; this test needs no real pages.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT } from '../browser/helpers.mjs';
import { runSweep, reportMarkdown } from '../sweep/lib.mjs';

const FIXTURES = join(ROOT, 'tests', 'sweep', 'fixtures');

test('the sweep passes the synthetic pages, with their scripts and refreshes kept off', { timeout: 120_000 }, async () => {
  const rows = await runSweep(FIXTURES);
  const failures = rows.filter((r) => !r.ok).map((r) => `${r.page}: ${r.failures.join('; ')}`);
  assert.deepEqual(failures, []);
  const byPage = Object.fromEntries(rows.map((r) => [r.page, r]));
  assert.deepEqual(Object.keys(byPage).sort(), ['article', 'csp-and-refresh', 'hidden', 'rtl', 'structure']);
  // Had the article's scripts run, its body would be gone (and with it most matches).
  assert.ok(byPage.article.matches >= 25, `article: ${byPage.article.matches} matches`);
  // The strict CSP did not stop newsmark, and the 0-second refresh did not take the page away.
  assert.ok(byPage['csp-and-refresh'].matches >= 4, `csp: ${byPage['csp-and-refresh'].matches}`);
  // Hidden, template, opted-out and editable parts are not read.
  assert.equal(byPage.hidden.matches, 7);
  assert.ok(byPage.rtl.matches >= 5);
  const report = reportMarkdown(rows, { dir: 'fixtures', seconds: 1, jobs: 2 });
  assert.match(report, /\*\*5\/5 passed\*\*/);
  assert.match(report, /\| article \| [\d.]+ \| \d+ \| \d+ \|/);
});

test('the sweep catches an engine that leaves the page changed or miscounts', { timeout: 120_000 }, async () => {
  const rows = await runSweep(FIXTURES, {
    only: ['article'],
    jobs: 1,
    tamper: `{
      const H = window.__newsmark.Highlighter.prototype;
      const highlight = H.highlight;
      H.highlight = function (root, options) { const r = highlight.call(this, root, options); r.total += 1; return r; };
      H.clear = function () {};
    }`,
  });
  assert.equal(rows.length, 1);
  assert.equal(rows[0].ok, false);
  const failures = rows[0].failures.join('; ');
  assert.match(failures, /body\.innerHTML differs after mark-mode clear/);
  assert.match(failures, /documentElement\.outerHTML differs/);
  assert.match(failures, /mark: report\.total/);
  assert.match(failures, /css: highlights left after clear/);
});
