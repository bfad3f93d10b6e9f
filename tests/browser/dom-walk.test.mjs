// How newsmark reads a page: matches cross inline elements but never block boundaries, skipped
// subtrees are never read, open shadow roots are.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { harness, pageTest } from './dom-utils.mjs';

const h = harness();
const test = pageTest(h, it);
before(() => h.start());
after(() => h.stop());

/** Highlights #root (set to `html`) in mark mode: `{report, matches}`. */
function markHtml(page, html, options = {}) {
  return page.evaluate(
    ([html, options]) => {
      const root = T.set(html);
      const hl = new newsmark.Highlighter();
      const report = hl.highlight(root, { mode: 'mark', ...options });
      return { report, matches: T.matches(root), html: root.innerHTML };
    },
    [html, options],
  );
}

describe('inline elements do not break a match', () => {
  test('"Kim <b>Jong Un</b>" is one kim-jong-un match whose marks share one data-newsmark-match', async (page) => {
    const r = await page.evaluate(() => {
      const root = T.set('<p>Kim <b>Jong Un</b> arrived.</p>');
      const report = new newsmark.Highlighter().highlight(root, { mode: 'mark' });
      return { report, marks: T.markInfo(root), inBold: root.querySelector('b mark.newsmark')?.textContent };
    });
    assert.equal(r.report.total, 1);
    assert.deepEqual(r.report.entries.map((e) => e.id), ['kim-jong-un']);
    assert.deepEqual(r.marks.map((m) => [m.entry, m.text]), [['kim-jong-un', 'Kim'], ['kim-jong-un', 'Jong Un']]);
    assert.ok(r.marks[0].match, 'marks carry data-newsmark-match');
    assert.equal(r.marks[0].match, r.marks[1].match, 'both pieces share one match id');
    assert.equal(r.inBold, 'Jong Un', 'the second piece is marked inside <b>');
  });

  test('"<a>North</a> Korea" is one prk match (not kor)', async (page) => {
    const r = await markHtml(page, '<p><a href="#x">North</a> Korea tested a missile.</p>');
    const prk = r.matches.filter((m) => m.entry === 'prk');
    assert.equal(prk.length, 1, JSON.stringify(r.matches));
    assert.deepEqual(prk[0].pieces, ['North', 'Korea']);
    assert.ok(!r.matches.some((m) => m.entry === 'kor'), 'Korea alone is not matched');
    assert.ok(r.report.entries.some((e) => e.id === 'prk' && e.count === 1));
  });

  test('a comment inside a name ("Kim <!-- x -->Jong Un") still matches', async (page) => {
    const r = await markHtml(page, '<p>Kim <!-- x -->Jong Un spoke.</p>');
    assert.deepEqual(r.matches.map((m) => m.entry), ['kim-jong-un']);
    assert.deepEqual(r.matches[0].pieces, ['Kim', 'Jong Un']);
    assert.match(r.html, /<!-- x -->/, 'the comment stays');
  });

  test('deeply nested inline markup (<i>Kim <b>Jong</b></i> <span>Un</span>) is one match of three pieces', async (page) => {
    const r = await markHtml(page, '<p><i>Kim <b>Jong</b></i> <span><u>Un</u></span> left.</p>');
    assert.equal(r.matches.length, 1, JSON.stringify(r.matches));
    assert.equal(r.matches[0].entry, 'kim-jong-un');
    assert.deepEqual(r.matches[0].pieces, ['Kim', 'Jong', 'Un']);
  });

  test('css mode: a crossing match is one range spanning the inline element', async (page) => {
    const r = await page.evaluate(() => {
      const root = T.set('<p>Kim <b>Jong Un</b> arrived.</p>');
      new newsmark.Highlighter().highlight(root, { mode: 'css' });
      return T.ranges('newsmark-person').map((range) => range.toString());
    });
    assert.deepEqual(r, ['Kim Jong Un']);
  });
});

