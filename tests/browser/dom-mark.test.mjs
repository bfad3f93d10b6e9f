// mark mode: exact restore on clear (markup and node identity), no nested marks, next/previous, and
// the time-sliced highlightAsync.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { harness, pageTest } from './dom-utils.mjs';

const h = harness();
const test = pageTest(h, it);
before(() => h.start());
after(() => h.stop());

/**
 * Builds #root with `build` (a function run in the page, given the root), then highlights it in mark
 * mode, clears, and returns `{report, matches, nested, whitespaceMarks, problems, marksLeft}`.
 */
function roundTrip(page, build) {
  return page.evaluate(async (source) => {
    const root = T.root();
    // eslint-disable-next-line no-new-func
    await new Function('root', 'T', `return (${source})(root, T)`)(root, T);
    return T.roundTrip(root);
  }, build.toString());
}

function assertRestored(r) {
  assert.deepEqual(r.problems, [], 'clear() restores the markup and the original node objects');
  assert.equal(r.marksLeft, 0);
  assert.equal(r.nested, 0, 'no nested marks');
  assert.equal(r.whitespaceMarks, 0, 'no whitespace-only marks');
}

describe('clear() restores the page exactly (mark mode)', () => {
  test('nested inline markup', async (page) => {
    const r = await roundTrip(page, (root) => {
      root.innerHTML =
        '<p class="lead">Talks: <em>Kim <b>Jong <i>Un</i></b></em> met <a href="#v"><span>Vladimir</span> Putin</a> in <strong>North</strong> Korea.</p>';
    });
    assert.deepEqual(
      r.matches.map((m) => [m.entry, m.pieces]),
      [
        ['diplomacy', ['Talks']],
        ['kim-jong-un', ['Kim', 'Jong', 'Un']],
        ['vladimir-putin', ['Vladimir', 'Putin']],
        ['prk', ['North', 'Korea']],
      ],
    );
    assertRestored(r);
  });

  test('one text node holding pieces of two matches', async (page) => {
    const r = await roundTrip(page, (root) => {
      root.innerHTML = '<p>Kim <b>Jong Un met Vladimir</b> Putin in <i>Iran; North</i> Korea</p>';
    });
    assert.deepEqual(r.matches.map((m) => [m.entry, m.pieces]), [
      ['kim-jong-un', ['Kim', 'Jong Un']],
      ['vladimir-putin', ['Vladimir', 'Putin']],
      ['irn', ['Iran']],
      ['prk', ['North', 'Korea']],
    ]);
    assertRestored(r);
  });

  test('highlight(document) and clear()', async (page) => {
    const r = await page.evaluate(() => {
      T.set('<p>Putin met <b>Kim</b> Jong Un.</p>');
      const body = document.body.innerHTML;
      const snap = T.snapshot(T.root());
      const hl = new newsmark.Highlighter();
      const report = hl.highlight(document, { mode: 'mark' });
      const marks = T.marks(T.root()).length;
      hl.clear();
      return { report, marks, problems: T.compare(snap), body: document.body.innerHTML === body };
    });
    assert.equal(r.report.total, 2);
    assert.equal(r.marks, 3);
    assert.deepEqual(r.problems, []);
    assert.ok(r.body);
  });

  test('adjacent text nodes ("Vladimir " + "Putin") stay two nodes (no normalize())', async (page) => {
    const r = await page.evaluate(() => {
      const root = T.root();
      const p = document.createElement('p');
      p.appendChild(document.createTextNode('Vladimir '));
      p.appendChild(document.createTextNode('Putin'));
      root.appendChild(p);
      const [a, b] = p.childNodes;
      const result = T.roundTrip(root);
      return { ...result, count: p.childNodes.length, same: p.childNodes[0] === a && p.childNodes[1] === b, data: [a.data, b.data] };
    });
    assert.deepEqual(r.matches.map((m) => [m.entry, m.pieces]), [['vladimir-putin', ['Vladimir', 'Putin']]]);
    assertRestored(r);
    assert.equal(r.count, 2);
    assert.ok(r.same);
    assert.deepEqual(r.data, ['Vladimir ', 'Putin']);
  });

  test('comments, inside and around matches', async (page) => {
    const r = await roundTrip(page, (root) => {
      root.innerHTML = '<!-- head --><p>Kim <!-- x -->Jong Un<!--y--> and Putin<!-- z --></p><!---->';
    });
    assert.deepEqual(r.matches.map((m) => m.entry), ['kim-jong-un', 'vladimir-putin']);
    assertRestored(r);
  });

  test('empty text nodes', async (page) => {
    const r = await roundTrip(page, (root) => {
      const p = document.createElement('p');
      const t = (s) => document.createTextNode(s);
      p.append(t(''), t('Putin'), t(''), t(' met '), t(''), t('Xi Jinping'), t(''));
      root.append(t(''), p, t(''));
    });
    assert.deepEqual(r.matches.map((m) => m.entry), ['vladimir-putin', 'xi-jinping']);
    assertRestored(r);
  });

  test('whitespace-only nodes, between and inside matches', async (page) => {
    const r = await roundTrip(page, (root) => {
      root.innerHTML = '\n  <ul>\n    <li>Putin</li>\n\t<li>Iran</li>\n  </ul>\n<p><b>Putin</b>   <i>Iran</i></p>';
      const p = document.createElement('p');
      p.append(document.createTextNode('Vladimir'), document.createTextNode('  \n '), document.createTextNode('Putin'));
      root.append(p);
    });
    assert.deepEqual(
      r.matches.map((m) => [m.entry, m.pieces]),
      [
        ['vladimir-putin', ['Putin']],
        ['irn', ['Iran']],
        ['vladimir-putin', ['Putin']],
        ['irn', ['Iran']],
        ['vladimir-putin', ['Vladimir', 'Putin']],
      ],
    );
    assertRestored(r);
  });

  test('a match at the very start and at the very end of a text node', async (page) => {
    const r = await roundTrip(page, (root) => {
      root.innerHTML = '<p>Putin visited Iran</p>';
    });
    assert.deepEqual(r.matches.map((m) => m.text), ['Putin', 'Iran']);
    assertRestored(r);
  });

  test('multiple matches in one text node', async (page) => {
    const r = await roundTrip(page, (root) => {
      root.innerHTML = '<p>Putin, Xi Jinping and Kim Jong Un discussed sanctions and North Korea, then Iran.</p>';
    });
    assert.deepEqual(r.matches.map((m) => m.entry), ['vladimir-putin', 'xi-jinping', 'kim-jong-un', 'sanctions', 'prk', 'irn']);
    assertRestored(r);
  });

  test('a whole text node is one match', async (page) => {
    const r = await roundTrip(page, (root) => {
      root.innerHTML = '<p>Putin</p><p><b>Iran</b></p><p><i>North Korea</i>.</p>';
    });
    assert.deepEqual(r.matches.map((m) => m.text), ['Putin', 'Iran', 'North Korea']);
    assertRestored(r);
  });

  test('RTL text', async (page) => {
    const r = await roundTrip(page, (root) => {
      root.innerHTML =
        '<p dir="rtl">قال المتحدث إن Putin زار Iran اليوم</p><p dir="rtl">שלום <bdi>North Korea</bdi> עולם</p><p>\u202Eevil\u202C Putin</p>';
    });
    assert.deepEqual(r.matches.map((m) => [m.entry, m.text]), [
      ['vladimir-putin', 'Putin'],
      ['irn', 'Iran'],
      ['prk', 'North Korea'],
      ['vladimir-putin', 'Putin'],
    ]);
    assertRestored(r);
  });

  test('surrogate pairs (emoji) before a match', async (page) => {
    const r = await roundTrip(page, (root) => {
      root.innerHTML = '<p>🇷🇺🚀 Putin 😀 visited 𝐗 and Iran 👍🏽</p><p>😀<b>😀 Kim</b> Jong Un</p>';
    });
    assert.deepEqual(r.matches.map((m) => [m.entry, m.pieces]), [
      ['vladimir-putin', ['Putin']],
      ['irn', ['Iran']],
      ['kim-jong-un', ['Kim', 'Jong Un']],
    ]);
    assertRestored(r);
  });

  test('soft hyphen inside "Pu\\u00ADtin"', async (page) => {
    const r = await roundTrip(page, (root) => {
      root.innerHTML = '<p>Pu\u00ADtin met Ira\u00ADnian officials.</p>';
    });
    assert.deepEqual(r.matches.map((m) => [m.entry, m.text]), [
      ['vladimir-putin', 'Pu\u00ADtin'],
      ['irn', 'Ira\u00ADnian'],
    ]);
    assertRestored(r);
  });

  test('the seed article', async (page) => {
    const r = await page.evaluate(async () => {
      const root = await T.buildSeed();
      const paragraphs = root.querySelectorAll('p').length;
      return { ...T.roundTrip(root), paragraphs };
    });
    assert.ok(r.paragraphs >= 3);
    assert.ok(r.report.total >= 20, `total ${r.report.total}`);
    assert.equal(r.matches.length, r.report.total, 'one data-newsmark-match per counted match');
    assertRestored(r);
  });

  test('a page that rewrote a highlighted text node keeps its text after clear()', async (page) => {
    const r = await page.evaluate(() => {
      const root = T.set('<p>Putin visited Iran.</p>');
      const text = root.firstChild.firstChild;
      const hl = new newsmark.Highlighter();
      hl.highlight(root, { mode: 'mark' });
      text.data = 'Obama';
      hl.clear();
      return { html: root.innerHTML, connected: text.isConnected, marks: T.marks(root).length };
    });
    assert.equal(r.marks, 0);
    assert.ok(r.connected, 'the original text node is back in the page');
    assert.match(r.html, /^<p>Obama/);
  });

  test('clear(root) only clears sessions under that root', async (page) => {
    const r = await page.evaluate(() => {
      const root = T.set('<div id="a"><p>Putin</p></div><div id="b"><p>Iran</p></div>');
      const a = root.querySelector('#a');
      const b = root.querySelector('#b');
      const hl = new newsmark.Highlighter();
      hl.highlight(a, { mode: 'mark' });
      hl.highlight(b, { mode: 'mark' });
      hl.clear(a);
      return { a: T.marks(a).length, b: T.markInfo(b).map((m) => m.entry), total: hl.report().total };
    });
    assert.equal(r.a, 0);
    assert.deepEqual(r.b, ['irn']);
    assert.equal(r.total, 1);
  });
});

