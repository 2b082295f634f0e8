// Draws the app icon with plain Node (no image library, no fonts): a white map pin with a teal
// centre on a blue-to-teal rounded square. Writes assets/icons/icon.png (512×512, macOS / Linux)
// and assets/icons/icon-256.png (256×256, Windows). Run: node scripts/make-icons.mjs
import { mkdir, writeFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const outDir = fileURLToPath(new URL('../assets/icons/', import.meta.url));

const BLUE = [21, 101, 192];
const TEAL = [0, 150, 136];
const WHITE = [255, 255, 255];
const SUPERSAMPLE = 4;

// --- PNG encoding: signature, IHDR, IDAT (zlib), IEND, each chunk with its CRC-32 ---

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** RGBA pixels (size × size × 4) → PNG bytes. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- The mark, in unit coordinates (0..1), as signed distances (negative = inside) ---

function roundedSquare(x, y) {
  const half = 0.46;
  const radius = 0.2;
  const qx = Math.abs(x - 0.5) - (half - radius);
  const qy = Math.abs(y - 0.5) - (half - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

const PIN = { cx: 0.5, cy: 0.42, r: 0.21, tipY: 0.8 };

/** A map pin: a circle and the triangle that joins it to the tip, tangent to the circle. */
function pin(x, y) {
  const circle = Math.hypot(x - PIN.cx, y - PIN.cy) - PIN.r;
  // Tangent lines from the tip to the circle bound the cone.
  const d = PIN.tipY - PIN.cy;
  const angle = Math.asin(PIN.r / d);
  const dx = Math.abs(x - PIN.cx);
  const dy = PIN.tipY - y;
  // The cone only runs from the tangent points down to the tip; above them the circle is the edge.
  const tangentY = PIN.tipY - Math.sqrt(d * d - PIN.r * PIN.r) * Math.cos(angle);
  const cone = dy < 0 || y < tangentY ? Infinity : dx * Math.cos(angle) - dy * Math.sin(angle);
  return Math.min(circle, cone);
}

function hole(x, y) {
  return Math.hypot(x - PIN.cx, y - PIN.cy) - PIN.r * 0.45;
}

function mix(a, b, t) {
  return a.map((value, i) => value + (b[i] - value) * t);
}

/** Colour and coverage of one sample point. */
function sample(x, y) {
  if (roundedSquare(x, y) > 0) return null;
  const background = mix(BLUE, TEAL, Math.min(1, Math.max(0, (x + y) / 2)));
  if (pin(x, y) <= 0) return hole(x, y) <= 0 ? TEAL : WHITE;
  // A soft shadow under the pin's tip, as a flattened ellipse.
  const shadow = Math.hypot((x - PIN.cx) / 0.16, (y - PIN.tipY - 0.02) / 0.035) <= 1;
  return shadow ? mix(background, [0, 0, 0], 0.25) : background;
}

function render(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy += 1) {
        for (let sx = 0; sx < SUPERSAMPLE; sx += 1) {
          const colour = sample(
            (px + (sx + 0.5) / SUPERSAMPLE) / size,
            (py + (sy + 0.5) / SUPERSAMPLE) / size,
          );
          if (colour === null) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered += 1;
        }
      }
      const offset = (py * size + px) * 4;
      if (covered > 0) {
        rgba[offset] = Math.round(r / covered);
        rgba[offset + 1] = Math.round(g / covered);
        rgba[offset + 2] = Math.round(b / covered);
      }
      rgba[offset + 3] = Math.round((covered / samples) * 255);
    }
  }
  return encodePng(size, rgba);
}

await mkdir(outDir, { recursive: true });
for (const [name, size] of [
  ['icon.png', 512],
  ['icon-256.png', 256],
]) {
  await writeFile(`${outDir}${name}`, render(size));
  console.log(`[make-icons] assets/icons/${name} (${size}×${size})`);
}
