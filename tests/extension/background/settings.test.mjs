// Settings in storage.sync (www/extension/background/settings.js): defaults, normalisation of damaged
// values, migration of the schema-0 layout, and checked updates.

import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeBrowser } from '../fake-browser.mjs';
import { DEFAULT_SETTINGS, getSettings, migrate, normalize, normalizeOrigin, updateSettings } from '../../../www/extension/background/settings.js';

let fake;
beforeEach(() => {
  fake = installFakeBrowser();
});

describe('settings', () => {
  it('defaults on an empty storage, written back with a schema', async () => {
    assert.deepEqual(await getSettings(), { ...DEFAULT_SETTINGS });
    assert.deepEqual(fake.dump('sync'), { settings: { ...DEFAULT_SETTINGS } });
  });

  it('normalize keeps valid fields and replaces damaged ones', () => {
    assert.deepEqual(normalize({ useDefault: 'no', scope: 'everything', hidden: ['a', 'a', 'b'], autoSites: ['example.org/x', 'ftp://x', 3] }),
      { schema: 1, useDefault: true, scope: 'article', hidden: ['a', 'b'], autoSites: [] });
    assert.deepEqual(normalize({ autoSites: ['example.org/x', 'http://127.0.0.1:8000/a'] }).autoSites, ['https://example.org', 'http://127.0.0.1:8000']);
    assert.deepEqual(normalize(null), { ...DEFAULT_SETTINGS });
  });

  it('migrates schema 0 (top-level fields) and removes the old keys', async () => {
    await fake.storage.sync.set({ useDefault: false, scope: 'page', other: 1 });
    assert.deepEqual(await getSettings(), { schema: 1, useDefault: false, scope: 'page', hidden: [], autoSites: [] });
    assert.deepEqual(Object.keys(fake.dump('sync')).sort(), ['other', 'settings']);
  });

  it('never overwrites settings written by a newer schema', async () => {
    await fake.storage.sync.set({ settings: { schema: 2, scope: 'page', future: true } });
    assert.equal((await getSettings()).scope, 'page');
    assert.equal(fake.dump('sync').settings.schema, 2);
    assert.deepEqual(migrate({ settings: { schema: 2 } }).changed, false);
  });

  it('updates are checked field by field', async () => {
    assert.equal((await updateSettings({ scope: 'page' })).scope, 'page');
    assert.deepEqual((await updateSettings({ autoSites: ['example.com'] })).autoSites, ['https://example.com']);
    await assert.rejects(updateSettings({ scope: 'all' }), /settings: field 'scope': expected "article" or "page", got "all"/);
    await assert.rejects(updateSettings({ colour: 1 }), /settings: unknown field 'colour'/);
    await assert.rejects(updateSettings({ autoSites: ['ftp://x'] }), /only http and https/);
    assert.equal((await getSettings()).scope, 'page', 'a rejected update changes nothing');
  });

  it('normalizeOrigin', () => {
    assert.equal(normalizeOrigin(' https://www.example.com/news/1 '), 'https://www.example.com');
    assert.throws(() => normalizeOrigin('not a site at all'), /is not a web address/);
  });
});
