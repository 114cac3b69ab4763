// Targets: boxes, keypoints and masks follow the pixels through every geometric transform.
// 1. A filled box drawn on a synthetic image: the transformed box == bounds of the transformed
//    pixels (and of the transformed mask) within 1 px (interpolation blurs edges by < 1 px).
// 2. fast-check properties: flips / rot90 round trips of boxes and keypoints, format round trips.
// 3. Exact values: flip, rot90, crop, resize maps; keypoint angles; ellipse vs largest box;
//    minVisibility / minArea drop boxes and their labels.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { init, transforms as T, PixaugError } from '../dist/index.js';

test.before(async () => { await init(); });

/** w x h single-channel uint8 image with the box [x1, y1, x2) x [y1, y2) set to 255 (integer box). */
function boxImage(w, h, [x1, y1, x2, y2], value = 255) {
  const data = new Uint8Array(w * h);
  for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) data[y * w + x] = value;
  return { width: w, height: h, channels: 1, data };
}

/** Pascal VOC bounds (edges) of the pixels >= thr. */
function pixelBox(img, thr = 128) {
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) {
    if (img.data[y * img.width + x] >= thr) { x1 = Math.min(x1, x); y1 = Math.min(y1, y); x2 = Math.max(x2, x + 1); y2 = Math.max(y2, y + 1); }
  }
  return [x1, y1, x2, y2];
}

const near = (got, want, tol, label) => {
  for (let i = 0; i < want.length; i++) {
    assert.ok(Math.abs(got[i] - want[i]) <= tol, `${label}: [${got.map((v) => v.toFixed(2))}] vs [${want.map((v) => v.toFixed(2))}] (tol ${tol})`);
  }
};

const GEOMETRIC = [
  ['horizontalFlip', T.horizontalFlip({ p: 1 }), 0],
  ['verticalFlip', T.verticalFlip({ p: 1 }), 0],
  ['randomRotate90 k=1', T.randomRotate90({ k: [1], p: 1 }), 0],
  ['randomRotate90 k=3', T.randomRotate90({ k: [3], p: 1 }), 0],
  ['transpose', T.transpose({ p: 1 }), 0],
  ['rotate 25', T.rotate({ limit: [25, 25] }), 1],
  ['rotate -40 nearest', T.rotate({ limit: [-40, -40], interpolation: 'nearest' }), 1],
  ['affine', T.affine({ rotate: [10, 10], scale: [0.8, 0.8], shearX: [8, 8], translateX: [0.05, 0.05], translateY: [-0.04, -0.04] }), 1],
  ['shift', T.shift({ x: [0.1, 0.1], y: [-0.05, -0.05] }), 1],
  ['shift round', T.shift({ x: [0.1, 0.1], y: [-0.05, -0.05], round: true }), 0],
  ['scale 1.3', T.scale({ factor: [1.3, 1.3] }), 1],
  ['scale 0.7', T.scale({ factor: [0.7, 0.7] }), 1],
  ['perspective', T.perspective({ scale: [0.08, 0.08] }), 1.5],
  ['resize', T.resize({ width: 50, height: 90 }), 1],
  ['crop', T.crop({ x: 7, y: 11, width: 40, height: 38 }), 0],
  ['centerCrop', T.centerCrop({ width: 41, height: 37 }), 0],
  ['randomCrop', T.randomCrop({ width: 45, height: 50 }), 0],
  ['randomResizedCrop', T.randomResizedCrop({ width: 40, height: 40, scale: [0.6, 1] }), 1],
  ['pad', T.pad({ top: 3, left: 9, right: 1, bottom: 4 }), 0],
];

test('every geometric transform: the moved box agrees with the moved pixels and the moved mask', () => {
  const W = 71, H = 64, box = [20, 17, 45, 40];
  for (const [name, t, tol] of GEOMETRIC) {
    for (const index of [0, 1, 2]) {
      const aug = T.compose([t], { seed: 11 });
      const image = boxImage(W, H, box);
      const mask = boxImage(W, H, box, 1);
      const out = aug({ image, boxes: [box], labels: ['thing'], mask }, { index });
      assert.is(out.boxes.length, 1, name);
      assert.equal(out.labels, ['thing'], name);
      const want = pixelBox(out.image);
      near(out.boxes[0], want, tol, `${name} #${index} image`);
      const maskBox = pixelBox(out.mask, 1);
      near(out.boxes[0], maskBox, Math.max(tol, 1), `${name} #${index} mask`);
      // masks keep labels: nearest interpolation never invents values
      assert.ok(out.mask.data.every((v) => v === 0 || v === 1), `${name}: mask values stay in {0, 1}`);
      assert.is(out.mask.width, out.image.width);
      assert.is(out.mask.height, out.image.height);
    }
  }
});

