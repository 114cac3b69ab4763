// pixaug/browser: interop between pixaug Images and the browser's pixel containers (ImageData,
// canvases, ImageBitmap) and image decoding by the platform (createImageBitmap), not pngjs.
//
// Works in windows and in workers (OffscreenCanvas). Nothing here runs a kernel; the operations
// come from 'pixaug' itself: `import { init, rotate } from 'pixaug'`.

import { PixaugError, describe } from './errors.js';
import { checkImage, type Image, type ImageLike } from './image.js';

/** A canvas pixaug can read from or draw to. */
export type AnyCanvas = HTMLCanvasElement | OffscreenCanvas;

/** A rectangle in pixels (x, y = top-left corner). */
export interface PixelRect { x: number; y: number; width: number; height: number }

type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

function context2d(op: string, canvas: AnyCanvas): Ctx2D {
  const ctx = (canvas as OffscreenCanvas).getContext('2d', { willReadFrequently: true }) as Ctx2D | null;
  if (!ctx) {
    throw new PixaugError('INVALID_PARAMETER', `${op}: expected canvas to give a '2d' context but received null (it already has another kind of context)`);
  }
  return ctx;
}

function isCanvas(v: unknown): v is AnyCanvas {
  return (typeof OffscreenCanvas === 'function' && v instanceof OffscreenCanvas) ||
    (typeof HTMLCanvasElement === 'function' && v instanceof HTMLCanvasElement);
}

/** An OffscreenCanvas where available (windows and workers), else an HTML canvas element. */
function makeCanvas(op: string, width: number, height: number): AnyCanvas {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(width, height);
  if (typeof document !== 'undefined') {
    const c = document.createElement('canvas');
    c.width = width;
    c.height = height;
    return c;
  }
  throw new PixaugError('UNSUPPORTED_FORMAT', `${op}: expected a host with OffscreenCanvas or document.createElement('canvas') but this host has neither`);
}

/**
 * Wraps a browser `ImageData` as a pixaug Image, without copying: `{ width, height, channels: 4,
 * data }` with `data` the same `Uint8ClampedArray` (RGBA, straight alpha, sRGB by default).
 * pixaug operations accept `ImageData` directly too; this only makes the `channels: 4` explicit.
 * Operations never write to their input, so sharing the buffer is safe.
 *
 * @throws PixaugError `INVALID_IMAGE` if `imageData` is not ImageData-shaped.
 * @example
 *   const img = fromImageData(ctx.getImageData(0, 0, w, h));
 */
export function fromImageData(imageData: ImageData): Image<Uint8ClampedArray> {
  const c = checkImage('fromImageData', imageData, 'imageData');
  if (c.channels !== 4 || !(c.data instanceof Uint8ClampedArray)) {
    throw new PixaugError('INVALID_IMAGE', `fromImageData: expected an ImageData (RGBA Uint8ClampedArray) but received ${describe(imageData)}`);
  }
  return { width: c.width, height: c.height, channels: 4, data: c.data };
}

/**
 * Converts a pixaug Image to a new browser `ImageData` (RGBA, straight alpha, uint8).
 * Channels: 4 (RGBA) copied; 3 (RGB) gets alpha 255; 1 (gray) gives R = G = B = v, alpha 255;
 * 2 (gray, alpha) gives R = G = B = v with its alpha. float32 samples (nominal 0..1) are mapped
 * to round(v * 255) clamped to 0..255 (half up; NaN -> 0). A `stride` is honoured.
 * Images with more than 4 channels are rejected (choose 3 or 4 of them first).
 *
 * @throws PixaugError `INVALID_IMAGE` for a malformed image or channels > 4; `UNSUPPORTED_FORMAT`
 *   where `ImageData` does not exist (Node).
 * @example
 *   ctx.putImageData(toImageData(rotate(img, 30)), 0, 0);
 */
