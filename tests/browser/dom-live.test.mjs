// Live mode (`observe: true`): changes to the page are highlighted, what the user types never is,
// onUpdate reports, and clear() stops everything.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { harness, pageTest } from './dom-utils.mjs';

const h = harness({ fresh: true });
const test = pageTest(h, it);
before(() => h.start());
after(() => h.stop());

const WAIT = { timeout: 3000 };

/** Waits for `predicate` in the page; false (instead of a timeout error) when it never holds. */
function eventually(page, predicate) {
  return page.waitForFunction(predicate, null, WAIT).then(() => true, () => false);
}

/** Highlights #root (set to `html`) in live mode; the highlighter is `window.hl`, updates `window.updates`. */
function live(page, html, options = {}) {
  return page.evaluate(
    ([html, options]) => {
      const root = T.set(html);
      window.updates = [];
      window.hl = new newsmark.Highlighter();
      return window.hl.highlight(root, {
        mode: 'mark',
        observe: true,
        onUpdate: (report) => window.updates.push(report),
        ...options,
      });
    },
    [html, options],
  );
}

describe('live mode', () => {
  test('an appended <p> gets marked', async (page) => {
    const first = await live(page, '<p>Iran</p>');
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'new';
      p.textContent = 'Putin visited Iran.';
      T.root().append(p);
    });
    await page.waitForFunction(() => document.querySelector('#new mark.newsmark[data-newsmark-entry="vladimir-putin"]'), null, WAIT);
    const r = await page.evaluate(() => ({ marks: T.markInfo(document.querySelector('#new')).map((m) => m.entry), nested: T.nested(), total: hl.report().total }));
    assert.equal(first.total, 1);
    assert.deepEqual(r.marks, ['vladimir-putin', 'irn']);
    assert.equal(r.nested, 0);
    assert.equal(r.total, 3);
  });

  test('css mode (the default): an appended <p> gets ranges', async (page) => {
    await live(page, '<p>Iran</p>', { mode: undefined });
    await page.evaluate(() => T.root().insertAdjacentHTML('beforeend', '<p>Putin visited Iran.</p>'));
    await page.waitForFunction(() => CSS.highlights.get('newsmark-person')?.size === 1, null, WAIT);
    const r = await page.evaluate(() => ({ country: CSS.highlights.get('newsmark-country').size, marks: T.marks().length }));
    assert.equal(r.country, 2);
    assert.equal(r.marks, 0);
  });

  test('changing a text node\'s data re-highlights its block, and only that block', async (page) => {
    await live(page, '<p id="a">Nothing to see.</p><p id="b">Iran</p>');
    const r = await page.evaluate(async () => {
      const other = document.querySelector('#b mark.newsmark');
      document.querySelector('#a').firstChild.data = 'Putin visited North Korea.';
      const deadline = performance.now() + 3000;
      while (!document.querySelector('#a mark.newsmark') && performance.now() < deadline) await T.sleep(10);
      return {
        a: T.markInfo(document.querySelector('#a')).map((m) => [m.entry, m.text]),
        otherKept: document.querySelector('#b mark.newsmark') === other,
        total: hl.report().total,
      };
    });
    assert.deepEqual(r.a, [['vladimir-putin', 'Putin'], ['prk', 'North Korea']]);
    assert.ok(r.otherKept, 'the mark of the other block is untouched');
    assert.equal(r.total, 3);
  });

  test('the page rewriting a highlighted text node (as React does) re-highlights the new text', async (page) => {
    await live(page, '<p id="a">Putin visited Iran.</p>');
    await page.evaluate(() => {
      // The page still holds its text node, which newsmark moved into a mark.
      window.text = document.querySelector('#a mark').firstChild;
      window.text.data = 'Obama visited Iraq.';
    });
    const marked = await eventually(page, () => document.querySelector('#a mark[data-newsmark-entry="barack-obama"]'));
    const r = await page.evaluate(() => ({
      entries: T.markInfo(document.querySelector('#a')).map((m) => [m.entry, m.text]),
      text: document.querySelector('#a').textContent,
      connected: window.text.isConnected,
      html: document.querySelector('#a').innerHTML,
    }));
    assert.ok(marked, `"Obama" was not highlighted within 3 s: ${r.html}`);
    assert.equal(r.text, 'Obama visited Iraq.');
    assert.deepEqual(r.entries, [['barack-obama', 'Obama'], ['irq', 'Iraq']]);
    assert.ok(r.connected);
  });

  test('a change to text next to a mark is kept when the block is re-highlighted', async (page) => {
    await live(page, '<p id="a">Putin visited Iran.</p>');
    await page.evaluate(() => {
      const p = document.querySelector('#a');
      const between = [...p.childNodes].find((n) => n.nodeType === 3 && n.data === ' visited ');
      between.data = ' left ';
      // A later change elsewhere, to know when live mode has run.
      T.root().insertAdjacentHTML('beforeend', '<p id="probe">Xi Jinping</p>');
    });
    await page.waitForFunction(() => document.querySelector('#probe mark'), null, WAIT);
    await page.evaluate(() => T.sleep(100));
    const r = await page.evaluate(() => ({
      text: document.querySelector('#a').textContent,
      entries: T.markInfo(document.querySelector('#a')).map((m) => m.entry),
    }));
    assert.equal(r.text, 'Putin left Iran.', 'the page\'s edit survives');
    assert.deepEqual(r.entries, ['vladimir-putin', 'irn']);
  });

  test('typing into a <textarea> or a contenteditable div never gets marks', async (page) => {
    await live(page, '<p>Iran</p><textarea id="ta"></textarea><div id="ed" contenteditable="true"><p>Draft: </p></div>');
    await page.type('#ta', 'Putin visited North Korea. ');
    await page.click('#ed p');
    await page.keyboard.press('End');
    await page.keyboard.type('Putin visited North Korea. ');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Kim Jong Un');
    // Positive control: live mode is running and has seen everything typed so far.
    await page.evaluate(() => T.root().insertAdjacentHTML('beforeend', '<p id="probe">Xi Jinping</p>'));
    await page.waitForFunction(() => document.querySelector('#probe mark'), null, WAIT);
    await page.evaluate(() => T.sleep(150));
    const r = await page.evaluate(() => ({
      textarea: document.querySelector('#ta').value,
      editorMarks: document.querySelectorAll('#ed mark').length,
      editorText: document.querySelector('#ed').textContent,
      textareaMarks: document.querySelectorAll('#ta mark').length,
      total: hl.report().total,
    }));
    assert.equal(r.textarea, 'Putin visited North Korea. ');
    assert.equal(r.textareaMarks, 0);
    assert.equal(r.editorMarks, 0);
    assert.match(r.editorText, /Putin visited North Korea\.\s*Kim Jong Un/);
    assert.equal(r.total, 2, 'only Iran and the probe are counted');
  });

  test('onUpdate is called with the new report (total grew, same shape as report())', async (page) => {
    const first = await live(page, '<p>Iran</p>');
    await page.evaluate(() => T.root().insertAdjacentHTML('beforeend', '<p>Putin and Kim Jong Un discussed sanctions.</p>'));
    await page.waitForFunction(() => window.updates.length > 0, null, WAIT);
    const r = await page.evaluate(() => {
      const last = window.updates.at(-1);
      return {
        last: JSON.parse(JSON.stringify(last)),
        categoriesIsPlainObject: Object.getPrototypeOf(last.categories) === Object.prototype,
        report: hl.report(),
      };
    });
    assert.ok(r.last.total > first.total, `total ${first.total} → ${r.last.total}`);
    assert.equal(r.last.total, 4); // Iran, Putin, Kim Jong Un, sanctions
    assert.ok(r.categoriesIsPlainObject, 'categories is a plain object, as in highlight()');
    assert.deepEqual(r.last, r.report);
  });

  test('removing a highlighted block lowers the report', async (page) => {
    await live(page, '<p id="a">Putin</p><p>Iran</p>');
    await page.evaluate(() => document.querySelector('#a').remove());
    await page.waitForFunction(() => window.updates.length > 0, null, WAIT);
    const r = await page.evaluate(() => ({ total: hl.report().total, entries: hl.report().entries.map((e) => e.id) }));
    assert.equal(r.total, 1);
    assert.deepEqual(r.entries, ['irn']);
  });

  test('a burst of appends is all highlighted', async (page) => {
    await live(page, '');
    await page.evaluate(async () => {
      for (let i = 0; i < 40; i++) {
        T.root().insertAdjacentHTML('beforeend', `<p class="burst">${i}: Putin visited Iran.</p>`);
        if (i % 5 === 0) await T.sleep(15);
      }
    });
    await page.waitForFunction(() => [...document.querySelectorAll('p.burst')].every((p) => p.querySelectorAll('mark.newsmark').length === 2), null, WAIT);
    const r = await page.evaluate(() => ({ total: hl.report().total, nested: T.nested() }));
    assert.equal(r.total, 80);
    assert.equal(r.nested, 0);
  });

  test('changes inside an open shadow root are followed too', async (page) => {
    await page.evaluate(() => {
      const root = T.set('<p>Iran</p><div id="host"></div>');
      window.shadow = root.querySelector('#host').attachShadow({ mode: 'open' });
      window.shadow.innerHTML = '<p>Nothing yet.</p>';
      window.updates = [];
      window.hl = new newsmark.Highlighter();
      window.hl.highlight(root, { mode: 'mark', observe: true, onUpdate: (report) => window.updates.push(report) });
      window.shadow.firstChild.insertAdjacentHTML('afterend', '<p>Putin visited Iran.</p>');
    });
    const marked = await eventually(page, () => window.shadow.querySelector('mark.newsmark[data-newsmark-entry="vladimir-putin"]'));
    const r = await page.evaluate(() => ({ total: hl.report().total, html: window.shadow.innerHTML }));
    assert.ok(marked, `the new paragraph in the shadow root was not highlighted within 3 s: ${r.html}`);
    assert.equal(r.total, 3);
  });

  test('after clear() nothing is highlighted any more and onUpdate is not called', async (page) => {
    await live(page, '<p>Iran</p>');
    await page.evaluate(() => T.root().insertAdjacentHTML('beforeend', '<p>Xi Jinping</p>'));
    await page.waitForFunction(() => window.updates.length > 0, null, WAIT);
    const r = await page.evaluate(async () => {
      hl.clear();
      const calls = window.updates.length;
      T.root().insertAdjacentHTML('beforeend', '<p>Putin visited Iran.</p>');
      T.root().firstChild.firstChild.data = 'Kim Jong Un';
      await T.sleep(500);
      return { marks: T.marks().length, calls: window.updates.length - calls, total: hl.report().total, names: CSS.highlights.size };
    });
    assert.equal(r.marks, 0);
    assert.equal(r.calls, 0);
    assert.equal(r.total, 0);
    assert.equal(r.names, 0);
  });

  test('clear() with changes still pending (inside the debounce) does not highlight them', async (page) => {
    await live(page, '<p>Iran</p>');
    const r = await page.evaluate(async () => {
      T.root().insertAdjacentHTML('beforeend', '<p>Putin visited Iran.</p>');
      await T.sleep(0); // the MutationObserver has queued the change
      hl.clear();
      await T.sleep(500);
      return { marks: T.marks().length, calls: window.updates.length };
    });
    assert.equal(r.marks, 0);
    assert.equal(r.calls, 0);
  });
});
