// Odd UTF-16 through the wasm API: lone and reversed surrogates, pairs split across text nodes, NUL,
// non-characters and the replacement character, next to dictionary words. `scan`, `scanBlocks`,
// `readBlocks`, `highlight` and `clear` never throw; offsets stay inside the string and never fall
// between the halves of a surrogate pair; a match's `text` is its slice of the input (lone surrogates
// read as U+FFFD, which keeps UTF-16 lengths); clear restores the DOM byte for byte.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { harness } from './util.mjs';

const h = harness();
before(() => h.start());
after(() => h.stop());

// Fresh strings per local run; a fixed seed in CI, so a landing never depends on the draw.
const SEED = Number(process.env.SEED ?? (process.env.CI ? 20261125 : Date.now() % 1e9));

/** A dictionary over the default one whose aliases hold astral characters and U+FFFD. */
const ODD_DICTIONARY = JSON.stringify({
  entries: [
    { id: 'math-bold', label: 'Math bold', category: 'organization', aliases: ['𝐍𝐀𝐓𝐎', '𝐀𝐁'] },
    { id: 'emoji', label: 'Emoji', category: 'organization', aliases: ['😀 Union', '🇺🇦'] },
    { id: 'replacement', label: 'Replacement', category: 'organization', aliases: ['\uFFFD\uFFFD x'] },
  ],
});

/** Runs in the page: random strings of odd UTF-16 with dictionary words, through scan and the DOM. */
function fuzzUtf16({ seed, strings, domTrees, dictionary }) {
  const rnd = R.prng(seed);
  const hl = window.nm.Highlighter.fromDictionaries([dictionary]);
  const PIECES = [
    'Russia', 'North Korea', 'Kim Jong-un', 'Putin', 'sanctions', 'U.S.', '𝐍𝐀𝐓𝐎', '𝐀𝐁', '😀 Union', '🇺🇦',
    '\uFFFD\uFFFD x', ' ', '  ', '\u00A0', '-', '\u00AD', '\u200B', '’s', '.', 'a',
    '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\uDE00', '\uDE00\uD83D', '\uD835\uDC00', '😀', '𝐀',
    '\u0000', '\uFFFE', '\uFFFF', '\uFEFF', '\u0301', 'ﬁ', 'İ', 'ß', 'مرحبا', 'שלום', '普京', '\u202E', '\u2028',
  ];
  const randomString = () => {
    let s = '';
    const n = rnd.int(14);
    for (let i = 0; i < n; i++) {
      s += rnd.chance(0.15) ? String.fromCharCode(rnd.int(0x10000)) : rnd.pick(PIECES);
    }
    return s;
  };
  const problems = [];
  const check = (s, matches, where) => {
    let last = 0;
    for (const m of matches) {
      const bad = (why) => problems.push(`${where}: ${why}: ${JSON.stringify(m)} in ${JSON.stringify(s)}`);
      if (!Number.isInteger(m.start) || !Number.isInteger(m.end)) bad('offsets are not integers');
      if (!(m.start >= last && m.start < m.end && m.end <= s.length)) bad('offsets out of order or range');
      if (R.splitsPair(s, m.start) || R.splitsPair(s, m.end)) bad('a surrogate pair is split');
      if (m.text !== s.slice(m.start, m.end).toWellFormed()) bad('text is not the slice at the offsets');
      last = m.end;
    }
  };
  let total = 0;
  const samples = [];
  for (let i = 0; i < strings; i++) {
    const s = randomString();
    let matches;
    try {
      matches = hl.scan(s);
    } catch (error) {
      problems.push(`scan threw ${error} on ${JSON.stringify(s)}`);
      continue;
    }
    total += matches.length;
    check(s, matches, 'scan');
    const again = hl.scanBlocks([s, s.toWellFormed()]);
    if (JSON.stringify(again[0]) !== JSON.stringify(matches)) problems.push(`scanBlocks differs from scan on ${JSON.stringify(s)}`);
    if (JSON.stringify(again[1]) !== JSON.stringify(matches)) problems.push(`lone surrogates do not read as U+FFFD in ${JSON.stringify(s)}`);
    if (matches.length && samples.length < 3) samples.push([s, matches.map((m) => m.text)]);
  }

  // The DOM: the same kind of strings cut into text nodes at random offsets (pairs may be split
  // across nodes), some inside inline elements; highlight in both modes and clear.
  const root = document.getElementById('root');
  for (let t = 0; t < domTrees; t++) {
    root.textContent = '';
    const p = document.createElement('p');
    root.append(p);
    const cuts = [];
    for (let k = 0; k < 1 + rnd.int(5); k++) {
      const s = randomString();
      let at = 0;
      while (at < s.length) {
        const len = 1 + rnd.int(s.length - at);
        const node = document.createTextNode(s.slice(at, at + len));
        if (rnd.chance(0.3)) {
          const b = document.createElement(rnd.pick(['b', 'span', 'i']));
          b.append(node);
          p.append(b);
        } else {
          p.append(node);
        }
        at += len;
      }
      if (rnd.chance(0.3)) root.append((cuts.push(k), document.createElement('p')));
    }
    const text = p.textContent;
    const originalBoundaries = new Set();
    {
      let at = 0;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) { at += n.data.length; originalBoundaries.add(at); }
    }
    for (const mode of ['mark', 'css']) {
      try {
        const snapProblems = R.roundTrip(root, new Map(), hl, mode);
        problems.push(...snapProblems.map((x) => `tree ${t}: ${x}`));
      } catch (error) {
        problems.push(`tree ${t} ${mode}: threw ${error}`);
      }
    }
    // Marks never cut a pair that one text node held whole.
    hl.highlight(root, { mode: 'mark' });
    let at = 0;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const all = root.textContent;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      at += n.data.length;
      if (!originalBoundaries.has(at) && R.splitsPair(all, at)) problems.push(`tree ${t}: a mark splits a surrogate pair at ${at} of ${JSON.stringify(all)}`);
    }
    if (p.textContent !== text) problems.push(`tree ${t}: highlighting changed the text`);
    hl.clear();
  }
  root.textContent = '';
  return { problems: problems.slice(0, 10), total, samples };
}

