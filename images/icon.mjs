// Draws images/icon.png (128×128, the marketplace icon) with node built-ins only, so the icon can be
// redrawn without an image editor or a dependency: `node images/icon.mjs`.
// A red rounded square, a white sheet with a folded corner and text lines, and a red check mark on it.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4; // supersampling per axis, for smooth edges
const RED = [200, 16, 46];
const WHITE = [255, 255, 255];
const LINE = [232, 160, 170];

const insideRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};

const distanceToSegment = (x, y, [ax, ay], [bx, by]) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
};

// Colour at one sample point, or null for transparent.
const paint = (x, y) => {
  if (!insideRoundRect(x, y, 4, 4, 124, 124, 22)) return null;
  const check = [[56, 84], [70, 98], [100, 62]];
  if (distanceToSegment(x, y, check[0], check[1]) <= 7 || distanceToSegment(x, y, check[1], check[2]) <= 7) {
    return distanceToSegment(x, y, check[0], check[1]) <= 4.5 || distanceToSegment(x, y, check[1], check[2]) <= 4.5
      ? RED
      : WHITE; // a white halo keeps the check readable where it leaves the sheet
  }
  // The sheet: 30..90 × 22..106 with the top-right corner folded along x - y = 90 - 40.
  const onSheet = x >= 30 && x <= 90 && y >= 22 && y <= 106 && x - y <= 50;
  if (onSheet) {
    if (x - y >= 46) return LINE; // fold edge
    for (const lineY of [46, 58, 70]) {
      if (y >= lineY && y <= lineY + 4 && x >= 40 && x <= (lineY === 46 ? 66 : 80)) return LINE;
    }
    return WHITE;
  }
  return RED;
};

const pixels = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
  const row = py * (SIZE * 4 + 1);
  pixels[row] = 0; // PNG filter type: none
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const colour = paint(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
        if (colour) { r += colour[0]; g += colour[1]; b += colour[2]; a++; }
      }
    }
    const o = row + 1 + px * 4;
    if (a > 0) { pixels[o] = Math.round(r / a); pixels[o + 1] = Math.round(g / a); pixels[o + 2] = Math.round(b / a); }
    pixels[o + 3] = Math.round((a * 255) / (SAMPLES * SAMPLES));
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buffer) => {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // colour type RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
