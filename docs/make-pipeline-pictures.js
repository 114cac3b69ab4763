// Makes docs/img/pipeline/cat-targets.png for the README: the cat photo with boxes (eyes, nose)
// and keypoints, then four outputs of a pipeline, the targets drawn where the pipeline moved them.
// Run: npm run build && node docs/make-pipeline-pictures.js
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { init, transforms as T, resize } from '../dist/index.js';
import { readImage, writeImage } from '../dist/node/index.js';

await init();
const photo = await readImage(new URL('../examples/images/chelsea_cat_451x300.png', import.meta.url));
const boxes = [[133, 83, 210, 148], [292, 108, 345, 165], [235, 222, 293, 265]];
const labels = ['eye', 'eye', 'nose'];
const keypoints = [[172, 115], [318, 137], [262, 243]];
const COLORS = { eye: [255, 220, 0], nose: [0, 200, 255] };

const aug = T.compose([
  T.horizontalFlip(),
  T.rotate({ limit: 25, border: 'reflect', p: 0.9 }),
  T.randomResizedCrop({ width: 224, height: 224, scale: [0.45, 0.9], ratio: [0.8, 1.25] }),
  T.hueSaturationValue({ hue: 15, saturation: 0.15 }),
  T.oneOf([T.gaussianNoise({ sigma: [4, 12] }), T.gaussianBlur({ sigma: [0.5, 1.5] })], { p: 0.5 }),
], { seed: 7, boxFormat: 'pascal_voc', minVisibility: 0.3 });

/** Draws 2-px box outlines and 5x5 keypoint squares on an RGB image (in place). */
function draw(img, bs, ls, kps) {
  const { width: W, height: H, data } = img;
  const put = (x, y, c) => {
    x = Math.round(x); y = Math.round(y);
    if (x < 0 || y < 0 || x >= W || y >= H) return;
    const i = (y * W + x) * 3;
    data[i] = c[0]; data[i + 1] = c[1]; data[i + 2] = c[2];
  };
  bs.forEach(([x1, y1, x2, y2], k) => {
    const c = COLORS[ls[k]];
    for (let t = 0; t < 2; t++) {
      for (let x = x1; x <= x2; x++) { put(x, y1 + t, c); put(x, y2 - 1 - t, c); }
      for (let y = y1; y <= y2; y++) { put(x1 + t, y, c); put(x2 - 1 - t, y, c); }
    }
  });
  for (const [x, y] of kps) for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) put(x + dx, y + dy, [255, 40, 40]);
  return img;
}

const first = resize(photo, { width: 336, height: 224 });
const sx = 336 / photo.width, sy = 224 / photo.height;
const cells = [draw({ ...first, data: first.data.slice() }, boxes.map(([a, b, c, d]) => [a * sx, b * sy, c * sx, d * sy]), labels, keypoints.map(([x, y]) => [(x + 0.5) * sx - 0.5, (y + 0.5) * sy - 0.5]))];
for (const index of [0, 1, 2, 3]) {
  const out = aug({ image: photo, boxes, labels, keypoints }, { index });
  cells.push(draw({ ...out.image, data: out.image.data.slice() }, out.boxes, out.labels, out.keypoints));
}
const GAP = 8, Hh = 224;
const Wt = cells.reduce((s, c) => s + c.width, 0) + GAP * (cells.length - 1);
const sheet = { width: Wt, height: Hh, channels: 3, data: new Uint8Array(Wt * Hh * 3).fill(255) };
let x0 = 0;
for (const c of cells) {
  for (let y = 0; y < c.height; y++) sheet.data.set(c.data.subarray(y * c.width * 3, (y + 1) * c.width * 3), (y * Wt + x0) * 3);
  x0 += c.width + GAP;
}
mkdirSync(fileURLToPath(new URL('./img/pipeline', import.meta.url)), { recursive: true });
await writeImage(new URL('./img/pipeline/cat-targets.png', import.meta.url), sheet);
console.log('wrote docs/img/pipeline/cat-targets.png', Wt, 'x', Hh);