describe('highlighting twice never nests marks', () => {
  const html = '<p>Putin met Kim <b>Jong Un</b> in North Korea; sanctions on Iran.</p><p>Xi Jinping</p>';

  test('same highlighter: the second highlight replaces the first', async (page) => {
    const r = await page.evaluate((html) => {
      const root = T.set(html);
      const original = root.innerHTML;
      const hl = new newsmark.Highlighter();
      const first = hl.highlight(root, { mode: 'mark' });
      const count1 = T.marks(root).length;
      const second = hl.highlight(root, { mode: 'mark' });
      const count2 = T.marks(root).length;
      const nested = T.nested(root);
      const report = hl.report();
      hl.clear();
      return { first, second, count1, count2, nested, report, restored: root.innerHTML === original };
    }, html);
    assert.equal(r.nested, 0);
    assert.ok(r.count1 > 0);
    assert.equal(r.count2, r.count1);
    assert.deepEqual(r.second, r.first);
    assert.deepEqual(r.report, r.first, 'the report counts the page once');
    assert.ok(r.restored);
  });

  test('two Highlighter instances on the same root', async (page) => {
    const r = await page.evaluate((html) => {
      const root = T.set(html);
      const original = root.innerHTML;
      const h1 = new newsmark.Highlighter();
      const h2 = new newsmark.Highlighter();
      h1.highlight(root, { mode: 'mark' });
      const count1 = T.marks(root).length;
      h2.highlight(root, { mode: 'mark' });
      const count2 = T.marks(root).length;
      const nested = T.nested(root);
      h2.clear();
      h1.clear();
      return { count1, count2, nested, restored: root.innerHTML === original, html: root.innerHTML };
    }, html);
    assert.equal(r.nested, 0);
    assert.equal(r.count2, r.count1);
    assert.ok(r.restored, r.html);
  });

  test('highlighting a root inside a highlighted one', async (page) => {
    const r = await page.evaluate((html) => {
      const root = T.set(html);
      const hl = new newsmark.Highlighter();
      const other = new newsmark.Highlighter();
      hl.highlight(root, { mode: 'mark' });
      other.highlight(root.firstChild, { mode: 'mark' });
      hl.highlight(root.firstChild, { mode: 'mark' });
      return { nested: T.nested(root) };
    }, html);
    assert.equal(r.nested, 0);
  });

  test('mark mode then css mode on the same root: the css highlight replaces the marks', async (page) => {
    const r = await page.evaluate((html) => {
      const root = T.set(html);
      const original = root.innerHTML;
      const hl = new newsmark.Highlighter();
      const first = hl.highlight(root, { mode: 'mark' });
      const second = hl.highlight(root, { mode: 'css' });
      return { restored: root.innerHTML === original, first: first.total, second: second.total, names: T.highlightNames() };
    }, html);
    assert.ok(r.restored, 'no marks are left');
    assert.equal(r.second, r.first);
    assert.ok(r.names.includes('newsmark-person'));
  });
});

