// Draws the app icon (assets/icon.png, 512×512 RGBA) with no image library: a blue rounded square, a
// white monitor, and the path of five dots from green to red under it. electron-builder makes the .ico
// and .icns from it. Run once: `node scripts/make-icon.js`; the PNG is committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const pixels = Buffer.alloc(SIZE * SIZE * 4);

function blend(x, y, [r, g, b], alpha) {
  const i = (y * SIZE + x) * 4;
  const a = alpha + (pixels[i + 3] / 255) * (1 - alpha);
  if (a === 0) return;
  for (const [k, c] of [r, g, b].entries()) {
    pixels[i + k] = Math.round((c * alpha + pixels[i + k] * (pixels[i + 3] / 255) * (1 - alpha)) / a);
  }
  pixels[i + 3] = Math.round(a * 255);
}

/** Fills the shape whose signed distance (negative inside) `sd` gives, anti-aliased over one pixel. */
function fill(sd, color) {
  for (let y = 0; y < SIZE; y += 1) {
    for (let x = 0; x < SIZE; x += 1) {
      const alpha = Math.min(1, Math.max(0, 0.5 - sd(x + 0.5, y + 0.5)));
      if (alpha > 0) blend(x, y, color, alpha);
    }
  }
}

const roundedBox = (cx, cy, hw, hh, r) => (x, y) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;

fill(roundedBox(256, 256, 240, 240, 96), [11, 92, 173]);
fill(roundedBox(256, 200, 150, 104, 18), [255, 255, 255]);
fill(roundedBox(256, 200, 128, 82, 8), [18, 52, 96]);
fill(roundedBox(256, 318, 20, 22, 4), [255, 255, 255]);
fill(roundedBox(256, 342, 70, 8, 6), [255, 255, 255]);
const dots = [
  [76, 175, 80],
  [139, 195, 74],
  [255, 193, 7],
  [255, 152, 0],
  [229, 57, 53],
];
for (const [i, color] of dots.entries()) fill(circle(136 + i * 60, 414, 20), color);

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8);
const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y += 1) pixels.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../assets/icon.png', import.meta.url), png);
console.log(`wrote assets/icon.png (${png.length} bytes)`);
