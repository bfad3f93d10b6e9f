// The in-page half of `make bench`: injected into every benchmark page (as a module, after the page
// has loaded), it loads newsmark, builds the dictionaries and runs one tool at a time on
// document.body, timing it with performance.now(). `run.mjs` drives it through `window.bench`.
//
// Tools: newsmark (mark and css modes, sync and highlightAsync), mark.js 8.11.1 (injected as
// window.Mark), and a plain-JS *floor* that wraps (or, in css mode, creates Ranges and Highlights
// for) match ranges computed beforehand from newsmark's own output, so it does no matching at all:
// it is the least any highlighter must do to put the same marks on the page.
//
// Every run starts from a fresh clone of the page as loaded (laid out, garbage collected), so no
// tool inherits another one's leftovers.

import init, { Highlighter, readBlocks } from '/pkg/newsmark.js';

const wasm = await init();

/** mark.js options: whole words only, as close to newsmark's semantics as mark.js gets. */
const MARKJS_OPTIONS = {
  separateWordSearch: false,
  diacritics: false,
  accuracy: { value: 'exactly', limiters: [',', '.', ';', ':', '!', '?', "'", '\u2019', '"', '(', ')'] },
  acrossElements: false,
};

/**
 * mark.js 8.11.1 handles each term inside the completion callback of the previous one, so the stack
 * grows with the number of terms and a single call with ~1,000 terms throws "Invalid regular
 * expression: … Stack overflow". Terms are therefore given in batches, sorted longest first across
 * all batches as mark.js sorts them within one call, which is what one big call would do.
 */
const MARKJS_BATCH = 100;

function markjsMark(instance, list, options, batch = MARKJS_BATCH) {
  const sorted = [...list].sort((a, b) => b.length - a.length);
  let total = 0;
  for (let i = 0; i < sorted.length; i += batch) {
    instance.mark(sorted.slice(i, i + batch), {
      ...options,
      done: (n) => {
        total += n;
      },
    });
  }
  return total;
}

const longTasks = [];
const longFrames = [];
for (const [type, list] of [['longtask', longTasks], ['long-animation-frame', longFrames]]) {
  try {
    new PerformanceObserver((entries) => {
      for (const e of entries.getEntries()) list.push({ start: e.startTime, duration: e.duration });
    }).observe({ type, buffered: true });
  } catch {
    // Not supported: the longest task is reported as null.
  }
}

