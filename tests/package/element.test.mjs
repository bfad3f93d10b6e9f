// <newsmark-article> from the built package (dist/npm/ served at /newsmark/), in headless Chromium:
// highlighting and the legend, every attribute and re-highlighting when it changes, the events, a
// dictionary of one's own and every way it can fail (reported, never thrown), shadow DOM, live
// content, removal, and one wasm download and shared highlighters per page.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launch, newPage, requirePackage, servePackage } from './helpers.mjs';

/** The policy docs/embed.md recommends (the code block after "A strict policy that works"). */
const STRICT_CSP = readFileSync(join(ROOT, 'docs', 'embed.md'), 'utf8').match(/A strict policy that works:\n\n```\n(.+)\n```/)[1];

const ARTICLE = `
  <h2>Putin and Kim pledge closer ties</h2>
  <p>Vladimir Putin met Kim Jong Un in Russia. North Korea may supply <b>artillery shells</b> to Moscow,
  despite sanctions.</p>`;

describe('<newsmark-article>', () => {
  let server;
  let browser;
  let page;

  before(async () => {
    requirePackage();
    server = await servePackage();
    browser = await launch();
    // Requests for the dictionaries that are meant to be missing are expected to fail.
    page = await newPage(browser, { allowed: /missing\.json$/ });
    await page.goto(`${server.url}/fixtures/element.html`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('highlights its content, shows a legend and fires newsmark:highlighted', async () => {
    const r = await page.evaluate(async (article) => {
      const seenBefore = T.seen.length;
      const element = T.mount(`<newsmark-article id="a" legend mode="mark">${article}</newsmark-article>`, 'a');
      const report = await T.next(element);
      return {
        report,
        marks: T.marks(element),
        legend: T.legend(element),
        bubbled: T.seen.slice(seenBefore).map((e) => [e.type, e.id]),
        property: element.report.total,
        hasHighlighter: element.highlighter instanceof T.newsmark.Highlighter,
      };
    }, ARTICLE);
    assert.ok(r.report.total >= 7, `total ${r.report.total}`);
    assert.equal(r.marks.length >= r.report.total, true);
    const entries = new Set(r.marks.map((m) => m.entry));
    for (const id of ['vladimir-putin', 'kim-jong-un', 'rus', 'prk']) assert.ok(entries.has(id), id);
    const putin = r.marks.find((m) => m.entry === 'vladimir-putin');
    assert.deepEqual([putin.kind, putin.category, putin.background], ['actor', 'person', 'rgb(255, 175, 204)']);
    assert.match(putin.match, /^\d+$/);
    assert.deepEqual(r.bubbled, [['newsmark:highlighted', 'a']], 'the event bubbles to the document');
    assert.equal(r.property, r.report.total);
    assert.ok(r.hasHighlighter);
    // Legend: total, then one chip per category found, counts from the report, in the shadow root.
    assert.equal(r.legend.hidden, false);
    assert.equal(r.legend.total, `${r.report.total} matches`);
    assert.equal(r.legend.marks, 0, 'the legend is never highlighted');
    const person = r.legend.items.find((i) => i.category === 'person');
    assert.deepEqual(person, { category: 'person', label: 'Person', count: r.report.categories.person, color: 'rgb(255, 175, 204)' });
    assert.deepEqual(r.legend.items.map((i) => i.count), r.legend.items.map((i) => r.report.categories[i.category]));
    assert.ok(r.legend.items.every((i) => i.count > 0));
    assert.deepEqual(page.problems, []);
  });

  it('re-highlights when categories, mode and legend change', async () => {
    const r = await page.evaluate(async (article) => {
      const element = T.mount(`<newsmark-article id="b" legend mode="mark">${article}</newsmark-article>`, 'b');
      await T.next(element);
      const all = T.marks(element).length;
      // Two attributes in a row: one re-highlighting.
      let events = 0;
      element.addEventListener('newsmark:highlighted', () => { events += 1; });
      let next = T.next(element);
      element.setAttribute('categories', 'person, arms');
      element.setAttribute('mode', 'mark');
      await next;
      await new Promise((resolve) => setTimeout(resolve, 50));
      const filtered = { legend: T.legend(element), marks: T.marks(element), events };
      next = T.next(element);
      element.setAttribute('mode', 'css');
      await next;
      const css = { marks: T.marks(element).length, ranges: T.cssRanges(element) };
      element.removeAttribute('legend');
      const noLegend = T.legend(element).hidden;
      next = T.next(element);
      element.removeAttribute('categories');
      element.setAttribute('mode', 'mark');
      const back = await next;
      return { all, filtered, css, noLegend, back: back.total, marksBack: T.marks(element).length };
    }, ARTICLE);
    assert.equal(r.filtered.events, 1, 'attributes set together highlight once');
    assert.deepEqual(r.filtered.legend.items.map((i) => i.category), ['person', 'arms']);
    const shown = r.filtered.legend.items.reduce((sum, i) => sum + i.count, 0);
    assert.equal(r.filtered.legend.total, `${shown} matches`);
    const painted = (m) => m.background !== 'rgba(0, 0, 0, 0)';
    assert.ok(r.filtered.marks.filter((m) => m.category === 'person').every(painted));
    assert.ok(r.filtered.marks.filter((m) => m.category === 'country').every((m) => !painted(m)), 'hidden categories are not painted');
    assert.equal(r.css.marks, 0, 'css mode leaves the DOM alone');
    assert.ok(r.css.ranges >= 3, `${r.css.ranges} ranges`);
    assert.equal(r.noLegend, true);
    assert.equal(r.marksBack, r.all);
    assert.deepEqual(page.problems, []);
  });

  it('merges a dictionary from a URL over the default one; labels stay text', async () => {
    const r = await page.evaluate(async () => {
      const element = T.mount(
        '<newsmark-article id="c" legend mode="mark" dictionary="/fixtures/acme.json"><p>Acme Corp sells arms to Russia.</p></newsmark-article>', 'c');
      await T.next(element);
      const acme = { marks: T.marks(element), legend: T.legend(element) };
      const next = T.next(element);
      element.setAttribute('dictionary', '/fixtures/hostile-label.json');
      await next;
      return { acme, hostile: T.legend(element), images: element.shadowRoot.querySelectorAll('img, b').length, pwned: window.pwned ?? null };
    });
    const acme = r.acme.marks.find((m) => m.entry === 'acme');
    assert.deepEqual([acme.text, acme.category, acme.background], ['Acme Corp', 'company', 'rgb(200, 247, 197)']);
    assert.ok(r.acme.marks.some((m) => m.entry === 'rus'), 'the default dictionary is still there');
    assert.ok(r.acme.legend.items.some((i) => i.category === 'company' && i.label === 'Company' && i.color === 'rgb(200, 247, 197)'));
    const evil = r.hostile.items.find((i) => i.category === 'evil');
    assert.equal(evil.label, '<img src=x onerror="window.pwned=1">Evil', 'a label is shown as text');
    assert.equal(r.images, 0);
    assert.equal(r.pwned, null);
    assert.deepEqual(page.problems, []);
  });

  it('reports a bad dictionary, category or mode with newsmark:error, in the legend area, without throwing', async () => {
    const r = await page.evaluate(async () => {
      const element = T.mount('<newsmark-article id="d" mode="mark"><p>Vladimir Putin met Kim Jong Un.</p></newsmark-article>', 'd');
      await T.next(element);
      const results = {};
      const attempts = [
        ['missing', 'dictionary', '/fixtures/missing.json'],
        ['notJson', 'dictionary', '/fixtures/not-json.json'],
        ['invalid', 'dictionary', '/fixtures/invalid.json'],
        ['badUrl', 'dictionary', 'http://[::1'],
        ['category', 'categories', 'person spies'],
        ['mode', 'mode', 'marks'],
      ];
      for (const [name, attribute, value] of attempts) {
        element.removeAttribute('dictionary');
        element.removeAttribute('categories');
        element.setAttribute('mode', 'mark');
        await new Promise((resolve) => setTimeout(resolve, 0));
        await element.refresh();
        const failed = T.next(element, 'newsmark:error');
        element.setAttribute(attribute, value);
        const detail = await failed;
        const legend = T.legend(element);
        results[name] = { message: detail.message, shown: legend.error, hidden: legend.hidden, marks: T.marks(element).length, report: element.report };
      }
      // Fixing the attribute recovers.
      const next = T.next(element);
      element.setAttribute('mode', 'mark');
      const recovered = await next;
      return { results, recovered: recovered.total, legendAfter: T.legend(element) };
    });
    const { results } = r;
    assert.match(results.missing.message, /dictionary \/fixtures\/missing\.json: HTTP 404/);
    assert.match(results.notJson.message, /dictionary \/fixtures\/not-json\.json: not valid JSON/);
    assert.match(results.invalid.message, /^dictionary \/fixtures\/invalid\.json: entry 'acme' \(index 0\): field 'category': unknown category 'no-such-category'/);
    assert.match(results.badUrl.message, /dictionary http:\/\/\[::1/);
    assert.match(results.category.message, /unknown category 'spies'/);
    assert.match(results.mode.message, /options\.mode/);
    for (const [name, result] of Object.entries(results)) {
      assert.equal(result.shown, `newsmark: ${result.message}`, `${name}: shown in the legend area`);
      assert.equal(result.hidden, false, `${name}: the legend area shows even without the legend attribute`);
      assert.equal(result.marks, 0, `${name}: nothing stays highlighted`);
      assert.equal(result.report, null);
    }
    assert.ok(r.recovered >= 2);
    assert.equal(r.legendAfter.hidden, true, 'the error goes once it is fixed');
    assert.deepEqual(page.problems, [], 'no uncaught error');
  });

  it('works inside a shadow root, in both modes, and its events leave it', async () => {
    const r = await page.evaluate(async (article) => {
      const host = T.mount('<div id="host"></div>', 'host');
      const shadow = host.attachShadow({ mode: 'open' });
      shadow.innerHTML = `<newsmark-article id="e" legend mode="mark">${article}</newsmark-article>`;
      const element = shadow.getElementById('e');
      const seenBefore = T.seen.length;
      const report = await T.next(element);
      const mark = { marks: T.marks(element), legend: T.legend(element), seen: T.seen.slice(seenBefore).map((e) => e.id) };
      const next = T.next(element);
      element.setAttribute('mode', 'css');
      await next;
      return { total: report.total, mark, css: { marks: T.marks(element).length, ranges: T.cssRanges(element) } };
    }, ARTICLE);
    assert.ok(r.total >= 7);
    assert.ok(r.mark.marks.length >= r.total);
    const putin = r.mark.marks.find((m) => m.entry === 'vladimir-putin');
    assert.equal(putin.background, 'rgb(255, 175, 204)', 'the highlight styles reach into the shadow root');
    assert.ok(r.mark.legend.items.length >= 3);
    assert.deepEqual(r.mark.seen, ['host'], 'composed: the document hears it, retargeted to the host');
    assert.equal(r.css.marks, 0);
    assert.equal(r.css.ranges, r.total);
    assert.deepEqual(page.problems, []);
  });

  it('follows its content with live, and on refresh() without it', async () => {
    const r = await page.evaluate(async () => {
      const element = T.mount('<newsmark-article id="f" legend live mode="mark"><p>Vladimir Putin spoke.</p></newsmark-article>', 'f');
      const first = await T.next(element);
      let next = T.next(element);
      const paragraph = document.createElement('p');
      paragraph.textContent = 'Kim Jong Un and Xi Jinping listened, in China.';
      element.append(paragraph);
      const live = await next;
      const legend = T.legend(element);
      element.removeAttribute('live');
      await T.next(element);
      element.querySelector('p').append(' Sanctions on Iran followed.');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const stale = element.report.total;
      const refreshed = await element.refresh();
      return { first: first.total, live: live.total, liveCategories: live.categories, legend, stale, refreshed: refreshed.total, marks: T.marks(element).length };
    });
    assert.equal(r.first, 1);
    assert.ok(r.live >= 4, `live total ${r.live}`);
    assert.equal(typeof r.liveCategories.person, 'number', 'live reports have plain categories');
    assert.equal(r.legend.total, `${r.live} matches`);
    assert.equal(r.stale, r.live, 'without live, changes wait for refresh()');
    assert.ok(r.refreshed >= r.live + 2);
    assert.ok(r.marks >= r.refreshed);
    assert.deepEqual(page.problems, []);
  });

  it('takes its highlights away when removed and highlights again when put back', async () => {
    const r = await page.evaluate(async (article) => {
      const element = T.mount(`<newsmark-article id="g" mode="mark">${article}</newsmark-article>`, 'g');
      await T.next(element);
      const before = T.marks(element).length;
      const html = element.innerHTML;
      element.remove();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const detached = T.marks(element).length;
      const next = T.next(element);
      document.getElementById('stage').append(element);
      await next;
      return { before, detached, again: T.marks(element).length, htmlHadMarks: html.includes('<mark') };
    }, ARTICLE);
    assert.ok(r.before > 0 && r.htmlHadMarks);
    assert.equal(r.detached, 0);
    assert.equal(r.again, r.before);
    assert.deepEqual(page.problems, []);
  });

  it('loads the wasm once per page and shares highlighters between like elements', async () => {
    const fresh = await newPage(browser);
    const wasmRequests = [];
    fresh.on('request', (request) => { if (request.url().endsWith('.wasm')) wasmRequests.push(request.url()); });
    await fresh.goto(`${server.url}/fixtures/element.html`);
    await fresh.waitForFunction(() => document.body.dataset.ready === 'true');
    const r = await fresh.evaluate(async (article) => {
      const stage = document.getElementById('stage');
      stage.innerHTML = [1, 2, 3].map((n) => `<newsmark-article id="s${n}" mode="mark"${n === 3 ? ' categories="person"' : ''}>${article}</newsmark-article>`).join('')
        + `<section id="plain">${article}</section>`;
      const [s1, s2, s3] = ['s1', 's2', 's3'].map((id) => document.getElementById(id));
      const [, , , page] = await Promise.all([
        T.next(s1), T.next(s2), T.next(s3),
        T.newsmark.highlightPage(document.getElementById('plain'), { mode: 'mark' }),
        T.newsmark.init(),
      ]);
      const shared = s1.highlighter === s2.highlighter && s1.highlighter !== s3.highlighter;
      return { shared, pageTotal: page.report.total, s1Total: s1.report.total };
    }, ARTICLE);
    assert.equal(wasmRequests.length, 1, wasmRequests.join(', '));
    assert.ok(r.shared, 'same dictionary and categories: one highlighter');
    assert.equal(r.pageTotal, r.s1Total);
    assert.deepEqual(fresh.problems, []);
    await fresh.close();
  });

  it('works under the strict Content-Security-Policy docs/embed.md gives', async () => {
    const strict = await servePackage({}, { headers: () => ({ 'content-security-policy': STRICT_CSP }) });
    const csp = await newPage(browser, { allowed: /favicon\.ico$/ });
    try {
      await csp.goto(`${strict.url}/fixtures/csp.html`);
      await csp.waitForFunction(() => document.getElementById('strict').report);
      const r = await csp.evaluate(() => {
        const element = document.getElementById('strict');
        return {
          violations: window.violations,
          marks: T_marks(element),
          swatch: getComputedStyle(element.shadowRoot.querySelector('[part=legend-item] .swatch')).backgroundColor,
          chip: getComputedStyle(element.shadowRoot.querySelector('[part=legend-item]')).borderRadius,
        };
        function T_marks(root) {
          return [...root.querySelectorAll('mark.newsmark')].map((m) => getComputedStyle(m).backgroundColor);
        }
      });
      assert.deepEqual(r.violations, []);
      assert.ok(r.marks.length >= 4 && r.marks.every((c) => c !== 'rgba(0, 0, 0, 0)'), r.marks.join(', '));
      assert.notEqual(r.swatch, 'rgba(0, 0, 0, 0)', 'swatch colours are set through the CSSOM');
      assert.equal(r.chip, '999px', 'the legend styles are a constructed sheet');
      assert.deepEqual(csp.problems, []);
    } finally {
      await csp.close();
      await strict.close();
    }
  });

  // Regression: a highlighter's hidden-category rules once matched every mark of the page, so one
  // element's `categories` hid the other elements' marks too; rules now select on
  // data-newsmark-highlighter.
  it('one element\'s categories do not hide another element\'s marks (mark mode)', async () => {
    const r = await page.evaluate(async (article) => {
      document.getElementById('stage').innerHTML =
        `<newsmark-article id="h1" mode="mark">${article}</newsmark-article>`
        + `<newsmark-article id="h2" mode="mark" categories="person">${article}</newsmark-article>`;
      const [h1, h2] = ['h1', 'h2'].map((id) => document.getElementById(id));
      await Promise.all([T.next(h1), T.next(h2)]);
      return T.marks(h1).find((m) => m.category === 'country').background;
    }, ARTICLE);
    assert.equal(r, 'rgb(142, 202, 230)');
  });
});
