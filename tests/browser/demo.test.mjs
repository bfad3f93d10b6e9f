// End to end: the demo page as a reader sees it — the seed article highlighted with counts, the
// legend toggles, jumping to an entry, n/p keys, the co-occurrence table and chart, pasting an
// article, loading a good and a bad dictionary, the mode switch. Saves a screenshot under target/.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveProject, launch, screenshotPath } from './helpers.mjs';

describe('demo page', () => {
  let server;
  let browser;
  let page;
  const problems = [];

  before(async () => {
    server = await serveProject();
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on('pageerror', (error) => problems.push(error.message));
    // The page's CSP refusing the pasted HTML's inline handler is the defence working, not a problem.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('Content Security Policy')) problems.push(message.text());
    });
    // The page fetches nothing but its own origin.
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith('data:')) problems.push(`foreign request ${request.url()}`);
    });
    await page.goto(`${server.url}/`);
    await page.waitForSelector('body[data-ready=true]');
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the seed article highlighted with counts', async () => {
    const state = await page.evaluate(() => ({
      mode: document.getElementById('mode').value,
      total: document.getElementById('total').textContent,
      highlights: [...CSS.highlights.keys()],
      actors: [...document.querySelectorAll('#actors .entry')].map((b) => b.dataset.entry),
      topics: [...document.querySelectorAll('#topics .entry')].map((b) => b.dataset.entry),
      legendCountry: document.querySelector('#legend input[data-category=country]').closest('label').querySelector('.count').textContent,
      rows: document.querySelectorAll('#cooccurrence tbody tr').length,
      edges: document.querySelectorAll('#chart path').length,
      marks: document.querySelectorAll('#article mark').length,
    }));
    assert.equal(state.mode, 'css');
    assert.match(state.total, /^\d+ matches$/);
    assert.ok(Number.parseInt(state.total, 10) > 50, state.total);
    assert.equal(state.marks, 0, 'css mode does not touch the DOM');
    for (const id of ['newsmark-country', 'newsmark-person', 'newsmark-arms']) assert.ok(state.highlights.includes(id), id);
    for (const id of ['rus', 'prk', 'vladimir-putin', 'kim-jong-un', 'west', 'ukr', 'chn', 'irn', 'usa', 'kor']) {
      assert.ok(state.actors.includes(id), `actor ${id}`);
    }
    assert.ok(state.topics.length >= 6);
    assert.ok(Number(state.legendCountry) >= 20);
    assert.ok(state.rows > 5 && state.edges > 5);
    await page.screenshot({ path: screenshotPath('demo.png'), fullPage: true });
  });

  it('switches to mark mode and back', async () => {
    await page.selectOption('#mode', 'mark');
    const marks = await page.locator('#article mark.newsmark').count();
    assert.ok(marks > 50, `${marks} marks`);
    const putin = page.locator('#article mark[data-newsmark-entry="vladimir-putin"]').first();
    const colour = await putin.evaluate((m) => getComputedStyle(m).backgroundColor);
    assert.equal(colour, 'rgb(255, 175, 204)');
    await page.screenshot({ path: screenshotPath('demo-mark-mode.png') });
    await page.selectOption('#mode', 'css');
    assert.equal(await page.locator('#article mark').count(), 0);
  });

  it('legend toggles hide a category without re-reading the page', async () => {
    const toggle = page.locator('#legend input[data-category=country]');
    await toggle.uncheck();
    assert.equal(await page.evaluate(() => CSS.highlights.get('newsmark-country')?.size ?? 0), 0);
    await toggle.check();
    assert.ok(await page.evaluate(() => CSS.highlights.get('newsmark-country').size) > 10);
  });

  it('clicking an actor jumps to its occurrences; n and p step through all', async () => {
    await page.click('#actors .entry[data-entry="kim-jong-un"]');
    assert.match(await page.textContent('#position'), /^Kim Jong Un · 1 of 3$/);
    await page.click('#actors .entry[data-entry="kim-jong-un"]');
    assert.match(await page.textContent('#position'), /· 2 of 3$/);
    await page.click('#article');
    await page.keyboard.press('n');
    const first = await page.textContent('#position');
    await page.keyboard.press('n');
    await page.keyboard.press('p');
    assert.equal(await page.textContent('#position'), first);
    assert.equal(await page.evaluate(() => CSS.highlights.has('newsmark-current')), true);
  });

  it('re-highlights a pasted article', async () => {
    await page.click('#input-panel summary');
    await page.fill('#paste', 'Tell us more.\n\nThe US and Iran met in Kyiv about sanctions.');
    await page.click('#use-paste');
    const actors = await page.$$eval('#actors .entry', (buttons) => buttons.map((b) => b.dataset.entry));
    assert.deepEqual(actors.sort(), ['irn', 'ukr', 'usa']);
    assert.equal(await page.textContent('#total'), '4 matches');
  });

  it('pastes HTML as text blocks, never running its scripts', async () => {
    await page.fill('#paste', '<html><body><nav>Menu China</nav><article><h1>Putin</h1><p>Met <b>Xi</b><img src=x onerror="window.hacked=1"></p><script>window.hacked=2</script></article></body></html>');
    await page.click('#use-paste');
    const result = await page.evaluate(() => ({ hacked: window.hacked, text: document.getElementById('article').textContent }));
    assert.equal(result.hacked, undefined);
    assert.ok(result.text.includes('Putin') && !result.text.includes('Menu'));
  });

  it('loads a dictionary, and keeps the previous one when the file is bad', async () => {
    const good = JSON.stringify({ entries: [{ id: 'met', label: 'Meeting', category: 'diplomacy', aliases: ['met'] }] });
    await page.setInputFiles('#dictionary-file', { name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(good) });
    await page.waitForFunction(() => document.getElementById('dictionary-status').classList.contains('ok'));
    assert.ok(await page.$('#topics .entry[data-entry="met"]'));
    const bad = '{"entries": [{"id": "x", "label": "X", "category": "country", "country": "XX", "aliases": ["x"]}]}';
    await page.setInputFiles('#dictionary-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    await page.waitForFunction(() => document.getElementById('dictionary-status').classList.contains('error'));
    const status = await page.textContent('#dictionary-status');
    assert.match(status, /bad\.json: .*entry 'x' \(index 0\): field 'country'.*previous dictionary is kept/);
    assert.ok(await page.$('#topics .entry[data-entry="met"]'), 'the previous dictionary still applies');
  });

  it('had no page errors and fetched nothing from elsewhere', () => {
    assert.deepEqual(problems, []);
  });
});
