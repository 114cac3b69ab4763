// The engine: loads one of the two WebAssembly builds, owns its memory, and runs kernels.
//
// Memory rule (DESIGN.md): `memory.grow` detaches every view of the old buffer, and writes to a
// detached view are silently lost. So nothing here keeps a view across a call that may allocate:
// `u8()` / `f32()` make a fresh view each time, after all allocations of an operation are done.

import { instantiate as instantiateSimd } from '../build/pixaug.simd.js';
import { instantiate as instantiateScalar } from '../build/pixaug.js';
import { PixaugError } from './errors.js';
import { checkSize, type CheckedImage, type Image, type PixelData } from './image.js';

/** The raw kernel exports of the wasm module (see `pixaug/kernels` for their contracts). */
export type KernelExports = Awaited<ReturnType<typeof instantiateSimd>>;

/** Options of `init()`. */
export interface InitOptions {
  /**
   * `true` requires the SIMD build (throws `UNSUPPORTED_FORMAT` where WebAssembly SIMD does not
   * validate), `false` forces the scalar build, `undefined` (default) picks SIMD when available.
   */
  simd?: boolean;
  /**
   * Where to get the wasm binary, for bundlers, CDNs and unusual hosts: a compiled
   * `WebAssembly.Module`, the bytes (`ArrayBuffer` or a typed array), a `Response` (or a
   * promise of one, e.g. `fetch(url)`; compiled with `WebAssembly.compileStreaming` when served
   * as `application/wasm`), or a URL (`URL`, or a string resolved against this module's URL,
   * `dist/engine.js`). Or a function `(build) => source` called with `{ simd }` (the build
   * picked from the `simd` option and the host) so the SIMD choice still decides which binary is
   * fetched. Defaults to `build/pixaug.simd.wasm` or `build/pixaug.wasm` next to this package,
   * found with `new URL(..., import.meta.url)` and read with `fs` in Node and `fetch` in browsers.
   * A given binary decides the build that runs; `simd: true` or `false` with a binary of the
   * other build throws `INVALID_PARAMETER`.
   */
  module?: WasmSource | ((build: { simd: boolean }) => WasmSource | PromiseLike<WasmSource>);
}

/** A wasm binary as `init({ module })` accepts it. */
export type WasmSource = WebAssembly.Module | BufferSource | Response | PromiseLike<Response> | URL | string;

/** What `init()` loaded. */
export interface EngineInfo {
  /** true when the SIMD build is running */
  simd: boolean;
}

// A minimal module using one SIMD instruction (i8x16.splat + i8x16.popcnt, from the
// wasm-feature-detect technique): it validates only where WebAssembly SIMD is supported.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** true when this host validates WebAssembly SIMD (128-bit) modules. */
export function simdSupported(): boolean {
  return WebAssembly.validate(SIMD_PROBE);
}

const moduleCache = new Map<string, Promise<WebAssembly.Module>>();

async function readUrl(url: URL): Promise<BufferSource> {
  if (url.protocol === 'file:') {
    // Node (and Deno/Bun): read from disk. The specifier is a variable so browser bundlers
    // leave it alone; this branch never runs in a browser.
    const fsName = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsName)) as typeof import('node:fs/promises');
    return new Uint8Array(await fs.readFile(url));
  }
  const res = await fetch(url);
  if (!res.ok) throw new PixaugError('IO_ERROR', `init: expected to fetch ${url.href} but received HTTP ${res.status}`);
  return res.arrayBuffer();
}

function isResponse(v: unknown): v is Response {
  return typeof Response === 'function' && v instanceof Response;
}

async function compileResponse(res: Response): Promise<WebAssembly.Module> {
  if (!res.ok) throw new PixaugError('IO_ERROR', `init: expected to fetch ${res.url || 'the wasm binary'} but received HTTP ${res.status}`);
  const type = res.headers.get('content-type') ?? '';
  if (typeof WebAssembly.compileStreaming === 'function' && type.split(';')[0].trim() === 'application/wasm') {
    return WebAssembly.compileStreaming(res);
  }
  return WebAssembly.compile(await res.arrayBuffer());
}

