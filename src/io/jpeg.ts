// JPEG decode / encode over in-memory bytes, with jpeg-js doing the entropy decoding and IDCT.
//
// What we do ourselves, and why:
// - Walk the marker segments up to the first scan (ITU-T T.81, annex B) to read the frame
//   header (SOF) and check its size against `limits` before jpeg-js allocates anything, reject
//   what jpeg-js cannot decode (lossless, arithmetic, hierarchical, 12-bit) with a clear
//   UNSUPPORTED_FORMAT, and find the EXIF (APP1), JFIF (APP0) and Adobe (APP14) segments.
// - Upsample subsampled chroma and convert YCbCr to RGB the way libjpeg(-turbo) does by default
//   (so the way Pillow, OpenCV and browsers decode): jpeg-js replicates chroma samples (box
//   upsampling), which puts colour edges up to 9 LSB away from libjpeg-turbo on the 4:2:0 test
//   files; the triangle ("fancy") upsampling below brings that to 3 LSB (the rest is IDCT).

import jpeg from 'jpeg-js';
import { PixaugError } from '../errors.js';
import { checkSize, limits, type Image } from '../image.js';

/** true when `bytes` starts with a JPEG SOI marker followed by another marker (FF D8 FF). */
export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** One frame component: id and sampling factors. */
export interface JpegComponent { id: number; h: number; v: number }

/** What the marker walk learnt about a JPEG file. */
export interface JpegInfo {
  width: number;
  height: number;
  progressive: boolean;
  components: JpegComponent[];
  /** channels of the decoded image: 1 for grayscale, 3 otherwise (CMYK is converted to RGB) */
  channels: number;
  /** a JFIF APP0 segment is present */
  jfif: boolean;
  /** transform byte of an Adobe APP14 segment (0 RGB/CMYK, 1 YCbCr, 2 YCCK), null when absent */
  adobeTransform: number | null;
  /** byte offset of that transform byte in the file */
  adobeTransformOffset: number;
  /** the TIFF structure of the first APP1 `Exif\0\0` segment, if any */
  exif: Uint8Array | null;
}

function fail(op: string, reason: string): never {
  throw new PixaugError('DECODE_FAILED', `${op}: corrupt or truncated JPEG: ${reason}`);
}

const UNSUPPORTED_SOF: Record<number, string> = {
  0xc3: 'lossless', 0xc5: 'hierarchical', 0xc6: 'hierarchical progressive', 0xc7: 'hierarchical lossless',
  0xc9: 'arithmetic-coded', 0xca: 'arithmetic-coded progressive', 0xcb: 'arithmetic-coded lossless',
  0xcd: 'hierarchical arithmetic-coded', 0xce: 'hierarchical arithmetic-coded progressive',
  0xcf: 'hierarchical arithmetic-coded lossless',
};

/**
 * Walks the marker segments of a JPEG (SOI already checked) up to the first SOS. Reads the
 * frame header and checks its size against `limits` (so nothing is allocated for a huge
 * header), and collects JFIF / Adobe / EXIF segments. Bytes between segments that are not a
 * marker are skipped, as libjpeg does.
 * @throws PixaugError `DECODE_FAILED` (truncated header, bad frame header),
 *   `UNSUPPORTED_FORMAT` (lossless / arithmetic / hierarchical / 12-bit / 2-component), `TOO_LARGE`
 */
