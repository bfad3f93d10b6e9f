// The dictionary library in storage.local (www/extension/background/dictionaries.js, validate.js), with
// the real wasm engine in Node: imports are validated before anything is written, errors name the file
// (and the JSONL line), damaged records are reported without losing the others, the schema-0 layout is
// migrated, and an index that lost a record is repaired.

import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeBrowser } from '../fake-browser.mjs';
import { nodeWasm } from '../support.mjs';
import * as library from '../../../www/extension/background/dictionaries.js';
import { buildUsableStack, describeError } from '../../../www/extension/background/validate.js';

const { Highlighter } = await nodeWasm();
let fake;
beforeEach(() => {
  fake = installFakeBrowser();
});

const ACME = JSON.stringify({ name: 'acme', entries: [{ id: 'acme', label: 'Acme', category: 'organization', aliases: ['Acme Corp'] }] });
const words = (highlighter, text) => highlighter.scan(text).map((m) => m.entry);

describe('import', () => {
  it('stores a good dictionary with a schema and an index', async () => {
    const { record } = await library.importDictionary(Highlighter, 'acme.json', ACME, true);
    assert.equal(record.name, 'acme');
    assert.equal(record.entries, 1);
    const local = fake.dump('local');
    assert.equal(local.schema, 1);
    assert.deepEqual(local.dictionaryIds, [record.id]);
    assert.equal(local[`dictionary:${record.id}`].json, ACME);
    const { highlighter, problems } = await library.usableStack(Highlighter, true);
    assert.deepEqual(problems, []);
    assert.deepEqual(words(highlighter, 'Acme Corp met Russia'), ['acme', 'rus']);
  });

  it('a bad dictionary is an error naming the file, entry and field; nothing is written', async () => {
    await library.importDictionary(Highlighter, 'acme.json', ACME, true);
    const before = fake.dump('local');
    const bad = JSON.stringify({ entries: [{ id: 'x', label: 'X', category: 'nope', aliases: ['x'] }] });
    await assert.rejects(library.importDictionary(Highlighter, 'mine.json', bad, true),
      /^Error: dictionary 'mine\.json': entry 'x' \(index 0\): field 'category': unknown category 'nope'/);
    await assert.rejects(library.importDictionary(Highlighter, 'empty.json', '  ', true), /empty\.json: the file is empty/);
    assert.deepEqual(fake.dump('local'), before);
  });

  it('JSONL is converted; engine errors name the line', async () => {
    const { record, notes } = await library.importDictionary(Highlighter, 'r.jsonl', '{"label": "PERSON", "pattern": "Peskov", "id": "peskov"}\n', true);
    assert.equal(record.format, 'spacy');
    assert.deepEqual(notes, []);
    await assert.rejects(library.importDictionary(Highlighter, 'o.jsonl', '\n{"label": "PERSON", "pattern": "A"}\n{"label": "ORG", "pattern": " - ", "id": "b"}', true),
      /dictionary 'o\.jsonl': line 3 \(entry 'b'\): field 'aliases\[0\]': empty alias/);
  });

  it('format detection: extension first, then content', () => {
    assert.equal(library.isJsonl('a.jsonl', '{}'), true);
    assert.equal(library.isJsonl('a.json', '{"a":1}\n{"b":2}'), false);
    assert.equal(library.isJsonl('a.txt', '{"label":"A","pattern":"x"}\n{"label":"A","pattern":"y"}'), true);
    assert.equal(library.isJsonl('a.txt', '{"entries": []}'), false);
  });
});

