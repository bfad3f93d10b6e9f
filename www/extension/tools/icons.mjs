// Draws the extension's toolbar and store icons as PNG files, from a few shapes.
//
// Why generated, not drawn in an editor: the icon is three lines of "text" on a dark tile, two of
// them highlighted in category colours, which is simple geometry; drawing it here keeps binary files
// out of the repository and gives crisp sizes (16 to 128 px, 4×4 supersampling) from one description.

import { deflateSync } from 'node:zlib';
import { crc32 } from './zip.mjs';

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];

/** Shapes in a unit square, painted in order: rounded rectangles `[x0, y0, x1, y1, radius, colour]`. */
const SHAPES = [
  [0, 0, 1, 1, 0.2, '#1d3557'],
  [0.14, 0.17, 0.64, 0.37, 0.06, '#ffd166'],
  [0.2, 0.235, 0.58, 0.305, 0.035, '#1d3557'],
  [0.64, 0.235, 0.82, 0.305, 0.035, '#f1f5f9'],
  [0.18, 0.465, 0.82, 0.535, 0.035, '#f1f5f9'],
  [0.14, 0.63, 0.5, 0.83, 0.06, '#8ecae6'],
  [0.2, 0.695, 0.44, 0.765, 0.035, '#1d3557'],
  [0.5, 0.695, 0.7, 0.765, 0.035, '#f1f5f9'],
];

function inside([x0, y0, x1, y1, r], x, y) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** The RGBA pixels of the icon at `size` px. */
function pixels(size) {
  const out = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy += 1) {
        for (let sx = 0; sx < n; sx += 1) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          let colour = null;
          for (const shape of SHAPES) if (inside(shape, x, y)) colour = shape[5];
          if (colour) {
            const [r, g, b] = hex(colour);
            acc[0] += r; acc[1] += g; acc[2] += b; acc[3] += 1;
          }
        }
      }
      const i = (py * size + px) * 4;
      if (acc[3]) {
        out[i] = Math.round(acc[0] / acc[3]);
        out[i + 1] = Math.round(acc[1] / acc[3]);
        out[i + 2] = Math.round(acc[2] / acc[3]);
        out[i + 3] = Math.round((255 * acc[3]) / (n * n));
      }
    }
  }
  return out;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** The icon at `size` px as a PNG file. */
export function iconPng(size) {
  const rgba = pixels(size);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const ICON_SIZES = [16, 32, 48, 128];
