// The exported JavaScript API: the report, scan offsets, errors that name the place and change
// nothing, user dictionaries, setCategories, dictionary() and domRules().

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { harness, pageTest } from './dom-utils.mjs';

const h = harness();
const test = pageTest(h, it);
before(() => h.start());
after(() => h.stop());

const FRUIT = JSON.stringify({
  name: 'fruit',
  version: 1,
  categories: { fruit: { label: 'Fruit', kind: 'topic', color: '#ffcc00' } },
  entries: [{ id: 'apple', label: 'Apple', kind: 'topic', category: 'fruit', aliases: ['apple', 'apples'] }],
});

function assertReportShape(report) {
  assert.deepEqual(Object.keys(report).sort(), ['categories', 'cooccurrence', 'entries', 'total']);
  assert.equal(typeof report.total, 'number');
  assert.ok(Array.isArray(report.entries));
  assert.ok(Array.isArray(report.cooccurrence));
  assert.equal(typeof report.categories, 'object');
  for (const entry of report.entries) {
    assert.deepEqual(Object.keys(entry).sort(), ['category', 'count', 'country', 'id', 'kind', 'label'], JSON.stringify(entry));
    assert.ok(entry.kind === 'actor' || entry.kind === 'topic');
    assert.ok(entry.country === null || /^[A-Z]{3}$/.test(entry.country), entry.country);
    assert.ok(Number.isInteger(entry.count) && entry.count > 0);
  }
  for (const pair of report.cooccurrence) {
    assert.deepEqual(Object.keys(pair).sort(), ['actor', 'count', 'topic']);
  }
  const sumEntries = report.entries.reduce((s, e) => s + e.count, 0);
  const sumCategories = Object.values(report.categories).reduce((s, n) => s + n, 0);
  assert.equal(sumEntries, report.total, 'sum of entry counts = total');
  assert.equal(sumCategories, report.total, 'sum of category counts = total');
  for (const [category, count] of Object.entries(report.categories)) {
    const fromEntries = report.entries.filter((e) => e.category === category).reduce((s, e) => s + e.count, 0);
    assert.equal(count, fromEntries, `category ${category}`);
  }
}

describe('the report', () => {
  for (const mode of ['mark', 'css']) {
    test(`${mode} mode: highlight() returns a consistent report; report() equals it`, async (page) => {
      const r = await page.evaluate(async (mode) => {
        const root = await T.buildSeed();
        const hl = new newsmark.Highlighter();
        const report = hl.highlight(root, { mode });
        const dictionary = JSON.parse(hl.dictionary());
        return {
          report,
          again: hl.report(),
          marks: T.matches(root).length,
          categoryIds: Object.keys(dictionary.categories),
          kinds: Object.fromEntries(dictionary.entries.map((e) => [e.id, e.kind ?? dictionary.categories[e.category].kind])),
          topicCategories: Object.entries(dictionary.categories).filter(([, c]) => c.kind === 'topic').map(([id]) => id),
        };
      }, mode);
      assertReportShape(r.report);
      assert.deepEqual(r.again, r.report);
      assert.ok(r.report.total >= 20);
      if (mode === 'mark') assert.equal(r.marks, r.report.total);
      assert.deepEqual(Object.keys(r.report.categories).sort(), [...r.categoryIds].sort(), 'every category is listed');
      const ids = r.report.entries.map((e) => e.id);
      for (const id of ['vladimir-putin', 'kim-jong-un', 'prk', 'rus']) assert.ok(ids.includes(id), id);
      const putin = r.report.entries.find((e) => e.id === 'vladimir-putin');
      assert.deepEqual({ ...putin, count: 0 }, { id: 'vladimir-putin', label: 'Vladimir Putin', kind: 'actor', category: 'person', country: 'RUS', count: 0 });
      const counts = r.report.entries.map((e) => e.count);
      assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'entries most frequent first');
      assert.ok(r.report.cooccurrence.length > 0);
      for (const pair of r.report.cooccurrence) {
        assert.equal(r.kinds[pair.actor], 'actor', pair.actor);
        assert.ok(ids.includes(pair.actor));
        assert.ok(r.topicCategories.includes(pair.topic), pair.topic);
        assert.ok(pair.count > 0);
      }
    });
  }

  test('cooccurrence counts sentences holding an actor and a topic', async (page) => {
    const r = await page.evaluate(() => {
      const root = T.set('<p>Putin discussed sanctions. Iran is far away. Putin ignored sanctions and arms deals.</p>');
      return new newsmark.Highlighter().highlight(root, { mode: 'mark' });
    });
    const pairs = Object.fromEntries(r.cooccurrence.map((c) => [`${c.actor}/${c.topic}`, c.count]));
    assert.equal(pairs['vladimir-putin/sanctions'], 2);
    assert.equal(pairs['vladimir-putin/arms'], 1);
    assert.equal(pairs['irn/sanctions'], undefined, 'Iran is in another sentence');
  });

  test('report() adds up every highlighted root, and is empty after clear()', async (page) => {
    const r = await page.evaluate(() => {
      const root = T.set('<div id="a"><p>Putin</p></div><div id="b"><p>Putin and Iran</p></div>');
      const hl = new newsmark.Highlighter();
      const a = hl.highlight(root.querySelector('#a'), { mode: 'mark' });
      const b = hl.highlight(root.querySelector('#b'), { mode: 'css' });
      const both = hl.report();
      hl.clear();
      return { a, b, both, empty: hl.report() };
    });
    assert.equal(r.a.total, 1);
    assert.equal(r.b.total, 2);
    assert.equal(r.both.total, 3);
    assert.equal(r.both.entries.find((e) => e.id === 'vladimir-putin').count, 2);
    assertReportShape(r.both);
    assert.equal(r.empty.total, 0);
    assert.deepEqual(r.empty.entries, []);
    assertReportShape(r.empty);
  });
});