test('fused runs (flip + rotate + scale + shift, fused into one warp): box, mask and pixels still agree', () => {
  const W = 80, H = 70, box = [22, 18, 50, 44];
  const steps = [T.horizontalFlip({ p: 1 }), T.rotate({ limit: [18, 18] }), T.scale({ factor: [0.85, 0.85] }), T.shift({ x: [0.05, 0.05], y: [0.03, 0.03] })];
  for (const method of ['largest_box', 'ellipse']) {
    const out = T.compose(steps, { seed: 1, boxRotateMethod: method })({ image: boxImage(W, H, box), mask: boxImage(W, H, box, 1), boxes: [box] });
    if (method === 'largest_box') {
      near(out.boxes[0], pixelBox(out.image), 1, 'fused image');
      near(out.boxes[0], pixelBox(out.mask, 1), 1, 'fused mask');
    } else {
      const px = pixelBox(out.image);
      assert.ok(out.boxes[0][0] > px[0] && out.boxes[0][2] < px[2], 'ellipse box is inside the rotated rectangle\'s bounds');
    }
  }
});

test('exact maps: flip, rot90, transpose, crop, resize, pad', () => {
  const W = 100, H = 60;
  const image = { width: W, height: H, channels: 1, data: new Uint8Array(W * H) };
  const run = (t, boxes, keypoints) => T.compose([t], { seed: 1 })({ image, boxes, keypoints }, { index: 0 });
  let o = run(T.horizontalFlip({ p: 1 }), [[10, 5, 30, 25]], [[0, 0, 30, 2]]);
  assert.equal(o.boxes, [[70, 5, 90, 25]]);
  assert.equal(o.keypoints, [[99, 0, 150, 2]]); // albumentations: x -> W - 1 - x, angle -> 180 - angle
  o = run(T.verticalFlip({ p: 1 }), [[10, 5, 30, 25]], [[3, 4, 30]]);
  assert.equal(o.boxes, [[10, 35, 30, 55]]);
  assert.equal(o.keypoints, [[3, 55, 330]]);
  o = run(T.randomRotate90({ k: [1], p: 1 }), [[10, 5, 30, 25]], [[10, 5]]);
  // np.rot90 (CCW): (x, y) -> (y, W - 1 - x); output 60 x 100
  assert.equal([o.image.width, o.image.height], [60, 100]);
  assert.equal(o.boxes, [[5, 70, 25, 90]]);
  assert.equal(o.keypoints, [[5, 89]]);
  o = run(T.transpose({ p: 1 }), [[10, 5, 30, 25]], [[10, 5]]);
  assert.equal(o.boxes, [[5, 10, 25, 30]]);
  o = run(T.crop({ x: 20, y: 10, width: 50, height: 40 }), [[10, 5, 30, 25], [80, 0, 99, 9]], [[25, 15], [5, 5]]);
  assert.equal(o.boxes, [[0, 0, 10, 15]]); // second box is fully outside: dropped
  assert.equal(o.boxIndices, [0]);
  assert.equal(o.keypoints, [[5, 5]]);
  assert.equal(o.keypointIndices, [0]);
  o = run(T.resize({ width: 50, height: 120 }), [[10, 5, 30, 25]], [[10, 5]]);
  assert.equal(o.boxes, [[5, 10, 15, 50]]);
  // pixel centres: x' = (x + 0.5) * 0.5 - 0.5
  assert.equal(o.keypoints, [[4.75, 10.5]]);
  o = run(T.pad({ top: 2, left: 3 }), [[10, 5, 30, 25]], [[10, 5]]);
  assert.equal(o.boxes, [[13, 7, 33, 27]]);
  assert.equal(o.keypoints, [[13, 7]]);
});

