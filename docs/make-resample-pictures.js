// Writes the README pictures of the resampling family (docs/img/resample/*.jpg) from a real
// photo, with pixaug itself: `npm run build && node docs/make-resample-pictures.js`.
//
// Photo: bench/fixtures/astronaut_512x512.png (NASA, public domain; see bench/fixtures/LICENSES.md).
// Each picture is a strip of 160x160 panels separated by 4 white pixels; the README caption says
// what each panel is, left to right. Deterministic (fixed generator states), so re-running the
// script reproduces the same files.
import {
  init, resize, centerCrop, randomCrop, randomResizedCrop, translate, scale, affine, warpPerspective, crop,
} from '../dist/index.js';
import { P, loadPhoto, strip as stripIn, pixels } from './lib.js';

const strip = (name, panels) => stripIn('resample', name, panels);

/** Small deterministic generator (xorshift32) with the `float()` interface of pixaug's Rng. */
function rng(seed) {
  let s = seed >>> 0 || 1;
  return { float() { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; } };
}

await init();
const photo = loadPhoto();
const base = resize(photo, { width: P, height: P, interpolation: 'lanczos3' });
const face = crop(photo, { x: 128, y: 32, width: 256, height: 256 });

// resize: original | 40x40 without antialias (cv2.resize, aliased) | 40x40 antialiased (Pillow) | area
strip('resize', [
  resize(face, { width: P, height: P }),
  pixels(resize(face, { width: 40, height: 40, antialias: false })),
  pixels(resize(face, { width: 40, height: 40 })),
  pixels(resize(face, { width: 40, height: 40, interpolation: 'area' })),
]);

// crops: centerCrop 96 | randomCrop 96 (two draws) | randomResizedCrop (two draws)
const g = rng(7);
strip('crops', [
  resize(centerCrop(photo, { width: 256, height: 256 }), { width: P, height: P }),
  resize(randomCrop(photo, { width: 256, height: 256 }, g), { width: P, height: P }),
  resize(randomCrop(photo, { width: 256, height: 256 }, g), { width: P, height: P }),
  randomResizedCrop(photo, { width: P, height: P }, g),
  randomResizedCrop(photo, { width: P, height: P }, g),
]);

// translate: (30.5, -20.25) constant | wrap | reflect
strip('translate', [
  translate(base, 30.5, -20.25),
  translate(base, 30.5, -20.25, { border: 'wrap' }),
  translate(base, 30.5, -20.25, { border: 'reflect' }),
]);

// scale: 1.5 | 0.6 constant fill | 0.6 reflect | [1.3, 0.7] symmetric
strip('scale', [
  scale(base, 1.5),
  scale(base, 0.6, { fill: [40, 40, 40] }),
  scale(base, 0.6, { border: 'reflect' }),
  scale(base, [1.3, 0.7], { border: 'symmetric' }),
]);

// affine: rotate 20 + shear 10 | angle -35, scale 0.8, translate, reflect | shear [0, 20] edge
strip('affine', [
  affine(base, { angle: 20, shear: [10, 0] }),
  affine(base, { angle: -35, scale: 0.8, translate: [10, 5], border: 'reflect' }),
  affine(base, { shear: [0, 20], scale: [1, 0.9], border: 'edge' }),
]);

/** The homography mapping 4 source points to 4 destination points (8x8 linear solve). */
function homography(src, dst) {
  const A = [], b = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = src[i], [u, v] = dst[i];
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y]); b.push(u);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y]); b.push(v);
  }
  for (let c = 0; c < 8; c++) { // Gaussian elimination with partial pivoting
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    [A[c], A[p]] = [A[p], A[c]]; [b[c], b[p]] = [b[p], b[c]];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k < 8; k++) A[r][k] -= f * A[c][k];
      b[r] -= f * b[c];
    }
  }
  return [...b.map((v, i) => v / A[i][i]), 1];
}

// warpPerspective on the full photo (512 px) to 160 px panels: keystone | the photo laid on a
// receding floor, point-sampled (antialias: false, aliasing at the far end) | the same filtered
const big = resize(photo, { width: 512, height: 512 });
const toPanel = (pts) => homography([[0, 0], [511, 0], [511, 511], [0, 511]], pts);
strip('perspective', [
  warpPerspective(big, toPanel([[20, 8], [139, 8], [159, 159], [0, 159]]), { width: P, height: P }),
  warpPerspective(big, toPanel([[62, 6], [97, 6], [159, 159], [0, 159]]), { width: P, height: P, fill: [40, 40, 40], antialias: false }),
  warpPerspective(big, toPanel([[62, 6], [97, 6], [159, 159], [0, 159]]), { width: P, height: P, fill: [40, 40, 40] }),
]);

// anti-aliased warp: a 5x shrink of the 512 px photo (scale 0.2, reflect), point-sampled |
// filtered; a 40 x 40 detail of each, enlarged 4x
const small = (o) => crop(scale(photo, 0.2, { border: 'reflect', ...o }), { x: 236, y: 216, width: 40, height: 40 });
strip('antialias', [pixels(small({ antialias: false })), pixels(small({}))]);