describe('scan()', () => {
  test('offsets are UTF-16 code units (emoji before "Putin")', async (page) => {
    const r = await page.evaluate(() => {
      const hl = new newsmark.Highlighter();
      const texts = ['😀 Putin', '🇷🇺👍🏽 Putin met 𝐗 Kim Jong-un in North Korea', 'é\u0301 Pu\u00ADtin'];
      return texts.map((text) => ({ text, matches: hl.scan(text) }));
    });
    assert.deepEqual(r[0].matches[0], {
      start: 3, end: 8, text: 'Putin', entry: 'vladimir-putin', label: 'Vladimir Putin', kind: 'actor', category: 'person', country: 'RUS',
    });
    for (const { text, matches } of r) {
      assert.ok(matches.length > 0, text);
      for (const m of matches) assert.equal(text.slice(m.start, m.end), m.text, `${text}: ${JSON.stringify(m)}`);
    }
    assert.deepEqual(r[1].matches.map((m) => m.entry), ['vladimir-putin', 'kim-jong-un', 'prk']);
    assert.equal(r[2].matches[0].text, 'Pu\u00ADtin');
  });

  test('scanBlocks() scans several texts at once', async (page) => {
    const r = await page.evaluate(() => new newsmark.Highlighter().scanBlocks(['North', 'Korea', '😀 North Korea']));
    assert.deepEqual(r.map((ms) => ms.map((m) => [m.entry, m.start, m.end])), [[], [['kor', 0, 5]], [['prk', 3, 14]]]);
  });
});

