// Real, decodable test images made in plain JavaScript (no image library needed).
import { createDeflate, deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function ihdr(width, height) {
  const h = Buffer.alloc(13);
  h.writeUInt32BE(width, 0);
  h.writeUInt32BE(height, 4);
  h[8] = 8; // bit depth
  h[9] = 2; // RGB
  return h;
}
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let seed = 0;
/** An RGB PNG gradient; every call gives different bytes unless `tint` is given. */
export function makePng(width = 320, height = 240, tint = ++seed) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = (x * 255) / width;
      raw[row + 2 + x * 3] = (y * 255) / height;
      raw[row + 3 + x * 3] = (tint * 37) & 0xff;
    }
  }
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr(width, height)), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A valid PNG header that claims width×height pixels with almost no data (a decompression bomb's shape). */
export function pngBombHeader(width = 50000, height = 50000) {
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr(width, height)), chunk('IDAT', deflateSync(Buffer.alloc(16))), chunk('IEND', Buffer.alloc(0))]);
}

/** Uploads raw bytes as an image through an ApiClient. */
export function upload(client, agencyId, bytes, { caption = '', type = 'image/png' } = {}) {
  const q = new URLSearchParams({ agency_id: String(agencyId), caption });
  return client.request('POST', `/api/v1/media?${q}`, bytes, { 'content-type': type });
}

/**
 * A single-colour (all zero) PNG of any size and depth, deflated as a stream so that neither this
 * process nor the test machine ever holds the decoded pixels: a 6324×6324 16-bit RGBA image
 * (40 MP, 320 MB decoded) is about 300 KB. colorType 6 = RGBA, 2 = RGB; bitDepth 8 or 16.
 */
export async function makeFlatPng(width, height, { bitDepth = 8, colorType = 2 } = {}) {
  const channels = colorType === 6 ? 4 : colorType === 4 ? 2 : colorType === 2 ? 3 : 1;
  const rowBytes = 1 + (width * channels * bitDepth) / 8; // the filter byte (0) and the pixels (0)
  const d = createDeflate({ level: 6, memLevel: 9 });
  const out = [];
  d.on('data', (c) => out.push(c));
  const done = new Promise((resolve, reject) => { d.on('end', resolve); d.on('error', reject); });
  const zeros = Buffer.alloc(1 << 22);
  for (let left = rowBytes * height; left > 0; left -= zeros.length) {
    if (!d.write(left >= zeros.length ? zeros : zeros.subarray(0, left))) await new Promise((r) => d.once('drain', r));
  }
  d.end();
  await done;
  const h = ihdr(width, height);
  h[8] = bitDepth;
  h[9] = colorType;
  return Buffer.concat([SIGNATURE, chunk('IHDR', h), chunk('IDAT', Buffer.concat(out)), chunk('IEND', Buffer.alloc(0))]);
}