async function compile(source: WasmSource): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return source;
  if (typeof source === 'string' || source instanceof URL) {
    const url = typeof source === 'string' ? new URL(source, import.meta.url) : source;
    // http(s) and the like: compile while downloading (compileStreaming) when served as application/wasm
    if (url.protocol !== 'file:') {
      let res: Response;
      try {
        res = await fetch(url);
      } catch (cause) {
        throw new PixaugError('IO_ERROR', `init: expected to fetch ${url.href} but the request failed (${(cause as Error)?.message ?? cause})`, { cause });
      }
      return compileResponse(res);
    }
    return WebAssembly.compile(await readUrl(url));
  }
  if (isResponse(source)) return compileResponse(source);
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return WebAssembly.compile(source);
  if (source !== null && typeof (source as PromiseLike<Response>).then === 'function') {
    const res = await source;
    if (!isResponse(res)) throw new PixaugError('INVALID_PARAMETER', `init: expected module to be a promise of a Response but it resolved to ${String(res)}`);
    return compileResponse(res);
  }
  throw new PixaugError('INVALID_PARAMETER', `init: expected module to be a WebAssembly.Module, ArrayBuffer, typed array, Response, URL, string or function but received ${String(source)}`);
}

/** One instantiated build with its memory helpers. */
export class Engine {
  readonly simd: boolean;
  readonly k: KernelExports;
  constructor(simd: boolean, exports: KernelExports) {
    this.simd = simd;
    this.k = exports;
  }
  /** Allocates `bytes` (+16 bytes of slack), 16-byte aligned; may grow memory. */
  alloc(bytes: number): number {
    try {
      return this.k.alloc(bytes);
    } catch (cause) {
      throw new PixaugError('OUT_OF_MEMORY', `could not allocate ${bytes} bytes of WebAssembly memory`, { cause });
    }
  }
  free(ptr: number): void {
    if (ptr) this.k.free(ptr);
  }
  /** A fresh byte view; never keep it across a call that may allocate. */
  u8(ptr: number, length: number): Uint8Array {
    return new Uint8Array(this.k.memory.buffer, ptr, length);
  }
  /** A fresh float32 view (ptr must be 4-byte aligned); never keep it across an allocation. */
  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.k.memory.buffer, ptr, length);
  }
  /** Current size of the wasm linear memory in bytes. */
  memoryBytes(): number {
    return this.k.memory.buffer.byteLength;
  }
}

let current: Engine | null = null;

/**
 * Loads and instantiates the WebAssembly kernels; call (and await) once before any operation.
 * Picks the SIMD build (`build/pixaug.simd.wasm`) where WebAssembly SIMD validates, else the
 * scalar build (`build/pixaug.wasm`); both come from the same AssemblyScript source and give
 * identical bytes for integer kernels. Works the same in Node (reads the file with `fs`) and in
 * browsers (`fetch`). Calling it again with a different `simd` choice switches builds; calling
 * it again with the same choice is cheap and keeps the current instance.
 *
 * @param options `{ simd?: boolean, module?: WasmSource | ((build: { simd }) => WasmSource) }`,
 *   WasmSource = `WebAssembly.Module | ArrayBuffer | typed array | Response | Promise<Response> | URL | string`
 * @returns `{ simd }`: which build is running.
 * @throws PixaugError `UNSUPPORTED_FORMAT` if `simd: true` is asked where SIMD does not validate;
 *   `INVALID_PARAMETER` for a non-boolean `simd`, an unusable `module`, or a `module` of the other
 *   build than a boolean `simd` asks for; `IO_ERROR` if the binary cannot be fetched.
 * @example
 *   import { init } from 'pixaug';
 *   await init();                 // SIMD where available
 *   await init({ simd: false });  // force the scalar build
 *   await init({ module: fetch('/assets/pixaug.simd.wasm') });  // bundlers / CDNs
 *   await init({ module: ({ simd }) => new URL(simd ? 'pixaug.simd.wasm' : 'pixaug.wasm', base) });
 */
