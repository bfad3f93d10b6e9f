// Builds the unpacked extension and its store packages (`make extension`):
//
//   dist/extension/            the unpacked extension (load it with "Load unpacked" / about:debugging)
//   dist/extension-test/       the same with host access to http://127.0.0.1 (tests only, never shipped)
//   dist/newsmark-chrome.zip   and dist/newsmark-firefox.zip, the store packages
//
// Why a script and not a bundler: the extension is plain ES modules, so building is copying — the
// sources under www/extension/ (minus these tools), the fallback walker www/walker.js, and the wasm
// package from www/pkg (built by `make wasm`) — plus stamping the version from Cargo.toml into the
// one manifest both browsers load, drawing the icons and zipping. Output is deterministic.

import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zip } from './zip.mjs';
import { ICON_SIZES, iconPng } from './icons.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SOURCE = join(ROOT, 'www', 'extension');
const PKG = join(ROOT, 'www', 'pkg');
const DIST = join(ROOT, process.argv[2] ?? 'dist');
/** Files of the wasm package the extension loads (the .d.ts files are for editors only). */
const PKG_FILES = ['newsmark.js', 'newsmark_bg.wasm'];
/** Origins the test copy may script without a user gesture (the tests' local server). */
const TEST_HOSTS = ['http://127.0.0.1/*'];

function fail(message) {
  console.error(`build-extension: ${message}`);
  process.exit(1);
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

for (const file of PKG_FILES) {
  if (!existsSync(join(PKG, file))) fail(`www/pkg/${file} is missing: run \`make wasm\` first`);
}
const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, 'Cargo.toml'), 'utf8'))?.[1];
if (!version) fail('no version in Cargo.toml');

const out = join(DIST, 'extension');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const file of files(SOURCE)) {
  const rel = relative(SOURCE, file);
  if (rel.split(sep)[0] === 'tools' || rel === 'manifest.json') continue;
  mkdirSync(dirname(join(out, rel)), { recursive: true });
  cpSync(file, join(out, rel));
}
cpSync(join(ROOT, 'www', 'walker.js'), join(out, 'walker.js'));
mkdirSync(join(out, 'pkg'));
for (const file of PKG_FILES) cpSync(join(PKG, file), join(out, 'pkg', file));
mkdirSync(join(out, 'icons'));
for (const size of ICON_SIZES) writeFileSync(join(out, 'icons', `icon-${size}.png`), iconPng(size));

const manifest = JSON.parse(readFileSync(join(SOURCE, 'manifest.json'), 'utf8'));
manifest.version = version.replace(/[-+].*$/, '');
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

const test = join(DIST, 'extension-test');
rmSync(test, { recursive: true, force: true });
cpSync(out, test, { recursive: true });
const testManifest = { ...manifest, name: `${manifest.name} (test build)`, host_permissions: TEST_HOSTS };
writeFileSync(join(test, 'manifest.json'), `${JSON.stringify(testManifest, null, 2)}\n`);

const entries = files(out)
  .map((path) => ({ name: relative(out, path).split(sep).join('/'), data: readFileSync(path) }))
  .sort((a, b) => (a.name < b.name ? -1 : 1));
const archive = zip(entries);
for (const browser of ['chrome', 'firefox']) writeFileSync(join(DIST, `newsmark-${browser}.zip`), archive);
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`extension ${manifest.version}: ${relative(ROOT, out)}/ (${entries.length} files), ` +
  `dist/newsmark-chrome.zip and dist/newsmark-firefox.zip (${kb(archive.length)} each), test copy ${relative(ROOT, test)}/`);
