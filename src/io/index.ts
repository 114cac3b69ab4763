// Image file codecs over in-memory bytes (no file system): format sniffing, PNG and JPEG
// decode / encode. The Node entry `pixaug/node` adds readImage / writeImage on top.

import { getEngine } from '../engine.js';
import { PixaugError, invalid } from '../errors.js';
import { checkImage, type CheckedImage, type Image, type ImageLike } from '../image.js';
import { applyExifOrientation, readExifOrientation } from './exif.js';
import { decodeJpeg, encodeJpeg, isJpeg, parseJpeg } from './jpeg.js';
import { decodePng, encodePng, isPng, parsePng } from './png.js';

export { readExifOrientation, applyExifOrientation } from './exif.js';

/** File formats pixaug reads and writes. */
export type ImageFormat = 'png' | 'jpeg';

/** Options of `decodeImage` / `readImage`. */
export interface DecodeOptions {
  /**
   * Apply the EXIF Orientation tag (JPEG APP1, PNG eXIf) so the image comes out upright, as
   * OpenCV IMREAD_COLOR and Pillow `ImageOps.exif_transpose` do. Default `true`. `false` returns
   * the stored pixels, as Pillow `Image.open` and OpenCV IMREAD_UNCHANGED do.
   */
  orientation?: boolean;
  /**
   * Working-memory budget of the JPEG decoder (jpeg-js) in MiB, default 1024. jpeg-js counts
   * about 13.5 bytes per pixel at 4:2:0 and 21 at 4:4:4 (coefficients, sample rows, output), so
   * the default decodes up to about 80 (4:2:0) or 50 (4:4:4) megapixels. A JPEG that needs more
   * fails with `TOO_LARGE`.
   */
  maxJpegMemoryMB?: number;
}

/** Options of `encodeImage` / `writeImage`. */
export interface EncodeOptions {
  /** JPEG quality 1..100 (libjpeg's scale of the standard tables), default 92. Ignored for PNG. */
  quality?: number;
}

/** What a file's header says, without decoding its pixels. */
export interface ImageInfo {
  format: ImageFormat;
  /** stored width and height (before orientation) */
  width: number;
  height: number;
  /** channels `decodeImage` returns */
  channels: number;
  /** EXIF orientation 1..8 (1 when absent) */
  orientation: number;
}

function asBytes(op: string, bytes: unknown): Uint8Array {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  if (ArrayBuffer.isView(bytes)) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return invalid(op, 'bytes', 'a Uint8Array, Buffer or ArrayBuffer', bytes);
}

/**
 * The format of encoded image bytes from their magic number (PNG `89 50 4E 47 0D 0A 1A 0A`,
 * JPEG `FF D8 FF`), never from a file name; `null` for anything else.
 */
export function sniffFormat(bytes: Uint8Array | ArrayBuffer): ImageFormat | null {
  const b = asBytes('sniffFormat', bytes);
  return isPng(b) ? 'png' : isJpeg(b) ? 'jpeg' : null;
}