export async function init(options: InitOptions = {}): Promise<EngineInfo> {
  if (options === null || typeof options !== 'object') {
    throw new PixaugError('INVALID_PARAMETER', `init: expected options to be an object but received ${String(options)}`);
  }
  const { simd: want, module } = options;
  if (want !== undefined && typeof want !== 'boolean') {
    throw new PixaugError('INVALID_PARAMETER', `init: expected simd to be true, false or undefined but received ${String(want)}`);
  }
  const canSimd = simdSupported();
  if (want === true && !canSimd) {
    throw new PixaugError('UNSUPPORTED_FORMAT', 'init: expected a host with WebAssembly SIMD for simd: true but this host does not validate SIMD modules');
  }
  const simd = want ?? canSimd;
  if (current && current.simd === simd && module === undefined) return { simd };
  let compiled: WebAssembly.Module;
  if (module !== undefined) {
    compiled = await compile(typeof module === 'function' ? await module({ simd }) : module);
  } else {
    const key = simd ? 'simd' : 'scalar';
    let p = moduleCache.get(key);
    if (!p) {
      p = compile(new URL(simd ? '../build/pixaug.simd.wasm' : '../build/pixaug.wasm', import.meta.url));
      moduleCache.set(key, p);
      p.catch(() => moduleCache.delete(key));
    }
    compiled = await p;
  }
  const exports = await (simd ? instantiateSimd : instantiateScalar)(compiled, { env: {} });
  if (want !== undefined && (exports.simdBuild() === 1) !== want) {
    throw new PixaugError('INVALID_PARAMETER', `init: expected module to be the ${want ? 'SIMD' : 'scalar'} build for simd: ${want} but received the ${want ? 'scalar' : 'SIMD'} build`);
  }
  current = new Engine(exports.simdBuild() === 1, exports);
  return { simd: current.simd };
}

/** The running engine. @throws PixaugError `NOT_INITIALIZED` before `await init()`. */
export function getEngine(): Engine {
  if (!current) throw new PixaugError('NOT_INITIALIZED', 'pixaug: expected `await init()` to have completed before the first operation but it has not been called');
  return current;
}

/** Byte layout of an image inside wasm memory, handed to a kernel call. */
export interface Placed {
  ptr: number;
  /** row stride in bytes */
  stride: number;
}

/**
 * Runs one kernel: copies `src` into wasm memory once, allocates the output (and the fill pixel
 * when given), calls `call`, copies the output out once, and frees everything, also on error.
 * The output has the same data type (and typed-array class) as the input.
 */
export function runKernel(
  op: string,
  src: CheckedImage,
  out: { width: number; height: number; channels: number },
  call: (k: KernelExports, s: Placed, d: Placed, fillPtr: number) => void,
  fill?: readonly number[],
): Image {
  const e = getEngine();
  checkSize(op, out.width, out.height, out.channels, src.bytes);
  const srcLen = src.stride * (src.height - 1) + src.width * src.channels;
  const dstLen = out.width * out.height * out.channels;
  let sp = 0, dp = 0, fp = 0;
  try {
    sp = e.alloc(srcLen * src.bytes);
    dp = e.alloc(dstLen * src.bytes);
    if (fill) fp = e.alloc(fill.length * src.bytes);
    // all allocations done: views are safe from here until the next allocation
    const input = src.data.length === srcLen ? src.data : src.data.subarray(0, srcLen);
    if (src.dtype === 'float32') {
      e.f32(sp, srcLen).set(input);
      if (fill) e.f32(fp, fill.length).set(fill);
    } else {
      e.u8(sp, srcLen).set(input);
      if (fill) e.u8(fp, fill.length).set(fill);
    }
    call(e.k, { ptr: sp, stride: src.stride * src.bytes }, { ptr: dp, stride: out.width * out.channels * src.bytes }, fp);
    const Ctor = src.data.constructor as { new (n: number): PixelData };
    const data = new Ctor(dstLen);
    data.set(src.dtype === 'float32' ? e.f32(dp, dstLen) : e.u8(dp, dstLen));
    return { width: out.width, height: out.height, channels: out.channels, data };
  } finally {
    e.free(fp);
    e.free(dp);
    e.free(sp);
  }
}