export function toImageData(img: ImageLike): ImageData {
  const c = checkImage('toImageData', img);
  if (c.channels > 4) {
    throw new PixaugError('INVALID_IMAGE', `toImageData: expected image.channels to be 1, 2, 3 or 4 but received ${c.channels}`);
  }
  if (typeof ImageData !== 'function') {
    throw new PixaugError('UNSUPPORTED_FORMAT', 'toImageData: expected a host with ImageData (a browser window or worker) but this host has none');
  }
  const { width: w, height: h, channels: ch, stride, data } = c;
  const out = new Uint8ClampedArray(w * h * 4);
  if (ch === 4 && c.dtype === 'uint8') {
    // whole rows: no per-pixel work
    if (stride === w * 4) out.set(data);
    else for (let y = 0; y < h; y++) out.set(data.subarray(y * stride, y * stride + w * 4), y * w * 4);
  } else {
    // Interop glue (layout change only, once per displayed image); Uint8ClampedArray stores
    // round-half-to-even of the clamped value, so float32 is pre-rounded half up here.
    const f = c.dtype === 'float32';
    for (let y = 0; y < h; y++) {
      let s = y * stride, d = y * w * 4;
      for (let x = 0; x < w; x++, s += ch, d += 4) {
        const a = f ? Math.floor(data[s] * 255 + 0.5) : data[s];
        if (ch >= 3) {
          out[d] = a;
          out[d + 1] = f ? Math.floor(data[s + 1] * 255 + 0.5) : data[s + 1];
          out[d + 2] = f ? Math.floor(data[s + 2] * 255 + 0.5) : data[s + 2];
          out[d + 3] = ch === 4 ? (f ? Math.floor(data[s + 3] * 255 + 0.5) : data[s + 3]) : 255;
        } else {
          out[d] = out[d + 1] = out[d + 2] = a;
          out[d + 3] = ch === 2 ? (f ? Math.floor(data[s + 1] * 255 + 0.5) : data[s + 1]) : 255;
        }
      }
    }
  }
  return new ImageData(out, w, h);
}

/**
 * Reads the pixels of a canvas (`HTMLCanvasElement` or `OffscreenCanvas`, 2D) into a new pixaug
 * Image: RGBA uint8 (`Uint8ClampedArray`), 4 channels, straight alpha. `rect` (default: the
 * whole canvas) selects a region. Canvases store premultiplied alpha, so pixels with alpha < 255
 * may come back with slightly different colour values than were drawn (a platform property).
 *
 * @throws PixaugError `INVALID_PARAMETER` if `canvas` is not a canvas, already has a non-2D
 *   context, or `rect` is empty.
 * @example
 *   const img = fromCanvas(document.querySelector('canvas'));
 */
export function fromCanvas(canvas: AnyCanvas, rect?: PixelRect): Image<Uint8ClampedArray> {
  if (!isCanvas(canvas)) {
    throw new PixaugError('INVALID_PARAMETER', `fromCanvas: expected canvas to be an HTMLCanvasElement or OffscreenCanvas but received ${describe(canvas)}`);
  }
  const r = rect ?? { x: 0, y: 0, width: canvas.width, height: canvas.height };
  if (!(r.width >= 1 && r.height >= 1)) {
    throw new PixaugError('INVALID_PARAMETER', `fromCanvas: expected a region of at least 1 x 1 pixels but received ${r.width} x ${r.height}`);
  }
  const id = context2d('fromCanvas', canvas).getImageData(r.x, r.y, r.width, r.height);
  return { width: id.width, height: id.height, channels: 4, data: id.data };
}

/**
 * Draws a pixaug Image into a canvas at (0, 0), resizing the canvas to the image, and returns
 * the canvas. Without `canvas`, a new `OffscreenCanvas` (or an HTML canvas where
 * OffscreenCanvas is missing) is made. Conversion of channels and float32 as in `toImageData`.
 *
 * @throws PixaugError as `toImageData`, and `INVALID_PARAMETER` if `canvas` is not a canvas or
 *   has a non-2D context.
 * @example
 *   toCanvas(gaussianNoise(img, { sigma: 10 }), document.querySelector('canvas'));
 */
export function toCanvas<C extends AnyCanvas = AnyCanvas>(img: ImageLike, canvas?: C): C {
  if (canvas !== undefined && !isCanvas(canvas)) {
    throw new PixaugError('INVALID_PARAMETER', `toCanvas: expected canvas to be an HTMLCanvasElement or OffscreenCanvas but received ${describe(canvas)}`);
  }
  const id = toImageData(img);
  const c = (canvas ?? makeCanvas('toCanvas', id.width, id.height)) as C;
  if (c.width !== id.width) c.width = id.width;
  if (c.height !== id.height) c.height = id.height;
  context2d('toCanvas', c).putImageData(id, 0, 0);
  return c;
}

