// The dependency-free ZIP writer and the icon drawer (www/extension/tools/): archives are valid (checked
// by reading them back with node:zlib, and with `unzip -t` when installed), deterministic, and icons
// are PNG files of the right size.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { crc32, zip } from '../../../www/extension/tools/zip.mjs';
import { iconPng } from '../../../www/extension/tools/icons.mjs';

/** The entries of a ZIP archive, read from its central directory. */
function readZip(buffer) {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i += 1) {
    const method = buffer.readUInt16LE(at + 10);
    const crc = buffer.readUInt32LE(at + 16);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const raw = buffer.subarray(dataStart, dataStart + size);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    assert.equal(crc32(data), crc, `crc of ${name}`);
    entries.push({ name, data: data.toString() });
    at += 46 + nameLength;
  }
  return entries;
}

describe('zip', () => {
  const files = [
    { name: 'manifest.json', data: Buffer.from('{"a": 1}'.repeat(50)) },
    { name: 'dir/é.txt', data: Buffer.from('x') },
    { name: 'empty', data: Buffer.alloc(0) },
  ];
  it('reads back what was written (deflated and stored entries, UTF-8 names)', () => {
    assert.deepEqual(readZip(zip(files)), files.map((f) => ({ name: f.name, data: f.data.toString() })));
  });
  it('is deterministic', () => {
    assert.deepEqual(zip(files), zip(files));
  });
  it('passes `unzip -t` when unzip is installed', (t) => {
    let hasUnzip = true;
    try {
      execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    } catch {
      hasUnzip = false;
    }
    if (!hasUnzip) return t.skip('no unzip');
    const dir = mkdtempSync(join(tmpdir(), 'newsmark-zip-'));
    try {
      writeFileSync(join(dir, 'a.zip'), zip(files));
      assert.match(execFileSync('unzip', ['-t', join(dir, 'a.zip')]).toString(), /No errors detected/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('crc32 of a known string', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  });
});

describe('icons', () => {
  it('are PNG files of the asked size', () => {
    for (const size of [16, 128]) {
      const png = iconPng(size);
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.equal(png.readUInt32BE(16), size);
      assert.equal(png.readUInt32BE(20), size);
    }
  });
});