export function parseJpeg(op: string, bytes: Uint8Array): JpegInfo {
  const n = bytes.length;
  let off = 2;
  let frame: Omit<JpegInfo, 'jfif' | 'adobeTransform' | 'adobeTransformOffset' | 'exif'> | null = null;
  let jfif = false, adobeTransform: number | null = null, adobeTransformOffset = -1;
  let exif: Uint8Array | null = null;
  for (;;) {
    while (off < n && bytes[off] !== 0xff) off++; // garbage before a marker
    while (off < n && bytes[off] === 0xff) off++; // fill bytes
    if (off >= n) fail(op, 'unexpected end of data before the first scan');
    const m = bytes[off++];
    if (m === 0xd8 || m === 0x01 || m === 0x00 || (m >= 0xd0 && m <= 0xd7)) continue; // no length
    if (m === 0xd9) fail(op, 'end of image (EOI) before any frame header');
    if (off + 2 > n) fail(op, `unexpected end of data in the length of marker FF${m.toString(16).toUpperCase()}`);
    const len = (bytes[off] << 8) | bytes[off + 1];
    if (len < 2) fail(op, `segment FF${m.toString(16).toUpperCase()} at byte ${off - 2} has length ${len}`);
    if (off + len > n) fail(op, `unexpected end of data: segment FF${m.toString(16).toUpperCase()} at byte ${off - 2} needs ${len} bytes but only ${n - off} remain`);
    const seg = bytes.subarray(off + 2, off + len);
    if (m === 0xda) {
      if (!frame) fail(op, 'scan (SOS) before any frame header (SOF)');
      // Every 8x8 block of every component has its DC coefficient Huffman-coded at least once,
      // in at least 1 bit, so a file too small for its frame is corrupt: reject it here, before
      // jpeg-js allocates coefficient blocks for the claimed size.
      const maxH = Math.max(...frame.components.map((c) => c.h));
      const maxV = Math.max(...frame.components.map((c) => c.v));
      let blocks = 0;
      for (const c of frame.components) {
        blocks += Math.ceil(Math.ceil((frame.width * c.h) / maxH) / 8) * Math.ceil(Math.ceil((frame.height * c.v) / maxV) / 8);
      }
      if ((n - off) * 8 < blocks) {
        fail(op, `the frame is ${frame.width}x${frame.height} (${blocks} blocks of 8x8) but only ${n - off} bytes of scan data follow; each block needs at least 1 bit`);
      }
      return { ...frame, jfif, adobeTransform, adobeTransformOffset, exif };
    }
    if (m in UNSUPPORTED_SOF) {
      throw new PixaugError('UNSUPPORTED_FORMAT', `${op}: expected a baseline or progressive Huffman-coded JPEG but received a ${UNSUPPORTED_SOF[m]} JPEG (SOF marker FF${m.toString(16).toUpperCase()})`);
    }
    if (m === 0xc0 || m === 0xc1 || m === 0xc2) {
      if (frame) fail(op, 'more than one frame header (SOF)');
      if (seg.length < 6) fail(op, 'frame header (SOF) too short');
      const precision = seg[0];
      const height = (seg[1] << 8) | seg[2];
      const width = (seg[3] << 8) | seg[4];
      const nc = seg[5];
      if (precision !== 8) {
        throw new PixaugError('UNSUPPORTED_FORMAT', `${op}: expected an 8-bit JPEG but received ${precision}-bit samples`);
      }
      if (width === 0 || height === 0) fail(op, `frame header (SOF) gives image size ${width}x${height}`);
      if (nc !== 1 && nc !== 3 && nc !== 4) {
        throw new PixaugError('UNSUPPORTED_FORMAT', `${op}: expected a JPEG with 1, 3 or 4 components but received ${nc}`);
      }
      if (seg.length < 6 + 3 * nc) fail(op, 'frame header (SOF) too short for its components');
      const components: JpegComponent[] = [];
      for (let i = 0; i < nc; i++) {
        const id = seg[6 + 3 * i], h = seg[7 + 3 * i] >> 4, v = seg[7 + 3 * i] & 15;
        if (h < 1 || h > 4 || v < 1 || v > 4) fail(op, `component ${id} has sampling factors ${h}x${v} (allowed 1..4)`);
        components.push({ id, h, v });
      }
      const channels = nc === 1 ? 1 : 3;
      checkSize(op, width, height, channels, 1);
      frame = { width, height, progressive: m === 0xc2, components, channels };
    } else if (m === 0xe0 && seg.length >= 5 && seg[0] === 0x4a && seg[1] === 0x46 && seg[2] === 0x49 && seg[3] === 0x46 && seg[4] === 0) {
      jfif = true; // "JFIF\0"
    } else if (m === 0xe1 && exif === null && seg.length >= 6 && seg[0] === 0x45 && seg[1] === 0x78 && seg[2] === 0x69 && seg[3] === 0x66 && seg[4] === 0 && seg[5] === 0) {
      exif = seg.subarray(6); // "Exif\0\0" then a TIFF structure
    } else if (m === 0xee && seg.length >= 12 && seg[0] === 0x41 && seg[1] === 0x64 && seg[2] === 0x6f && seg[3] === 0x62 && seg[4] === 0x65) {
      adobeTransform = seg[11]; // "Adobe", version(2), flags0(2), flags1(2), transform(1)
      adobeTransformOffset = off + 2 + 11;
    }
    off += len;
  }
}

/**
 * Colour space of a 3-component frame, decided as libjpeg does (jdapimin.c,
 * default_decompress_parms): JFIF means YCbCr; else an Adobe transform of 0 means RGB and any
 * other YCbCr; else component ids 'R','G','B' mean RGB; anything else is YCbCr.
 */
function isYCbCr(info: JpegInfo): boolean {
  if (info.jfif) return true;
  if (info.adobeTransform !== null) return info.adobeTransform !== 0;
  const [a, b, c] = info.components;
  return !(a.id === 0x52 && b.id === 0x47 && c.id === 0x42);
}

