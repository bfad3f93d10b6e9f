// The package as an app gets it: `npm pack` of dist/npm, installed offline into a small Vite app
// (tests/package/vite-app/, copied into target/) as a `file:` dependency, `vite build`, then the
// built app served and opened in headless Chromium. Proves the packed files are enough, the exports
// resolve, Vite emits the wasm the glue asks for with new URL(…, import.meta.url), and both the
// JavaScript API and <newsmark-article> highlight the page.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { serve } from '../../scripts/serve.mjs';
import { DIST, ROOT, WORK, launch, newPage, requirePackage } from './helpers.mjs';

const HERE = join(ROOT, 'tests', 'package');
const BASE = join(WORK, 'vite');
const APP = join(BASE, 'app');

function npm(args, cwd) {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

describe('a Vite app built with the packed package', () => {
  let tarball;
  let server;
  let browser;

  before(async () => {
    requirePackage();
    rmSync(BASE, { recursive: true, force: true });
    mkdirSync(BASE, { recursive: true });
    const [packed] = JSON.parse(npm(['pack', DIST, '--pack-destination', BASE, '--json', '--silent'], ROOT));
    tarball = packed.filename;
    cpSync(join(HERE, 'vite-app'), APP, { recursive: true });
    writeFileSync(join(APP, 'package.json'), `${JSON.stringify({
      name: 'newsmark-vite-test',
      private: true,
      type: 'module',
      dependencies: { newsmark: `file:../${tarball}` },
    }, null, 2)}\n`);
    npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'], APP);
    await build({ root: APP, logLevel: 'warn', build: { outDir: join(APP, 'dist'), emptyOutDir: true } });
    server = await serve({ '/': join(APP, 'dist') });
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('installs from the tarball with the files the exports name', () => {
    const installed = join(APP, 'node_modules', 'newsmark');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    const targets = Object.values(manifest.exports).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)));
    for (const target of [...targets, manifest.types, manifest.main]) {
      assert.ok(existsSync(join(installed, target)), `${target} is in the tarball`);
    }
  });

  it('emits the wasm once, as an asset of the build', () => {
    const assets = readdirSync(join(APP, 'dist', 'assets'));
    const wasm = assets.filter((name) => name.endsWith('.wasm'));
    assert.equal(wasm.length, 1, assets.join(', '));
    const js = assets.filter((name) => name.endsWith('.js')).map((name) => readFileSync(join(APP, 'dist', 'assets', name), 'utf8')).join('\n');
    assert.ok(js.includes(wasm[0]), 'the bundle refers to the emitted wasm');
    assert.ok(js.includes('newsmark-article'), 'sideEffects kept the element registration');
  });

  it('highlights the page with the API and the element', async () => {
    const page = await newPage(browser);
    const wasmRequests = [];
    page.on('request', (request) => { if (request.url().endsWith('.wasm')) wasmRequests.push(request.url()); });
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => window.app, null, { timeout: 20_000 });
    const r = await page.evaluate(() => ({
      app: window.app,
      api: [...document.querySelectorAll('#api mark.newsmark')].map((m) => m.dataset.newsmarkEntry),
      element: [...document.querySelectorAll('#element mark.newsmark')].map((m) => m.dataset.newsmarkEntry),
      legend: document.getElementById('element').shadowRoot.querySelectorAll('[part=legend-item]').length,
      colour: getComputedStyle(document.querySelector('#api mark[data-newsmark-entry="vladimir-putin"]')).backgroundColor,
    }));
    assert.ok(r.app.api >= 6, `API total ${r.app.api}`);
    for (const id of ['vladimir-putin', 'kim-jong-un', 'prk', 'rus', 'ukr']) assert.ok(r.api.includes(id), id);
    assert.equal(r.colour, 'rgb(255, 175, 204)');
    assert.ok(r.app.element >= 4, `element total ${r.app.element}`);
    for (const id of ['chn', 'irn', 'usa', 'kor']) assert.ok(r.element.includes(id), id);
    assert.ok(r.legend >= 1);
    assert.equal(r.app.sameGlue, true, '"newsmark/core" is the glue "newsmark" uses');
    assert.match(r.app.wasmUrl, /\.wasm$/);
    assert.equal(r.app.wasmStatus, 200);
    assert.equal(new Set(wasmRequests.map((u) => new URL(u).pathname)).size, 1);
    assert.deepEqual(page.problems, []);
    await page.close();
  });
});
