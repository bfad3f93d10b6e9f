// css mode (the CSS Custom Highlight API): the DOM is never touched, one Highlight per category in
// CSS.highlights, clear and setCategories update the registry, other registrations are left alone.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { harness, pageTest } from './dom-utils.mjs';

const h = harness();
const test = pageTest(h, it);
before(() => h.start());
after(() => h.stop());

const html =
  '<h2>Putin and <b>North</b> Korea</h2><p>Kim <i>Jong Un</i> discussed sanctions, arms and satellites with Iran.</p><!-- c --><p>NATO</p>';

describe('css mode', () => {
  test('is the default mode in Chromium', async (page) => {
    const r = await page.evaluate((html) => {
      const root = T.set(html);
      const original = root.innerHTML;
      const report = new newsmark.Highlighter().highlight(root);
      return { same: root.innerHTML === original, marks: T.marks(root).length, names: T.highlightNames(), total: report.total };
    }, html);
    assert.ok(r.total > 0);
    assert.equal(r.marks, 0);
    assert.ok(r.same);
    assert.ok(r.names.length > 0 && r.names.every((n) => n.startsWith('newsmark-')), JSON.stringify(r.names));
  });

  test('does not mutate the DOM at all (innerHTML identical, no MutationObserver records)', async (page) => {
    const r = await page.evaluate((html) => {
      const root = T.set(html);
      const original = root.innerHTML;
      const nodes = T.allNodes(root);
      const observer = new MutationObserver(() => {});
      observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      const hl = new newsmark.Highlighter();
      hl.highlight(root, { mode: 'css' });
      const afterHighlight = root.innerHTML;
      const recordsHighlight = observer.takeRecords().length;
      hl.next();
      hl.setCategories(['country']);
      hl.setCategories(null);
      hl.clear();
      const records = observer.takeRecords().length;
      observer.disconnect();
      const now = T.allNodes(root);
      return {
        sameAfterHighlight: afterHighlight === original,
        sameAfterClear: root.innerHTML === original,
        recordsHighlight,
        records,
        sameNodes: now.length === nodes.length && now.every((n, i) => n === nodes[i]),
      };
    }, html);
    assert.ok(r.sameAfterHighlight, 'innerHTML identical right after highlight');
    assert.equal(r.recordsHighlight, 0, 'no mutation records from highlight');
    assert.equal(r.records, 0, 'no mutation records from next/setCategories/clear');
    assert.ok(r.sameAfterClear);
    assert.ok(r.sameNodes);
  });

  test('one Highlight per category, named newsmark-<category>, holding one range per match', async (page) => {
    const r = await page.evaluate((html) => {
      const report = new newsmark.Highlighter().highlight(T.set(html), { mode: 'css' });
      const names = T.highlightNames();
      const sizes = Object.fromEntries(names.map((n) => [n, CSS.highlights.get(n).size]));
      const texts = Object.fromEntries(names.map((n) => [n, T.ranges(n).map((range) => range.toString()).sort()]));
      const isHighlight = names.every((n) => CSS.highlights.get(n) instanceof Highlight);
      return { report, names, sizes, texts, isHighlight };
    }, html);
    const used = Object.entries(r.report.categories).filter(([, count]) => count > 0);
    assert.deepEqual(r.names, used.map(([id]) => `newsmark-${id}`).sort());
    for (const [id, count] of used) assert.equal(r.sizes[`newsmark-${id}`], count, `size of newsmark-${id}`);
    assert.ok(r.isHighlight);
    assert.deepEqual(r.texts['newsmark-person'], ['Kim Jong Un', 'Putin']);
    assert.deepEqual(r.texts['newsmark-country'], ['Iran', 'North Korea']);
    assert.deepEqual(r.texts['newsmark-sanctions'], ['sanctions']);
  });

  test('clear() deletes the registrations (CSS.highlights.size === 0)', async (page) => {
    const r = await page.evaluate((html) => {
      const hl = new newsmark.Highlighter();
      hl.highlight(T.set(html), { mode: 'css' });
      hl.next(); // registers newsmark-current too
      const before = T.highlightNames();
      hl.clear();
      return { before, after: CSS.highlights.size, sheets: document.adoptedStyleSheets.length };
    }, html);
    assert.ok(r.before.includes('newsmark-current'));
    assert.equal(r.after, 0);
    assert.equal(r.sheets, 0, 'the adopted style sheet goes too');
  });

  test('clear() leaves other highlights alone (another library, another highlighter)', async (page) => {
    const r = await page.evaluate(() => {
      const root = T.set('<div id="a"><p>Putin visited Iran.</p></div><div id="b"><p>Xi Jinping</p></div>');
      const range = document.createRange();
      range.selectNodeContents(root);
      CSS.highlights.set('someone-else', new Highlight(range));
      const h1 = new newsmark.Highlighter();
      const h2 = new newsmark.Highlighter();
      h1.highlight(root.querySelector('#a'), { mode: 'css' });
      h2.highlight(root.querySelector('#b'), { mode: 'css' });
      const person = T.ranges('newsmark-person').map((r) => r.toString()).sort();
      h1.clear();
      const afterH1 = {
        names: T.highlightNames(),
        person: T.ranges('newsmark-person').map((r) => r.toString()),
        other: CSS.highlights.get('someone-else')?.size,
      };
      h2.clear();
      return { person, afterH1, names: T.highlightNames() };
    });
    assert.deepEqual(r.person, ['Putin', 'Xi Jinping'], 'two highlighters share newsmark-person');
    assert.deepEqual(r.afterH1.person, ['Xi Jinping'], 'the other highlighter keeps its range');
    assert.equal(r.afterH1.other, 1);
    assert.deepEqual(r.names, ['someone-else']);
  });

  test('setCategories hides and shows categories without reading the page again', async (page) => {
    const r = await page.evaluate((html) => {
      const root = T.set(html);
      const hl = new newsmark.Highlighter();
      const report = hl.highlight(root, { mode: 'css' });
      const size = (n) => CSS.highlights.get(n)?.size ?? 0;
      hl.setCategories(['country']);
      const hidden = {
        person: CSS.highlights.has('newsmark-person') ? size('newsmark-person') : 0,
        sanctions: size('newsmark-sanctions'),
        country: size('newsmark-country'),
      };
      const reportHidden = hl.report();
      hl.setCategories(null);
      const shown = { person: size('newsmark-person'), sanctions: size('newsmark-sanctions'), country: size('newsmark-country') };
      return { report, hidden, shown, reportHidden };
    }, html);
    assert.equal(r.hidden.person, 0, 'person ranges are not painted');
    assert.equal(r.hidden.sanctions, 0);
    assert.equal(r.hidden.country, r.report.categories.country);
    assert.deepEqual(r.shown, { person: r.report.categories.person, sanctions: r.report.categories.sanctions, country: r.report.categories.country });
    assert.deepEqual(r.reportHidden, r.report, 'the report does not depend on what is shown');
  });

  test('the categories option shows only those categories', async (page) => {
    const r = await page.evaluate((html) => {
      const hl = new newsmark.Highlighter();
      const report = hl.highlight(T.set(html), { mode: 'css', categories: ['person', 'arms'] });
      const painted = T.highlightNames().filter((n) => CSS.highlights.get(n).size > 0);
      return { report, painted };
    }, html);
    assert.deepEqual(r.painted, ['newsmark-arms', 'newsmark-person']);
    assert.ok(r.report.categories.country > 0, 'the report still counts every category');
  });

  test('the page styles ::highlight() with the category colours', async (page) => {
    const r = await page.evaluate(() => {
      const hl = new newsmark.Highlighter();
      hl.highlight(T.set('<p>Putin</p>'), { mode: 'css' });
      const rules = [...document.adoptedStyleSheets].flatMap((s) => [...s.cssRules].map((rule) => rule.cssText));
      return { rules, color: T.rgb(T.categoryColor(hl, 'person')) };
    });
    const rule = r.rules.find((text) => text.includes('::highlight(newsmark-person)'));
    assert.ok(rule, r.rules.join('\n'));
    assert.ok(rule.includes(r.color), rule);
  });
});
