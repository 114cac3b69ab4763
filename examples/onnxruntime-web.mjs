// pixaug -> onnxruntime-web: preprocess (and optionally augment, e.g. test-time augmentation)
// images into an NCHW float32 tensor for an ONNX image model such as ResNet-50.
// Example only: onnxruntime-web is not a dependency of pixaug. Install it yourself:
//   npm install onnxruntime-web        (browsers; in Node use onnxruntime-node with the same API)
// The model file (e.g. resnet50-v2-7.onnx from the ONNX model zoo) is yours to provide.
import * as ort from 'onnxruntime-web';
import { init, transforms as T, toTensor } from 'pixaug';

await init();

/** Resize to 256 on the short side... here simply 256x256, centre-crop 224 (torchvision eval preset), to NCHW. */
const preprocess = T.compose([T.resize({ width: 256, height: 256 }), T.centerCrop({ width: 224, height: 224 })], { seed: 0 });
/** Test-time augmentation: the original and its mirror image. */
const tta = [preprocess, T.compose([T.resize({ width: 256, height: 256 }), T.centerCrop({ width: 224, height: 224 }), T.horizontalFlip({ p: 1 })], { seed: 0 })];

/**
 * @param {ImageData} imageData a browser ImageData (RGBA) or any pixaug Image
 * @param {string} modelUrl URL of the .onnx file
 */
export async function classify(imageData, modelUrl) {
  const session = await ort.InferenceSession.create(modelUrl);
  // RGBA -> RGB happens through channels: drop alpha by taking a 3-channel copy
  const { width, height, data } = imageData;
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < data.length; i += 4, j += 3) { rgb[j] = data[i]; rgb[j + 1] = data[i + 1]; rgb[j + 2] = data[i + 2]; }
  const image = { width, height, channels: 3, data: rgb };
  const batch = tta.map((p) => p({ image }, { index: 0 }).image);
  const t = toTensor(batch, { layout: 'NCHW', mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] });
  const input = new ort.Tensor('float32', t.data, t.shape); // [2, 3, 224, 224]
  const outputs = await session.run({ [session.inputNames[0]]: input });
  const logits = outputs[session.outputNames[0]].data; // [2, 1000]
  // average the two views
  const scores = Array.from({ length: 1000 }, (_, k) => (logits[k] + logits[1000 + k]) / 2);
  return scores.indexOf(Math.max(...scores));
}
