// The fast paths added for the benchmark targets (bench/RESULTS.md), checked byte for byte
// against plain JS references in both builds:
// - flipH unrolled by four vectors (64 bytes per iteration) for 1- and 4-byte pixels: widths
//   around multiples of 16 and 64 so the unrolled loop, the one-vector loop and the scalar tail
//   all run;
// - transpose / rot90 through the 16x16 staging buffer (SIMD build, 32-bit pixels, destination
//   stride a multiple of 2048 bytes, i.e. an output 512*k pixels wide): sizes with and without a
//   right-hand remainder, negative destination stride (rot90 k=1), negative source stride
//   (rot90 k=3), RGBA uint8 and 1-channel float32 (also 4 bytes per pixel).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { init, flip, rot90, transpose } from '../dist/index.js';
import { randomImage, assertSameImage } from './helpers.js';

/** out(x, y) = in(w-1-x, y) */
function flipHRef(img) {
  const { width: w, height: h, channels: c, data } = img;
  const out = new data.constructor(data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let k = 0; k < c; k++) out[(y * w + x) * c + k] = data[(y * w + (w - 1 - x)) * c + k];
    }
  }
  return { width: w, height: h, channels: c, data: out };
}

/** out(x, y) = in(y, x); out is h wide, w tall */
function transposeRef(img) {
  const { width: w, height: h, channels: c, data } = img;
  const out = new data.constructor(data.length);
  for (let r = 0; r < w; r++) {
    for (let col = 0; col < h; col++) {
      for (let k = 0; k < c; k++) out[(r * h + col) * c + k] = data[(col * w + r) * c + k];
    }
  }
  return { width: h, height: w, channels: c, data: out };
}

/** np.rot90(img, k) for k = 1 (counter-clockwise) and k = 3 (clockwise) */
function rot90Ref(img, k) {
  const { width: w, height: h, channels: c, data } = img;
  const out = new data.constructor(data.length);
  for (let r = 0; r < w; r++) {
    for (let col = 0; col < h; col++) {
      // k=1: dst(r, col) = src(col, w-1-r); k=3: dst(r, col) = src(h-1-col, r)
      const [sy, sx] = k === 1 ? [col, w - 1 - r] : [h - 1 - col, r];
      for (let q = 0; q < c; q++) out[(r * h + col) * c + q] = data[(sy * w + sx) * c + q];
    }
  }
  return { width: h, height: w, channels: c, data: out };
}

for (const simd of [true, false]) {
  const build = simd ? 'SIMD' : 'scalar';

  test(`${build}: flip horizontal == JS reference around the 16/64-pixel unroll boundaries`, async () => {
    await init({ simd });
    let seed = 1;
    for (const c of [1, 4]) {
      for (const w of [1, 3, 15, 16, 17, 63, 64, 65, 79, 80, 129, 200]) {
        const img = randomImage(w, 3, c, 'uint8', seed++);
        assertSameImage(assert, flip(img, 'horizontal'), flipHRef(img), `${build} flipH ${w}x3x${c}`);
        // 'both' = flipH with the source walked bottom-up (negative stride) = a 180° turn
        assertSameImage(assert, flip(img, 'both'), rot90Ref(rot90Ref(img, 1), 1), `${build} flip both ${w}x3x${c}`);
      }
    }
    const f32 = randomImage(67, 5, 1, 'float32', 99); // 4-byte pixels through the RGBA path
    assertSameImage(assert, flip(f32, 'horizontal'), flipHRef(f32), `${build} flipH float32 67x5x1`);
  });

  test(`${build}: transpose / rot90 == JS reference on staged-path sizes (output 512*k wide)`, async () => {
    await init({ simd });
    let seed = 100;
    // [width, height, channels, dtype]: height is the output width, so height 512 / 1024 with
    // 4-byte pixels gives a destination stride of 2048 / 4096 bytes
    const cases = [
      [16, 512, 4, 'uint8'], [37, 512, 4, 'uint8'], [512, 512, 4, 'uint8'], [515, 512, 4, 'uint8'],
      [50, 1024, 4, 'uint8'], [33, 512, 1, 'float32'], [512, 37, 4, 'uint8'], [1, 512, 4, 'uint8'],
    ];
    for (const [w, h, c, dtype] of cases) {
      const img = randomImage(w, h, c, dtype, seed++);
      const label = `${build} ${w}x${h}x${c} ${dtype}`;
      assertSameImage(assert, transpose(img), transposeRef(img), `${label} transpose`);
      assertSameImage(assert, rot90(img, 1), rot90Ref(img, 1), `${label} rot90 k=1`);
      assertSameImage(assert, rot90(img, 3), rot90Ref(img, 3), `${label} rot90 k=3`);
    }
  });
}

test.run();