describe('errors name the place and change nothing', () => {
  test('fromDictionaries: bad JSON, bad country, unknown category, not an array', async (page) => {
    const r = await page.evaluate(() => {
      const root = T.set('<p>Putin visited <b>North</b> Korea.</p>');
      const hl = new newsmark.Highlighter();
      hl.highlight(root, { mode: 'mark' });
      const painted = root.innerHTML;
      const attempt = (f) => {
        try {
          f();
          return { threw: false };
        } catch (e) {
          return { threw: true, isError: e instanceof Error, message: String(e?.message ?? e) };
        }
      };
      const entry = (fields) => JSON.stringify({ entries: [{ id: 'mything', label: 'X', category: 'country', aliases: ['Xyzzy'], ...fields }] });
      return {
        json: attempt(() => newsmark.Highlighter.fromDictionaries(['{bad json'])),
        second: attempt(() => newsmark.Highlighter.fromDictionaries([entry({}), '[1, 2,'])),
        country: attempt(() => newsmark.Highlighter.fromDictionaries([entry({ country: 'RU' })])),
        category: attempt(() => newsmark.Highlighter.fromDictionaries([entry({ category: 'nope' })])),
        notArray: attempt(() => newsmark.Highlighter.fromDictionaries('not an array')),
        badItem: attempt(() => newsmark.Highlighter.fromDictionaries([42])),
        useDefault: attempt(() => newsmark.Highlighter.fromDictionaries([], { useDefault: 'no' })),
        stillWorks: new newsmark.Highlighter().scan('Putin').length,
        unchanged: root.innerHTML === painted,
        next: hl.next()?.entry,
      };
    });
    assert.ok(r.unchanged, 'the page is unchanged');
    assert.equal(r.next, 'vladimir-putin', 'an existing highlighter still works');
    delete r.unchanged;
    delete r.next;
    for (const [name, e] of Object.entries(r)) {
      if (name === 'stillWorks') continue;
      assert.ok(e.threw && e.isError, `${name} throws an Error: ${JSON.stringify(e)}`);
    }
    assert.match(r.json.message, /dictionaries\[0\]/);
    assert.match(r.json.message, /line \d+/);
    assert.match(r.json.message, /column \d+/);
    assert.match(r.second.message, /dictionaries\[1\]/);
    assert.match(r.country.message, /mything/);
    assert.match(r.country.message, /'country'/);
    assert.match(r.country.message, /RU/);
    assert.match(r.category.message, /mything/);
    assert.match(r.category.message, /nope/);
    assert.match(r.notArray.message, /fromDictionaries/);
    assert.match(r.badItem.message, /dictionaries\[0\]/);
    assert.match(r.useDefault.message, /useDefault/);
    assert.equal(r.stillWorks, 1);
  });

  test('highlight(): bad options and a bad root throw, and leave the page and the highlighter as they were', async (page) => {
    const r = await page.evaluate(() => {
      const root = T.set('<p>Putin met Kim <b>Jong Un</b>.</p><p>Iran</p>');
      const original = root.innerHTML;
      const hl = new newsmark.Highlighter();
      const first = hl.highlight(root, { mode: 'mark' });
      const painted = root.innerHTML;
      const results = {};
      const cases = {
        mode: [root, { mode: 'marks' }],
        modeType: [root, { mode: 3 }],
        categories: [root, { categories: ['nope'] }],
        categoriesType: [root, { categories: 'person' }],
        exclude: [root, { exclude: '!!!' }],
        observe: [root, { observe: 'yes' }],
        onUpdate: [root, { onUpdate: 'f' }],
        options: [root, 'mark'],
        root: ['not a node', { mode: 'mark' }],
        rootObject: [{ nodeName: 'P' }, { mode: 'mark' }],
        rootNull: [null, { mode: 'mark' }],
      };
      for (const [name, args] of Object.entries(cases)) {
        try {
          hl.highlight(...args);
          results[name] = { threw: false };
        } catch (e) {
          results[name] = {
            threw: true,
            isError: e instanceof Error,
            message: String(e?.message ?? e),
            unchanged: root.innerHTML === painted,
            report: hl.report().total,
            marksCurrent: T.marks(root).length,
          };
        }
      }
      let asyncError;
      try {
        hl.highlightAsync(root, { sliceMs: -1 });
      } catch (e) {
        asyncError = String(e?.message ?? e);
      }
      const unchangedAfterAsync = root.innerHTML === painted;
      const next = hl.next();
      hl.clear();
      const restored = root.innerHTML === original;
      const again = hl.highlight(root, { mode: 'mark' });
      return { first, results, next, restored, again, asyncError, unchangedAfterAsync, marksAgain: T.marks(root).length };
    });
    const expect = {
      mode: /options\.mode/,
      modeType: /options\.mode/,
      categories: /options\.categories.*nope/,
      categoriesType: /options\.categories/,
      exclude: /options\.exclude/,
      observe: /options\.observe/,
      onUpdate: /options\.onUpdate/,
      options: /options/,
      root: /highlight/,
      rootObject: /highlight/,
      rootNull: /highlight/,
    };
    for (const [name, pattern] of Object.entries(expect)) {
      const e = r.results[name];
      assert.ok(e.threw && e.isError, `${name} throws an Error: ${JSON.stringify(e)}`);
      assert.match(e.message, pattern, name);
      assert.ok(e.unchanged, `${name}: the page is unchanged`);
      assert.equal(e.report, r.first.total, `${name}: the highlight is still there`);
      assert.equal(e.marksCurrent, 4, `${name}: the marks are still there`);
    }
    assert.match(r.asyncError ?? '', /options\.sliceMs/);
    assert.ok(r.unchangedAfterAsync);
    assert.equal(r.next.entry, 'vladimir-putin', 'next() still works');
    assert.ok(r.restored, 'clear() still restores');
    assert.deepEqual(r.again, r.first, 'highlight() still works');
    assert.equal(r.marksAgain, 4);
  });

  test('setCategories() with an unknown category throws and keeps the current visibility', async (page) => {
    const r = await page.evaluate(() => {
      const root = T.set('<p>Putin visited Iran.</p>');
      const hl = new newsmark.Highlighter();
      hl.highlight(root, { mode: 'mark' });
      hl.setCategories(['country']);
      let message;
      try {
        hl.setCategories(['country', 'nope']);
      } catch (e) {
        message = e instanceof Error ? e.message : `not an Error: ${e}`;
      }
      const person = root.querySelector('mark[data-newsmark-category="person"]');
      return { message, background: T.background(person) };
    });
    assert.match(r.message ?? '', /nope/);
    assert.equal(r.background, 'rgba(0, 0, 0, 0)', 'person is still hidden');
  });
});

