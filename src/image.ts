import { PixaugError, describe, invalid } from './errors.js';

/** Pixel storage: uint8 (`Uint8Array`, `Uint8ClampedArray`) or float32 (`Float32Array`, nominal 0..1). */
export type PixelData = Uint8Array | Uint8ClampedArray | Float32Array;

/** The sample type of an image: `uint8` (0..255) or `float32` (nominal range 0..1, not clamped). */
export type DType = 'uint8' | 'float32';

/**
 * An image: interleaved HWC, row-major. Pixel (x, y), channel c is at
 * `data[y * stride + x * channels + c]`, where `stride` (in elements, not bytes) defaults to
 * `width * channels`. `channels` is 1 (gray), 2 (gray+alpha), 3 (RGB), 4 (RGBA) or any N >= 1.
 * Alpha, when present, is straight (not premultiplied).
 */
export interface Image<D extends PixelData = PixelData> {
  width: number;
  height: number;
  channels: number;
  data: D;
  /** Elements between the starts of two rows; defaults to width * channels. */
  stride?: number;
}

/** Anything pixaug accepts as an image: an `Image`, or a browser `ImageData` (RGBA, 4 channels). */
export type ImageLike = Image | { width: number; height: number; data: Uint8ClampedArray; channels?: number };

/** Border modes (numpy.pad names); the OpenCV names are in the docs of every op that takes one. */
export type BorderMode = 'constant' | 'edge' | 'reflect' | 'symmetric' | 'wrap';
/** Interpolation names. */
export type Interpolation = 'nearest' | 'bilinear' | 'bicubic';
/** A fill value: one number for every channel, or one per channel. uint8: 0..255; float32: any finite. */
export type Fill = number | readonly number[];

/** Border mode codes of the wasm ABI (assembly/border.ts). */
export const BORDER_CODES: Readonly<Record<BorderMode, number>> = {
  constant: 0, edge: 1, reflect: 2, symmetric: 3, wrap: 4,
};
/** Interpolation codes of the wasm ABI (assembly/warp.ts). */
export const INTERPOLATION_CODES: Readonly<Record<Interpolation, number>> = {
  nearest: 0, bilinear: 1, bicubic: 2,
};

/**
 * Size limits, checked before anything is allocated. An image (input, output, or a decoded
 * file's header) may have at most `maxPixels` pixels (default 2^28 = 268,435,456, e.g.
 * 16384 x 16384), sides of at most `maxDimension` (default 65535) and at most `maxBytes` bytes of
 * samples (default 2^30 = 1 GiB, since an operation holds its input and output in 32-bit
 * WebAssembly memory). Exceeding one throws `PixaugError` `TOO_LARGE`.
 */
export const limits = { maxPixels: 2 ** 28, maxDimension: 65535, maxBytes: 2 ** 30, maxChannels: 1024 };