describe('next() / previous()', () => {
  const html =
    '<p>Putin met Kim <b>Jong Un</b> in North Korea.</p><p>Sanctions hit Iran and North Korea.</p><p>Xi Jinping</p>';

  test('return null when nothing is highlighted', async (page) => {
    const r = await page.evaluate(() => {
      const hl = new newsmark.Highlighter();
      const before = [hl.next(), hl.previous(), hl.next('topic')];
      const root = T.set('<p>Nothing to see here.</p>');
      hl.highlight(root, { mode: 'mark' });
      const empty = hl.next();
      T.set('<p>Putin</p>');
      hl.highlight(T.root(), { mode: 'mark' });
      const filtered = hl.next('prk');
      hl.clear();
      return { before, empty, filtered, afterClear: [hl.next(), hl.previous()] };
    });
    assert.deepEqual(r.before, [null, null, null]);
    assert.equal(r.empty, null);
    assert.equal(r.filtered, null, 'no occurrence matches the filter');
    assert.deepEqual(r.afterClear, [null, null]);
  });

  test('walk the matches in document order, wrap around, and go back', async (page) => {
    const r = await page.evaluate((html) => {
      const root = T.set(html);
      const hl = new newsmark.Highlighter();
      const report = hl.highlight(root, { mode: 'mark' });
      const matches = T.matches(root);
      const forward = [];
      for (let i = 0; i <= report.total; i++) forward.push(hl.next());
      const back = [hl.previous(), hl.previous()];
      return { report, matches, forward, back };
    }, html);
    const n = r.report.total;
    assert.equal(n, 7);
    const first = r.forward[0];
    assert.deepEqual(Object.keys(first).sort(), ['category', 'entry', 'index', 'kind', 'label', 'total']);
    assert.deepEqual(first, { index: 0, total: n, entry: 'vladimir-putin', label: 'Vladimir Putin', kind: 'actor', category: 'person' });
    assert.deepEqual(r.forward.slice(0, n).map((p) => p.index), [...Array(n).keys()]);
    assert.deepEqual(r.forward.slice(0, n).map((p) => p.entry), r.matches.map((m) => m.entry), 'document order');
    assert.ok(r.forward.every((p) => p.total === n));
    assert.equal(r.forward[n].index, 0, 'wraps around to the first');
    assert.equal(r.back[0].index, n - 1, 'previous() from the first wraps to the last');
    assert.equal(r.back[1].index, n - 2);
    assert.equal(r.back[1].entry, r.matches[n - 2].entry);
  });

  test('previous() first goes to the last occurrence', async (page) => {
    const r = await page.evaluate((html) => {
      const hl = new newsmark.Highlighter();
      hl.highlight(T.set(html), { mode: 'mark' });
      return hl.previous();
    }, html);
    assert.equal(r.index, 6);
    assert.equal(r.entry, 'xi-jinping');
  });

  test('filters: a kind, an entry id, a category', async (page) => {
    const r = await page.evaluate((html) => {
      const root = T.set(html);
      const hl = new newsmark.Highlighter();
      const walk = (filter) => {
        hl.highlight(root, { mode: 'mark' }); // a new highlight forgets the current occurrence
        const seen = [hl.next(filter)];
        for (let i = 1; i < seen[0].total + 1; i++) seen.push(hl.next(filter));
        return seen;
      };
      return { topic: walk('topic'), prk: walk('prk'), country: walk('country'), actor: walk('actor') };
    }, html);
    assert.deepEqual(r.topic.map((p) => [p.index, p.total, p.entry, p.kind]), [[0, 1, 'sanctions', 'topic'], [0, 1, 'sanctions', 'topic']]);
    assert.deepEqual(r.prk.map((p) => [p.index, p.total, p.entry]), [[0, 2, 'prk'], [1, 2, 'prk'], [0, 2, 'prk']]);
    assert.deepEqual(r.country.map((p) => p.entry), ['prk', 'irn', 'prk', 'prk']);
    assert.ok(r.country.every((p) => p.category === 'country' && p.total === 3));
    assert.equal(r.actor[0].total, 6);
    assert.ok(r.actor.every((p) => p.kind === 'actor'));
  });

  test('mark mode: the current match\'s marks (all pieces) get class newsmark-current', async (page) => {
    const r = await page.evaluate((html) => {
      const root = T.set(html);
      const hl = new newsmark.Highlighter();
      hl.highlight(root, { mode: 'mark' });
      const current = () =>
        [...root.querySelectorAll('mark.newsmark.newsmark-current')].map((m) => [m.dataset.newsmarkEntry, m.textContent]);
      hl.next();
      const a = current();
      const position = hl.next();
      const b = current();
      const focused = document.activeElement?.textContent;
      hl.previous();
      const c = current();
      hl.clear();
      return { a, b, c, position, focused, left: root.querySelectorAll('.newsmark-current').length };
    }, html);
    assert.deepEqual(r.a, [['vladimir-putin', 'Putin']]);
    assert.equal(r.position.entry, 'kim-jong-un');
    assert.deepEqual(r.b, [['kim-jong-un', 'Kim'], ['kim-jong-un', 'Jong Un']]);
    assert.equal(r.focused, 'Kim', 'the first mark of the current match is focused');
    assert.deepEqual(r.c, [['vladimir-putin', 'Putin']], 'only the current match is marked current');
    assert.equal(r.left, 0);
  });

  test('hidden categories are skipped', async (page) => {
    const r = await page.evaluate((html) => {
      const hl = new newsmark.Highlighter();
      hl.highlight(T.set(html), { mode: 'mark' });
      hl.setCategories(['country']);
      const a = [hl.next(), hl.next(), hl.next(), hl.next()];
      hl.setCategories(null);
      return { a, all: hl.next().total };
    }, html);
    assert.deepEqual(r.a.map((p) => p.entry), ['prk', 'irn', 'prk', 'prk']);
    assert.equal(r.all, 7);
  });

  test('css mode: next() walks the same occurrences', async (page) => {
    const r = await page.evaluate((html) => {
      const hl = new newsmark.Highlighter();
      const report = hl.highlight(T.set(html), { mode: 'css' });
      const seen = [];
      for (let i = 0; i < report.total; i++) seen.push(hl.next().entry);
      const current = T.ranges('newsmark-current').map((range) => range.toString());
      return { seen, current, marks: T.marks().length };
    }, html);
    assert.deepEqual(r.seen, ['vladimir-putin', 'kim-jong-un', 'prk', 'sanctions', 'irn', 'prk', 'xi-jinping']);
    assert.deepEqual(r.current, ['Xi Jinping']);
    assert.equal(r.marks, 0);
  });
});