test('box formats: coco and yolo in and out', () => {
  const image = { width: 200, height: 100, channels: 1, data: new Uint8Array(200 * 100) };
  const coco = T.compose([T.horizontalFlip({ p: 1 })], { seed: 1, boxFormat: 'coco' })({ image, boxes: [[10, 20, 30, 40, 7]] });
  assert.equal(coco.boxes, [[160, 20, 30, 40, 7]]); // extra fields carried
  const yolo = T.compose([T.horizontalFlip({ p: 1 })], { seed: 1, boxFormat: 'yolo' })({ image, boxes: [[0.25, 0.5, 0.1, 0.2]] });
  near(yolo.boxes[0], [0.75, 0.5, 0.1, 0.2], 1e-12, 'yolo');
  const rs = T.compose([T.resize({ width: 400, height: 50 })], { seed: 1, boxFormat: 'yolo' })({ image, boxes: [[0.25, 0.5, 0.1, 0.2]] });
  near(rs.boxes[0], [0.25, 0.5, 0.1, 0.2], 1e-12, 'yolo is invariant under resize');
});

test('rotation: largest_box contains the ellipse box; ellipse is tighter and exact', () => {
  const image = { width: 101, height: 101, channels: 1, data: new Uint8Array(101 * 101) };
  const box = [30.5, 40.5, 70.5, 60.5]; // centred on the rotation centre: pixel 50 = edge coordinate 50.5
  const a = T.compose([T.rotate({ limit: [45, 45] })], { seed: 1 })({ image, boxes: [box] });
  const e = T.compose([T.rotate({ limit: [45, 45] })], { seed: 1, boxRotateMethod: 'ellipse' })({ image, boxes: [box] });
  const [l, r] = [a.boxes[0], e.boxes[0]];
  assert.ok(r[0] > l[0] && r[1] > l[1] && r[2] < l[2] && r[3] < l[3], `${r} inside ${l}`);
  // corners: half extent (20 + 10) / sqrt 2 = 21.21; ellipse: sqrt(20^2 + 10^2) / sqrt 2 = 15.81
  near(l, [50.5 - 21.2132, 50.5 - 21.2132, 50.5 + 21.2132, 50.5 + 21.2132], 1e-3, 'largest_box');
  near(r, [50.5 - 15.8114, 50.5 - 15.8114, 50.5 + 15.8114, 50.5 + 15.8114], 1e-3, 'ellipse');
});

test('minVisibility and minArea drop boxes with their labels; keypoints outside are dropped or flagged', () => {
  const image = { width: 100, height: 100, channels: 1, data: new Uint8Array(100 * 100) };
  const boxes = [[0, 0, 20, 20], [40, 40, 60, 60], [45, 0, 55, 4]];
  const t = T.crop({ x: 10, y: 0, width: 90, height: 100 });
  let o = T.compose([t], { seed: 1, minVisibility: 0.6 })({ image, boxes, labels: ['a', 'b', 'c'] });
  assert.equal(o.labels, ['b', 'c']); // box a keeps 50% of its area
  o = T.compose([t], { seed: 1, minArea: 50 })({ image, boxes, labels: ['a', 'b', 'c'] });
  assert.equal(o.labels, ['a', 'b']); // box c has 40 px^2
  const kps = [[5, 5], [50, 50]];
  o = T.compose([t], { seed: 1 })({ image, keypoints: kps });
  assert.equal(o.keypoints, [[40, 50]]);
  o = T.compose([t], { seed: 1, removeInvisibleKeypoints: false })({ image, keypoints: kps });
  assert.equal(o.keypoints, [[-5, 5], [40, 50]]);
  assert.equal(o.keypointsVisible, [false, true]);
});

test('keypoint angle and scale follow rotation and scaling', () => {
  const image = { width: 51, height: 51, channels: 1, data: new Uint8Array(51 * 51) };
  const o = T.compose([T.rotate({ limit: [90, 90] })], { seed: 1 })({ image, keypoints: [[35, 25, 0, 2]] });
  // 90 degrees counter-clockwise on screen (y down): (35, 25) about (25, 25) -> (25, 15); direction 0 -> 270
  near(o.keypoints[0], [25, 15, 270, 2], 1e-9, 'rotated keypoint');
  const s = T.compose([T.scale({ factor: [2, 2] })], { seed: 1 })({ image, keypoints: [[30, 25, 10, 1.5]] });
  near(s.keypoints[0], [35, 25, 10, 3], 1e-9, 'scaled keypoint');
});