describe('user dictionaries', () => {
  test('fromDictionaries([json], {useDefault: false}) highlights only its own entries', async (page) => {
    const r = await page.evaluate((fruit) => {
      const root = T.set('<p>Putin likes apples in Iran. An apple.</p>');
      const hl = newsmark.Highlighter.fromDictionaries([fruit], { useDefault: false });
      const report = hl.highlight(root, { mode: 'mark' });
      const dictionary = JSON.parse(hl.dictionary());
      const mark = root.querySelector('mark.newsmark');
      return {
        report,
        marks: T.markInfo(root).map((m) => [m.entry, m.text]),
        ids: dictionary.entries.map((e) => e.id),
        categories: Object.keys(dictionary.categories),
        background: T.background(mark),
      };
    }, FRUIT);
    assert.deepEqual(r.marks, [['apple', 'apples'], ['apple', 'apple']]);
    assert.equal(r.report.total, 2);
    assert.deepEqual(r.report.entries.map((e) => [e.id, e.label, e.kind, e.category, e.country, e.count]), [['apple', 'Apple', 'topic', 'fruit', null, 2]]);
    assert.deepEqual(r.report.categories, { fruit: 2 });
    assert.deepEqual(r.ids, ['apple']);
    assert.deepEqual(r.categories, ['fruit']);
    assert.equal(r.background, 'rgb(255, 204, 0)', 'the custom category colour is used');
  });

  test('fromDictionaries merges over the default dictionary, and accepts objects', async (page) => {
    const r = await page.evaluate((fruit) => {
      const root = T.set('<p>Putin likes apples.</p>');
      const fromString = newsmark.Highlighter.fromDictionaries([fruit]);
      const fromObject = newsmark.Highlighter.fromDictionaries([JSON.parse(fruit)], {});
      const a = fromString.highlight(root, { mode: 'css' });
      fromString.clear();
      const b = fromObject.highlight(root, { mode: 'css' });
      const dictionary = JSON.parse(fromString.dictionary());
      return {
        a: a.entries.map((e) => e.id).sort(),
        b: b.entries.map((e) => e.id).sort(),
        hasApple: dictionary.entries.some((e) => e.id === 'apple' && e.aliases.includes('apples')),
        hasPutin: dictionary.entries.some((e) => e.id === 'vladimir-putin'),
      };
    }, FRUIT);
    assert.deepEqual(r.a, ['apple', 'vladimir-putin']);
    assert.deepEqual(r.b, ['apple', 'vladimir-putin']);
    assert.ok(r.hasApple && r.hasPutin);
  });

  test('dictionary() returns JSON that loads again into an equivalent highlighter', async (page) => {
    const r = await page.evaluate(() => {
      const hl = new newsmark.Highlighter();
      const json = hl.dictionary();
      const parsed = JSON.parse(json);
      const copy = newsmark.Highlighter.fromDictionaries([json], { useDefault: false });
      const text = 'Putin, Kim Jong Un and NATO discussed sanctions on North Korea.';
      return { entries: parsed.entries.length, same: JSON.stringify(copy.scan(text)) === JSON.stringify(hl.scan(text)), n: hl.scan(text).length };
    });
    assert.ok(r.entries > 300, `${r.entries} entries`);
    assert.equal(r.n, 5);
    assert.ok(r.same);
  });
});