const pristine = document.body.cloneNode(true);
const pristineHtml = document.body.innerHTML;
const highlighters = new Map();
const terms = new Map();
const floors = new Map();
let markjsInstance = null;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Runs `fn` in a task of its own (not in the DevTools command's), so Long Tasks sees it. */
const inTask = (fn) => new Promise((resolve, reject) => setTimeout(() => Promise.resolve().then(fn).then(resolve, reject), 0));
const memory = () => wasm.memory.buffer.byteLength;
const aliasText = (alias) => (typeof alias === 'string' ? alias : alias.text);

// ---- dictionaries ---------------------------------------------------------------------------

/** The merged default dictionary cut to its first `n` aliases, entries and categories kept. */
function firstAliases(dictionary, n) {
  const entries = [];
  let left = n;
  for (const entry of dictionary.entries) {
    if (left <= 0) break;
    const aliases = entry.aliases.slice(0, left);
    left -= aliases.length;
    entries.push({ ...entry, aliases });
  }
  return { name: `first ${n} aliases`, version: 1, categories: dictionary.categories, entries };
}

/** mulberry32: the synthetic dictionary is the same on every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ('ka ri mo va len dor ush tem bra qui zel fan gor hin jas kov lum nir osk pra sev tul ' +
  'vek wyn xan yor zub ad el in on ur bel cas dru eth fis gal har ist jor kel mar nov ost pel rad sor ' +
  'tan ulm ves zor').split(' ');

/**
 * `total` aliases: the first 1,000 of the default dictionary (so the page has the same matches as
 * with 1k) plus synthetic names of one to three invented words, 4 aliases per entry.
 */
function synthetic(dictionary, total) {
  const base = firstAliases(dictionary, 1000);
  const random = prng(0x6e6577);
  const word = () => {
    let w = '';
    for (let i = 0, n = 2 + Math.floor(random() * 3); i < n; i++) {
      w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    }
    return w[0].toUpperCase() + w.slice(1);
  };
  const seen = new Set();
  const categories = Object.keys(dictionary.categories);
  const entries = [...base.entries];
  let count = 1000;
  for (let e = 0; count < total; e++) {
    const aliases = [];
    while (aliases.length < 4 && count < total) {
      const words = 1 + Math.floor(random() * 3);
      const alias = Array.from({ length: words }, word).join(' ');
      if (seen.has(alias)) continue;
      seen.add(alias);
      aliases.push(alias);
      count++;
    }
    const category = categories[e % categories.length];
    entries.push({
      id: `synthetic-${e}`,
      label: aliases[0],
      kind: dictionary.categories[category].kind,
      category,
      aliases,
    });
  }
  return { name: `synthetic ${total}`, version: 1, categories: dictionary.categories, entries };
}

/** The JSON of every benchmark dictionary, keyed by name (run once, on a blank page). */
function dictionaryJson() {
  const highlighter = new Highlighter();
  const dictionary = JSON.parse(highlighter.dictionary());
  highlighter.free();
  const out = {};
  for (const n of [10, 100, 1000]) out[String(n)] = JSON.stringify(firstAliases(dictionary, n));
  out['100k'] = JSON.stringify(synthetic(dictionary, 100_000));
  return out;
}

function countAliases(json) {
  return JSON.parse(json).entries.reduce((sum, e) => sum + e.aliases.length, 0);
}

/** Builds a highlighter (`json` null: the default dictionary); returns the time it took. */
function build(key, json) {
  const t0 = performance.now();
  const highlighter = json == null ? new Highlighter() : Highlighter.fromDictionaries([json], { useDefault: false });
  const ms = performance.now() - t0;
  const dictionary = JSON.parse(highlighter.dictionary());
  terms.set(key, dictionary.entries.flatMap((e) => e.aliases.map(aliasText)));
  highlighters.get(key)?.free();
  highlighters.set(key, highlighter);
  return ms;
}

/** Build timings: `runs` builds after one warm-up, each freed; memory after the first build. */
function buildRuns(key, json, runs) {
  const before = memory();
  const first = build(key, json);
  const afterFirst = memory();
  const times = [];
  for (let i = 0; i < runs; i++) times.push(build(key, json));
  return { first, times, memoryBefore: before, memoryAfterBuild: afterFirst, memoryAfterRuns: memory(), aliases: terms.get(key).length };
}

// ---- page state -----------------------------------------------------------------------------

function settle() {
  void document.body.offsetHeight;
}

/** A fresh copy of the page as loaded, laid out, with garbage collected. */
async function reset() {
  markjsInstance = null;
  document.body.replaceWith(pristine.cloneNode(true));
  settle();
  if (typeof gc === 'function') gc();
  await sleep(20);
}

function pageText() {
  return readBlocks(document.body).join('\n');
}

// ---- the floor ------------------------------------------------------------------------------

/** The text nodes under `root` with their offsets in the concatenation of all of them. */
function textNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let offset = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes.push({ node, start: offset });
    offset += node.data.length;
  }
  return nodes;
}

/**
 * What the floor will put on the page, read off newsmark's mark-mode output: each mark's piece as
 * offsets into the page's text (which marks do not change), its attributes, and each match's extent
 * for css mode. Also returns newsmark's output HTML, which the floor must reproduce exactly.
 */
function floorPlan(highlighter) {
  const sheetsBefore = [...document.adoptedStyleSheets];
  highlighter.highlight(document.body, { mode: 'mark' });
  // newsmark's colours: the floor adopts the same rules, so both pages render (and lay out) alike.
  const css = document.adoptedStyleSheets
    .filter((sheet) => !sheetsBefore.includes(sheet))
    .flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText))
    .join('\n');
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  const pieces = [];
  const matches = new Map();
  for (const { node, start } of textNodes(document.body)) {
    const mark = node.parentNode;
    if (mark.nodeName !== 'MARK' || !mark.classList.contains('newsmark')) continue;
    const end = start + node.data.length;
    const attributes = [];
    for (const { name, value } of mark.attributes) if (name !== 'class') attributes.push([name, value]);
    pieces.push({ start, end, attributes });
    const id = mark.getAttribute('data-newsmark-match');
    const match = matches.get(id);
    if (match) match.end = end;
    else matches.set(id, { start, end, category: mark.getAttribute('data-newsmark-category') });
  }
  const html = document.body.innerHTML;
  highlighter.clear(document.body);
  return { pieces, ranges: [...matches.values()], html, sheet, sheetsLeft: document.adoptedStyleSheets.length - sheetsBefore.length };
}