test(`scan, scanBlocks, highlight and clear on odd UTF-16 (SEED=${SEED})`, { timeout: 60_000 }, async () => {
  const page = await h.page();
  const result = await page.evaluate(fuzzUtf16, { seed: SEED, strings: 3000, domTrees: 300, dictionary: ODD_DICTIONARY });
  assert.deepEqual(result.problems, [], `replay with SEED=${SEED}`);
  assert.ok(result.total > 500, `matches happen (${result.total})`);
  assert.deepEqual(page.errors, []);
});

test('fixed cases: lone surrogates around and inside matches', { timeout: 30_000 }, async () => {
  const page = await h.page();
  const result = await page.evaluate((dictionary) => {
    const hl = window.nm.Highlighter.fromDictionaries([dictionary]);
    const cases = ['\uD800Russia\uDC00', 'Russia\uD83D', '\uDE00Russia', '\uD835\uDC0D\uD835\uDC00\uD835\uDC13\uD835\uDC0E', '𝐀𝐁 \uD835', '\uD800\uD800 x', '\uDFFF\uD800 x', '😀 Union\uDE00', '😀\uD83D Union'];
    return cases.map((s) => [s, hl.scan(s).map((m) => [m.start, m.end, m.entry])]);
  }, ODD_DICTIONARY);
  const byText = Object.fromEntries(result);
  assert.deepEqual(byText['\uD800Russia\uDC00'], [[1, 7, 'rus']]);
  assert.deepEqual(byText['Russia\uD83D'], [[0, 6, 'rus']]);
  assert.deepEqual(byText['\uDE00Russia'], [[1, 7, 'rus']]);
  assert.deepEqual(byText['𝐍𝐀𝐓𝐎'], [[0, 8, 'math-bold']]);
  assert.deepEqual(byText['𝐀𝐁 \uD835'], [[0, 4, 'math-bold']]);
  // Two lone surrogates read as two U+FFFD, so they match the alias written with U+FFFD.
  assert.deepEqual(byText['\uD800\uD800 x'], [[0, 4, 'replacement']]);
  assert.deepEqual(byText['\uDFFF\uD800 x'], [[0, 4, 'replacement']]);
  assert.deepEqual(byText['😀 Union\uDE00'], [[0, 8, 'emoji']]);
  assert.deepEqual(byText['😀\uD83D Union'], []);
});

