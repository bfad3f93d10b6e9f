// Turns the runs of `make bench` into target/bench/report.json, report.md and chart.svg (a
// hand-written log–log SVG: highlight time against the number of aliases).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MIB = 2 ** 20;

export function stats(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = Math.floor(v.length / 2);
  return { median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2, min: v[0], max: v[v.length - 1], n: v.length };
}

const TOOL_LABELS = {
  'newsmark-mark': 'newsmark (mark)',
  'newsmark-css': 'newsmark (css)',
  'floor-mark': 'floor (mark)',
  'floor-css': 'floor (css)',
  markjs: 'mark.js 8.11.1',
  scan: 'newsmark scan (matching only)',
};

const fmt = (x, digits = 1) => (x == null ? '–' : x >= 100 ? x.toFixed(0) : x.toFixed(digits));
const spread = (s, digits = 1) => (s ? `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})` : '–');
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

function targetRow(name, measured, goal, met, display, goalDisplay, note) {
  return { name, measured, goal, met, display, goalDisplay, note };
}

export function writeReport(dir, data) {
  const { runs, asyncRuns, builds, sizes, machine } = data;
  const series = (page, key, tool, field = 'highlightMs') =>
    stats(runs.filter((r) => r.page === page && r.dictionary === key && r.tool === tool).map((r) => r[field]));
  const first = (page, key, tool) => runs.find((r) => r.page === page && r.dictionary === key && r.tool === tool);
  const main = 'news-1mb';
  const markjsCount = (page, key) => {
    const r = first(page, key, 'markjs');
    return r ? `${r.matches ?? r.error}${r.nested ? ` (${r.nested})` : ''}` : '–';
  };

  // ---- targets -------------------------------------------------------------------------------
  const targets = [];
  {
    const mj = series(main, '1000', 'markjs');
    const nm = series(main, '1000', 'newsmark-mark');
    const ratio = mj && nm ? mj.median / nm.median : null;
    targets.push(targetRow('faster than mark.js, 1,000 aliases, 1 MB page (mark mode)', ratio, 300, ratio != null && ratio >= 300,
      ratio == null ? 'not run' : `${fmt(ratio, 0)}× (${fmt(mj.median)} ms vs ${fmt(nm.median)} ms)`, '≥ 300×',
      ratio != null && ratio < 300 ? `missed by ${fmt(300 / ratio, 2)}×: newsmark would need ${fmt(mj.median / 300)} ms` : null));
  }
  {
    const nm = series(main, 'default', 'newsmark-mark');
    const fl = series(main, 'default', 'floor-mark');
    const scan = series(main, 'default', 'scan');
    const ratio = nm.median / fl.median;
    targets.push(targetRow('newsmark / plain-JS floor, mark mode, default dictionary, 1 MB page', ratio, 1.5, ratio <= 1.5,
      `${fmt(ratio, 2)}× (${fmt(nm.median)} ms vs ${fmt(fl.median)} ms)`, '≤ 1.5×',
      ratio > 1.5 ? `missed by ${fmt(ratio / 1.5, 2)}×: the floor's budget is ${fmt(fl.median * 1.5)} ms; scan of the page text alone takes ${fmt(scan?.median)} ms` : null));
  }
  {
    const b = stats(builds['100k'].times);
    targets.push(targetRow('build 100,000 aliases (Highlighter.fromDictionaries)', b.median, 300, b.median <= 300,
      `${fmt(b.median)} ms`, '≤ 300 ms', b.median > 300 ? `missed by ${fmt(b.median / 300, 2)}× (${fmt(b.median - 300)} ms over)` : null));
    const mem = builds['100k'].memoryAfterBuild;
    targets.push(targetRow('wasm memory after building 100,000 aliases', mem / MIB, 64, mem <= 64 * MIB,
      `${fmt(mem / MIB)} MiB`, '≤ 64 MiB', mem > 64 * MIB ? `missed by ${fmt(mem / (64 * MIB), 2)}×` : null));
  }
  {
    const big = series(main, '100k', 'newsmark-mark');
    const small = series(main, '1000', 'newsmark-mark');
    const ratio = big.median / small.median;
    const scanRatio = series(main, '100k', 'scan').median / series(main, '1000', 'scan').median;
    targets.push(targetRow('highlight time at 100k aliases / at 1k (1 MB page, mark mode)', ratio, 1.3, ratio <= 1.3,
      `${fmt(ratio, 2)}× (${fmt(big.median)} ms vs ${fmt(small.median)} ms)`, '≤ 1.3×',
      ratio > 1.3 ? `missed by ${fmt(ratio / 1.3, 2)}×; matching alone (scan) is ${fmt(scanRatio, 2)}× slower at 100k` : null));
  }
  {
    const total = sizes.total.gzip;
    targets.push(targetRow('wasm + JS + default dictionary, gzip -9', total / 1000, 200, total <= 200_000,
      `${kb(total)} (wasm ${kb(sizes.wasm.gzip)} + JS ${kb(sizes.js.gzip)})`, '≤ 200 KB',
      total > 200_000 ? `missed by ${kb(total - 200_000)}` : null));
  }
  {
    const rows = asyncRuns.filter((r) => r.dictionary === 'default');
    const longest = Math.max(...rows.map((r) => r.longestTaskMs));
    const frame = Math.max(...rows.map((r) => r.longestFrameMs));
    targets.push(targetRow('highlightAsync: longest main-thread task, 1 MB page, default dictionary', longest, 50, longest <= 50,
      longest === 0 ? 'none over 50 ms' : `${fmt(longest)} ms`, '≤ 50 ms',
      longest > 50 ? `missed by ${fmt(longest - 50)} ms (longest animation frame ${fmt(frame)} ms)` : null));
  }

  // ---- report.json ---------------------------------------------------------------------------
  const summaryRows = [];
  const keys = [...new Set(runs.map((r) => `${r.page}\u0000${r.dictionary}\u0000${r.tool}`))];
  for (const k of keys) {
    const [page, dictionary, tool] = k.split('\u0000');
    const r = first(page, dictionary, tool);
    summaryRows.push({
      page, dictionary, aliases: r.aliases, tool,
      highlightMs: series(page, dictionary, tool), layoutMs: series(page, dictionary, tool, 'layoutMs'),
      clearMs: series(page, dictionary, tool, 'clearMs'), longestTaskMs: series(page, dictionary, tool, 'longestTaskMs'),
      matches: r.matches, marks: r.marks, error: r.error ?? null, textLength: r.textLength ?? null,
    });
  }
  const json = {
    machine,
    targets: targets.map(({ name, measured, goal, met, display, goalDisplay, note }) => ({ name, measured, goal, met, display, goalDisplay, note })),
    runsPerMeasurement: data.runsPerMeasurement,
    durationS: data.durationS,
    pages: data.pages,
    sizes,
    builds: Object.fromEntries(Object.entries(builds).map(([k, b]) => [k, { ...b, stats: stats(b.times) }])),
    summary: summaryRows,
    async: asyncRuns,
    checks: data.checks,
    agreement: data.agreement,
    singleCall: data.singleCall,
    pageErrors: data.pageErrors,
    runs,
  };
  writeFileSync(join(dir, 'report.json'), `${JSON.stringify(json, null, 1)}\n`);

  // ---- chart.svg -----------------------------------------------------------------------------
  const chart = chartSvg(data, series, main);
  writeFileSync(join(dir, 'chart.svg'), chart);

  // ---- report.md -----------------------------------------------------------------------------
  const md = [];
  const line = (s = '') => md.push(s);
  line('# newsmark browser benchmark');
  line();
  line(`${machine.cpu}, ${machine.cores} cores, ${fmt(machine.memoryBytes / 2 ** 30, 0)} GiB; Chromium ${machine.chromium} headless; ${machine.date}; newsmark ${machine.commit}.`);
  line(`Load average ${machine.loadavgBefore} before, ${machine.loadavgAfter} after. ${data.runsPerMeasurement} measured runs per figure after a warm-up, tools alternating; median (min–max), milliseconds. Took ${fmt(data.durationS, 0)} s.`);
  line();
  line('## Targets');
  line();
  line('| target | measured | goal | met |');
  line('| --- | --- | --- | --- |');
  for (const t of targets) line(`| ${t.name} | ${t.display} | ${t.goalDisplay} | ${t.met ? 'yes' : `**no**: ${t.note}`} |`);
  line();
  line(`## Highlight time by dictionary size, ${data.pages[main].title}`);
  line();
  line(`${kb(data.pages[main].bytes)} of HTML, ${data.pages[main].textLength?.toLocaleString('en')} characters of text in ${data.pages[main].blocks} blocks, ${data.pages[main].elements} elements. "highlight" is the synchronous call; "+layout" the forced style and layout after it.`);
  line();
  line('| aliases | newsmark mark | newsmark css | floor mark | floor css | mark.js | newsmark / floor | mark.js / newsmark | scan (MB/s) | matches newsmark / mark.js (nested) |');
  line('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const key of ['10', '100', '1000', 'default', '100k']) {
    const s = (tool) => series(main, key, tool);
    const nm = s('newsmark-mark');
    if (!nm) continue;
    const mj = s('markjs');
    const scan = s('scan');
    const textLength = first(main, key, 'scan')?.textLength;
    const mbs = scan && textLength ? `${fmt(scan.median)} (${fmt(textLength / 1e3 / scan.median, 0)})` : '–';
    line(`| ${first(main, key, 'newsmark-mark').aliases.toLocaleString('en')}${key === 'default' ? ' (default)' : ''} | ${spread(nm)} | ${spread(s('newsmark-css'))} | ${spread(s('floor-mark'))} | ${spread(s('floor-css'))} | ${spread(mj)} | ${fmt(nm.median / s('floor-mark').median, 2)}× | ${mj ? `${fmt(mj.median / nm.median, 0)}×` : 'not run'} | ${mbs} | ${first(main, key, 'newsmark-mark').matches} / ${markjsCount(main, key)} |`);
  }
  line();
  line('![highlight time against aliases](chart.svg)');
  line();
  line('### Clear and layout, same page');
  line();
  line('| aliases | tool | highlight | +layout | clear | longest task | marks |');
  line('| --- | --- | --- | --- | --- | --- | --- |');
  for (const key of ['1000', 'default', '100k']) {
    for (const tool of ['newsmark-mark', 'newsmark-css', 'floor-mark', 'floor-css', 'markjs']) {
      const s = series(main, key, tool);
      if (!s) continue;
      const r = first(main, key, tool);
      line(`| ${r.aliases.toLocaleString('en')} | ${TOOL_LABELS[tool]} | ${spread(s)} | ${spread(series(main, key, tool, 'layoutMs'))} | ${spread(series(main, key, tool, 'clearMs'))} | ${spread(series(main, key, tool, 'longestTaskMs'), 0)} | ${r.marks ?? '–'} |`);
    }
  }
  line();
  line('## Dictionary build and memory');
  line();
  line('Each dictionary is built in a fresh page (a fresh wasm instance): first build, then the runs (each freed). Memory is the `WebAssembly.Memory` buffer after the first build (it never shrinks).');
  line();
  line('| dictionary | aliases | JSON | build ms | wasm memory before → after build |');
  line('| --- | --- | --- | --- | --- |');
  for (const [key, b] of Object.entries(builds)) {
    line(`| ${key} | ${b.aliases.toLocaleString('en')} | ${b.jsonBytes == null ? 'embedded' : kb(b.jsonBytes)} | ${spread(stats(b.times))} | ${fmt(b.memoryBefore / MIB)} → ${fmt(b.memoryAfterBuild / MIB)} MiB |`);
  }
  line();
  line('## highlightAsync (sliceMs 8), 1 MB news page');
  line();
  line('| dictionary | mode | time to complete | longest task (> 50 ms only) | longest animation frame (> 50 ms only) | matches | long tasks: ms after the call (duration) |');
  line('| --- | --- | --- | --- | --- | --- | --- |');
  for (const key of ['default', '100k']) {
    for (const mode of ['mark', 'css']) {
      const rows = asyncRuns.filter((r) => r.dictionary === key && r.mode === mode);
      if (!rows.length) continue;
      line(`| ${key} | ${mode} | ${spread(stats(rows.map((r) => r.highlightMs)))} | ${spread(stats(rows.map((r) => r.longestTaskMs)), 0)} | ${spread(stats(rows.map((r) => r.longestFrameMs)), 0)} | ${rows[0].matches} | ${rows.flatMap((r) => (r.longTasks ?? []).map(([at, d]) => `${at} (${d})`)).join(', ') || 'none'} |`);
    }
  }
  const sync = series(main, 'default', 'newsmark-mark', 'longestTaskMs');
  line();
  line(`For comparison, the synchronous \`highlight\` (mark mode, default dictionary) is one task of ${fmt(sync?.median)} ms (with its layout).`);
  line();
  line('## Other pages');
  line();
  line('| page | aliases | newsmark mark | newsmark css | floor mark | mark.js | newsmark / floor | mark.js / newsmark | matches newsmark / mark.js (nested) |');
  line('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [page, info] of Object.entries(data.pages)) {
    if (page === main) continue;
    for (const key of ['10', '100', '1000', 'default', '100k']) {
      const nm = series(page, key, 'newsmark-mark');
      if (!nm) continue;
      const mj = series(page, key, 'markjs');
      const fl = series(page, key, 'floor-mark');
      line(`| ${page} (${kb(info.bytes)}) | ${first(page, key, 'newsmark-mark').aliases.toLocaleString('en')} | ${spread(nm, 2)} | ${spread(series(page, key, 'newsmark-css'), 2)} | ${spread(fl, 2)} | ${spread(mj)} | ${fmt(nm.median / fl.median, 2)}× | ${mj ? `${fmt(mj.median / nm.median, 0)}×` : '–'} | ${first(page, key, 'newsmark-mark').matches} / ${markjsCount(page, key)} |`);
    }
  }
  line();
  line('## Transfer size');
  line();
  line('| file | bytes | gzip -9 | brotli 11 |');
  line('| --- | --- | --- | --- |');
  line(`| newsmark_bg.wasm (engine + default dictionary) | ${sizes.wasm.bytes.toLocaleString('en')} | ${sizes.wasm.gzip.toLocaleString('en')} | ${sizes.wasm.brotli.toLocaleString('en')} |`);
  line(`| newsmark.js (glue) | ${sizes.js.bytes.toLocaleString('en')} | ${sizes.js.gzip.toLocaleString('en')} | ${sizes.js.brotli.toLocaleString('en')} |`);
  line(`| **total** | ${sizes.total.bytes.toLocaleString('en')} | **${sizes.total.gzip.toLocaleString('en')}** | ${sizes.total.brotli.toLocaleString('en')} |`);
  line(`| mark.min.js 8.11.1 (for reference) | ${sizes.markjs.bytes.toLocaleString('en')} | ${sizes.markjs.gzip.toLocaleString('en')} | |`);
  line();
  line('## Why the match counts differ');
  line();
  line('newsmark and mark.js get the same term list, but not the same rules. The texts each marked more often than the other (lower-cased; counts newsmark / mark.js):');
  line();
  for (const a of data.agreement) {
    line(`- **${a.page}, ${a.dictionary} aliases**: newsmark ${a.newsmark}, mark.js ${a.markjs}.`);
    const list = (items) => items.map((d) => `“${d.text}” ${d.newsmark}/${d.markjs}`).join(', ') || 'none';
    line(`  More in newsmark: ${list(a.moreInNewsmark)}.`);
    line(`  More in mark.js: ${list(a.moreInMarkjs)}.`);
  }
  line();
  line('Most of the difference is nesting: mark.js takes the terms longest first, one at a time, and searches inside its own marks, so after "Islamic Emirate of Afghanistan" it marks "Afghanistan" again inside that mark, and "Korea" inside "North Korea" (the "(nested)" counts above are marks inside another mark.js mark). newsmark reports one match, the longest. The rest comes from the rules mark.js does not have: word boundaries (`accuracy: exactly` accepts only white space and the listed limiters around a term, so a hyphen or dash next to a name blocks it, and newsmark folds hyphens, dashes and apostrophes: "Kim Jong-un" is "Kim Jong Un"), case-sensitive aliases (mark.js marks the pronoun "us" with the "US" alias), exclusions ("America" inside "Latin America"), and, with `acrossElements: false`, names split by inline markup, which newsmark matches across the elements.');
  line();
  line('## mark.js with 1,000 terms in one call');
  line();
  line('The figures above give mark.js its terms 100 per `mark()` call (sorted longest first over all of them, as one call would sort them). Given all 1,000 in one call, one run each:');
  line();
  for (const r of data.singleCall) {
    line(`- \`acrossElements: ${r.acrossElements}\`, ${r.page} (${kb(r.bytes)}): ${r.error ? `**failed** after ${fmt(r.highlightMs)} ms with \`${r.error.length > 160 ? `${r.error.slice(0, 70)}…${r.error.slice(-50)}` : r.error}\` (${r.marks} marks made before the failure)` : `${r.matches} matches in ${fmt(r.highlightMs)} ms`}.`);
  }
  for (const r of data.singleCall) line(`- newsmark, same terms, ${r.page}: ${r.newsmark.matches} matches in ${fmt(r.newsmark.highlightMs)} ms.`);
  line();
  line('Without `acrossElements`, mark.js 8.11.1 starts the search for each term from the completion callback of the previous one, so the call stack grows with every term and a few hundred terms in, the next `RegExp` has no stack left, whatever the page. With `acrossElements: true` it did not fail here, but is much slower.');
  line();
  line('## Checks');
  line();
  const bad = data.checks.filter((c) => !c.newsmarkRestoresPage || !c.floorMatchesNewsmark || !c.floorRestoresPage);
  line(`For every page and dictionary: newsmark's \`clear\` restored the page byte for byte: ${data.checks.every((c) => c.newsmarkRestoresPage) ? 'yes' : 'NO'}; the floor produced exactly newsmark's DOM: ${data.checks.every((c) => c.floorMatchesNewsmark) ? 'yes' : 'NO'}; mark.js's \`unmark\` restored the page: ${data.checks.filter((c) => c.restored.markjs !== undefined).every((c) => c.restored.markjs) ? 'yes' : 'no (it normalizes text nodes)'}.`);
  for (const c of bad) line(`- ${c.page} × ${c.dictionary}: ${JSON.stringify(c)}`);
  if (data.pageErrors.length) {
    line();
    line('Page errors:');
    for (const e of [...new Set(data.pageErrors)].slice(0, 10)) line(`- ${e}`);
  }
  line();
  line('## Method');
  line();
  line('- One headless Chromium session (playwright-core, `/usr/bin/chromium`, the test suite\'s flags plus `--js-flags=--expose-gc`), pages served from 127.0.0.1 with cross-origin isolation (5 µs timers); everything else on the network is blocked.');
  line('- Every run starts from a fresh clone of the page as loaded, laid out, after a forced GC; the tool then runs in a task of its own (so Long Tasks sees it), timed with `performance.now()`; then the page is laid out again ("+layout") and the tool clears its marks ("clear").');
  line('- newsmark: `highlight(document.body, {mode})`, `clear(document.body)`. Dictionaries: the default; its first 10, 100 and 1,000 aliases (from `hl.dictionary()`, with `{useDefault: false}`); 100k = those 1,000 plus 99,000 synthetic names, so the page has the same matches as at 1,000.');
  line(`- mark.js 8.11.1 (dist/mark.min.js): \`mark(terms, {separateWordSearch: false, diacritics: false, accuracy: {value: "exactly", limiters: [, . ; : ! ? ' ’ " ( )]}, acrossElements: false})\`, \`unmark()\`. Terms go 100 per call (see above). mark.js walks the page once per term, so it runs where terms × page bytes ≤ 120 M with a warm-up (on the 10-term list) and all runs, and ${data.markjsSlowRuns} time(s) at 1,000 terms on the 1 MB page (MARKJS_SLOW_RUNS=5 for all five; each takes tens of seconds); not at all with more aliases.`);
  line('- The floor wraps precomputed ranges (taken from newsmark\'s own output, so it produces the identical DOM: same marks, same attributes) with `splitText` + `createElement` + `insertBefore`, and undoes them; in css mode it creates one `Range` per match and adds it to one `Highlight` per category. It does no matching and no text reading.');
  line('- scan: `hl.scan(text)` of the page\'s text as newsmark reads it (`readBlocks`), including building the result array; MB/s counts UTF-16 characters as bytes.');
  line('- Transfer size: gzip -9 of www/pkg/newsmark_bg.wasm (the default dictionary is embedded in it) and www/pkg/newsmark.js.');
  writeFileSync(join(dir, 'report.md'), `${md.join('\n')}\n`);

  const summary = ['target | measured | goal | met', ...targets.map((t) => `${t.name} | ${t.display} | ${t.goalDisplay} | ${t.met ? 'met' : 'MISSED'}`)].join('\n');
  return { files: ['target/bench/report.md', 'target/bench/report.json', 'target/bench/chart.svg'], summary };
}

function chartSvg(data, series, main) {
  const W = 760;
  const H = 440;
  const m = { left: 70, right: 180, top: 40, bottom: 56 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const keys = ['10', '100', '1000', 'default', '100k'];
  const defs = [
    { tool: 'markjs', label: 'mark.js 8.11.1', color: '#d62728', dash: '' },
    { tool: 'newsmark-mark', label: 'newsmark (mark)', color: '#1f77b4', dash: '' },
    { tool: 'newsmark-css', label: 'newsmark (css)', color: '#17becf', dash: '6 4' },
    { tool: 'floor-mark', label: 'plain-JS floor (mark)', color: '#555555', dash: '2 3' },
  ];
  const points = defs.map((d) => ({
    ...d,
    points: keys.map((key) => {
      const s = series(main, key, d.tool);
      const row = data.runs.find((r) => r.page === main && r.dictionary === key);
      return s && row ? { x: row.aliases, ...s } : null;
    }).filter(Boolean),
  }));
  const all = points.flatMap((p) => p.points);
  const xMin = 1;
  const xMax = 5;
  const yMin = Math.floor(Math.log10(Math.min(...all.map((p) => p.min))));
  const yMax = Math.ceil(Math.log10(Math.max(...all.map((p) => p.max))));
  const X = (v) => m.left + ((Math.log10(v) - xMin) / (xMax - xMin)) * pw;
  const Y = (v) => m.top + ph - ((Math.log10(v) - yMin) / (yMax - yMin)) * ph;
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  out.push(`<text x="${m.left}" y="22" font-size="14" font-weight="600">Highlight time vs number of aliases — ${esc(data.pages[main].title)}</text>`);
  // Grid and axes.
  for (let e = xMin; e <= xMax; e++) {
    const x = X(10 ** e);
    out.push(`<line x1="${x}" y1="${m.top}" x2="${x}" y2="${m.top + ph}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${x}" y="${m.top + ph + 18}" text-anchor="middle">${(10 ** e).toLocaleString('en')}</text>`);
  }
  for (let e = yMin; e <= yMax; e++) {
    const y = Y(10 ** e);
    out.push(`<line x1="${m.left}" y1="${y}" x2="${m.left + pw}" y2="${y}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${m.left - 8}" y="${y + 4}" text-anchor="end">${10 ** e >= 1 ? (10 ** e).toLocaleString('en') : 10 ** e}</text>`);
    if (e < yMax) {
      for (const k of [2, 5]) {
        const yy = Y(k * 10 ** e);
        out.push(`<line x1="${m.left}" y1="${yy}" x2="${m.left + pw}" y2="${yy}" stroke="#f3f3f3"/>`);
      }
    }
  }
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>`);
  out.push(`<text x="${m.left + pw / 2}" y="${H - 14}" text-anchor="middle">aliases in the dictionary (log scale)</text>`);
  out.push(`<text transform="translate(18 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">highlight time, ms (log scale)</text>`);
  const defaultAliases = data.runs.find((r) => r.page === main && r.dictionary === 'default')?.aliases;
  if (defaultAliases) {
    const x = X(defaultAliases);
    out.push(`<line x1="${x}" y1="${m.top}" x2="${x}" y2="${m.top + ph}" stroke="#bbb" stroke-dasharray="3 3"/>`);
    out.push(`<text x="${x + 4}" y="${m.top + 12}" fill="#777" font-size="11">default (${defaultAliases.toLocaleString('en')})</text>`);
  }
  // Series: line through medians, min–max whiskers, dots.
  for (const s of points) {
    if (!s.points.length) continue;
    const path = s.points.map((p, i) => `${i ? 'L' : 'M'}${X(p.x).toFixed(1)} ${Y(p.median).toFixed(1)}`).join(' ');
    out.push(`<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    for (const p of s.points) {
      const x = X(p.x).toFixed(1);
      out.push(`<line x1="${x}" y1="${Y(p.min).toFixed(1)}" x2="${x}" y2="${Y(p.max).toFixed(1)}" stroke="${s.color}" stroke-width="1"/>`);
      out.push(`<circle cx="${x}" cy="${Y(p.median).toFixed(1)}" r="3.5" fill="${s.color}"><title>${esc(s.label)}: ${p.x.toLocaleString('en')} aliases, ${p.median.toFixed(1)} ms (${p.min.toFixed(1)}–${p.max.toFixed(1)})</title></circle>`);
    }
  }
  // Legend.
  points.forEach((s, i) => {
    const y = m.top + 14 + i * 22;
    const x = m.left + pw + 16;
    out.push(`<line x1="${x}" y1="${y}" x2="${x + 26}" y2="${y}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    out.push(`<circle cx="${x + 13}" cy="${y}" r="3.5" fill="${s.color}"/>`);
    out.push(`<text x="${x + 32}" y="${y + 4}">${esc(s.label)}</text>`);
  });
  const note = m.top + 14 + points.length * 22 + 10;
  out.push(`<text x="${m.left + pw + 16}" y="${note}" fill="#666" font-size="11">median, bars: min–max</text>`);
  out.push(`<text x="${m.left + pw + 16}" y="${note + 15}" fill="#666" font-size="11">of ${data.runsPerMeasurement} runs, Chromium ${esc(data.machine.chromium.split('.')[0])}</text>`);
  const slow = data.runs.filter((r) => r.page === main && r.tool === 'markjs' && r.dictionary === '1000').length;
  if (slow && slow < data.runsPerMeasurement) {
    out.push(`<text x="${m.left + pw + 16}" y="${note + 30}" fill="#666" font-size="11">(mark.js at 1,000: ${slow} run${slow > 1 ? 's' : ''})</text>`);
  }
  // Matches per dictionary: the 100k dictionary holds the first 1,000 aliases plus synthetic ones,
  // so it finds what 1,000 finds, fewer than the default.
  out.push(`<text x="${m.left + pw + 16}" y="${note + 55}" fill="#333" font-size="11" font-weight="600">matches on the page</text>`);
  keys.forEach((key, i) => {
    const row = data.runs.find((r) => r.page === main && r.dictionary === key && r.tool === 'newsmark-mark');
    if (!row) return;
    out.push(`<text x="${m.left + pw + 16}" y="${note + 72 + i * 15}" fill="#666" font-size="11">${row.aliases.toLocaleString('en')} aliases: ${row.matches.toLocaleString('en')}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function esc(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