function adopt(sheet) {
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

function unadopt(sheet) {
  document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
}

function floorMark(plan) {
  adopt(plan.sheet);
  const nodes = textNodes(document.body);
  const undo = [];
  let n = 0;
  let i = 0;
  const { pieces } = plan;
  while (i < pieces.length) {
    while (nodes[n].start + nodes[n].node.data.length <= pieces[i].start) n++;
    const { node, start: nodeStart } = nodes[n];
    const nodeEnd = nodeStart + node.data.length;
    const record = { node, data: node.data, added: [], marks: [] };
    let current = node;
    let currentStart = nodeStart;
    while (i < pieces.length && pieces[i].start < nodeEnd) {
      const piece = pieces[i++];
      if (piece.start > currentStart) {
        current = current.splitText(piece.start - currentStart);
        record.added.push(current);
        currentStart = piece.start;
      }
      let rest = null;
      if (piece.end < nodeEnd) {
        rest = current.splitText(piece.end - currentStart);
        record.added.push(rest);
      }
      const mark = document.createElement('mark');
      mark.className = 'newsmark';
      for (const [name, value] of piece.attributes) mark.setAttribute(name, value);
      current.parentNode.insertBefore(mark, current);
      mark.appendChild(current);
      record.marks.push(mark);
      if (rest) {
        current = rest;
        currentStart = piece.end;
      }
    }
    undo.push(record);
  }
  undo.sheet = plan.sheet;
  return undo;
}

function floorUnmark(undo) {
  unadopt(undo.sheet);
  for (const record of undo) {
    for (const mark of record.marks) mark.replaceWith(mark.firstChild);
    for (const node of record.added) node.remove();
    record.node.data = record.data;
  }
}

function floorCss(plan) {
  adopt(plan.sheet);
  const nodes = textNodes(document.body);
  const highlights = new Map();
  let n = 0;
  const locate = (offset, isEnd) => {
    while (nodes[n].start + nodes[n].node.data.length < offset + (isEnd ? 0 : 1)) n++;
    return [nodes[n].node, offset - nodes[n].start];
  };
  for (const { start, end, category } of plan.ranges) {
    const range = document.createRange();
    range.setStart(...locate(start, false));
    range.setEnd(...locate(end, true));
    let highlight = highlights.get(category);
    if (!highlight) {
      highlight = new Highlight();
      highlights.set(category, highlight);
      // newsmark's highlight names, so newsmark's rules colour them.
      CSS.highlights.set(`newsmark-${category}`, highlight);
    }
    highlight.add(range);
  }
  highlights.sheet = plan.sheet;
  return highlights;
}

function floorCssClear(highlights) {
  unadopt(highlights.sheet);
  for (const category of highlights.keys()) CSS.highlights.delete(`newsmark-${category}`);
}

// ---- runs -----------------------------------------------------------------------------------

/** Highlights with `tool`, then clears; times both. */
async function runTool(tool, key, extra = {}) {
  const highlighter = highlighters.get(key);
  let matches = null;
  let marks = null;
  let error = null;
  let clearState = null;
  const taskStart = performance.now();
  const timing = await inTask(() => {
    const t0 = performance.now();
    try {
      switch (tool) {
        case 'newsmark-mark':
        case 'newsmark-css':
          matches = highlighter.highlight(document.body, { mode: tool.slice(9) }).total;
          break;
        case 'floor-mark':
          clearState = floorMark(floors.get(key));
          break;
        case 'floor-css':
          clearState = floorCss(floors.get(key));
          break;
        case 'markjs':
          markjsInstance = new window.Mark(document.body);
          matches = markjsMark(markjsInstance, terms.get(key), { ...MARKJS_OPTIONS, ...extra.markjs }, extra.batch ?? MARKJS_BATCH);
          break;
        case 'scan': {
          const text = pageText();
          const s0 = performance.now();
          matches = highlighter.scan(text).length;
          const s1 = performance.now();
          return { highlightMs: s1 - s0, textLength: text.length };
        }
        default:
          throw new Error(`unknown tool ${tool}`);
      }
    } catch (e) {
      error = String(e && e.message ? e.message : e);
    }
    const t1 = performance.now();
    settle();
    const t2 = performance.now();
    return { highlightMs: t1 - t0, layoutMs: t2 - t1 };
  });
  if (tool.startsWith('floor')) matches = floors.get(key).ranges.length;
  if (tool === 'newsmark-mark' || tool === 'floor-mark') marks = document.querySelectorAll('mark.newsmark').length;
  let nested = null;
  if (tool === 'markjs') {
    marks = document.querySelectorAll('mark[data-markjs]').length;
    nested = document.querySelectorAll('mark[data-markjs] mark[data-markjs]').length;
  }
  if (tool === 'newsmark-css') marks = [...CSS.highlights.values()].reduce((sum, h) => sum + h.size, 0);
  if (tool === 'floor-css') marks = [...clearState.values()].reduce((sum, h) => sum + h.size, 0);
  // Long Tasks and LoAF entries arrive asynchronously.
  await sleep(60);
  const longest = (list) => list.filter((e) => e.start >= taskStart - 1).reduce((m, e) => Math.max(m, e.duration), 0);
  const result = { ...timing, matches, marks, nested, error, longestTaskMs: longest(longTasks), longestFrameMs: longest(longFrames) };
  if (tool !== 'scan') {
    const t0 = performance.now();
    switch (tool) {
      case 'newsmark-mark':
      case 'newsmark-css':
        highlighter.clear(document.body);
        break;
      case 'floor-mark':
        floorUnmark(clearState);
        break;
      case 'floor-css':
        floorCssClear(clearState);
        break;
      case 'markjs':
        markjsInstance?.unmark();
        break;
    }
    result.clearMs = performance.now() - t0;
    result.restored = document.body.innerHTML === pristineHtml;
  }
  return result;
}

/** highlightAsync in `mode`, timed to completion, with the longest task and frame on the way. */
async function runAsync(key, mode, sliceMs) {
  const highlighter = highlighters.get(key);
  const start = performance.now();
  const { total, ms, t0 } = await inTask(async () => {
    const t0 = performance.now();
    const report = await highlighter.highlightAsync(document.body, { mode, sliceMs });
    return { total: report.total, ms: performance.now() - t0, t0 };
  });
  await sleep(150);
  const recent = (list) => list.filter((e) => e.start >= start - 1);
  const longest = (list) => recent(list).reduce((m, e) => Math.max(m, e.duration), 0);
  const tasks = recent(longTasks);
  const result = {
    highlightMs: ms,
    matches: total,
    longestTaskMs: longest(longTasks),
    longestFrameMs: longest(longFrames),
    // Where the long tasks fell: ms after the call, and how long each was.
    longTasks: tasks.map((e) => [Math.round(e.start - t0), Math.round(e.duration)]),
  };
  highlighter.clear(document.body);
  return result;
}

/** Mark texts of newsmark and mark.js, to explain why their counts differ. */
function markedTexts(tool, key) {
  const counts = new Map();
  const add = (text) => counts.set(text, (counts.get(text) ?? 0) + 1);
  if (tool === 'markjs') {
    const instance = new window.Mark(document.body);
    markjsMark(instance, terms.get(key), { ...MARKJS_OPTIONS, each: (element) => add(element.textContent.toLowerCase()) });
    instance.unmark();
  } else {
    const highlighter = highlighters.get(key);
    highlighter.highlight(document.body, { mode: 'mark' });
    const byMatch = new Map();
    for (const mark of document.querySelectorAll('mark.newsmark')) {
      const id = mark.getAttribute('data-newsmark-match');
      const extent = byMatch.get(id);
      if (extent) extent[1] = mark;
      else byMatch.set(id, [mark, mark]);
    }
    for (const [firstMark, lastMark] of byMatch.values()) {
      const range = document.createRange();
      range.setStartBefore(firstMark);
      range.setEndAfter(lastMark);
      add(range.toString().toLowerCase().replace(/[\s\u00a0]+/g, ' '));
    }
    highlighter.clear(document.body);
  }
  return Object.fromEntries(counts);
}

window.bench = {
  memory,
  dictionaryJson,
  countAliases,
  build,
  buildRuns,
  reset,
  pageInfo: () => ({ htmlBytes: pristineHtml.length, textLength: pageText().length, elements: pristine.querySelectorAll('*').length, blocks: readBlocks(document.body).length }),
  /** Builds the highlighter of `key` and the floor's plan for it; checks newsmark restores the page. */
  async prepare(key, json) {
    if (!highlighters.has(key)) build(key, json);
    await reset();
    const plan = floorPlan(highlighters.get(key));
    floors.set(key, plan);
    const restored = document.body.innerHTML === pristineHtml;
    // The floor must produce exactly newsmark's DOM.
    const undo = floorMark(plan);
    const floorHtml = document.body.innerHTML;
    floorUnmark(undo);
    return {
      newsmarkSheetsLeftAfterClear: plan.sheetsLeft,
      pieces: plan.pieces.length,
      ranges: plan.ranges.length,
      newsmarkRestoresPage: restored,
      floorMatchesNewsmark: floorHtml === plan.html,
      floorRestoresPage: document.body.innerHTML === pristineHtml,
      terms: terms.get(key).length,
    };
  },
  runTool,
  runAsync,
  markedTexts,
  free(key) {
    highlighters.get(key)?.free();
    highlighters.delete(key);
    floors.delete(key);
  },
  hasMarkjs: () => typeof window.Mark === 'function',
  /** For profiling by hand: the Highlighter of a prepared dictionary. */
  highlighter: (key) => highlighters.get(key),
  /** Makes sure the term list of `key` is known (mark.js warms up with the 10-alias list). */
  ensureTerms(key, json) {
    if (terms.has(key)) return;
    build(key, json);
    highlighters.get(key).free();
    highlighters.delete(key);
  },
  text: pageText,
};
window.benchReady = true;