describe('highlightAsync()', () => {
  test('2,000 paragraphs with sliceMs 2: same total as highlight(), yields, and clear restores', async (page) => {
    const r = await page.evaluate(async () => {
      const paragraphs = await T.seedParagraphs();
      const root = T.root();
      const fragment = document.createDocumentFragment();
      for (let i = 0; i < 2000; i++) {
        const p = document.createElement('p');
        p.textContent = paragraphs[i % paragraphs.length];
        fragment.append(p);
      }
      root.append(fragment);
      const original = root.innerHTML;
      const hl = new newsmark.Highlighter();
      const sync = hl.highlight(root, { mode: 'mark' });
      const syncMarks = T.marks(root).length;
      hl.clear();
      const restoredSync = root.innerHTML === original;

      let ticks = 0;
      const interval = setInterval(() => ticks++, 0);
      const started = performance.now();
      const report = await hl.highlightAsync(root, { mode: 'mark', sliceMs: 2 });
      const elapsed = performance.now() - started;
      clearInterval(interval);
      const asyncMarks = T.marks(root).length;
      const nested = T.nested(root);
      const reportNow = hl.report();
      hl.clear();
      return { sync, report, reportNow, syncMarks, asyncMarks, nested, ticks, elapsed, restoredSync, restored: root.innerHTML === original };
    });
    assert.ok(r.sync.total > 10000, `total ${r.sync.total}`);
    assert.equal(r.report.total, r.sync.total);
    assert.deepEqual(r.report, r.sync);
    assert.deepEqual(r.reportNow, r.sync);
    assert.equal(r.asyncMarks, r.syncMarks);
    assert.equal(r.nested, 0);
    assert.ok(r.ticks > 0, 'the event loop ran while highlightAsync worked');
    assert.ok(r.restoredSync);
    assert.ok(r.restored, 'clear restores innerHTML after highlightAsync');
  });

  test('clear() while highlightAsync is working leaves nothing behind', async (page) => {
    const r = await page.evaluate(async () => {
      const root = await T.buildSeed(T.root(), 300);
      const original = root.innerHTML;
      const hl = new newsmark.Highlighter();
      const promise = hl.highlightAsync(root, { mode: 'mark', sliceMs: 1 });
      await T.sleep(5);
      const during = T.marks(root).length;
      hl.clear();
      await promise;
      await T.sleep(20);
      return { during, marks: T.marks(root).length, restored: root.innerHTML === original, report: hl.report().total };
    });
    assert.equal(r.marks, 0);
    assert.ok(r.restored);
    assert.equal(r.report, 0);
  });

  test('css mode: highlightAsync registers the same ranges as highlight()', async (page) => {
    const r = await page.evaluate(async () => {
      const root = await T.buildSeed(T.root(), 50);
      const hl = new newsmark.Highlighter();
      const sync = hl.highlight(root, { mode: 'css' });
      const syncSizes = T.highlightNames().map((n) => [n, CSS.highlights.get(n).size]);
      hl.clear();
      const cleared = CSS.highlights.size;
      const report = await hl.highlightAsync(root, { mode: 'css', sliceMs: 2 });
      const asyncSizes = T.highlightNames().map((n) => [n, CSS.highlights.get(n).size]);
      return { sync, report, syncSizes, asyncSizes, cleared };
    });
    assert.deepEqual(r.report, r.sync);
    assert.deepEqual(r.asyncSizes, r.syncSizes);
    assert.equal(r.cleared, 0);
  });
});
