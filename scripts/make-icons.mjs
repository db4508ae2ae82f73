// Draws the Latchkey icon (a keyhole on a rounded square) at each size the
// manifest names and writes PNGs to assets/. Run once after changing the design.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Coverage of the shape at (x, y) in a unit square, 4x4 supersampled for smooth edges. */
function coverage(size, px, py, inside) {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside((px + (i + 0.5) / 4) / size, (py + (j + 0.5) / 4) / size)) hits++;
  return hits / 16;
}
const roundedSquare = (x, y) => {
  const r = 0.2, cx = Math.min(Math.max(x, r), 1 - r), cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= 0.02 && x <= 0.98 && y >= 0.02 && y <= 0.98;
};
const keyhole = (x, y) => {
  const circle = (x - 0.5) ** 2 + (y - 0.4) ** 2 <= 0.14 ** 2;
  const half = 0.06 + (y - 0.42) * 0.18;
  const stem = y >= 0.42 && y <= 0.76 && Math.abs(x - 0.5) <= half;
  return circle || stem;
};

function png(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const bg = coverage(size, x, y, roundedSquare);
      const hole = coverage(size, x, y, keyhole);
      const [r, g, b] = [31 + (255 - 31) * hole, 95 + (255 - 95) * hole, 191 + (255 - 191) * hole];
      row.set([Math.round(r), Math.round(g), Math.round(b), Math.round(255 * bg)], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [16, 32, 48, 128]) writeFileSync(new URL(`../assets/icon-${size}.png`, import.meta.url), png(size));
console.log('icons written to assets/');