/**
 * libjpeg's "fancy" (triangle filter) upsampling of one component subsampled 2:1 horizontally
 * and/or vertically (jdsample.c h2v1 / h1v2 / h2v2_fancy_upsample): each output sample is 3/4 of
 * the nearer input sample plus 1/4 of the next nearer one in each subsampled direction, with
 * libjpeg's alternating rounding biases (h2v1 and h1v2: +1 then +2, over 4; h2v2: +8 then +7,
 * over 16) and the edge samples repeated. Works in place on channel `ch` of the interleaved
 * `data` (c channels), which holds jpeg-js's box-upsampled samples: plane sample (i, j) is at
 * pixel (i * rx, j * ry).
 */
function fancyUpsample(data: Uint8Array, w: number, h: number, c: number, ch: number, rx: number, ry: number): void {
  const dw = rx === 2 ? (w + 1) >> 1 : w;
  const dh = ry === 2 ? (h + 1) >> 1 : h;
  const plane = new Uint8Array(dw * dh);
  for (let j = 0; j < dh; j++) {
    const src = j * ry * w * c + ch;
    for (let i = 0; i < dw; i++) plane[j * dw + i] = data[src + i * rx * c];
  }
  const col = new Int32Array(dw);
  for (let y = 0; y < h; y++) {
    // vertical step: column sums 3 * nearer row + farther row (or the plain row)
    if (ry === 2) {
      const j = y >> 1;
      const far = y & 1 ? Math.min(j + 1, dh - 1) : Math.max(j - 1, 0);
      const p0 = j * dw, p1 = far * dw;
      for (let i = 0; i < dw; i++) col[i] = 3 * plane[p0 + i] + plane[p1 + i];
    } else {
      const p0 = y * dw;
      for (let i = 0; i < dw; i++) col[i] = plane[p0 + i];
    }
    const row = y * w * c + ch;
    if (rx === 2) {
      // horizontal step: even outputs lean on the left neighbour, odd on the right
      const b0 = ry === 2 ? 8 : 1, b1 = ry === 2 ? 7 : 2, sh = ry === 2 ? 4 : 2;
      for (let x = 0; x < w; x++) {
        const i = x >> 1;
        const nb = x & 1 ? col[i + 1 < dw ? i + 1 : i] : col[i > 0 ? i - 1 : 0];
        data[row + x * c] = (3 * col[i] + nb + (x & 1 ? b1 : b0)) >> sh;
      }
    } else {
      const bias = y & 1 ? 2 : 1;
      for (let x = 0; x < w; x++) data[row + x * c] = (col[x] + bias) >> 2;
    }
  }
}

// libjpeg's YCbCr -> RGB tables (jdcolor.c, build_ycc_rgb_table): 16-bit fixed point,
// R = Y + 1.402 Cr', G = Y - 0.34414 Cb' - 0.71414 Cr', B = Y + 1.772 Cb' (Cb' = Cb - 128).
let yccTables: { crR: Int32Array; cbB: Int32Array; crG: Int32Array; cbG: Int32Array } | null = null;
function ycc() {
  if (!yccTables) {
    const fix = (x: number) => Math.floor(x * 65536 + 0.5);
    const crR = new Int32Array(256), cbB = new Int32Array(256), crG = new Int32Array(256), cbG = new Int32Array(256);
    for (let i = 0; i < 256; i++) {
      const x = i - 128;
      crR[i] = (fix(1.402) * x + 32768) >> 16;
      cbB[i] = (fix(1.772) * x + 32768) >> 16;
      crG[i] = -fix(0.71414) * x;
      cbG[i] = -fix(0.34414) * x + 32768;
    }
    yccTables = { crR, cbB, crG, cbG };
  }
  return yccTables;
}

function yccToRgb(data: Uint8Array, npx: number): void {
  const { crR, cbB, crG, cbG } = ycc();
  for (let p = 0; p < npx * 3; p += 3) {
    const y = data[p], cb = data[p + 1], cr = data[p + 2];
    const r = y + crR[cr], g = y + ((cbG[cb] + crG[cr]) >> 16), b = y + cbB[cb];
    data[p] = r < 0 ? 0 : r > 255 ? 255 : r;
    data[p + 1] = g < 0 ? 0 : g > 255 ? 255 : g;
    data[p + 2] = b < 0 ? 0 : b > 255 ? 255 : b;
  }
}

/** Options of `decodeJpeg`. */
export interface JpegDecodeOptions {
  /** jpeg-js working-memory budget in MiB (its coefficient blocks are ~4 bytes per sample). */
  maxMemoryMB: number;
}