/**
 * Reads the pixels of an `ImageBitmap` (or anything `drawImage` accepts with a width and height:
 * an `HTMLImageElement`, `HTMLVideoElement` frame, `VideoFrame`, canvas) into a new pixaug Image,
 * RGBA uint8, 4 channels, by drawing it onto an OffscreenCanvas. Same alpha caveat as
 * `fromCanvas`.
 *
 * @throws PixaugError `INVALID_PARAMETER` if the source has no positive width/height.
 * @example
 *   const img = fromImageBitmap(await createImageBitmap(file));
 */
export function fromImageBitmap(bitmap: ImageBitmap | CanvasImageSource): Image<Uint8ClampedArray> {
  const b = bitmap as { width?: unknown; height?: unknown; naturalWidth?: unknown; naturalHeight?: unknown; displayWidth?: unknown; displayHeight?: unknown };
  const w = Number(b.naturalWidth ?? b.displayWidth ?? b.width), h = Number(b.naturalHeight ?? b.displayHeight ?? b.height);
  if (!(Number.isInteger(w) && w >= 1 && Number.isInteger(h) && h >= 1)) {
    throw new PixaugError('INVALID_PARAMETER', `fromImageBitmap: expected a bitmap with a positive width and height but received ${describe(bitmap)}`);
  }
  const canvas = makeCanvas('fromImageBitmap', w, h);
  const ctx = context2d('fromImageBitmap', canvas);
  ctx.drawImage(bitmap as CanvasImageSource, 0, 0);
  const id = ctx.getImageData(0, 0, w, h);
  return { width: w, height: h, channels: 4, data: id.data };
}

/** Options of `decodeImage`. */
export interface DecodeImageOptions {
  /** Apply the EXIF orientation (default true, `imageOrientation: 'from-image'`). */
  orientation?: boolean;
  /**
   * MIME type for bytes given as `ArrayBuffer`/typed array (default: sniffed by the browser,
   * which handles PNG, JPEG, GIF, WebP, AVIF, BMP without it).
   */
  type?: string;
}

/**
 * Decodes an encoded image (PNG, JPEG, WebP, GIF (first frame), AVIF, BMP: whatever this
 * browser's `createImageBitmap` decodes) to a pixaug Image, RGBA uint8 (`Uint8ClampedArray`),
 * 4 channels, straight alpha. Uses the platform decoder (`createImageBitmap` with
 * `premultiplyAlpha: 'none'`, `colorSpaceConversion: 'none'`) and an OffscreenCanvas, not pngjs:
 * opaque 8-bit PNGs give exactly the file's bytes (same as `pixaug/node`'s decoder); JPEGs are
 * decoded by the browser's libjpeg-turbo and may differ by a few levels from other decoders;
 * 16-bit PNGs are reduced to 8 bits by the browser. EXIF orientation is applied unless
 * `orientation: false`.
 *
 * @param source a `Blob`/`File`, or the file's bytes (`ArrayBuffer` or typed array).
 * @throws PixaugError `DECODE_FAILED` if the browser cannot decode it; `INVALID_PARAMETER` for
 *   another kind of source; `UNSUPPORTED_FORMAT` where `createImageBitmap` is missing.
 * @example
 *   input.onchange = async () => { const img = await decodeImage(input.files[0]); ... };
 */
export async function decodeImage(source: Blob | ArrayBuffer | ArrayBufferView, options: DecodeImageOptions = {}): Promise<Image<Uint8ClampedArray>> {
  if (typeof createImageBitmap !== 'function') {
    throw new PixaugError('UNSUPPORTED_FORMAT', 'decodeImage: expected a host with createImageBitmap (a browser window or worker) but this host has none; in Node use pixaug/node');
  }
  let blob: Blob;
  if (typeof Blob === 'function' && source instanceof Blob) blob = source;
  else if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    const bytes = source instanceof ArrayBuffer ? new Uint8Array(source) : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    blob = new Blob([bytes as BlobPart], options.type ? { type: options.type } : {});
  } else {
    throw new PixaugError('INVALID_PARAMETER', `decodeImage: expected source to be a Blob, ArrayBuffer or typed array but received ${describe(source)}`);
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, {
      premultiplyAlpha: 'none',
      colorSpaceConversion: 'none',
      imageOrientation: options.orientation === false ? 'none' : 'from-image',
    });
  } catch (cause) {
    throw new PixaugError('DECODE_FAILED', `decodeImage: expected an image this browser can decode but received ${blob.size} bytes it could not (${(cause as Error)?.message ?? cause})`, { cause });
  }
  try {
    return fromImageBitmap(bitmap);
  } finally {
    bitmap.close();
  }
}
