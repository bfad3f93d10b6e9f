// Builds the npm package in dist/npm/ from what `make wasm` produced and the embedding files of www/:
//
//   dist/npm/package.json       name newsmark, version from Cargo.toml, exports ".", "./wasm", "./core"
//   dist/npm/embed.js, .d.ts    the entry point (wasm API, highlightPage, <newsmark-article>)
//   dist/npm/newsmark-article.js
//   dist/npm/pkg/               the wasm-bindgen glue, its .d.ts and newsmark_bg.wasm
//   dist/npm/README.md, api.md  docs/embed.md and docs/api.md
//
// The layout under dist/npm/ is the layout of www/, so embed.js works unchanged in both places (it
// imports ./pkg/newsmark.js); every file is copied unchanged.
//
//   node scripts/package.mjs [OUT_DIR]      (default dist/npm)

import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(ROOT, process.argv[2] ?? 'dist/npm');

/** Files copied as they are: [source relative to ROOT, destination relative to OUT]. */
const FILES = [
  ['www/embed.js', 'embed.js'],
  ['www/embed.d.ts', 'embed.d.ts'],
  ['www/newsmark-article.js', 'newsmark-article.js'],
  ['www/pkg/newsmark.js', 'pkg/newsmark.js'],
  ['www/pkg/newsmark.d.ts', 'pkg/newsmark.d.ts'],
  ['www/pkg/newsmark_bg.wasm', 'pkg/newsmark_bg.wasm'],
  ['www/pkg/newsmark_bg.wasm.d.ts', 'pkg/newsmark_bg.wasm.d.ts'],
  ['docs/embed.md', 'README.md'],
  ['docs/api.md', 'api.md'],
];

/** The [package] fields of Cargo.toml that package.json repeats. */
function cargoPackage() {
  const toml = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8');
  const section = toml.split(/^\[/m).find((s) => s.startsWith('package]')) ?? '';
  const field = (name) => section.match(new RegExp(`^${name}\\s*=\\s*"([^"]*)"`, 'm'))?.[1];
  const version = field('version');
  if (!version) throw new Error('Cargo.toml: no [package] version');
  return { version, description: field('description'), license: field('license'), repository: field('repository') };
}

function main() {
  for (const [source] of FILES) {
    if (!existsSync(join(ROOT, source))) throw new Error(`${source} is missing (run \`make wasm\` first?)`);
  }
  const cargo = cargoPackage();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, 'pkg'), { recursive: true });
  for (const [source, target] of FILES) copyFileSync(join(ROOT, source), join(OUT, target));

  const manifest = {
    name: 'newsmark',
    version: cargo.version,
    description: cargo.description,
    license: cargo.license,
    ...(cargo.repository ? { repository: cargo.repository } : {}),
    keywords: ['news', 'highlight', 'named entities', 'aho-corasick', 'wasm', 'custom element'],
    type: 'module',
    main: './embed.js',
    module: './embed.js',
    types: './embed.d.ts',
    exports: {
      '.': { types: './embed.d.ts', default: './embed.js' },
      './wasm': './pkg/newsmark_bg.wasm',
      './core': { types: './pkg/newsmark.d.ts', default: './pkg/newsmark.js' },
      './package.json': './package.json',
    },
    files: ['embed.js', 'embed.d.ts', 'newsmark-article.js', 'pkg/', 'api.md'],
    // Importing the entry registers <newsmark-article>: bundlers must keep these modules.
    sideEffects: ['./embed.js', './newsmark-article.js'],
  };
  writeFileSync(join(OUT, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`package: ${OUT.slice(ROOT.length + 1) || OUT} (newsmark ${cargo.version})`);
}

main();