describe('setCategories() in mark mode', () => {
  test('hides other categories (transparent background) and null shows them again', async (page) => {
    const r = await page.evaluate(() => {
      const root = T.set('<p>Putin visited Iran to discuss sanctions.</p>');
      const hl = new newsmark.Highlighter();
      const report = hl.highlight(root, { mode: 'mark' });
      const mark = (c) => root.querySelector(`mark.newsmark[data-newsmark-category="${c}"]`);
      const colors = () => ({ person: T.background(mark('person')), country: T.background(mark('country')), sanctions: T.background(mark('sanctions')) });
      const shown = colors();
      hl.setCategories(['country']);
      const hidden = colors();
      const markCount = T.marks(root).length;
      hl.setCategories(null);
      const again = colors();
      return {
        report,
        shown,
        hidden,
        again,
        markCount,
        expected: { person: T.rgb(T.categoryColor(hl, 'person')), country: T.rgb(T.categoryColor(hl, 'country')), sanctions: T.rgb(T.categoryColor(hl, 'sanctions')) },
      };
    });
    assert.deepEqual(r.shown, r.expected);
    assert.equal(r.hidden.person, 'rgba(0, 0, 0, 0)');
    assert.equal(r.hidden.sanctions, 'rgba(0, 0, 0, 0)');
    assert.equal(r.hidden.country, r.expected.country);
    assert.equal(r.markCount, 3, 'the marks stay in place (no re-walk)');
    assert.deepEqual(r.again, r.expected);
  });

  test('page styles for <mark> do not override the category colour', async (page) => {
    const r = await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = '#root mark { background: yellow; color: red }';
      document.head.append(style);
      const root = T.set('<p>Putin</p>');
      const hl = new newsmark.Highlighter();
      hl.highlight(root, { mode: 'mark' });
      const result = { bg: T.background(root.querySelector('mark')), expected: T.rgb(T.categoryColor(hl, 'person')) };
      style.remove();
      return result;
    });
    assert.equal(r.bg, r.expected);
  });
});

describe('domRules()', () => {
  test('returns JSON with block, skip, skipAttributes and markClass', async (page) => {
    const r = await page.evaluate(() => {
      const json = newsmark.domRules();
      const root = T.set('<p>Putin</p>');
      new newsmark.Highlighter().highlight(root, { mode: 'mark' });
      return { json, markClass: root.querySelector('mark').className };
    });
    assert.equal(typeof r.json, 'string');
    const rules = JSON.parse(r.json);
    for (const tag of ['p', 'div', 'li', 'br', 'td', 'th', 'h1', 'h6', 'blockquote']) assert.ok(rules.block.includes(tag), `block ${tag}`);
    for (const tag of ['script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'svg']) assert.ok(rules.skip.includes(tag), `skip ${tag}`);
    assert.deepEqual([...rules.skipAttributes].sort(), ['contenteditable', 'data-newsmark-skip', 'hidden']);
    assert.equal(rules.markClass, 'newsmark');
    assert.equal(r.markClass, rules.markClass, 'the marks use markClass');
    assert.ok(!rules.block.some((tag) => rules.skip.includes(tag)), 'block and skip are disjoint');
    assert.ok(!rules.block.includes('b') && !rules.block.includes('a') && !rules.block.includes('span'));
  });
});