test('property: flips and quarter turns are involutions / have order 4 on boxes and keypoints', () => {
  const sizeArb = fc.record({ w: fc.integer({ min: 1, max: 300 }), h: fc.integer({ min: 1, max: 300 }) });
  fc.assert(fc.property(sizeArb, fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 5 }),
    fc.constantFrom('h', 'v', 'r', 't'), ({ w, h }, rel, kind) => {
      const image = { width: w, height: h, channels: 1, data: new Uint8Array(w * h) };
      const boxes = rel.map(([a, b, c, d]) => [Math.min(a, c) * w, Math.min(b, d) * h, Math.max(a, c) * w + 0.5, Math.max(b, d) * h + 0.5].map((v, i) => Math.min(v, i % 2 ? h : w)))
        .filter((b) => b[2] > b[0] && b[3] > b[1]);
      const keypoints = rel.map(([a, b, c]) => [a * (w - 1), b * (h - 1), c * 360]);
      const t = kind === 'h' ? T.horizontalFlip({ p: 1 }) : kind === 'v' ? T.verticalFlip({ p: 1 }) : kind === 't' ? T.transpose({ p: 1 }) : T.randomRotate90({ k: [1], p: 1 });
      const n = kind === 'r' ? 4 : 2;
      const o = T.compose(Array.from({ length: n }, () => t), { seed: 3 })({ image, boxes, keypoints });
      assert.is(o.boxes.length, boxes.length);
      for (let i = 0; i < boxes.length; i++) near(o.boxes[i], boxes[i], 1e-9, `${kind} box`);
      for (let i = 0; i < keypoints.length; i++) {
        near(o.keypoints[i].slice(0, 2), keypoints[i].slice(0, 2), 1e-9, `${kind} keypoint`);
        const da = Math.abs(((o.keypoints[i][2] - keypoints[i][2]) % 360 + 540) % 360 - 180);
        assert.ok(da < 1e-6, `${kind} angle ${o.keypoints[i][2]} vs ${keypoints[i][2]}`);
      }
    }), { numRuns: 200, seed: 5 });
});

test('property: a flip of a box equals the mirrored box, in all three formats', () => {
  fc.assert(fc.property(fc.integer({ min: 2, max: 500 }), fc.integer({ min: 2, max: 500 }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0.01, max: 0.5, noNaN: true }), fc.double({ min: 0.01, max: 0.5, noNaN: true }), (w, h, x, y, bw, bh) => {
    const image = { width: w, height: h, channels: 1, data: new Uint8Array(w * h) };
    const voc = [x * w, y * h, (x + bw) * w, (y + bh) * h];
    const o = T.compose([T.horizontalFlip({ p: 1 })], { seed: 1 })({ image, boxes: [voc] });
    near(o.boxes[0], [w - voc[2], voc[1], w - voc[0], voc[3]], 1e-9, 'voc');
    const coco = [voc[0], voc[1], voc[2] - voc[0], voc[3] - voc[1]];
    const oc = T.compose([T.horizontalFlip({ p: 1 })], { seed: 1, boxFormat: 'coco' })({ image, boxes: [coco] });
    near(oc.boxes[0], [w - voc[2], voc[1], coco[2], coco[3]], 1e-9, 'coco');
    const yolo = [(x + bw / 2), (y + bh / 2), bw, bh];
    const oy = T.compose([T.horizontalFlip({ p: 1 })], { seed: 1, boxFormat: 'yolo' })({ image, boxes: [yolo] });
    near(oy.boxes[0], [1 - yolo[0], yolo[1], bw, bh], 1e-9, 'yolo');
  }), { numRuns: 200, seed: 9 });
});

test('errors: bad boxes, labels, mask size', () => {
  const image = { width: 10, height: 10, channels: 1, data: new Uint8Array(100) };
  const aug = T.compose([T.horizontalFlip()], { seed: 1 });
  assert.throws(() => aug({ image, boxes: [[1, 2, 3]] }), (e) => e instanceof PixaugError && /boxes\[0\]/.test(e.message));
  assert.throws(() => aug({ image, boxes: [[5, 5, 1, 1]] }), (e) => e instanceof PixaugError && /max >= min/.test(e.message));
  assert.throws(() => aug({ image, boxes: [[1, 1, 2, 2]], labels: [1, 2] }), (e) => e instanceof PixaugError && /labels/.test(e.message));
  assert.throws(() => aug({ image, mask: { width: 9, height: 10, channels: 1, data: new Uint8Array(90) } }), (e) => e instanceof PixaugError && /mask/.test(e.message));
  assert.throws(() => T.compose([], { boxFormat: 'xyxy' }), (e) => e instanceof PixaugError && /boxFormat/.test(e.message));
});

test.run();
