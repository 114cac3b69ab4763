/**
 * The one error type pixaug throws. `code` says what kind of failure it is; the message names
 * the operation and parameter, what was expected and what was received, e.g.
 * `rotate: expected angle to be a finite number of degrees but received NaN`.
 *
 * Codes:
 * - `INVALID_PARAMETER`  a parameter has the wrong type, range or value
 * - `INVALID_IMAGE`      the image object is malformed (sizes, data type, data length, channels)
 * - `TOO_LARGE`          the image (or a decoded file's header) exceeds the pixel limit
 * - `UNSUPPORTED_FORMAT` a file is not PNG or JPEG, or uses a feature we do not decode
 * - `DECODE_FAILED`      a PNG/JPEG file is corrupt or truncated
 * - `IO_ERROR`           reading or writing a file failed
 * - `NOT_INITIALIZED`    an operation ran before `await init()`
 * - `OUT_OF_MEMORY`      the WebAssembly memory could not grow for this image
 *
 * After any PixaugError the engine remains usable.
 */
export type PixaugErrorCode =
  | 'INVALID_PARAMETER'
  | 'INVALID_IMAGE'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_FORMAT'
  | 'DECODE_FAILED'
  | 'IO_ERROR'
  | 'NOT_INITIALIZED'
  | 'OUT_OF_MEMORY';

export class PixaugError extends Error {
  readonly code: PixaugErrorCode;
  constructor(code: PixaugErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PixaugError';
    this.code = code;
  }
}

/** Short, readable description of a received value for error messages. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    return v.length <= 8 ? `[${v.map(describe).join(', ')}]` : `an array of length ${v.length}`;
  }
  if (ArrayBuffer.isView(v)) {
    const name = v.constructor.name;
    return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name} of length ${(v as unknown as ArrayLike<number>).length}`;
  }
  if (typeof v === 'function') return 'a function';
  return `an object (${Object.prototype.toString.call(v).slice(8, -1)})`;
}

/** Throws INVALID_PARAMETER: "`op`: expected `name` to be `expected` but received `describe(value)`". */
export function invalid(op: string, name: string, expected: string, value: unknown): never {
  throw new PixaugError('INVALID_PARAMETER', `${op}: expected ${name} to be ${expected} but received ${describe(value)}`);
}
