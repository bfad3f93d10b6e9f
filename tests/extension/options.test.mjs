// The options page end to end: importing a good newsmark dictionary (its entries then highlight
// pages), a bad one (the error names the file, entry and field; stored data is unchanged), spaCy JSONL
// (string patterns imported, token patterns skipped with a note, errors naming the line), a damaged
// stored dictionary (reported, the others keep working), the default dictionary switch, the scope
// setting, and a site added to the auto-highlight list (then highlighted as soon as it loads).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, launchWithExtension, messenger, readHighlights, serveFixtures, tabIdOf } from './support.mjs';

let server;
let ext;
let bg;
let options;

before(async () => {
  server = await serveFixtures();
  ext = await launchWithExtension();
  bg = await messenger(ext);
  options = await ext.context.newPage();
  await options.goto(ext.url('options/options.html'));
  await options.waitForFunction(() => document.body.dataset.ready === 'true');
});
after(async () => {
  await ext?.close();
  await server?.close();
});

const stored = () => ext.worker.evaluate(() => chrome.storage.local.get(null));

/** Imports a file through the options page's file input; answers the result line. */
async function importFile(name, text) {
  await options.evaluate(() => {
    document.getElementById('import-result').textContent = '';
  });
  await options.setInputFiles('#import-file', { name, mimeType: 'application/octet-stream', buffer: Buffer.from(text) });
  await options.waitForFunction(() => /^(Imported|Not imported)/.test(document.getElementById('import-result').textContent)
    && document.body.dataset.ready === 'true');
  return options.textContent('#import-result');
}

/** Highlights a fixture and answers the entry ids found (then turns it off again). */
async function entriesOn(path) {
  const page = await ext.context.newPage();
  await page.goto(`${server.url}${path}`);
  const tabId = await tabIdOf(ext, page);
  await bg.call({ type: 'newsmark:toggle', tabId });
  const { entries, error } = await bg.call({ type: 'newsmark:details', tabId });
  await bg.call({ type: 'newsmark:toggle', tabId });
  await page.close();
  assert.equal(error, null);
  return entries.map((e) => e.id);
}

const GOOD = JSON.stringify({
  name: 'space ports',
  entries: [
    { id: 'vostochny', label: 'Vostochny Cosmodrome', category: 'space', aliases: ['Vostochny', 'Vostochny cosmodrome'] },
    { id: 'usa', disabled: true },
  ],
});

