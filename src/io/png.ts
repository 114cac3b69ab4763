// PNG decode / encode over in-memory bytes, with pngjs doing the inflate, unfiltering,
// de-interlacing and palette lookup.
//
// What we do ourselves, and why:
// - Walk the chunk list first (PNG spec, ISO/IEC 15948 section 5): read IHDR and check its
//   dimensions against `limits` BEFORE anything is inflated or allocated; report truncation and
//   critical-chunk CRC errors with a clear reason (pngjs's sync reader loses both messages and
//   says "unrecognised content at end of stream"); cut trailing bytes after IEND, which libpng
//   and Pillow ignore but pngjs rejects; find tRNS and eXIf.
// - Reduce pngjs's always-RGBA output back to the file's true channel count and to 8 bits:
//   gray 1, gray+alpha 2, RGB 3, RGBA 4, palette 3 (4 with tRNS), gray/RGB with tRNS 2/4.

import { Buffer } from 'node:buffer';
import * as zlib from 'node:zlib';
import pngjs from 'pngjs';
import { PixaugError } from '../errors.js';
import { checkSize, type Image } from '../image.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** true when `bytes` starts with the 8-byte PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  for (let i = 0; i < 8; i++) if (bytes[i] !== SIGNATURE[i]) return false;
  return true;
}

/** What the chunk walk learnt about a PNG file. */
export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA */
  colorType: number;
  interlaced: boolean;
  /** a tRNS chunk is present */
  trns: boolean;
  /** channels of the decoded image */
  channels: number;
  /** byte offset just past IEND (trailing bytes are ignored) */
  end: number;
  /** the IDAT payloads, in order */
  idat: Uint8Array[];
  /** payload of an eXIf chunk (a TIFF structure), if any */
  exif: Uint8Array | null;
}

// Allowed bit depths per colour type (PNG spec, table 11.1).
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const BASE_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 3, 4: 2, 6: 4 };
const SAMPLES: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

