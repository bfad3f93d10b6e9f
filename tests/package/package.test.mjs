// dist/npm/ as npm and TypeScript users see it, without a browser: package.json (name, version from
// Cargo.toml, exports, types, files, sideEffects), what `npm pack` would publish, the entry point
// importing outside a browser, and the .d.ts files (every type they name exists, every export and
// member has a doc comment).

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, ROOT, requirePackage } from './helpers.mjs';
import { GLOBAL_TYPES, declarations, imported, typeNamesUsed } from './dts.mjs';

const read = (path) => readFileSync(path, 'utf8');

describe('dist/npm', () => {
  let manifest;
  before(() => {
    requirePackage();
    manifest = JSON.parse(read(join(DIST, 'package.json')));
  });

  it('package.json names the package, its version and its entry points', () => {
    const cargo = read(join(ROOT, 'Cargo.toml'));
    const version = cargo.split(/^\[/m).find((s) => s.startsWith('package]')).match(/^version\s*=\s*"([^"]+)"/m)[1];
    assert.equal(manifest.name, 'newsmark');
    assert.equal(manifest.version, version);
    assert.equal(manifest.type, 'module');
    assert.deepEqual(manifest.exports['.'], { types: './embed.d.ts', default: './embed.js' });
    assert.equal(manifest.exports['./wasm'], './pkg/newsmark_bg.wasm');
    assert.deepEqual(manifest.exports['./core'], { types: './pkg/newsmark.d.ts', default: './pkg/newsmark.js' });
    assert.equal(manifest.types, './embed.d.ts');
    assert.ok(manifest.sideEffects.includes('./embed.js'), 'the entry registers the element');
    assert.ok(manifest.sideEffects.includes('./newsmark-article.js'));
    assert.ok(!manifest.sideEffects.includes('./pkg/newsmark.js'), 'the glue alone can be tree-shaken');
    assert.ok(manifest.license && manifest.description);
  });

  it('npm pack publishes exactly the package files', () => {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: DIST, encoding: 'utf8' }));
    assert.equal(packed.name, 'newsmark');
    assert.deepEqual(packed.files.map((f) => f.path).sort(), [
      'README.md', 'api.md', 'embed.d.ts', 'embed.js', 'newsmark-article.js', 'package.json',
      'pkg/newsmark.d.ts', 'pkg/newsmark.js', 'pkg/newsmark_bg.wasm', 'pkg/newsmark_bg.wasm.d.ts',
    ]);
  });

  it('holds the current sources (www/ and docs/)', () => {
    for (const [source, target] of [['www/embed.js', 'embed.js'], ['www/newsmark-article.js', 'newsmark-article.js'],
      ['www/embed.d.ts', 'embed.d.ts'], ['www/pkg/newsmark.js', 'pkg/newsmark.js'], ['docs/embed.md', 'README.md']]) {
      assert.equal(read(join(DIST, target)), read(join(ROOT, source)), `${target} is ${source} (run \`make package\`)`);
    }
  });

  it('imports outside a browser without registering anything', async () => {
    const module = await import(pathToFileURL(join(DIST, 'embed.js')).href);
    for (const name of ['default', 'init', 'Highlighter', 'domRules', 'readBlocks', 'highlightPage', 'loadDictionary', 'NewsmarkArticle']) {
      assert.ok(name in module, name);
    }
    assert.equal(module.default, module.init);
  });

  it('every type the .d.ts files name is declared, imported or global', () => {
    for (const file of ['embed.d.ts', 'pkg/newsmark.d.ts']) {
      const text = read(join(DIST, file));
      const known = new Set([...declarations(text).flatMap((d) => [d.name, d.local]), ...imported(text), ...GLOBAL_TYPES]);
      const unknown = [...typeNamesUsed(text)].filter((name) => !known.has(name));
      assert.deepEqual(unknown, [], `${file} names types it does not declare or import`);
    }
  });

  it('the entry points export what their .d.ts says', async () => {
    const entry = await import(pathToFileURL(join(DIST, 'embed.js')).href);
    const values = declarations(read(join(DIST, 'embed.d.ts')))
      .filter((d) => ['class', 'function', 'default'].includes(d.kind) || (d.kind === 're-export' && !d.typeOnly))
      .map((d) => d.name);
    assert.ok(values.length >= 8, values.join(', '));
    for (const name of values) assert.ok(name in entry, `embed.js exports ${name}`);
  });

  it('embed.d.ts documents every export and member', () => {
    const undocumented = declarations(read(join(DIST, 'embed.d.ts'))).flatMap((d) => [
      ...(d.documented || d.kind === 're-export' || d.kind === 'default' || d.global ? [] : [d.name]),
      ...d.members.filter((m) => !m.documented).map((m) => `${d.name}.${m.name}`),
    ]);
    assert.deepEqual(undocumented, []);
  });

  it('the element\'s attributes and events are in embed.d.ts', () => {
    const dts = read(join(DIST, 'embed.d.ts'));
    const source = read(join(DIST, 'newsmark-article.js'));
    const attributes = JSON.parse(source.match(/observedAttributes = (\[[^\]]*\])/)[1].replace(/'/g, '"'));
    assert.deepEqual(attributes, ['dictionary', 'categories', 'mode', 'legend', 'live']);
    for (const attribute of attributes) assert.match(dts, new RegExp(`- \`${attribute}\`: `), attribute);
    for (const event of ['newsmark:highlighted', 'newsmark:error']) {
      assert.ok(source.includes(`'${event}'`), event);
      assert.match(dts, new RegExp(`'${event}': CustomEvent<`), event);
    }
  });

  it('the wasm .d.ts is typed: no `any` outside InitOutput, options and results by name', () => {
    const text = read(join(DIST, 'pkg/newsmark.d.ts'));
    const publicPart = text.replace(/export interface InitOutput \{[\s\S]*?\n\}/, '');
    assert.doesNotMatch(publicPart, /:\s*any\b/);
    for (const signature of ['highlight(root: Node, options?: HighlightOptions | null): Report', 'scan(text: string): ScanMatch[]',
      'next(filter?: string | null): Position | null', 'fromDictionaries(dictionaries: (string | object)[], options?: DictionaryOptions | null)']) {
      assert.ok(text.includes(signature), signature);
    }
  });

  // wasm-bindgen writes a function's doc comment into the .d.ts; `start` (the wasm start function,
  // src/web/mod.rs) has none yet. free() and [Symbol.dispose] are wasm-bindgen's own, undocumented.
  it('the wasm .d.ts documents every export and Highlighter method', () => {
    const undocumented = declarations(read(join(DIST, 'pkg/newsmark.d.ts')))
      .filter((d) => d.name !== 'InitOutput')
      .flatMap((d) => [
        ...(d.documented || d.kind === 'type' ? [] : [d.name]),
        ...d.members.filter((m) => !m.documented && !['free', '[Symbol.dispose]'].includes(m.name)).map((m) => `${d.name}.${m.name}`),
      ]);
    assert.deepEqual(undocumented, []);
  });
});