describe('stored data', () => {
  it('a damaged record is reported and left out; the others stay usable', async () => {
    const { record } = await library.importDictionary(Highlighter, 'acme.json', ACME, true);
    await fake.storage.local.set({ 'dictionary:bad': { id: 'bad', fileName: 'bad.json', json: '{"entries": [' }, dictionaryIds: [record.id, 'bad'] });
    const { highlighter, problems, records } = await library.usableStack(Highlighter, true);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /dictionary 'bad\.json' is damaged in storage: the dictionary is not valid JSON/);
    assert.deepEqual(words(highlighter, 'Acme Corp'), ['acme']);
    assert.equal(records.find((r) => r.id === 'bad').damaged.startsWith('the dictionary is not valid JSON'), true);
    assert.equal(fake.dump('local')['dictionary:bad'].json, '{"entries": [', 'never deleted behind the user\'s back');
  });

  it('a valid record that no longer builds (its category went away) is left out with the reason', async () => {
    const own = JSON.stringify({ categories: { place: { kind: 'actor' } }, entries: [] });
    const uses = JSON.stringify({ entries: [{ id: 'p', label: 'P', category: 'place', aliases: ['Pville'] }] });
    const a = (await library.importDictionary(Highlighter, 'place.json', own, true)).record;
    await library.importDictionary(Highlighter, 'uses.json', uses, true);
    await library.importDictionary(Highlighter, 'acme.json', ACME, true);
    await fake.storage.local.set({ [`dictionary:${a.id}`]: { ...fake.dump('local')[`dictionary:${a.id}`], enabled: false } });
    const { highlighter, problems, layers } = await library.usableStack(Highlighter, true);
    assert.deepEqual(layers.map((l) => l.name), ['acme.json']);
    assert.match(problems[0], /^dictionary 'uses\.json': entry 'p' \(index 0\): field 'category': unknown category 'place'.* left out/);
    assert.deepEqual(words(highlighter, 'Acme Corp in Pville'), ['acme']);
  });

  it('migrates the schema-0 layout into one record per dictionary', async () => {
    await fake.storage.local.set({ dictionaries: [{ name: 'old.json', json: ACME }, { name: 'off.json', json: ACME, enabled: false }] });
    const { records, problems } = await library.load();
    assert.deepEqual(problems, []);
    assert.deepEqual(records.map((r) => [r.fileName, r.enabled]), [['old.json', true], ['off.json', false]]);
    const local = fake.dump('local');
    assert.equal(local.schema, 1);
    assert.equal('dictionaries' in local, false);
    assert.equal(local.dictionaryIds.length, 2);
  });

  it('repairs an index that lost a record or lists a missing one', async () => {
    await fake.storage.local.set({ schema: 1, dictionaryIds: ['gone'], 'dictionary:orphan': { id: 'orphan', fileName: 'o.json', json: ACME, enabled: true } });
    const { records } = await library.load();
    assert.deepEqual(records.map((r) => r.id), ['orphan']);
    assert.deepEqual(fake.dump('local').dictionaryIds, ['orphan']);
  });

  it('enable, export and remove', async () => {
    const { record } = await library.importDictionary(Highlighter, 'acme.json', ACME, true);
    await library.setEnabled(Highlighter, record.id, false, true);
    assert.deepEqual(library.layersOf((await library.load()).records), []);
    await library.setEnabled(Highlighter, record.id, true, true);
    assert.equal(library.layersOf((await library.load()).records).length, 1);
    assert.deepEqual(JSON.parse((await library.exportDictionary(record.id, 'json')).text), JSON.parse(ACME));
    assert.equal((await library.exportDictionary(record.id, 'jsonl')).text, '{"label":"ORGANIZATION","pattern":"Acme Corp","id":"acme"}\n');
    await library.removeDictionary(record.id);
    assert.deepEqual(fake.dump('local').dictionaryIds, []);
    assert.equal(`dictionary:${record.id}` in fake.dump('local'), false);
  });
});

describe('validate', () => {
  it('describeError puts file names and lines back', () => {
    const layers = [{ name: 'a.json', json: '{}' }, { name: 'b.jsonl', json: '{}', lines: [4, 9] }];
    assert.equal(describeError("dictionary 'dictionaries[0]': line 1, column 2: not valid JSON", layers), "dictionary 'a.json': line 1, column 2: not valid JSON");
    assert.equal(describeError("dictionary 'dictionaries[1]': entry 'x' (index 1): field 'category': bad", layers), "dictionary 'b.jsonl': line 9 (entry 'x'): field 'category': bad");
    assert.equal(describeError("dictionary 'dictionaries[1]': entry at index 0: field 'id': bad", layers), "dictionary 'b.jsonl': line 4: field 'id': bad");
    assert.equal(describeError('something else', layers), 'something else');
  });

  it('buildUsableStack keeps the good layers in order', () => {
    const good = { name: 'good.json', json: ACME };
    const bad = { name: 'bad.json', json: '{' };
    const { highlighter, layers, problems } = buildUsableStack(Highlighter, [bad, good], true);
    assert.deepEqual(layers, [good]);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^dictionary 'bad\.json': line 1, column 1: not valid JSON/);
    highlighter.free();
  });
});