let crcTable: Int32Array | null = null;
/** CRC-32 of the PNG spec (annex D): zlib.crc32 where Node has it (>= 20.15), else a table. */
function crc32(data: Uint8Array): number {
  const z = zlib as unknown as { crc32?: (d: Uint8Array) => number };
  if (typeof z.crc32 === 'function') return z.crc32(data) >>> 0;
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let c = -1;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

function u32(b: Uint8Array, o: number): number {
  return b[o] * 2 ** 24 + ((b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]);
}

function fail(op: string, reason: string): never {
  throw new PixaugError('DECODE_FAILED', `${op}: corrupt or truncated PNG: ${reason}`);
}

/**
 * Walks the chunks of a PNG (signature already checked). Checks IHDR (nonzero size, valid
 * depth/colour type) and the size `limits` first, so a huge header is rejected before anything
 * is allocated; then requires every chunk to fit in the data, critical chunks and tRNS/eXIf to
 * have a correct CRC, PLTE for palette images, at least one IDAT, and an IEND.
 * @throws PixaugError `DECODE_FAILED` (with the reason), `TOO_LARGE`
 */
export function parsePng(op: string, bytes: Uint8Array): PngInfo {
  const n = bytes.length;
  if (n < 8 + 8 + 13 + 4) fail(op, `unexpected end of data inside the IHDR chunk (${n} bytes)`);
  const ihdrLen = u32(bytes, 8);
  const ihdrType = String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15]);
  if (ihdrType !== 'IHDR' || ihdrLen !== 13) fail(op, `expected a 13-byte IHDR as the first chunk but found ${JSON.stringify(ihdrType)} of ${ihdrLen} bytes`);
  const stored = u32(bytes, 29);
  const computed = crc32(bytes.subarray(12, 29));
  if (stored !== computed) fail(op, `CRC mismatch in chunk IHDR at byte 8 (stored 0x${stored.toString(16)}, computed 0x${computed.toString(16)})`);
  const width = u32(bytes, 16);
  const height = u32(bytes, 20);
  const bitDepth = bytes[24], colorType = bytes[25], compression = bytes[26], filter = bytes[27], interlace = bytes[28];
  if (width === 0 || height === 0) fail(op, `invalid IHDR: image size ${width}x${height} (the PNG spec forbids zero)`);
  if (width > 2 ** 31 - 1 || height > 2 ** 31 - 1) fail(op, `invalid IHDR: image size ${width}x${height} exceeds 2^31-1`);
  if (!(colorType in DEPTHS)) fail(op, `invalid IHDR: unknown colour type ${colorType}`);
  if (!DEPTHS[colorType].includes(bitDepth)) fail(op, `invalid IHDR: bit depth ${bitDepth} is not allowed for colour type ${colorType}`);
  if (compression !== 0 || filter !== 0 || interlace > 1) fail(op, `invalid IHDR: compression ${compression}, filter ${filter}, interlace ${interlace}`);
  checkSize(op, width, height, BASE_CHANNELS[colorType], 1);

  let off = 33;
  let trns = false, plte = false, iend = false;
  let exif: Uint8Array | null = null;
  const idat: Uint8Array[] = [];
  while (off < n) {
    if (off + 12 > n) fail(op, `unexpected end of data in a chunk header at byte ${off} (no IEND)`);
    const len = u32(bytes, off);
    const type = String.fromCharCode(bytes[off + 4], bytes[off + 5], bytes[off + 6], bytes[off + 7]);
    if (len > 2 ** 31 - 1) fail(op, `chunk ${JSON.stringify(type)} at byte ${off} has length ${len} > 2^31-1`);
    if (off + 12 + len > n) {
      fail(op, `unexpected end of data: chunk ${JSON.stringify(type)} at byte ${off} needs ${len + 12} bytes but only ${n - off} remain (no IEND)`);
    }
    const critical = (bytes[off + 4] & 0x20) === 0;
    if (critical || type === 'tRNS' || type === 'eXIf') {
      const s = u32(bytes, off + 8 + len);
      const c = crc32(bytes.subarray(off + 4, off + 8 + len));
      if (s !== c) fail(op, `CRC mismatch in chunk ${type} at byte ${off} (stored 0x${s.toString(16)}, computed 0x${c.toString(16)})`);
    }
    const data = bytes.subarray(off + 8, off + 8 + len);
    if (type === 'IDAT') idat.push(data);
    else if (type === 'PLTE') plte = true;
    else if (type === 'tRNS') trns = true;
    else if (type === 'eXIf' && exif === null) exif = data;
    off += 12 + len;
    if (type === 'IEND') { iend = true; break; }
  }
  if (!iend) fail(op, 'unexpected end of data (no IEND chunk)');
  if (idat.length === 0) fail(op, 'no IDAT chunk (no pixel data)');
  if (colorType === 3 && !plte) fail(op, 'palette image without a PLTE chunk');
  if (colorType === 4 || colorType === 6) trns = false; // tRNS is not allowed with an alpha channel; ignored
  const channels = BASE_CHANNELS[colorType] + (trns && colorType !== 4 && colorType !== 6 ? 1 : 0);
  // Deflate expands at most 1032:1 (258-byte matches coded in 2 bits), so a tiny file cannot
  // hold a huge image: reject such a header here, before pngjs allocates the claimed size.
  const raw = filteredBytes(width, height, colorType, bitDepth, interlace === 1);
  let compressed = 0;
  for (const d of idat) compressed += d.length;
  if (compressed * 1032 + 1024 < raw) {
    fail(op, `IDAT holds ${compressed} bytes, too few to inflate to the ${raw} bytes a ${width}x${height} image needs (deflate expands at most 1032:1)`);
  }
  return { width, height, bitDepth, colorType, interlaced: interlace === 1, trns, channels, end: off, idat, exif };
}

/**
 * Bytes of filtered scanlines (one filter byte per row) that the IDAT stream inflates to,
 * for plain or Adam7-interlaced images (PNG spec, sections 7.2 and 8.2).
 */
function filteredBytes(width: number, height: number, colorType: number, bitDepth: number, interlaced: boolean): number {
  const bits = SAMPLES[colorType] * bitDepth;
  if (!interlaced) return height * (1 + Math.ceil((width * bits) / 8));
  const passes = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];
  let total = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const pw = Math.ceil((width - x0) / dx), ph = Math.ceil((height - y0) / dy);
    if (pw > 0 && ph > 0) total += ph * (1 + Math.ceil((pw * bits) / 8));
  }
  return total;
}