function unsupported(op: string, b: Uint8Array): never {
  if (b.length === 0) throw new PixaugError('DECODE_FAILED', `${op}: expected PNG or JPEG bytes but received an empty input`);
  const head = Array.from(b.subarray(0, 8), (x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ');
  throw new PixaugError('UNSUPPORTED_FORMAT', `${op}: expected PNG (89 50 4E 47 0D 0A 1A 0A) or JPEG (FF D8 FF) magic bytes but received ${head}`);
}

/**
 * Reads the header of PNG or JPEG bytes: format, stored size, decoded channel count and EXIF
 * orientation, without decoding pixels. Checks the size against `limits` like `decodeImage`.
 * @throws PixaugError as `decodeImage`, except errors only the pixel data can reveal
 */
export function probeImage(bytes: Uint8Array | ArrayBuffer): ImageInfo {
  const op = 'probeImage';
  const b = asBytes(op, bytes);
  if (isPng(b)) {
    const p = parsePng(op, b);
    return { format: 'png', width: p.width, height: p.height, channels: p.channels, orientation: p.exif ? readExifOrientation(p.exif) : 1 };
  }
  if (isJpeg(b)) {
    const j = parseJpeg(op, b);
    return { format: 'jpeg', width: j.width, height: j.height, channels: j.channels, orientation: j.exif ? readExifOrientation(j.exif) : 1 };
  }
  return unsupported(op, b);
}

/** Decodes without applying the orientation; returns it. @internal */
export function decodeStored(op: string, bytes: unknown, options: DecodeOptions): { image: Image<Uint8Array>; orientation: number } {
  if (options === null || typeof options !== 'object') invalid(op, 'options', 'an object', options);
  if (options.orientation !== undefined && typeof options.orientation !== 'boolean') {
    invalid(op, 'options.orientation', 'true or false', options.orientation);
  }
  const maxMemoryMB = options.maxJpegMemoryMB ?? 1024;
  if (typeof maxMemoryMB !== 'number' || !(maxMemoryMB > 0) || !Number.isFinite(maxMemoryMB)) {
    invalid(op, 'options.maxJpegMemoryMB', 'a positive number of MiB', maxMemoryMB);
  }
  const b = asBytes(op, bytes);
  let image: Image<Uint8Array>;
  let exif: Uint8Array | null;
  if (isPng(b)) {
    const info = parsePng(op, b);
    image = decodePng(op, b, info);
    exif = info.exif;
  } else if (isJpeg(b)) {
    const info = parseJpeg(op, b);
    image = decodeJpeg(op, b, info, { maxMemoryMB });
    exif = info.exif;
  } else {
    return unsupported(op, b);
  }
  const orientation = options.orientation === false || !exif ? 1 : readExifOrientation(exif);
  return { image, orientation };
}

/**
 * Decodes PNG or JPEG bytes into an Image. The format comes from the magic bytes, never from a
 * name. Result: uint8 (`Uint8Array`), HWC interleaved, no row padding, channels as stored:
 * - PNG: gray 1, gray+alpha 2, RGB 3, RGBA 4, palette 3 (4 when it has tRNS), gray/RGB with a
 *   tRNS colour 2/4 (alpha 0 where the colour matches, colour kept). 16-bit samples become
 *   `v >> 8` (OpenCV IMREAD_COLOR, i.e. libpng's strip_16, and Pillow for 16-bit RGB;
 *   round(v * 255 / 65535) differs by 1 for some values); 1/2/4-bit gray is scaled to 0..255. Adam7 interlacing is undone. Alpha is
 *   straight: RGB under alpha 0 is returned as stored, never zeroed or premultiplied.
 *   Critical-chunk CRC errors are fatal (libpng's rule; Pillow ignores them).
 * - JPEG: baseline or progressive, 8-bit. Grayscale gives 1 channel; YCbCr and RGB give 3,
 *   decoded like libjpeg-turbo (Pillow, OpenCV): fancy chroma upsampling and libjpeg's integer
 *   YCbCr -> RGB; the IDCT is jpeg-js's (Loeffler et al. 1989, via poppler), so samples may
 *   differ from Pillow by a few LSB (at most 3, mean 0.16, on the 4:2:0 test photos; 1 on
 *   grayscale). CMYK / YCCK (Adobe) give 3 channels
 *   RGB = (255 - C)(255 - K) / 255 like Pillow's convert('RGB'), within 2 LSB.
 * - EXIF orientation (JPEG APP1, PNG eXIf) is applied by default with the rot90 / flip /
 *   transpose kernels (so `await init()` is needed for a rotated file); `orientation: false`
 *   returns the stored pixels. Orientations 5..8 swap width and height.
 * Header sizes are checked against `limits` before the decoder allocates.
 * @param bytes the encoded file (Uint8Array, Buffer or ArrayBuffer)
 * @param options `{ orientation = true, maxJpegMemoryMB = 1024 }`
 * @returns a new Image<Uint8Array>
 * @throws PixaugError `DECODE_FAILED` (empty input, truncated, corrupt, bad CRC, zero size;
 *   the message gives the decoder's reason), `UNSUPPORTED_FORMAT` (not PNG/JPEG magic; lossless,
 *   arithmetic, 12-bit or 2-component JPEG), `TOO_LARGE` (header over `limits` or the JPEG
 *   memory budget), `INVALID_PARAMETER`, `NOT_INITIALIZED` (orientation to apply before `init()`)
 * @example const img = decodeImage(fs.readFileSync('cat.jpg')); // { width, height, channels: 3, data }
 */
export function decodeImage(bytes: Uint8Array | ArrayBuffer, options: DecodeOptions = {}): Image<Uint8Array> {
  const op = 'decodeImage';
  const { image, orientation } = decodeStored(op, bytes, options);
  if (orientation === 1) return image;
  try {
    getEngine();
  } catch {
    throw new PixaugError('NOT_INITIALIZED', `${op}: expected \`await init()\` before decoding a file with EXIF orientation ${orientation} (it is rotated with the wasm kernels); call init() first or pass { orientation: false }`);
  }
  return applyExifOrientation(image, orientation) as Image<Uint8Array>;
}

/**
 * Packs an image into contiguous uint8 samples. float32 samples are converted with
 * floor(v * 255 + 0.5) clamped to 0..255 (round half up; NaN becomes 0).
 */
function toPackedU8(src: CheckedImage): Uint8Array {
  const { width: w, height: h, channels: c, stride, data } = src;
  const row = w * c;
  if (src.dtype === 'uint8') {
    const u8 = data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.length);
    if (stride === row) return u8.length === row * h ? u8 : u8.subarray(0, row * h);
    const out = new Uint8Array(row * h);
    for (let y = 0; y < h; y++) out.set(u8.subarray(y * stride, y * stride + row), y * row);
    return out;
  }
  const out = new Uint8Array(row * h);
  for (let y = 0; y < h; y++) {
    for (let i = 0; i < row; i++) {
      const v = Math.floor(data[y * stride + i] * 255 + 0.5);
      out[y * row + i] = v > 255 ? 255 : v >= 0 ? v : 0; // NaN fails both tests: 0
    }
  }
  return out;
}

/** encodeImage with the caller's name in errors. @internal */
export function encodeAs(op: string, img: ImageLike, format: unknown, options: EncodeOptions): Uint8Array {
  const src = checkImage(op, img);
  if (format !== 'png' && format !== 'jpeg') invalid(op, 'format', `'png' or 'jpeg'`, format);
  if (options === null || typeof options !== 'object') invalid(op, 'options', 'an object', options);
  const quality = options.quality ?? 92;
  if (typeof quality !== 'number' || !Number.isInteger(quality) || quality < 1 || quality > 100) {
    invalid(op, 'options.quality', 'an integer from 1 to 100', quality);
  }
  if (src.channels > 4) {
    throw new PixaugError('INVALID_IMAGE', `${op}: expected image.channels to be 1, 2, 3 or 4 for ${format === 'png' ? 'PNG' : 'JPEG'} but received ${src.channels}`);
  }
  const data = toPackedU8(src);
  return format === 'png'
    ? encodePng(src.width, src.height, src.channels, data)
    : encodeJpeg(src.width, src.height, src.channels, data, quality);
}

/**
 * Encodes an image as PNG or JPEG bytes.
 * - PNG: 8-bit, lossless; 1 channel -> gray, 2 -> gray+alpha, 3 -> RGB, 4 -> RGBA (straight
 *   alpha, written as given). Reads back bit-exactly with `decodeImage`.
 * - JPEG: baseline, 4:4:4, JFIF, `quality` 1..100 (default 92). 3 channels -> RGB; 4 -> RGB with
 *   alpha dropped; 1 (or 2, alpha dropped) -> a 3-component JPEG with R = G = B, which reads back
 *   as 3 channels (the encoder, jpeg-js, writes no 1-component JPEGs). No EXIF is written.
 * float32 images (nominal 0..1) are converted first with floor(v * 255 + 0.5) clamped to 0..255
 * (round half up, NaN -> 0). Any stride is accepted. Needs no `init()`.
 * @param img image (or ImageData), HWC, 1..4 channels, uint8 or float32
 * @param format `'png'` or `'jpeg'`
 * @param options `{ quality = 92 }` (JPEG only)
 * @returns the encoded file as a Uint8Array
 * @throws PixaugError `INVALID_IMAGE` (malformed image, more than 4 channels), `TOO_LARGE`,
 *   `INVALID_PARAMETER` (format, quality)
 * @example const png = encodeImage(img, 'png'); const jpg = encodeImage(img, 'jpeg', { quality: 85 });
 */
export function encodeImage(img: ImageLike, format: ImageFormat, options: EncodeOptions = {}): Uint8Array {
  return encodeAs('encodeImage', img, format, options);
}