test('text nodes holding one half of a pair each, and a pair split by an element, round-trip', { timeout: 30_000 }, async () => {
  const page = await h.page();
  const problems = await page.evaluate((dictionary) => {
    const hl = window.nm.Highlighter.fromDictionaries([dictionary]);
    const root = document.getElementById('root');
    root.innerHTML = '<p></p>';
    const p = root.firstChild;
    p.append('Russia \uD835', '\uDC0D\uD835\uDC00\uD835\uDC13\uD835\uDC0E Putin \uD83D');
    const b = document.createElement('b');
    b.append('\uDE00 North Korea');
    p.append(b, '', '\uDC00');
    const out = [];
    for (const mode of ['mark', 'css']) out.push(...R.roundTrip(root, new Map(), hl, mode));
    const report = hl.highlight(root, { mode: 'mark' });
    // Each node's data is read on its own, so a pair split across two nodes reads as two U+FFFD and
    // 𝐍𝐀𝐓𝐎 is not found there (a documented limitation); Russia, Putin and North Korea are.
    const entries = report.entries.map((e) => e.id).sort().join(',');
    if (entries !== 'prk,rus,vladimir-putin') out.push(`expected rus, vladimir-putin, prk; got ${entries}`);
    hl.clear();
    return out;
  }, ODD_DICTIONARY);
  assert.deepEqual(problems, []);
});

test('non-string arguments fail with an Error, not a crash', { timeout: 30_000 }, async () => {
  const page = await h.page();
  const result = await page.evaluate(() => {
    const hl = new window.nm.Highlighter();
    const attempt = (f) => { try { f(); return 'ok'; } catch (e) { return e instanceof Error ? `Error: ${e.message}` : `threw ${typeof e}`; } };
    return {
      blocks: attempt(() => hl.scanBlocks(['Russia', 42])),
      notArray: attempt(() => hl.scanBlocks('Russia')),
      readBlocks: attempt(() => window.nm.readBlocks({})),
      highlight: attempt(() => hl.highlight('body')),
      after: hl.scan('Russia').length,
    };
  });
  assert.match(result.blocks, /^Error: scanBlocks: texts\[1\]: expected a string/);
  assert.match(result.notArray, /^Error: scanBlocks: expected an array/);
  assert.match(result.readBlocks, /^Error: readBlocks: root must be a DOM node/);
  assert.match(result.highlight, /^Error: highlight: root must be a DOM node/);
  assert.equal(result.after, 1, 'the highlighter still works');
});

test('a match ending in Ⱥ (lower case longer than the letter) stops at the letter and never traps the wasm', { timeout: 30_000 }, async () => {
  // Regression: the match took the next character in, and adjacent matches made the wasm trap
  // (RuntimeError: unreachable). See tests/regressions.rs lowercase_longer_than_its_letter_*.
  const page = await h.page();
  const result = await page.evaluate(() => {
    const hl = window.nm.Highlighter.fromDictionaries([JSON.stringify({ entries: [
      { id: 'a-bar', label: 'A bar', category: 'organization', aliases: ['<Ⱥ', 'Ⱦ'] }] })]);
    const out = {};
    try { out.spaced = hl.scan('Ⱦ Ⱦ').map((m) => [m.start, m.end, m.text]); } catch (e) { out.spaced = String(e); }
    try { out.adjacent = hl.scan('<Ⱥ<Ⱥ').map((m) => [m.start, m.end, m.text]); } catch (e) { out.adjacent = String(e); }
    return out;
  });
  assert.deepEqual(result, { spaced: [[0, 1, 'Ⱦ'], [2, 3, 'Ⱦ']], adjacent: [[0, 2, '<Ⱥ'], [2, 4, '<Ⱥ']] });
});

// Regression: a match ending in a letter whose lowercase is longer (Ⱥ → ⱥ) took a following soft
// hyphen or zero-width space in (tests/regressions.rs has the native case).
test('a match ending in Ⱥ does not take a following soft hyphen or zero-width space in', { timeout: 30_000 }, async () => {
  const page = await h.page();
  const result = await page.evaluate(() => {
    const hl = window.nm.Highlighter.fromDictionaries([JSON.stringify({ entries: [
      { id: 'a-bar', label: 'A bar', category: 'organization', aliases: ['Ⱥ', 'A'] }] })]);
    return ['A\u00AD x', 'Ⱥ\u00AD x', 'Ⱥ\u200B'].map((s) => hl.scan(s).map((m) => m.text));
  });
  assert.deepEqual(result, [['A'], ['Ⱥ'], ['Ⱥ']]);
});