/** A validated image, with its layout resolved. */
export interface CheckedImage {
  width: number;
  height: number;
  channels: number;
  data: PixelData;
  dtype: DType;
  /** row stride in elements */
  stride: number;
  /** bytes per sample (1 or 4) */
  bytes: number;
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

/** Checks that a width x height x channels image of `bytes`-byte samples fits the limits. */
export function checkSize(op: string, width: number, height: number, channels: number, bytes: number): void {
  if (width > limits.maxDimension || height > limits.maxDimension) {
    throw new PixaugError('TOO_LARGE', `${op}: expected width and height of at most ${limits.maxDimension} pixels but received ${width}x${height}`);
  }
  if (width * height > limits.maxPixels) {
    throw new PixaugError('TOO_LARGE', `${op}: expected at most ${limits.maxPixels} pixels but received ${width}x${height} = ${width * height}`);
  }
  if (width * height * channels * bytes > limits.maxBytes) {
    throw new PixaugError('TOO_LARGE', `${op}: expected at most ${limits.maxBytes} bytes of samples but received ${width}x${height}x${channels} samples of ${bytes} bytes`);
  }
}

/**
 * Validates an image argument (an `Image` or browser `ImageData`) and resolves its layout.
 * Throws `INVALID_IMAGE` (malformed) or `TOO_LARGE` (over `limits`).
 */
export function checkImage(op: string, img: unknown, name = 'image'): CheckedImage {
  if (img === null || typeof img !== 'object') {
    throw new PixaugError('INVALID_IMAGE', `${op}: expected ${name} to be an object { width, height, channels, data } but received ${describe(img)}`);
  }
  const o = img as Record<string, unknown>;
  const { width, height, data } = o;
  if (!isPositiveInt(width)) {
    throw new PixaugError('INVALID_IMAGE', `${op}: expected ${name}.width to be a positive integer but received ${describe(width)}`);
  }
  if (!isPositiveInt(height)) {
    throw new PixaugError('INVALID_IMAGE', `${op}: expected ${name}.height to be a positive integer but received ${describe(height)}`);
  }
  let dtype: DType;
  if (data instanceof Uint8Array || data instanceof Uint8ClampedArray) dtype = 'uint8';
  else if (data instanceof Float32Array) dtype = 'float32';
  else {
    throw new PixaugError('INVALID_IMAGE', `${op}: expected ${name}.data to be a Uint8Array, Uint8ClampedArray or Float32Array but received ${describe(data)}`);
  }
  let channels = o.channels;
  if (channels === undefined && data instanceof Uint8ClampedArray && o.stride === undefined) channels = 4; // ImageData
  if (!isPositiveInt(channels) || channels > limits.maxChannels) {
    throw new PixaugError('INVALID_IMAGE', `${op}: expected ${name}.channels to be an integer from 1 to ${limits.maxChannels} but received ${describe(channels)}`);
  }
  const bytes = dtype === 'uint8' ? 1 : 4;
  checkSize(op, width, height, channels, bytes);
  const rowLen = width * channels;
  let stride = rowLen;
  if (o.stride !== undefined) {
    if (typeof o.stride !== 'number' || !Number.isInteger(o.stride) || o.stride < rowLen) {
      throw new PixaugError('INVALID_IMAGE', `${op}: expected ${name}.stride to be an integer >= width x channels = ${rowLen} but received ${describe(o.stride)}`);
    }
    stride = o.stride;
  }
  const need = stride * (height - 1) + rowLen;
  const len = (data as PixelData).length;
  if (o.stride === undefined ? len !== need : len < need) {
    throw new PixaugError('INVALID_IMAGE', `${op}: expected ${name}.data to have ${o.stride === undefined ? '' : 'at least '}${need} elements (${width} x ${height} x ${channels}${o.stride === undefined ? '' : `, stride ${stride}`}) but received ${len}`);
  }
  return { width, height, channels, data: data as PixelData, dtype, stride, bytes };
}

/** Validates a border mode name. */
export function checkBorder(op: string, v: unknown, name = 'border'): BorderMode {
  if (typeof v === 'string' && Object.prototype.hasOwnProperty.call(BORDER_CODES, v)) return v as BorderMode;
  return invalid(op, name, `one of 'constant', 'edge', 'reflect', 'symmetric', 'wrap'`, v);
}

/** Validates an interpolation name. */
export function checkInterpolation(op: string, v: unknown, name = 'interpolation'): Interpolation {
  if (typeof v === 'string' && Object.prototype.hasOwnProperty.call(INTERPOLATION_CODES, v)) return v as Interpolation;
  return invalid(op, name, `one of 'nearest', 'bilinear', 'bicubic'`, v);
}

/** Validates a finite number. */
export function checkFinite(op: string, name: string, v: unknown, what = 'a finite number'): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) invalid(op, name, what, v);
  return v as number;
}

/** Validates an integer (optionally >= min). */
export function checkInt(op: string, name: string, v: unknown, min?: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || (min !== undefined && v < min)) {
    invalid(op, name, min === undefined ? 'an integer' : min === 0 ? 'a non-negative integer' : `an integer >= ${min}`, v);
  }
  return v as number;
}

/**
 * Validates a fill value and expands it to one number per channel. uint8 fills must be
 * integers in 0..255 (they are written as-is); float32 fills any finite numbers.
 */
export function checkFill(op: string, v: unknown, channels: number, dtype: DType): number[] {
  const arr = typeof v === 'number' ? new Array<number>(channels).fill(v) : Array.isArray(v) ? v : null;
  const what = dtype === 'uint8'
    ? `a number or an array of 1 or ${channels} numbers, each an integer in 0..255`
    : `a number or an array of 1 or ${channels} finite numbers`;
  if (arr === null || (arr.length !== 1 && arr.length !== channels)) return invalid(op, 'fill', what, v);
  const out = arr.length === 1 ? new Array<number>(channels).fill(arr[0]) : arr.slice();
  for (const x of out) {
    const ok = typeof x === 'number' && Number.isFinite(x) && (dtype === 'float32' || (Number.isInteger(x) && x >= 0 && x <= 255));
    if (!ok) return invalid(op, 'fill', what, v);
  }
  return out;
}

/** Creates an empty (zeroed) image of the same data type as `like`. */
export function emptyLike<D extends PixelData>(like: D, width: number, height: number, channels: number): D {
  const Ctor = like.constructor as { new (n: number): D };
  return new Ctor(width * height * channels);
}
