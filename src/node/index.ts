/**
 * pixaug/node: image files for Node. `readImage` / `writeImage` wrap the in-memory codecs
 * (`decodeImage` / `encodeImage`, also exported here) with the file system.
 *
 * ```ts
 * import { init } from 'pixaug';
 * import { readImage, writeImage } from 'pixaug/node';
 * await init();
 * const img = await readImage('cat.jpg');       // uint8 HWC, EXIF orientation applied
 * await writeImage('out/cat.png', img);         // format from the extension, atomic
 * ```
 */

import { randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getEngine, init } from '../engine.js';
import { PixaugError, invalid } from '../errors.js';
import type { Image, ImageLike } from '../image.js';
import { applyExifOrientation } from '../io/exif.js';
import { decodeStored, encodeAs, type DecodeOptions, type EncodeOptions, type ImageFormat } from '../io/index.js';

export {
  decodeImage, encodeImage, probeImage, sniffFormat, readExifOrientation,
  type DecodeOptions, type EncodeOptions, type ImageFormat, type ImageInfo,
} from '../io/index.js';

function toPath(op: string, path: unknown): string {
  if (path instanceof URL) return fileURLToPath(path);
  if (typeof path === 'string' && path.length > 0) return path;
  return invalid(op, 'path', 'a non-empty string or a file: URL', path);
}

/**
 * Reads and decodes a PNG or JPEG file (format from the magic bytes, never the extension).
 * Same result and options as `decodeImage`: uint8 HWC, channels as stored (gray 1, gray+alpha 2,
 * RGB 3, RGBA 4; palette 3 or 4; 16-bit reduced with `v >> 8`), EXIF orientation applied unless
 * `{ orientation: false }`. If a rotation is needed and `init()` has not run, it calls `init()`
 * with the defaults first. Error messages name the file.
 * @param path file path or file: URL
 * @param options `{ orientation = true, maxJpegMemoryMB = 1024 }`
 * @returns a new Image<Uint8Array>
 * @throws PixaugError `IO_ERROR` (unreadable path, with the system error), and the codes of
 *   `decodeImage`: `DECODE_FAILED`, `UNSUPPORTED_FORMAT`, `TOO_LARGE`, `INVALID_PARAMETER`
 * @example const img = await readImage('photos/cat.jpg');
 */
export async function readImage(path: string | URL, options: DecodeOptions = {}): Promise<Image<Uint8Array>> {
  const p = toPath('readImage', path);
  const op = `readImage(${p})`;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(p);
  } catch (cause) {
    throw new PixaugError('IO_ERROR', `readImage: could not read ${p}: ${(cause as Error).message}`, { cause });
  }
  const { image, orientation } = decodeStored(op, bytes, options);
  if (orientation === 1) return image;
  try {
    getEngine();
  } catch {
    await init();
  }
  return applyExifOrientation(image, orientation) as Image<Uint8Array>;
}

/** Options of `writeImage`. */
export interface WriteOptions extends EncodeOptions {
  /** `'png'` or `'jpeg'`; default from the extension (.png, .jpg, .jpeg, any case). */
  format?: ImageFormat;
}

/**
 * Encodes an image and writes it atomically: the bytes go to a temporary file in the same
 * directory (`.<name>.<pid>.<random>.tmp`), which is then renamed over `path`, so readers never
 * see a half-written file and a crash leaves the old file intact (the temporary file is removed
 * on failure; the data is not fsynced). Encoding as `encodeImage`: PNG 1..4 channels lossless;
 * JPEG `quality` 1..100 (default 92), alpha dropped, gray written as R = G = B; float32
 * converted with floor(v * 255 + 0.5) clamped. An existing file at `path` is replaced.
 * @param path file path or file: URL; the directory must exist
 * @param img image (or ImageData), HWC, 1..4 channels, uint8 or float32
 * @param options `{ format, quality = 92 }`; `format` defaults from the extension
 * @throws PixaugError `INVALID_PARAMETER` (no format and no .png/.jpg/.jpeg extension, bad
 *   quality), `INVALID_IMAGE`, `TOO_LARGE`, `IO_ERROR` (with the path and the system error)
 * @example await writeImage('out/cat.jpg', img, { quality: 85 });
 */
export async function writeImage(path: string | URL, img: ImageLike, options: WriteOptions = {}): Promise<void> {
  const op = 'writeImage';
  const p = toPath(op, path);
  if (options === null || typeof options !== 'object') invalid(op, 'options', 'an object', options);
  let format: unknown = options.format;
  if (format === undefined) {
    const ext = extname(p).toLowerCase();
    format = ext === '.png' ? 'png' : ext === '.jpg' || ext === '.jpeg' ? 'jpeg' : undefined;
    if (format === undefined) invalid(op, 'options.format', `'png' or 'jpeg' (or a path ending in .png, .jpg or .jpeg)`, p);
  }
  const bytes = encodeAs(op, img, format, options);
  const tmp = join(dirname(p), `.${basename(p)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, bytes, { flag: 'wx' });
    await rename(tmp, p);
  } catch (cause) {
    await unlink(tmp).catch(() => undefined);
    throw new PixaugError('IO_ERROR', `writeImage: could not write ${p}: ${(cause as Error).message}`, { cause });
  }
}
