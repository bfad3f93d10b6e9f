#!/usr/bin/env node
// `make sweep PAGES=DIR`: the real-page sweep over DIR/*/source.html (see lib.mjs for what is checked).
//
//   node tests/sweep/sweep.mjs DIR [--out target/sweep/report.md] [--only page1,page2] [--jobs 2]
//
// Prints one line per page, writes the Markdown table to --out, exits 1 if any page failed.

import { join } from 'node:path';
import { ROOT } from '../browser/helpers.mjs';
import { runSweep, reportMarkdown, writeReport } from './lib.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return null;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const out = option('--out') ?? join(ROOT, 'target', 'sweep', 'report.md');
const only = option('--only')?.split(',') ?? null;
const jobs = Number(option('--jobs') ?? process.env.SWEEP_JOBS ?? 2);
const dir = args[0];
if (!dir) {
  console.error('usage: node tests/sweep/sweep.mjs PAGES_DIR [--out FILE] [--only a,b] [--jobs N]');
  process.exit(2);
}

const started = Date.now();
const rows = await runSweep(dir, {
  only,
  jobs,
  onRow: (r) => {
    const times = r.markMs == null ? '' : ` mark ${r.markMs.toFixed(0)}/${r.clearMs.toFixed(0)} ms, css ${r.cssMs.toFixed(0)} ms`;
    console.log(`${r.ok ? 'pass' : 'FAIL'} ${r.page} (${(r.size / 1024).toFixed(0)} KB, ${r.matches ?? '?'} matches,${times}, ${r.ms} ms)`);
    for (const f of r.failures) console.log(`     ${f}`);
  },
});
const seconds = (Date.now() - started) / 1000;
writeReport(out, reportMarkdown(rows, { dir, seconds, jobs }));
const passed = rows.filter((r) => r.ok).length;
console.log(`sweep: ${passed}/${rows.length} pages passed in ${seconds.toFixed(1)} s; report: ${out}`);
if (rows.length === 0) {
  console.error(`sweep: no DIR/*/source.html under ${dir}`);
  process.exit(1);
}
process.exit(passed === rows.length ? 0 : 1);
