// rotate() against cv2.getRotationMatrix2D over 4029 angles and centres
// (fixture: test/reference/make_rotation_matrices.py, OpenCV 4.6 on glibc).
// V8's Math.cos / Math.sin are within 1 ulp but not always correctly rounded, so the matrix can
// differ from OpenCV's in the last bit (about 6% of angles). These tests pin that bound and check
// that the output images are still bit-exact with cv2.warpAffine for every such angle.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { init, rotate, warpAffine, rotationMatrix } from '../dist/index.js';
import { randomImage, assertSameImage } from './helpers.js';

const { rows } = JSON.parse(readFileSync(new URL('./fixtures/rotation_matrices.json', import.meta.url), 'utf8'));
const ulp = (x) => { const b = new Float64Array([Math.abs(x)]); const u = new BigUint64Array(b.buffer); u[0] += 1n; return b[0] - Math.abs(x); };

const differing = rows.filter((r) => rotationMatrix(r[0], r[1], r[2]).some((v, i) => v !== r[3 + i]));

test('rotationMatrix equals cv2.getRotationMatrix2D to within 1 ulp per entry', () => {
  assert.is(rows.length, 4029);
  for (const r of rows) {
    const m = rotationMatrix(r[0], r[1], r[2]);
    for (let i = 0; i < 6; i++) {
      const want = r[3 + i];
      // translation entries are computed from cos/sin, so allow 1 ulp of their inputs' scale
      const tol = i === 2 || i === 5 ? 4 * ulp(Math.abs(r[1]) + Math.abs(r[2]) + Math.abs(want)) : ulp(want);
      assert.ok(Math.abs(m[i] - want) <= tol, `angle ${r[0]} entry ${i}: ${m[i]} vs ${want}`);
    }
  }
  // most angles are bit-identical; the rest is the documented 1-ulp libm difference
  assert.ok(differing.length < rows.length * 0.1, `${differing.length} of ${rows.length} differ`);
});

test('rotate is bit-exact with cv2.warpAffine(getRotationMatrix2D) even where the matrices differ in the last bit', async () => {
  assert.ok(differing.length > 0, 'the fixture exercises differing matrices');
  const img = randomImage(512, 300, 1, 'uint8', 11);
  for (const simd of [true, false]) {
    await init({ simd });
    for (const [k, r] of differing.entries()) {
      const interpolation = ['bilinear', 'nearest', 'bicubic'][k % 3];
      const got = rotate(img, r[0], { center: [r[1], r[2]], interpolation, border: 'reflect' });
      // warpAffine with OpenCV's own matrix is bit-exact with cv2.warpAffine (test/warp.test.js)
      const want = warpAffine(img, r.slice(3), { interpolation, border: 'reflect' });
      assertSameImage(assert, got, want, `angle ${r[0]} centre ${r[1]},${r[2]} ${interpolation}`);
    }
  }
});

test.run();
