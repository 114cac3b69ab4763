// init({ module }) sources in Node (the same code path browsers and bundlers use), and the
// pixaug/browser helpers' behaviour where browser APIs are missing. Runs without Chromium.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as px from '../dist/index.js';
import * as browser from '../dist/browser.js';

const simdUrl = new URL('../build/pixaug.simd.wasm', import.meta.url);
const scalarUrl = new URL('../build/pixaug.wasm', import.meta.url);
const simdBytes = readFileSync(fileURLToPath(simdUrl));
const scalarBytes = readFileSync(fileURLToPath(scalarUrl));
const img = { width: 5, height: 3, channels: 3, data: Uint8Array.from({ length: 45 }, (_, i) => (i * 53) & 255) };
const want = () => Array.from(px.rotate(img, 17, { interpolation: 'bicubic' }).data);

async function code(p) {
  try { await p; return 'ok'; } catch (e) { return e.code ?? e.message; }
}

test.after(async () => { await px.init(); });

test('module: Response (application/wasm -> compileStreaming, other types -> bytes), promise, function', async () => {
  await px.init();
  const ref = want();
  let info = await px.init({ module: new Response(simdBytes, { headers: { 'content-type': 'application/wasm' } }) });
  assert.is(info.simd, true);
  assert.equal(want(), ref);
  info = await px.init({ module: new Response(scalarBytes, { headers: { 'content-type': 'application/octet-stream' } }) });
  assert.is(info.simd, false);
  assert.equal(want(), ref);
  info = await px.init({ module: Promise.resolve(new Response(simdBytes)) });
  assert.is(info.simd, true);
  const asked = [];
  info = await px.init({ simd: false, module: ({ simd }) => { asked.push(simd); return simd ? simdUrl : scalarUrl; } });
  assert.equal(asked, [false]);
  assert.is(info.simd, false);
  info = await px.init({ module: async ({ simd }) => (simd ? simdBytes : scalarBytes) });
  assert.is(info.simd, px.simdSupported());
  info = await px.init({ module: await WebAssembly.compile(scalarBytes) });
  assert.is(info.simd, false);
  info = await px.init({ module: '../build/pixaug.simd.wasm' }); // relative to dist/engine.js
  assert.is(info.simd, true);
  info = await px.init({ module: scalarBytes.buffer.slice(scalarBytes.byteOffset, scalarBytes.byteOffset + scalarBytes.byteLength) });
  assert.is(info.simd, false);
  assert.equal(want(), ref);
});

test('module: errors leave the current engine running', async () => {
  await px.init({ simd: true });
  assert.is(await code(px.init({ simd: true, module: scalarBytes })), 'INVALID_PARAMETER');
  assert.is(await code(px.init({ simd: false, module: simdBytes })), 'INVALID_PARAMETER');
  assert.is(await code(px.init({ module: new Response('nope', { status: 404 }) })), 'IO_ERROR');
  assert.is(await code(px.init({ module: 42 })), 'INVALID_PARAMETER');
  assert.is(await code(px.init({ module: Promise.resolve('x') })), 'INVALID_PARAMETER');
  assert.is.not(await code(px.init({ module: new Uint8Array([0, 97, 115]) })), 'ok');
  // still the SIMD engine
  assert.is((await px.init({ simd: true })).simd, true);
  assert.is(px.rotate(img, 10).width, 5);
});

test('pixaug/browser in Node: clear errors where browser APIs are missing', async () => {
  assert.is(await code((async () => browser.toImageData(img))()), 'UNSUPPORTED_FORMAT');
  assert.is(await code(browser.decodeImage(new Uint8Array(4))), 'UNSUPPORTED_FORMAT');
  assert.is(await code((async () => browser.fromCanvas({}))()), 'INVALID_PARAMETER');
  const rgba = new Uint8ClampedArray(2 * 2 * 4).fill(7);
  const wrapped = browser.fromImageData({ width: 2, height: 2, data: rgba });
  assert.is(wrapped.channels, 4);
  assert.ok(wrapped.data === rgba);
  assert.is(await code((async () => browser.fromImageData({ width: 2, height: 2, channels: 3, data: new Uint8Array(12) }))()), 'INVALID_IMAGE');
});

test.run();
