#!/usr/bin/env node
// Draws the Teams app icons (appPackage/color.png 192x192, appPackage/outline.png 32x32: white on transparent,
// as Teams requires) with Node's zlib alone: a white bridge (arch, deck and two pillars) for "Brobygger".
// Run it again after changing the drawing: `node appPackage/make-icons.js`.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) pixel(x, y).forEach((v, i) => (row[1 + x * 4 + i] = v));
    rows.push(row);
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The bridge in a unit square (0..1): true where it is white. */
function bridge(u, v) {
  const deck = v >= 0.6 && v <= 0.68 && u >= 0.08 && u <= 0.92;
  const r = Math.hypot(u - 0.5, (v - 0.64) * 1.25);
  const arch = v <= 0.64 && r >= 0.3 && r <= 0.38;
  const pillar = v >= 0.64 && v <= 0.84 && ((u >= 0.16 && u <= 0.22) || (u >= 0.78 && u <= 0.84));
  return deck || arch || pillar;
}

function draw(size, background) {
  const samples = 4; // anti-aliasing: 4x4 samples per pixel
  return png(size, (x, y) => {
    let hits = 0;
    for (let i = 0; i < samples; i++) for (let j = 0; j < samples; j++) if (bridge((x + (i + 0.5) / samples) / size, (y + (j + 0.5) / samples) / size)) hits++;
    const a = hits / (samples * samples);
    if (!background) return [255, 255, 255, Math.round(a * 255)];
    return background.map((c) => Math.round(c + (255 - c) * a)).concat(255);
  });
}

const dir = __dirname;
fs.writeFileSync(path.join(dir, 'color.png'), draw(192, [0, 110, 127]));
fs.writeFileSync(path.join(dir, 'outline.png'), draw(32, undefined));
console.log('wrote appPackage/color.png and appPackage/outline.png');
