// pixaug -> TensorFlow.js: augment a mini-batch online and feed it to a model (NHWC).
// Example only: tfjs is not a dependency of pixaug. Install it yourself:
//   npm install @tensorflow/tfjs            (browser / plain JS backend)
//   npm install @tensorflow/tfjs-node       (Node, native backend)
// Run: node examples/tfjs.mjs   (after `npm run build`)
import * as tf from '@tensorflow/tfjs';
import { init, transforms as T, toTensor, augmentBatch, createWorkerPool } from 'pixaug';
import { readImage } from 'pixaug/node';

await init();

const aug = T.compose([
  T.horizontalFlip({ p: 0.5 }),
  T.rotate({ limit: 15, border: 'reflect', p: 0.8 }),
  T.randomResizedCrop({ width: 224, height: 224, scale: [0.5, 1] }),
  T.oneOf([T.gaussianNoise({ sigma: [2, 10] }), T.saltAndPepper({ amount: [0.01, 0.05] })], { p: 0.3 }),
], { seed: 42 });

const files = ['examples/images/chelsea_cat_451x300.png', 'examples/images/coffee_600x400.png'];
const images = await Promise.all(files.map((f) => readImage(f)));

const pool = await createWorkerPool({ workers: 2 }); // one wasm instance per worker, reused every batch
for (let epoch = 0; epoch < 2; epoch++) {
  // index = epoch * datasetSize + i: every (epoch, sample) gets its own reproducible augmentation
  const batch = await augmentBatch(images, aug, { pool, startIndex: epoch * images.length });
  // NHWC float32 in [0, 1] (tfjs / Keras image models), or ImageNet-normalised with mean/std
  const t = toTensor(batch.map((r) => r.image), { layout: 'NHWC', mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] });
  const x = tf.tensor4d(t.data, t.shape); // shape [N, 224, 224, 3]
  console.log(`epoch ${epoch}: batch`, x.shape, 'mean', (await x.mean().data())[0].toFixed(4));
  // model.trainOnBatch(x, y) / model.predict(x) ...
  x.dispose();
}
await pool.close();
