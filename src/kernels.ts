/**
 * `pixaug/kernels`: the raw WebAssembly kernels and a memory helper, for people who use pixaug as
 * a portable compute backend and manage buffers themselves (no validation, no copies).
 *
 * ```ts
 * import { init, kernels, allocate, view, free } from 'pixaug/kernels';
 * await init();
 * const k = kernels();
 * const bytes = w * h * 4;
 * const src = allocate(bytes), dst = allocate(bytes);   // allocate BOTH before taking views
 * view(src, bytes).set(rgba);                           // fresh view after the last allocate
 * k.flipH(src, dst, w, h, 4, w * 4, w * 4);
 * const out = view(dst, bytes).slice();
 * free(src); free(dst);
 * ```
 *
 * Conventions of every kernel: pointers are byte offsets into `memory()`; images are interleaved
 * HWC; `bpp` = bytes per pixel (channels x 1 for uint8, channels x 4 for float32); strides are
 * signed byte distances between row starts (a negative stride with a pointer to the last row walks
 * the image bottom-up). Border codes: constant 0, edge 1, reflect 2, symmetric 3, wrap 4
 * (`BORDER_CODES`); interpolation codes: nearest 0, bilinear 1, bicubic 2 (`INTERPOLATION_CODES`).
 *
 * Kernels and what their caller guarantees (nothing is checked inside wasm: breaking a
 * guarantee gives wrong pixels or a trap, never a different error):
 *
 * - `flipH(src, dst, w, h, bpp, srcStride, dstStride)`: dst(y, x) = src(y, w-1-x).
 *   Guarantees: w, h, bpp >= 1; both images lie inside memory; src and dst do not overlap.
 * - `copyRows(src, dst, rowBytes, rows, srcStride, dstStride)`: row y of dst = row y of src
 *   (crop; vertical flip with a negative srcStride). Guarantees: rows inside memory, no overlap.
 * - `transpose(src, dst, w, h, bpp, srcStride, dstStride)`: dst(x, y) = src(y, x); dst is h wide,
 *   w tall (rot90 through signed strides, see assembly/flip.ts). Guarantees as flipH.
 * - `extract(src, dst, w, h, bpp, srcStride, dstStride, x0, y0, outW, outH, mode, fillPtr)`:
 *   the outW x outH window at (x0, y0) of src, outside coordinates mapped by border `mode` (numpy.pad
 *   semantics at any distance) or set to the bpp-byte pixel at fillPtr (constant). Guarantees: w, h,
 *   outW, outH, bpp >= 1; fillPtr readable for bpp bytes (any value when mode != 0); no overlap.
 * - `borderIndex(i, n, mode)`: index i mapped into [0, n) by `mode`, -1 for constant outside. n >= 1.
 * - `alloc(size)` / `free(ptr)`: raw blocks (16-byte aligned, 16 bytes of read slack) from the
 *   runtime's TLSF allocator. `alloc` may grow memory, which detaches every existing view.
 *
 * Warp kernels (`warpAffineU8`, `warpAffineF32`) document their guarantees in assembly/warp.ts.
 * The generator (`philox4x32`, `fillNormal`, `fillUniform`, `fillWords`: assembly/random.ts, which
 * also states which counter gives which value), the noise kernels (`noiseU8`, `noiseF32`,
 * `saltPepperU8`, `saltPepperF32`: assembly/noise.ts) and the photometric kernels (`lutU8`,
 * `affineF32`, `gammaF32`, `solarizeF32`, `grayU8`, `grayF32`, `histogramU8`, `lumaSumU8`,
 * `lumaSumF32`, `hsvShiftU8`, `hsvShiftF32`, `fillRect`: assembly/color.ts; `blurSeparable`:
 * assembly/blur.ts) document theirs in those files.
 * Resize kernels (`resampleH8`, `resampleV8`, `resampleV32`, `resampleHF`, `resampleVF`,
 * `resizeNearest`, `premultiplyU8`, `unpremultiplyU8`, `premultiplyF32`) take coefficient plans
 * whose layout and guarantees are documented in assembly/resample.ts (src/ops/resize.ts builds
 * them); `warpPerspectiveU8` / `warpPerspectiveF32` are documented in assembly/perspective.ts.
 */
import { getEngine, type KernelExports } from './engine.js';
import type { DType } from './image.js';

export { init, simdSupported, type InitOptions, type EngineInfo, type KernelExports } from './engine.js';
export { BORDER_CODES, INTERPOLATION_CODES } from './image.js';

/**
 * The raw exports of the running build (call after `await init()`).
 * @throws PixaugError `NOT_INITIALIZED` before init.
 */
export function kernels(): KernelExports {
  return getEngine().k;
}

/** The wasm memory of the running build. Its `buffer` changes whenever memory grows. */
export function memory(): WebAssembly.Memory {
  return getEngine().k.memory;
}

/**
 * Allocates `bytes` bytes of wasm memory (16-byte aligned, plus 16 bytes that SIMD tails may read)
 * and returns the pointer. May grow memory: take views only after your last allocation.
 * @throws PixaugError `OUT_OF_MEMORY` when memory cannot grow; `NOT_INITIALIZED` before init.
 */
export function allocate(bytes: number): number {
  return getEngine().alloc(bytes);
}

/** Frees a pointer returned by `allocate` (0 is ignored). */
export function free(ptr: number): void {
  getEngine().free(ptr);
}

/**
 * A fresh typed-array view of `length` elements at `ptr`: Uint8Array for `uint8` (default),
 * Float32Array for `float32` (ptr must be 4-byte aligned, as `allocate` guarantees). The view is
 * detached by the next memory growth: never keep it across `allocate` or a kernel call that allocates.
 */
export function view(ptr: number, length: number, dtype: 'float32'): Float32Array;
export function view(ptr: number, length: number, dtype?: 'uint8'): Uint8Array;
export function view(ptr: number, length: number, dtype: DType = 'uint8'): Uint8Array | Float32Array {
  const e = getEngine();
  return dtype === 'float32' ? e.f32(ptr, length) : e.u8(ptr, length);
}