/**
 * Decodes a PNG whose chunks `parsePng` has checked. Returns uint8 HWC with `info.channels`
 * channels: 16-bit samples become `v >> 8` (Pillow's 8-bit conversion and OpenCV IMREAD_COLOR;
 * not round(v * 255 / 65535)); 1/2/4-bit gray is scaled to 0..255 by 255 / (2^depth - 1), the
 * same as libpng's bit replication; palettes are looked up (alpha from tRNS); a gray/RGB tRNS
 * colour becomes an alpha channel (0 where the colour matches, 255 elsewhere) with the colour
 * kept, as OpenCV IMREAD_UNCHANGED and Pillow `.convert('LA'/'RGBA')` do. Alpha stays straight.
 * Gamma, sRGB and ICC chunks are ignored (no colour management, like Pillow and OpenCV).
 * @throws PixaugError `DECODE_FAILED` with pngjs's or zlib's reason
 */
export function decodePng(op: string, bytes: Uint8Array, info: PngInfo): Image<Uint8Array> {
  const { width, height, colorType, bitDepth, channels } = info;
  if (info.interlaced) {
    // pngjs inflates interlaced data without an output limit: bound it here (a small file must
    // not inflate to gigabytes). Costs a second inflate, for interlaced files only.
    const expected = filteredBytes(width, height, colorType, bitDepth, true);
    try {
      zlib.inflateSync(Buffer.concat(info.idat), { maxOutputLength: expected + 65536 });
    } catch (cause) {
      const tooBig = (cause as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || cause instanceof RangeError;
      throw new PixaugError('DECODE_FAILED', tooBig
        ? `${op}: corrupt PNG: IDAT inflates to more than the ${expected} bytes its header implies`
        : `${op}: corrupt PNG: ${(cause as Error).message}`, { cause });
    }
  }
  let meta: { data: Uint8Array | Uint16Array; transColor?: number[] };
  try {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, info.end);
    meta = pngjs.PNG.sync.read(buf, { skipRescale: true, checkCRC: false }) as unknown as typeof meta;
  } catch (cause) {
    throw new PixaugError('DECODE_FAILED', `${op}: corrupt or truncated PNG: ${(cause as Error).message}`, { cause });
  }
  const rgba = meta.data;
  const npx = width * height;
  if (rgba.length < npx * 4) fail(op, `decoder returned ${rgba.length} samples for ${width}x${height} pixels`);
  // pngjs gives RGBA per pixel: samples of bitDepth bits for gray/RGB(A), 8-bit palette colours.
  const shift = colorType !== 3 && bitDepth === 16 ? 8 : 0;
  const scale = colorType !== 3 && bitDepth < 8 ? 255 / ((1 << bitDepth) - 1) : 1;
  const pick = channels === 1 ? [0] : channels === 2 ? [0, 3] : channels === 3 ? [0, 1, 2] : [0, 1, 2, 3];
  const out = new Uint8Array(npx * channels);
  for (let k = 0; k < channels; k++) {
    const s = pick[k];
    if (shift) for (let i = 0; i < npx; i++) out[i * channels + k] = rgba[i * 4 + s] >> 8;
    else if (scale !== 1) for (let i = 0; i < npx; i++) out[i * channels + k] = rgba[i * 4 + s] * scale;
    else for (let i = 0; i < npx; i++) out[i * channels + k] = rgba[i * 4 + s];
  }
  if (info.trns && colorType !== 3 && meta.transColor) {
    // pngjs zeroes all four samples of a pixel matching the tRNS colour; put the colour back.
    const t = meta.transColor.map((v) => (shift ? v >> 8 : Math.round(v * scale)));
    const a = channels - 1;
    for (let i = 0; i < npx; i++) {
      if (out[i * channels + a] === 0) for (let k = 0; k < a; k++) out[i * channels + k] = t[k];
    }
  }
  return { width, height, channels, data: out };
}

/**
 * Encodes packed uint8 HWC pixels (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA) as an 8-bit PNG of the
 * same colour type (0, 4, 2, 6), with pngjs (adaptive filtering, zlib). Lossless.
 */
export function encodePng(width: number, height: number, channels: number, data: Uint8Array): Uint8Array {
  const colorType = [0, 4, 2, 6][channels - 1];
  const buf = Buffer.from(data.buffer, data.byteOffset, data.length);
  const png = pngjs.PNG.sync.write({ width, height, data: buf } as unknown as pngjs.PNG, {
    colorType, inputColorType: colorType, inputHasAlpha: channels === 2 || channels === 4, bitDepth: 8,
  } as pngjs.PackerOptions);
  return new Uint8Array(png.buffer, png.byteOffset, png.length);
}