/**
 * Decodes a JPEG whose header `parseJpeg` has read. Returns uint8 HWC: 1 channel for a
 * 1-component (grayscale) JPEG, else 3 (RGB). YCbCr is converted with libjpeg's integer tables
 * after libjpeg's fancy upsampling of 2:1 subsampled components (other ratios: sample
 * replication, as libjpeg does for integer ratios); CMYK / YCCK (Adobe, inverted) becomes
 * RGB = (255 - C)(255 - K) / 255 by jpeg-js (within 2 LSB of Pillow's conversion).
 * Truncated or corrupt entropy data is an error, never a partly grey image.
 * @throws PixaugError `DECODE_FAILED` (jpeg-js's reason), `UNSUPPORTED_FORMAT`, `TOO_LARGE`
 *   (jpeg-js's memory budget)
 */
export function decodeJpeg(op: string, bytes: Uint8Array, info: JpegInfo, options: JpegDecodeOptions): Image<Uint8Array> {
  const nc = info.components.length;
  let input = bytes;
  if (nc === 3 && info.adobeTransform !== null && info.adobeTransform !== 0) {
    // jpeg-js applies its own YCbCr conversion whenever the Adobe transform byte is set, and we
    // want the raw components: decode a copy with the byte cleared (colour space decided above).
    input = bytes.slice();
    input[info.adobeTransformOffset] = 0;
  }
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = jpeg.decode(input, {
      useTArray: true,
      formatAsRGBA: false,
      colorTransform: false,
      tolerantDecoding: true,
      maxResolutionInMP: limits.maxPixels / 1e6,
      maxMemoryUsageInMB: options.maxMemoryMB,
    });
  } catch (cause) {
    const msg = cause instanceof Error ? cause.message : String(cause);
    if (/maxResolutionInMP|maxMemoryUsageInMB|allocate enough memory/.test(msg)) {
      throw new PixaugError('TOO_LARGE', `${op}: JPEG of ${info.width}x${info.height} exceeds the decoder's memory budget of ${options.maxMemoryMB} MiB (option maxJpegMemoryMB): ${msg}`, { cause });
    }
    if (/Unsupported color mode/.test(msg)) {
      throw new PixaugError('UNSUPPORTED_FORMAT', `${op}: unsupported JPEG colour space: ${msg}`, { cause });
    }
    throw new PixaugError('DECODE_FAILED', `${op}: corrupt or truncated JPEG: ${msg}`, { cause });
  }
  const { width: w, height: h } = decoded;
  if (w !== info.width || h !== info.height || decoded.data.length !== w * h * 3) {
    fail(op, `decoder returned ${w}x${h} (${decoded.data.length} samples) for a ${info.width}x${info.height} frame`);
  }
  const npx = w * h;
  const data = decoded.data;
  if (nc === 1) {
    const gray = new Uint8Array(npx);
    for (let i = 0; i < npx; i++) gray[i] = data[i * 3];
    return { width: w, height: h, channels: 1, data: gray };
  }
  if (nc === 3) {
    const maxH = Math.max(...info.components.map((c) => c.h));
    const maxV = Math.max(...info.components.map((c) => c.v));
    info.components.forEach((comp, ch) => {
      const rx = maxH / comp.h, ry = maxV / comp.v;
      if ((rx === 1 || rx === 2) && (ry === 1 || ry === 2) && rx * ry > 1) fancyUpsample(data, w, h, 3, ch, rx, ry);
    });
    if (isYCbCr(info)) yccToRgb(data, npx);
  }
  return { width: w, height: h, channels: 3, data };
}

/**
 * Encodes packed uint8 HWC pixels as a baseline JPEG with jpeg-js (JFIF, 4:4:4, standard
 * tables scaled by `quality` 1..100 as libjpeg does). Gray (1 or 2 channels) is written as a
 * 3-component image with equal R, G and B (jpeg-js has no grayscale encoder), so it reads back
 * as 3 channels; alpha (2 or 4 channels) is dropped.
 */
export function encodeJpeg(width: number, height: number, channels: number, data: Uint8Array, quality: number): Uint8Array {
  const npx = width * height;
  const rgba = new Uint8Array(npx * 4);
  if (channels <= 2) {
    for (let i = 0; i < npx; i++) {
      const v = data[i * channels];
      rgba[i * 4] = v; rgba[i * 4 + 1] = v; rgba[i * 4 + 2] = v;
    }
  } else {
    for (let i = 0; i < npx; i++) {
      rgba[i * 4] = data[i * channels];
      rgba[i * 4 + 1] = data[i * channels + 1];
      rgba[i * 4 + 2] = data[i * channels + 2];
    }
  }
  const out = jpeg.encode({ width, height, data: rgba }, quality).data;
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