describe('importing dictionaries', () => {
  it('a good newsmark dictionary is stored, listed, and used on pages', async () => {
    const result = await importFile('spaceports.json', GOOD);
    assert.match(result, /^Imported space ports: 2 entries/);
    const rows = await options.$$eval('#dictionaries tbody tr', (trs) => trs.map((tr) => tr.textContent));
    assert.equal(rows.length, 1);
    assert.match(rows[0], /space ports/);
    const data = await stored();
    assert.equal(data.schema, 1);
    assert.equal(data.dictionaryIds.length, 1);
    const ids = await entriesOn('/article.html');
    assert.ok(ids.includes('vostochny'), `the new entry is found (${ids})`);
    assert.ok(!ids.includes('usa'), 'the disabled default entry is gone');
  });

  it('a bad dictionary shows the error (file, entry, field) and leaves stored dictionaries unchanged', async () => {
    const before = await stored();
    const bad = JSON.stringify({ entries: [{ id: 'acme', label: 'Acme', category: 'space', aliases: [] }] });
    const result = await importFile('acme.json', bad);
    assert.match(result, /^Not imported: dictionary 'acme\.json': entry 'acme' \(index 0\): field 'aliases': empty list/);
    assert.deepEqual(await stored(), before, 'storage is unchanged');
    const broken = await importFile('broken.json', '{"entries": [\n  {"id": "x",\n');
    assert.match(broken, /dictionary 'broken\.json': line 3, column \d+: not valid JSON/);
    assert.deepEqual(await stored(), before, 'storage is unchanged');
    assert.ok((await entriesOn('/article.html')).includes('vostochny'), 'the earlier dictionary still works');
  });

  it('spaCy EntityRuler JSONL: string patterns become entries, token patterns are skipped, errors name the line', async () => {
    const jsonl = [
      '{"label": "PERSON", "pattern": "Dmitry Peskov", "id": "peskov"}',
      '{"label": "PERSON", "pattern": "Peskov", "id": "peskov"}',
      '{"label": "PERSON", "pattern": [{"LOWER": "kremlin"}, {"LOWER": "spokesman"}]}',
      '',
      '{"label": "ORGANIZATION", "pattern": "Roscosmos"}',
    ].join('\n');
    const result = await importFile('ruler.jsonl', jsonl);
    assert.match(result, /^Imported ruler\.jsonl: 2 entries\.\nskipped 1 token pattern \(line 3\)/);
    const all = await stored();
    const record = all[`dictionary:${all.dictionaryIds[1]}`];
    assert.equal(record.format, 'spacy');
    assert.deepEqual(JSON.parse(record.json).entries, [
      { id: 'peskov', label: 'peskov', category: 'person', aliases: ['Dmitry Peskov', 'Peskov'] },
      { id: 'roscosmos', label: 'Roscosmos', category: 'organization', aliases: ['Roscosmos'] },
    ]);

    const before = await stored();
    const dashes = await importFile('dashes.jsonl', '{"label": "PERSON", "pattern": "Someone"}\n{"label": "ORG", "pattern": " - "}\n');
    assert.match(dashes, /^Not imported: dictionary 'dashes\.jsonl': line 2 \(entry 'line-2'\): field 'aliases\[0\]': empty alias/);
    const notJson = await importFile('bad.jsonl', '{"label": "PERSON", "pattern": "A"}\n{"label": PERSON}\n');
    assert.match(notJson, /^Not imported: bad\.jsonl: line 2: not valid JSON/);
    const noLabel = await importFile('nolabel.jsonl', '{"pattern": "A"}\n');
    assert.match(noLabel, /nolabel\.jsonl: line 1: field 'label'/);
    assert.deepEqual(await stored(), before, 'storage is unchanged');
  });

  it('exports a dictionary as newsmark JSON and as JSONL', async () => {
    const { dictionaries } = await bg.call({ type: 'newsmark:options-state' });
    const json = await bg.call({ type: 'newsmark:export-dictionary', id: dictionaries[0].id, format: 'json' });
    assert.equal(json.fileName, 'spaceports.json');
    assert.equal(JSON.parse(json.text).entries[0].id, 'vostochny');
    const jsonl = await bg.call({ type: 'newsmark:export-dictionary', id: dictionaries[1].id, format: 'jsonl' });
    assert.equal(jsonl.fileName, 'ruler.jsonl');
    assert.deepEqual(jsonl.text.trim().split('\n').map((l) => JSON.parse(l)), [
      { label: 'PERSON', pattern: 'Dmitry Peskov', id: 'peskov' },
      { label: 'PERSON', pattern: 'Peskov', id: 'peskov' },
      { label: 'ORGANIZATION', pattern: 'Roscosmos', id: 'roscosmos' },
    ]);
  });
});

describe('stored data', () => {
  it('a damaged stored dictionary is reported and left out; the others keep working', async () => {
    const before = await stored();
    await ext.worker.evaluate(async () => {
      const { dictionaryIds } = await chrome.storage.local.get('dictionaryIds');
      await chrome.storage.local.set({ 'dictionary:broken1': { id: 'broken1', fileName: 'old.json', json: '{"entries": [' }, dictionaryIds: [...dictionaryIds, 'broken1'] });
    });
    await options.reload();
    await options.waitForFunction(() => document.body.dataset.ready === 'true');
    const problems = await options.$$eval('#problems li', (items) => items.map((i) => i.textContent));
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], /dictionary 'old\.json' is damaged in storage: the dictionary is not valid JSON/);
    assert.ok((await entriesOn('/article.html')).includes('vostochny'), 'the good dictionary still works');
    const after = await stored();
    assert.deepEqual(after['dictionary:broken1'].json, '{"entries": [', 'the damaged record is kept for the user to export');
    const exported = await bg.call({ type: 'newsmark:export-dictionary', id: 'broken1', format: 'json' });
    assert.equal(exported.text, '{"entries": [', 'it can be exported as it is, to repair it');
    await bg.call({ type: 'newsmark:remove-dictionary', id: 'broken1' });
    assert.deepEqual(await stored(), before);
  });

  it('settings carry a schema; a pre-release layout is migrated', async () => {
    await ext.worker.evaluate(async () => {
      await chrome.storage.sync.clear();
      await chrome.storage.sync.set({ scope: 'page', hidden: ['trade', 42], autoSites: ['example.com'] });
    });
    const { settings } = await bg.call({ type: 'newsmark:options-state' });
    assert.deepEqual(settings, { schema: 1, useDefault: true, scope: 'page', hidden: [], autoSites: ['https://example.com'] });
    const sync = await ext.worker.evaluate(() => chrome.storage.sync.get(null));
    assert.deepEqual(Object.keys(sync), ['settings'], 'the old top-level keys are gone');
    assert.equal(sync.settings.schema, 1);
    assert.equal(sync.settings.scope, 'page', 'a valid old value is kept');
    assert.deepEqual(sync.settings.autoSites, ['https://example.com']);
    assert.deepEqual(sync.settings.hidden, [], 'an invalid old value falls back to the default');
    await bg.call({ type: 'newsmark:set-settings', patch: { scope: 'article', autoSites: [] } });
  });
});