describe('block elements break the text', () => {
  const fixtures = {
    'p / p': '<p>North</p><p>Korea</p>',
    br: 'North<br>Korea',
    'br inside a p': '<p>North<br>Korea</p>',
    'li / li': '<ul><li>North</li><li>Korea</li></ul>',
    'td / td': '<table><tbody><tr><td>North</td><td>Korea</td></tr></tbody></table>',
    'th / th': '<table><thead><tr><th>North</th><th>Korea</th></tr></thead></table>',
    'th / td': '<table><tbody><tr><th>North</th><td>Korea</td></tr></tbody></table>',
    ...Object.fromEntries(
      [1, 2, 3, 4, 5, 6].flatMap((n) => [
        [`h${n} then text`, `<h${n}>North</h${n}>Korea`],
        [`text then h${n}`, `North<h${n}>Korea</h${n}>`],
      ]),
    ),
    'blockquote then text': '<blockquote>North</blockquote> Korea',
    'text then blockquote': 'North <blockquote>Korea</blockquote>',
    'div / div': '<div>North</div><div>Korea</div>',
    'text then div': 'North <div>Korea</div>',
    'div inside a span': '<span>North <div>Korea</div></span>',
    'inline after a nested block': '<div><p><b>North</b></p><i> Korea</i></div>',
  };
  for (const [name, html] of Object.entries(fixtures)) {
    test(`${name}: ${html} → no prk match`, async (page) => {
      const r = await markHtml(page, html);
      assert.ok(!r.matches.some((m) => m.entry === 'prk'), `marks: ${JSON.stringify(r.matches)}`);
      assert.ok(!r.report.entries.some((e) => e.id === 'prk'), `report: ${JSON.stringify(r.report.entries)}`);
      // "Korea" on its own is South Korea: the second block is still read.
      assert.deepEqual(r.matches.map((m) => m.entry), ['kor']);
    });
  }

  test('control: "North Korea" inside one block is prk', async (page) => {
    const r = await markHtml(page, '<div><p>North Korea</p></div>');
    assert.deepEqual(r.matches.map((m) => m.entry), ['prk']);
  });
});

describe('skipped subtrees', () => {
  // Each fixture holds "Putin" (or "Kim Jong Un") where it must not be read, after a visible <p>Iran</p>.
  const skipped = {
    script: '<script type="text/plain">Putin</script>',
    style: '<style>/* Putin */ .x::after { content: "Putin" }</style>',
    noscript: '<noscript>Putin</noscript>',
    template: '<template><p>Putin</p></template>',
    textarea: '<textarea>Putin visited Iran</textarea>',
    'input value': '<input value="Putin visited Iran">',
    'select/option': '<select><option>Putin</option><optgroup label="x"><option>Kim Jong Un</option></optgroup></select>',
    contenteditable: '<div contenteditable>Putin</div>',
    'contenteditable="true"': '<div contenteditable="true"><p><b>Putin</b></p></div>',
    'contenteditable="plaintext-only"': '<div contenteditable="plaintext-only">Putin</div>',
    'contenteditable on an inline element': '<p>Hello <span contenteditable="">Putin</span></p>',
    'data-newsmark-skip': '<div data-newsmark-skip><p>Putin</p></div>',
    'data-newsmark-skip on an inline element': '<p>said <span data-newsmark-skip="">Putin</span></p>',
    hidden: '<p hidden>Putin</p>',
    'hidden inline inside a visible paragraph': '<p>Hello <span hidden>Putin</span> there.</p>',
    'style="display:none"': '<div style="display:none"><p>Putin</p></div>',
    'style="DISPLAY: none !important"': '<p style="color: red; DISPLAY: none !important">Putin</p>',
    'svg text': '<svg width="100" height="20"><text x="0" y="15">Putin</text><title>Putin</title></svg>',
    'nested skip under inline markup': '<p><em><b data-newsmark-skip>Putin</b></em></p>',
  };
  for (const mode of ['mark', 'css']) {
    for (const [name, html] of Object.entries(skipped)) {
      test(`${mode} mode: ${name} is not read`, async (page) => {
        const r = await page.evaluate(
          ([html, mode]) => {
            const root = T.set(`<p>Iran</p>${html}`);
            const report = new newsmark.Highlighter().highlight(root, { mode });
            const rangeTexts = T.highlightNames().flatMap((n) => T.ranges(n).map((range) => range.toString()));
            return { report, marks: T.markInfo(root).map((m) => m.entry), rangeTexts };
          },
          [html, mode],
        );
        assert.deepEqual(r.report.entries.map((e) => e.id), ['irn'], JSON.stringify(r.report.entries));
        assert.equal(r.report.total, 1);
        if (mode === 'mark') assert.deepEqual(r.marks, ['irn']);
        else assert.deepEqual(r.rangeTexts, ['Iran']);
      });
    }
  }

  test('contenteditable="false" IS read', async (page) => {
    const r = await markHtml(page, '<div contenteditable="false"><p>Putin</p></div><div contenteditable="FALSE">Iran</div>');
    assert.deepEqual(r.matches.map((m) => m.entry), ['vladimir-putin', 'irn']);
  });

  test('the exclude option skips subtrees matching a CSS selector', async (page) => {
    const r = await markHtml(
      page,
      '<p>Iran</p><aside class="ad"><p>Putin</p></aside><div id="c"><p>Kim <span class="ad">Jong Un</span></p></div><p data-x>Xi Jinping</p>',
      { exclude: '.ad, [data-x]' },
    );
    assert.deepEqual(r.matches.map((m) => m.entry), ['irn']);
    assert.deepEqual(r.report.entries.map((e) => e.id), ['irn']);
  });

  test('the exclude option also applies in css mode', async (page) => {
    const r = await page.evaluate(() => {
      const root = T.set('<p>Iran</p><section class="skip-me"><p>Putin</p></section>');
      const report = new newsmark.Highlighter().highlight(root, { mode: 'css', exclude: 'section.skip-me' });
      return { report, person: T.ranges('newsmark-person').length };
    });
    assert.deepEqual(r.report.entries.map((e) => e.id), ['irn']);
    assert.equal(r.person, 0);
  });
});

