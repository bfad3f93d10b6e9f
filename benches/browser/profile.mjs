// Where newsmark's highlight time goes: a CPU profile (CDP sampling) of `highlight` on one of the
// benchmark pages, grouped into wasm, glue JavaScript, string decoding, DOM calls and GC, with the
// top functions. Uses the pages and dictionaries `make bench` wrote to target/bench/pages.
//
//   node benches/browser/profile.mjs [PAGE] [DICTIONARY] [MODE]
//   node benches/browser/profile.mjs news-1mb default mark      (the defaults)
//
// The profiler slows everything down; compare groups, not absolute times, with `make bench`.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS, ROOT } from '../../tests/browser/helpers.mjs';

const [pageName = 'news-1mb', key = 'default', mode = 'mark'] = process.argv.slice(2);
const RUNS = 3;
const pages = join(ROOT, 'target/bench/pages');
if (!existsSync(join(pages, `${pageName}.html`))) {
  console.error(`profile: ${pages}/${pageName}.html not found; run \`make bench\` first`);
  process.exit(1);
}

const server = await serve({
  '/': join(ROOT, 'www'),
  '/bench/': pages,
  '/harness/': join(ROOT, 'benches/browser'),
  '/vendor/': join(ROOT, 'node_modules/mark.js/dist'),
});
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'] });
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/bench/${pageName}.html`);
  await page.addScriptTag({ url: '/harness/bench-page.js', type: 'module' });
  await page.waitForFunction(() => window.benchReady === true);
  await page.evaluate(async (key) => {
    const json = key === 'default' ? null : await (await fetch(`/bench/dict-${key}.json`)).text();
    return window.bench.prepare(key, json);
  }, key);
  const highlightOnce = () => page.evaluate(([key, mode]) => {
    const t0 = performance.now();
    window.bench.highlighter(key).highlight(document.body, { mode });
    return performance.now() - t0;
  }, [key, mode]);
  const clear = () => page.evaluate((key) => window.bench.highlighter(key).clear(document.body), key);
  // Warm-up.
  for (let i = 0; i < 2; i++) {
    await page.evaluate(() => window.bench.reset());
    await highlightOnce();
    await clear();
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const self = new Map();
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    await page.evaluate(() => window.bench.reset());
    await cdp.send('Profiler.start');
    times.push(await highlightOnce());
    const { profile } = await cdp.send('Profiler.stop');
    await clear();
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const { functionName, url, lineNumber } = nodes.get(id).callFrame;
      const name = `${functionName || '(anonymous)'}${url ? ` ${url.split('/').pop()}:${lineNumber + 1}` : ''}`;
      self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000 / RUNS);
    });
  }
  const group = (name) => {
    if (/^\((program|idle)\)/.test(name)) return null; // outside the call: rendering, idle
    if (name.startsWith('wasm-function')) return 'wasm';
    if (/^(decode|encode|encodeInto) /.test(name) || /^(decode|encode|encodeInto)$/.test(name)) return 'TextDecoder / TextEncoder';
    if (name.startsWith('(garbage collector)')) return 'GC';
    if (/^(wasm-to-js|js-to-wasm)/.test(name)) return 'boundary';
    if (name.includes('newsmark.js')) return 'glue JavaScript';
    if (name.includes('bench-page.js')) return 'benchmark';
    return 'DOM and other natives';
  };
  const groups = new Map();
  for (const [name, ms] of self) {
    const g = group(name);
    if (g) groups.set(g, (groups.get(g) ?? 0) + ms);
  }
  const total = [...groups.values()].reduce((a, b) => a + b, 0);
  const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]);
  console.log(`${pageName} × ${key} × ${mode}: highlight ${times.map((t) => t.toFixed(0)).join(', ')} ms under the profiler`);
  console.log(`\nself time per run, by group (${total.toFixed(0)} ms sampled inside the call):`);
  for (const [g, ms] of sorted(groups)) console.log(`  ${g.padEnd(26)} ${ms.toFixed(1).padStart(7)} ms  ${((100 * ms) / total).toFixed(0).padStart(3)} %`);
  console.log('\ntop functions:');
  for (const [name, ms] of sorted(self).filter(([n]) => group(n)).slice(0, 20)) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${name}`);
} finally {
  await browser.close();
  await server.close();
}
