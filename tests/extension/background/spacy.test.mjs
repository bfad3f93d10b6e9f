// spaCy EntityRuler JSONL ⇄ newsmark dictionary (www/extension/background/spacy.js): the mapping of
// docs/dictionary.md, and an error naming the line for every kind of bad line.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { categoryFor, fromJsonl, slug, toJsonl } from '../../../www/extension/background/spacy.js';

describe('fromJsonl', () => {
  it('groups string patterns by id into entries; label → category; entry label = id or pattern', () => {
    const { dictionary, lines, notes } = fromJsonl([
      '{"label": "ORG", "pattern": "Acme Corp", "id": "acme"}',
      '{"label": "ORG", "pattern": "Acme", "id": "acme"}',
      '{"label": "ORG", "pattern": "Acme", "id": "acme"}',
      '{"label": "GPE", "pattern": "Côte d’Ivoire"}',
      '{"label": "WORK_OF_ART", "pattern": "War and Peace"}',
    ].join('\r\n'), 'f.jsonl');
    assert.deepEqual(dictionary.entries, [
      { id: 'acme', label: 'acme', category: 'organization', aliases: ['Acme Corp', 'Acme'] },
      { id: 'cote-d-ivoire', label: 'Côte d’Ivoire', category: 'country', aliases: ['Côte d’Ivoire'] },
      { id: 'war-and-peace', label: 'War and Peace', category: 'work_of_art', aliases: ['War and Peace'] },
    ]);
    // Without known categories, the import defines every category it uses.
    assert.deepEqual(Object.keys(dictionary.categories), ['organization', 'country', 'work_of_art']);
    assert.equal(dictionary.categories.work_of_art.label, 'WORK_OF_ART');
    assert.equal(dictionary.categories.work_of_art.kind, 'actor');
    assert.deepEqual(lines, [1, 4, 5]);
    assert.deepEqual(notes, []);
    assert.equal(dictionary.name, 'f.jsonl');
  });

  it('defines only the categories the stack lacks', () => {
    const { dictionary } = fromJsonl('{"label": "ORG", "pattern": "Acme"}\n{"label": "EVENT", "pattern": "Davos"}\n', 'f.jsonl', new Set(['organization', 'country']));
    assert.deepEqual(Object.keys(dictionary.categories), ['event']);
    assert.match(dictionary.categories.event.color, /^#[0-9a-f]{6}$/);
  });

  it('skips token patterns with a note naming their lines, and ignores blank lines and a BOM', () => {
    const { dictionary, notes } = fromJsonl('\ufeff{"label": "PERSON", "pattern": [{"LOWER": "putin"}]}\n\n{"label": "PERSON", "pattern": "Putin"}\n', 'f.jsonl');
    assert.equal(dictionary.entries.length, 1);
    assert.deepEqual(notes, ['skipped 1 token pattern (line 1): only string patterns can be imported']);
  });

  it('a pattern without letters of a slug gets an id from its line', () => {
    assert.equal(fromJsonl('{"label": "PERSON", "pattern": "普京"}', 'f').dictionary.entries[0].id, 'line-1');
  });

  const errors = [
    ['not JSON', '{"label": "ORG", "pattern": "A"}\n{"label": ORG}', /^f\.jsonl: line 2: not valid JSON/],
    ['an array', '[1, 2]', /^f\.jsonl: line 1: expected an object/],
    ['no label', '{"pattern": "A"}', /^f\.jsonl: line 1: field 'label': expected a non-empty string/],
    ['a number as pattern', '{"label": "ORG", "pattern": 3}', /^f\.jsonl: line 1: field 'pattern': expected a string/],
    ['a blank pattern', '{"label": "ORG", "pattern": "  "}', /^f\.jsonl: line 1: field 'pattern'/],
    ['a numeric id', '{"label": "ORG", "pattern": "A", "id": 7}', /^f\.jsonl: line 1: field 'id': expected a string/],
    ['a bad id', '{"label": "ORG", "pattern": "A", "id": "a b"}', /^f\.jsonl: line 1: field 'id': 'a b' is not a valid entry id/],
    ['a label of symbols', '{"label": "$$", "pattern": "A"}', /^f\.jsonl: line 1: field 'label': '\$\$' cannot be turned into a category id/],
    ['one id, two labels', '{"label": "ORG", "pattern": "A", "id": "a"}\n{"label": "GPE", "pattern": "B", "id": "a"}', /^f\.jsonl: line 2: field 'label': id 'a' has label 'GPE' here but 'ORG' on line 1/],
    ['only token patterns', '{"label": "ORG", "pattern": [{"LOWER": "a"}]}', /only token patterns \(lines 1\)/],
    ['nothing', '\n\n', /no patterns/],
  ];
  for (const [name, text, message] of errors) {
    it(`error: ${name}`, () => assert.throws(() => fromJsonl(text, 'f.jsonl'), { message }));
  }
});

describe('helpers', () => {
  it('categoryFor and slug', () => {
    assert.equal(categoryFor('ORG'), 'organization');
    assert.equal(categoryFor('gpe'), 'country');
    assert.equal(categoryFor('HUMAN-RIGHTS'), 'human-rights');
    assert.equal(categoryFor('2020_EVENT'), 'event');
    assert.equal(categoryFor('$$'), null);
    assert.equal(slug('Acme Corp.'), 'acme-corp');
    assert.equal(slug('Élysée'), 'elysee');
    assert.equal(slug('北京'), null);
  });
});

describe('toJsonl', () => {
  it('one line per alias of each enabled entry; label = upper-case category; round trip', () => {
    const dictionary = { entries: [
      { id: 'usa', label: 'United States', category: 'country', aliases: ['United States', { text: 'US', case: 'sensitive' }] },
      { id: 'gone', disabled: true },
      { id: 'hr', label: 'Human rights', category: 'human-rights', aliases: ['human rights'] },
    ] };
    const text = toJsonl(dictionary);
    assert.deepEqual(text.trim().split('\n').map((l) => JSON.parse(l)), [
      { label: 'COUNTRY', pattern: 'United States', id: 'usa' },
      { label: 'COUNTRY', pattern: 'US', id: 'usa' },
      { label: 'HUMAN-RIGHTS', pattern: 'human rights', id: 'hr' },
    ]);
    const back = fromJsonl(text, 'x').dictionary.entries;
    assert.deepEqual(back.map((e) => [e.id, e.category, e.aliases]), [['usa', 'country', ['United States', 'US']], ['hr', 'human-rights', ['human rights']]]);
  });
});