describe('shadow DOM', () => {
  test('mark mode: an open shadow root is highlighted and styled with the category colour', async (page) => {
    const r = await page.evaluate(() => {
      const root = T.set('<p>Before Iran.</p><div id="host"></div>');
      const shadow = root.querySelector('#host').attachShadow({ mode: 'open' });
      shadow.innerHTML = '<p>Putin visited <b>North</b> Korea.</p>';
      const hl = new newsmark.Highlighter();
      const report = hl.highlight(root, { mode: 'mark' });
      const person = shadow.querySelector('mark.newsmark[data-newsmark-entry="vladimir-putin"]');
      return {
        report,
        shadowMarks: T.matches(shadow),
        adopted: shadow.adoptedStyleSheets.length,
        background: person && T.background(person),
        expected: T.rgb(T.categoryColor(hl, 'person')),
        countryBackground: T.background(shadow.querySelector('mark.newsmark[data-newsmark-category="country"]')),
        countryExpected: T.rgb(T.categoryColor(hl, 'country')),
      };
    });
    assert.deepEqual(r.shadowMarks.map((m) => [m.entry, m.text]), [['vladimir-putin', 'Putin'], ['prk', 'North Korea']]);
    assert.deepEqual(r.report.entries.map((e) => e.id).sort(), ['irn', 'prk', 'vladimir-putin']);
    assert.ok(r.adopted > 0, 'the style sheet is adopted into the shadow root');
    assert.equal(r.background, r.expected, 'person mark painted with the person colour');
    assert.equal(r.countryBackground, r.countryExpected);
  });

  test('css mode: ranges inside an open shadow root are registered, and the sheet is adopted', async (page) => {
    const r = await page.evaluate(() => {
      const root = T.set('<div id="host"></div>');
      const shadow = root.querySelector('#host').attachShadow({ mode: 'open' });
      shadow.innerHTML = '<p>Putin visited Iran.</p>';
      const report = new newsmark.Highlighter().highlight(root, { mode: 'css' });
      const person = T.ranges('newsmark-person');
      return {
        total: report.total,
        inShadow: person.filter((range) => range.startContainer.getRootNode() === shadow).map((range) => range.toString()),
        adopted: shadow.adoptedStyleSheets.length,
        marks: shadow.querySelectorAll('mark').length,
      };
    });
    assert.equal(r.total, 2);
    assert.deepEqual(r.inShadow, ['Putin']);
    assert.ok(r.adopted > 0, 'the style sheet is adopted into the shadow root');
    assert.equal(r.marks, 0);
  });

  test('nested open shadow roots and a shadow root given as the root', async (page) => {
    const r = await page.evaluate(() => {
      const root = T.set('<div id="outer"></div>');
      const outer = root.querySelector('#outer').attachShadow({ mode: 'open' });
      outer.innerHTML = '<p>Iran</p><section id="inner"></section>';
      const inner = outer.querySelector('#inner').attachShadow({ mode: 'open' });
      inner.innerHTML = '<p>Kim <b>Jong Un</b></p>';
      const hl = new newsmark.Highlighter();
      const whole = hl.highlight(root, { mode: 'mark' });
      const innerMatches = T.matches(inner);
      const innerAdopted = inner.adoptedStyleSheets.length;
      hl.clear();
      const direct = hl.highlight(outer, { mode: 'mark' });
      return { whole: whole.total, innerMatches, innerAdopted, direct: direct.total, outerAdopted: outer.adoptedStyleSheets.length };
    });
    assert.equal(r.whole, 2);
    assert.deepEqual(r.innerMatches.map((m) => m.pieces), [['Kim', 'Jong Un']]);
    assert.ok(r.innerAdopted > 0);
    assert.equal(r.direct, 2, 'highlighting a shadow root itself reads it');
    assert.ok(r.outerAdopted > 0, 'a shadow root given as the root gets the sheet');
  });

  test('clear restores the shadow tree exactly and removes the adopted sheet', async (page) => {
    const r = await page.evaluate(() => {
      const root = T.set('<div id="host"></div>');
      const shadow = root.querySelector('#host').attachShadow({ mode: 'open' });
      shadow.innerHTML = '<p>Putin met <i>Kim</i> Jong Un.</p>';
      const snap = T.snapshot(shadow);
      const hl = new newsmark.Highlighter();
      hl.highlight(root, { mode: 'mark' });
      const during = T.marks(shadow).length;
      hl.clear();
      return { during, problems: T.compare(snap), adopted: shadow.adoptedStyleSheets.length };
    });
    assert.equal(r.during, 3);
    assert.deepEqual(r.problems, []);
    assert.equal(r.adopted, 0);
  });
});