describe('settings', () => {
  it('the default dictionary can be turned off (only user entries are found) and on again', async () => {
    await options.reload();
    await options.waitForFunction(() => document.body.dataset.ready === 'true');
    assert.equal(await options.isChecked('#use-default'), true);
    // The user dictionaries use default categories (space, person…): turning the default off must be refused.
    await options.click('#use-default');
    await options.waitForFunction(() => /cannot be turned off/.test(document.getElementById('import-result').textContent)
      && document.body.dataset.ready === 'true');
    assert.equal(await options.isChecked('#use-default'), true);
    // With a self-contained dictionary only, it works.
    const { dictionaries } = await bg.call({ type: 'newsmark:options-state' });
    for (const d of dictionaries) await bg.call({ type: 'newsmark:enable-dictionary', id: d.id, enabled: false });
    const own = JSON.stringify({ categories: { place: { kind: 'actor', color: '#ffd166' } }, entries: [{ id: 'seoul', label: 'Seoul', category: 'place', aliases: ['Seoul'] }] });
    assert.match(await importFile('places.json', own), /^Imported/);
    await options.click('#use-default');
    await options.waitForFunction(() => !document.getElementById('use-default').checked && document.body.dataset.ready === 'true');
    assert.deepEqual(await entriesOn('/article.html'), ['seoul']);
    await options.click('#use-default');
    await options.waitForFunction(() => document.getElementById('use-default').checked && document.body.dataset.ready === 'true');
    assert.ok((await entriesOn('/article.html')).includes('rus'));
  });

  it('scope: the whole page includes the navigation and footer', async () => {
    await options.check('#scope-page');
    await eventually(async () => (await bg.call({ type: 'newsmark:options-state' })).settings.scope === 'page', 'the scope to be saved');
    assert.ok((await entriesOn('/article.html')).includes('irn'), 'Iran (aside, footer) is found on the whole page');
    await options.check('#scope-article');
    await eventually(async () => (await bg.call({ type: 'newsmark:options-state' })).settings.scope === 'article', 'the scope to be saved');
    assert.ok(!(await entriesOn('/article.html')).includes('irn'), 'but not in the article');
  });

  it('a site added to the auto-highlight list is highlighted as soon as it loads', async () => {
    await options.fill('#site', server.url);
    await options.click('#site-form button');
    await options.waitForFunction(() => /will be highlighted automatically/.test(document.getElementById('site-result').textContent)
      && document.body.dataset.ready === 'true');
    assert.deepEqual(await options.$$eval('#sites li span', (s) => s.map((e) => e.textContent)), [server.url]);
    const page = await ext.context.newPage();
    await page.goto(`${server.url}/article.html`);
    const tabId = await tabIdOf(ext, page);
    await eventually(async () => (await bg.call({ type: 'newsmark:status', tabId })).on, 'the page to be highlighted automatically');
    assert.ok(Object.keys(await readHighlights(page)).length > 0);
    await page.reload();
    await eventually(async () => (await bg.call({ type: 'newsmark:status', tabId })).on
      && Object.keys(await readHighlights(page)).length > 0, 'the reloaded page to be highlighted again');
    await options.click('#sites li button');
    await options.waitForFunction(() => document.querySelectorAll('#sites li').length === 0);
    await page.close();
  });
});
