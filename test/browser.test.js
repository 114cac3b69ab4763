// pixaug in a real browser: Debian's Chromium driven by playwright-core (never a downloaded
// browser). Loads the playground from the package-root static server, runs every op in the page
// on a fixed image and seeds (SIMD and scalar builds) and asserts the bytes equal Node's; checks
// the init({ module }) variants, the pixaug/browser helpers, the no-SIMD fallback, and an esbuild
// bundle. Saves a screenshot of the playground to out/playground.png.
//
// Without /usr/bin/chromium (or $CHROMIUM_PATH) the tests FAIL when CI=true and are skipped with
// a loud message otherwise.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, copyFileSync, writeFileSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as px from '../dist/index.js';
import { readImage, encodeImage } from '../dist/node/index.js';
import { runAll, cases } from './browser-cases.js';
import { pipelineIndex } from '../dist/cli/pipeline.js';
import { startServer, root } from '../scripts/serve.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CI = process.env.CI === 'true' || process.env.CI === '1';
const OUT = join(root, 'out');
const CAT = join(root, 'examples/images/chelsea_cat_451x300.png');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

const have = existsSync(CHROMIUM);
if (!have && !CI) {
  console.error(`\n${'!'.repeat(78)}\n!! browser tests SKIPPED: ${CHROMIUM} not found (apt-get install -y chromium).\n!! In CI (CI=true) this is a failure.\n${'!'.repeat(78)}\n`);
}
const it = have || CI ? test : test.skip;

const ctx = { server: null, browser: null, userDir: null, node: {}, pageErrors: [] };

async function newPage(path = 'web/') {
  const page = await ctx.browser.newPage();
  page.on('pageerror', (e) => ctx.pageErrors.push(`${path}: ${e.message}`));
  await page.goto(`http://127.0.0.1:${ctx.server.port}/${path}`);
  return page;
}

/** Names of cases whose results differ, with both values, for a readable message. */
function diffs(got, want) {
  const bad = [];
  for (const name of Object.keys(want)) if (got[name] !== want[name]) bad.push(`${name}: page ${String(got[name]).slice(0, 16)} node ${want[name].slice(0, 16)}`);
  return bad;
}

test.before(async () => {
  if (!have) {
    if (CI) throw new Error(`browser tests: ${CHROMIUM} is missing on CI (.ci/run installs Debian chromium)`);
    return;
  }
  const { chromium } = await import('playwright-core');
  const base = await readImage(CAT);
  for (const simd of [true, false]) {
    await px.init({ simd });
    ctx.node[simd ? 'simd' : 'scalar'] = await runAll(px, base);
  }
  await px.init();
  ctx.server = await startServer();
  ctx.userDir = mkdtempSync(join(tmpdir(), 'pixaug-chromium-'));
  ctx.browser = await chromium.launchPersistentContext(ctx.userDir, {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1400, height: 900 },
  });
});

test.after(async () => {
  await ctx.browser?.close();
  await ctx.server?.close();
  if (ctx.userDir) rmSync(ctx.userDir, { recursive: true, force: true });
  await px.init();
});

it('playground renders the default photo with the SIMD build; screenshot to out/playground.png', async () => {
  const page = await newPage('web/');
  await page.waitForFunction(() => Number(document.body.dataset.renders) >= 1, null, { timeout: 30000 });
  const status = await page.evaluate(() => document.getElementById('status').textContent);
  assert.match(status, /WebAssembly SIMD/);
  assert.match(status, /chelsea_cat_451x300\.png 451×300/);
  const info = await page.evaluate(() => {
    const { state, pipelineJson } = window.playground;
    return {
      samples: state.last.samples, cells: document.querySelectorAll('#grid canvas').length,
      json: JSON.parse(document.getElementById('json').textContent), pipeline: pipelineJson(),
      timeRows: document.querySelectorAll('#times tbody tr').length, channels: state.image.channels,
    };
  });
  assert.is(info.cells, 8);
  assert.is(info.samples.length, 8);
  assert.is(info.channels, 3, 'the opaque PNG is augmented as RGB, as pixaug/node reads it');
  assert.equal(info.samples.map((s) => s.index), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.ok(info.samples.every((s) => !s.error && s.applied.includes('rotate')), 'every sample rotated');
  // the JSON shown is the T.compose pipeline's toJSON
  assert.equal(info.json, info.pipeline);
  assert.is(info.json.name, 'compose');
  assert.is(info.json.options.seed, 0);
  assert.equal(info.json.transforms.map((t) => t.name), ['horizontalFlip', 'rotate', 'brightness', 'hueSaturationValue', 'gaussianNoise', 'cutout']);
  assert.equal(info.json.transforms[1].options, { limit: [-30, 30], interpolation: 'bilinear', border: 'reflect', p: 1 });
  assert.ok(info.timeRows >= 4);
  // the grid is the same when re-rendered (seeded), and changes with the seed
  const grid = () => page.evaluate(async () => {
    const { digest } = await import('/test/browser-cases.js');
    return Promise.all(window.playground.state.last.images.map((im) => digest(im)));
  });
  const first = await grid();
  assert.is(new Set(first).size, 8, '8 different samples');
  await page.evaluate(() => window.playground.render());
  assert.equal(await grid(), first, 'same grid when rendered again');
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: join(OUT, 'playground.png') });
  await page.fill('#seed', '5');
  await page.waitForFunction(() => window.playground.state.aug.toJSON().options.seed === 5);
  const seeded = await grid();
  assert.ok(seeded.every((h, i) => h !== first[i]), 'another seed gives other samples');
  // the first index shifts the grid: sample k is the same image at any grid position
  await page.fill('#seed', '0');
  await page.fill('#start', '3');
  await page.waitForFunction(() => window.playground.state.last.samples[0].index === 3 && window.playground.state.aug.toJSON().options.seed === 0);
  assert.equal((await grid()).slice(0, 5), first.slice(3), 'index k gives the same sample at any grid position');
  await page.fill('#start', '0');
  await page.waitForFunction(() => window.playground.state.last.samples[0].index === 0);
  // every transform on, at p = 1, for 12 samples: no sample fails, and the JSON names them all
  const all = await page.evaluate(() => {
    const { state, render, T } = window.playground;
    const saved = state.ops.map((o) => [o.on, o.p]);
    for (const o of state.ops) { o.on = true; o.p = 1; }
    state.count = 12;
    render();
    const samples = state.last.samples;
    const names = state.aug.toJSON().transforms.map((t) => t.name);
    const registered = T.registeredNames();
    state.ops.forEach((o, i) => { [o.on, o.p] = saved[i]; });
    state.count = 8;
    render();
    return { samples, ops: state.ops.length, names, registered };
  });
  assert.ok(all.ops >= 30, `${all.ops} transforms offered`);
  assert.equal(all.samples.filter((s) => s.error), []);
  assert.ok(all.samples.every((s) => s.applied.length === all.ops));
  assert.equal(all.registered.filter((n) => !all.names.includes(n)), ['crop'], 'every registered transform but the fixed crop is offered');
  // invalid options show the factory's error instead of a grid
  const bad = await page.evaluate(() => {
    const { state, render } = window.playground;
    const o = state.ops.find((x) => x.name === 'rotate');
    o.p = 2;
    render();
    const text = document.getElementById('json').textContent;
    o.p = 1;
    render();
    return text;
  });
  assert.match(bad, /INVALID_PARAMETER: transforms\.rotate: expected options\.p/);
  // the copy button copies the JSON (or selects it when the clipboard is not granted)
  await page.click('#copy');
  await page.waitForFunction(() => /^(copied|selected: Ctrl\+C)$/.test(document.getElementById('copy').textContent));
  // pick another file: the grid follows
  await page.setInputFiles('#file', join(root, 'examples/images/coffee_600x400.png'));
  await page.waitForFunction(() => /coffee_600x400\.png 600×400/.test(document.getElementById('status').textContent));
  assert.is(await page.evaluate(() => document.querySelectorAll('#grid canvas').length), 8);
  // a large image is scaled down by the browser to 800 px on its longer side
  const big = join(OUT, 'big_1200x900.png');
  writeFileSync(big, encodeImage(px.pad(await readImage(CAT), { top: 300, bottom: 300, left: 375, right: 374 }, { border: 'wrap' }), 'png'));
  await page.setInputFiles('#file', big);
  await page.waitForFunction(() => /big_1200x900\.png \(scaled to 800×600\) 800×600/.test(document.getElementById('status').textContent));
  // switch the playground to the scalar build
  await page.selectOption('#build', 'scalar');
  await page.waitForFunction(() => /scalar/.test(document.getElementById('status').textContent));
  assert.equal(ctx.pageErrors, []);
  await page.close();
});

it('the playground JSON is the CLI pipeline: `pixaug augment --pipeline` and T.fromJSON in Node give the page bytes', async () => {
  const page = await newPage('web/');
  await page.evaluate(() => window.playground.ready);
  // the CLI's index for copy 0 of the file given by name: fnv1a32("chelsea_cat_451x300.png#0")
  const cliIndex = pipelineIndex('chelsea_cat_451x300.png', 0);
  const b64 = (im) => {
    let bin = '';
    for (let i = 0; i < im.data.length; i += 0x8000) bin += String.fromCharCode(...im.data.subarray(i, i + 0x8000));
    return btoa(bin);
  };
  await page.fill('#start', String(cliIndex));
  await page.waitForFunction((k) => window.playground.state.last.samples[0]?.index === k, cliIndex);
  const pg = await page.evaluate(async (b64src) => {
    const b64 = new Function(`return ${b64src}`)();
    const { state } = window.playground;
    const shot = (im) => ({ width: im.width, height: im.height, channels: im.channels, data: b64(im) });
    const first = state.last.images[0];
    const text = document.getElementById('json').textContent;
    const at7 = state.aug({ image: state.image }, { index: 7 });
    return { text, cli: shot(first), applied: state.last.samples[0].applied, at7: shot(at7.image) };
  }, b64.toString());
  const json = JSON.parse(pg.text);
  assert.is(json.name, 'compose');
  const cat = await readImage(CAT);
  // Node: T.fromJSON of the page's text, same index, same bytes
  await px.init();
  const aug = px.transforms.fromJSON(pg.text);
  const node7 = aug(cat, { index: 7 }).image;
  assert.equal([pg.at7.width, pg.at7.height, pg.at7.channels], [node7.width, node7.height, node7.channels]);
  assert.ok(Buffer.from(pg.at7.data, 'base64').equals(Buffer.from(node7.data)), 'page aug(x, { index: 7 }) == Node fromJSON(json)(x, { index: 7 })');
  // the CLI with the JSON saved to a file: copy 0 is the page's sample at index fnv1a32("<name>#0")
  const dir = mkdtempSync(join(tmpdir(), 'pixaug-pg-cli-'));
  try {
    const file = join(dir, 'aug.json');
    writeFileSync(file, pg.text);
    const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'augment', CAT, '--out', join(dir, 'out'), '--pipeline', file, '--copies', '1'], { encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout + r.stderr, /written 1, failed 0/);
    const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8'));
    assert.ok(JSON.stringify(manifest).includes(String(cliIndex)), 'manifest records the index');
    const got = await readImage(join(dir, 'out', 'chelsea_cat_451x300_aug0.png'));
    assert.equal([got.width, got.height, got.channels], [pg.cli.width, pg.cli.height, pg.cli.channels]);
    assert.ok(Buffer.from(pg.cli.data, 'base64').equals(Buffer.from(got.data)), `CLI output == page sample ${cliIndex} (${pg.applied.join(', ')})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(ctx.pageErrors, []);
  await page.close();
});

it('augmentBatch with 2 Web Workers in the page gives the bytes of workers: 0 and of Node', async () => {
  const page = await newPage('web/');
  await page.evaluate(() => window.playground.ready);
  const pipeline = readFileSync(join(root, 'examples/pipeline.json'), 'utf8');
  const rects = [[0, 0, 451, 300], [150, 40, 160, 120], [20, 30, 300, 200], [200, 100, 251, 200], [5, 5, 64, 48]];
  const batch = async (pxm, base, T, workers) => {
    // (runs in both hosts) RGB crops of the cat, one with boxes and labels; indices 100..104
    const { selectChannels, digest } = await import(typeof window === 'undefined' ? './browser-cases.js' : '/test/browser-cases.js');
    const samples = rects.map(([x, y, w, h], i) => {
      const image = selectChannels(pxm.crop(base, { x, y, width: w, height: h }), 3);
      return i === 1 ? { image, boxes: [[10, 10, 60, 50], [80, 20, 150, 110]], labels: ['a', 'b'] } : image;
    });
    const aug = T.fromJSON(pipeline);
    const res = await pxm.augmentBatch(samples, aug, { workers, startIndex: 100 });
    return Promise.all(res.map(async (r) => ({ hash: await digest(r.image), boxes: r.boxes ?? null, labels: r.labels ?? null, steps: r.applied.steps.map((s) => s.name) })));
  };
  const r = await page.evaluate(async ({ src, pipeline, rects }) => {
    const batch = new Function('pipeline', 'rects', `return ${src}`)(pipeline, rects);
    const px = await import('/dist/index.js');
    const { decodeImage } = await import('/dist/browser.js');
    await px.init();
    const base = await decodeImage(await (await fetch('/examples/images/chelsea_cat_451x300.png')).blob());
    // count the module workers augmentBatch starts
    const W = window.Worker;
    let made = 0;
    window.Worker = class extends W { constructor(...a) { super(...a); made++; } };
    try {
      const w2 = await batch(px, base, px.transforms, 2);
      const w0 = await batch(px, base, px.transforms, 0);
      return { w2, w0, made };
    } finally {
      window.Worker = W;
    }
  }, { src: batch.toString(), pipeline, rects });
  assert.is(r.made, 2, 'two Web Workers started');
  await px.init();
  const cat = await readImage(CAT);
  const node0 = await batch(px, cat, px.transforms, 0);
  const node2 = await batch(px, cat, px.transforms, 2);
  assert.is(r.w2.length, 5);
  assert.equal(r.w2, r.w0, 'page: workers 2 == workers 0');
  assert.equal(node2, node0, 'node: workers 2 == workers 0');
  assert.equal(r.w2, node0, 'page == node');
  assert.ok(new Set(r.w2.map((x) => x.hash)).size === 5);
  assert.equal(ctx.pageErrors, []);
  await page.close();
});

it('every op gives the same bytes in Chromium as in Node (SIMD and scalar builds)', async () => {
  const page = await newPage('web/');
  await page.evaluate(() => window.playground.ready);
  const got = await page.evaluate(async () => {
    const px = await import('/dist/index.js');
    const { decodeImage } = await import('/dist/browser.js');
    const { runAll } = await import('/test/browser-cases.js');
    const base = await decodeImage(await (await fetch('/examples/images/chelsea_cat_451x300.png')).blob());
    const out = {};
    for (const simd of [true, false]) {
      const info = await px.init({ simd });
      out[simd ? 'simd' : 'scalar'] = { info, hashes: await runAll(px, base) };
    }
    await px.init();
    return out;
  });
  const n = cases().length;
  assert.ok(n > 100, `${n} cases`);
  for (const build of ['simd', 'scalar']) {
    assert.is(got[build].info.simd, build === 'simd');
    assert.is(Object.keys(got[build].hashes).length, n);
    const errors = Object.entries(ctx.node[build]).filter(([, v]) => v.startsWith('error'));
    assert.equal(errors, [], `every case runs in Node (${build})`);
    assert.equal(diffs(got[build].hashes, ctx.node[build]), [], `${build}: page == node`);
  }
  assert.equal(ctx.pageErrors, []);
  await page.close();
});

it('decodeImage (createImageBitmap) gives the PNG bytes of pixaug/node; JPEG within 3 levels', async () => {
  const page = await newPage('web/');
  await page.evaluate(() => window.playground.ready);
  const nodeCat = await readImage(CAT);
  const nodeRocket = await readImage(join(root, 'examples/images/rocket_outdoor_640x427.jpg'));
  const r = await page.evaluate(async () => {
    const { decodeImage } = await import('/dist/browser.js');
    const one = async (url) => {
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      const img = await decodeImage(bytes);
      let bin = '';
      for (let i = 0; i < img.data.length; i += 0x8000) bin += String.fromCharCode(...img.data.subarray(i, i + 0x8000));
      return { width: img.width, height: img.height, channels: img.channels, type: img.data.constructor.name, data: btoa(bin) };
    };
    let err = null;
    try { await decodeImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])); } catch (e) { err = { code: e.code, name: e.name }; }
    let err2 = null;
    try { await decodeImage('cat.png'); } catch (e) { err2 = e.code; }
    return { cat: await one('/examples/images/chelsea_cat_451x300.png'), rocket: await one('/examples/images/rocket_outdoor_640x427.jpg'), err, err2 };
  });
  assert.equal(r.err, { code: 'DECODE_FAILED', name: 'PixaugError' });
  assert.is(r.err2, 'INVALID_PARAMETER');
  for (const [name, got, want, tol] of [['cat png', r.cat, nodeCat, 0], ['rocket jpeg', r.rocket, nodeRocket, 3]]) {
    got.data = Buffer.from(got.data, 'base64');
    assert.is(got.width, want.width);
    assert.is(got.height, want.height);
    assert.is(got.channels, 4);
    assert.is(got.type, 'Uint8ClampedArray');
    let maxDiff = 0, alphaOk = true, equal = 0;
    for (let i = 0, n = want.width * want.height; i < n; i++) {
      for (let c = 0; c < 3; c++) {
        const d = Math.abs(got.data[i * 4 + c] - want.data[i * want.channels + c]);
        maxDiff = Math.max(maxDiff, d);
        if (d === 0) equal++;
      }
      if (got.data[i * 4 + 3] !== 255) alphaOk = false;
    }
    assert.ok(alphaOk, `${name}: opaque`);
    assert.ok(maxDiff <= tol, `${name}: max difference ${maxDiff} <= ${tol}`);
    // measured with Debian Chromium 156 (libjpeg-turbo) vs pixaug/node (jpeg-js, fancy upsampling):
    // PNG identical; JPEG max 3 levels, 90.8% of samples equal
    if (tol) assert.ok(equal / (want.width * want.height * 3) >= 0.88, `${name}: ${equal} equal samples`);
  }
  await page.close();
});

it('init({ module }) accepts ArrayBuffer, typed array, Response, fetch promise, Module, URL, string, function', async () => {
  const page = await newPage('web/');
  await page.evaluate(() => window.playground.ready);
  const want = { simd: ctx.node.simd['rotate 23.5 bicubic reflect rgb'], scalar: ctx.node.scalar['rotate 23.5 bicubic reflect rgb'] };
  const r = await page.evaluate(async () => {
    const px = await import('/dist/index.js');
    const { cases, inputs, digest } = await import('/test/browser-cases.js');
    const { decodeImage } = await import('/dist/browser.js');
    const base = await decodeImage(await (await fetch('/examples/images/chelsea_cat_451x300.png')).blob());
    const run = cases().find(([n]) => n === 'rotate 23.5 bicubic reflect rgb')[2];
    const simdUrl = '/build/pixaug.simd.wasm', scalarUrl = '/build/pixaug.wasm';
    const bytes = async (u) => (await fetch(u)).arrayBuffer();
    const variants = {
      'ArrayBuffer simd': async () => ({ module: await bytes(simdUrl) }),
      'ArrayBuffer scalar': async () => ({ module: await bytes(scalarUrl) }),
      'Uint8Array scalar': async () => ({ module: new Uint8Array(await bytes(scalarUrl)) }),
      'Response simd': async () => ({ module: await fetch(simdUrl) }),
      'fetch promise scalar': async () => ({ module: fetch(scalarUrl) }),
      'Module simd': async () => ({ module: await WebAssembly.compile(await bytes(simdUrl)) }),
      'URL scalar': async () => ({ module: new URL(scalarUrl, location.href) }),
      'string simd': async () => ({ module: '../build/pixaug.simd.wasm' }),
      'function simd:false': async () => ({ simd: false, module: ({ simd }) => fetch(simd ? simdUrl : scalarUrl) }),
      'function default': async () => ({ module: ({ simd }) => new URL(simd ? simdUrl : scalarUrl, location.href) }),
    };
    const out = {};
    const ins = inputs(px, base);
    for (const [name, make] of Object.entries(variants)) {
      const info = await px.init(await make());
      out[name] = { simd: info.simd, hash: await digest(run(px, ins.rgb)) };
    }
    const errors = {};
    const code = async (opts) => { try { await px.init(opts); return 'ok'; } catch (e) { return e.code; } };
    errors.mismatch = await code({ simd: true, module: await bytes(scalarUrl) });
    errors.notFound = await code({ module: fetch('/build/missing.wasm') });
    errors.badType = await code({ module: 42 });
    errors.noHost = await code({ module: 'http://127.0.0.1:1/pixaug.wasm' });
    errors.garbage = await code({ module: new Uint8Array([1, 2, 3]) }).catch(() => 'throws');
    errors.stillWorks = await digest(run(px, ins.rgb));
    errors.stillSimd = (await px.init()).simd;
    return { out, errors };
  });
  for (const [name, v] of Object.entries(r.out)) {
    const simd = /simd(?!:false)/.test(name) || name === 'function default';
    assert.is(v.simd, simd, `${name}: build`);
    assert.is(v.hash, simd ? want.simd : want.scalar, `${name}: bytes`);
  }
  assert.is(r.errors.mismatch, 'INVALID_PARAMETER');
  assert.is(r.errors.notFound, 'IO_ERROR');
  assert.is(r.errors.badType, 'INVALID_PARAMETER');
  assert.is(r.errors.noHost, 'IO_ERROR');
  assert.is.not(r.errors.garbage, 'ok');
  assert.ok([want.simd, want.scalar].includes(r.errors.stillWorks), 'engine usable after failed init');
  await page.close();
});

it('pixaug/browser: ImageData, canvas, OffscreenCanvas and ImageBitmap round trips', async () => {
  const page = await newPage('web/');
  await page.evaluate(() => window.playground.ready);
  const r = await page.evaluate(async () => {
    const px = await import('/dist/index.js');
    const b = await import('/dist/browser.js');
    const w = 7, h = 5;
    const rgba = new Uint8ClampedArray(w * h * 4).map((_, i) => (i * 37 + 11) & 255);
    for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255; // opaque: canvases keep exact colours
    const id = new ImageData(rgba, w, h);
    const img = b.fromImageData(id);
    const res = {};
    res.shares = img.data === id.data && img.channels === 4;
    // an op takes ImageData directly, and the result goes back to ImageData
    const flipped = b.toImageData(px.flip(id, 'horizontal'));
    res.flipOk = flipped instanceof ImageData && flipped.data[0] === rgba[(w - 1) * 4];
    // canvas round trips (HTML and Offscreen)
    const html = b.toCanvas(img, document.createElement('canvas'));
    res.html = html instanceof HTMLCanvasElement && html.width === w && Array.from(b.fromCanvas(html).data).join() === Array.from(rgba).join();
    const off = b.toCanvas(img);
    res.off = off instanceof OffscreenCanvas && Array.from(b.fromCanvas(off).data).join() === Array.from(rgba).join();
    const region = b.fromCanvas(off, { x: 2, y: 1, width: 3, height: 2 });
    res.region = region.width === 3 && region.height === 2 && region.data[0] === rgba[(1 * w + 2) * 4];
    res.bitmap = Array.from(b.fromImageBitmap(await createImageBitmap(off)).data).join() === Array.from(rgba).join();
    // channel and dtype conversion
    const gray = { width: 2, height: 1, channels: 1, data: new Uint8Array([10, 200]) };
    res.gray = Array.from(b.toImageData(gray).data);
    const ga = { width: 1, height: 1, channels: 2, data: new Uint8Array([90, 128]) };
    res.ga = Array.from(b.toImageData(ga).data);
    const rgb = { width: 1, height: 1, channels: 3, data: new Uint8Array([1, 2, 3]) };
    res.rgb = Array.from(b.toImageData(rgb).data);
    const f = { width: 2, height: 1, channels: 3, data: new Float32Array([0, 0.5, 1, -0.2, 2 / 255 + 0.5 / 255, NaN]) };
    res.float = Array.from(b.toImageData(f).data);
    const strided = { width: 1, height: 2, channels: 4, stride: 8, data: new Uint8Array([1, 2, 3, 4, 0, 0, 0, 0, 5, 6, 7, 8]) };
    res.strided = Array.from(b.toImageData(strided).data);
    const codes = [];
    for (const f of [() => b.toImageData({ width: 1, height: 1, channels: 5, data: new Uint8Array(5) }), () => b.fromCanvas({}), () => b.fromImageData({ width: 1, height: 1, channels: 3, data: new Uint8Array(3) })]) {
      try { f(); codes.push('ok'); } catch (e) { codes.push(e.code); }
    }
    res.codes = codes;
    // in a worker too (OffscreenCanvas + decodeImage), as a module worker importing the package
    const src = `import { init, flip } from '${location.origin}/dist/index.js';
      import { decodeImage, toCanvas, fromCanvas } from '${location.origin}/dist/browser.js';
      onmessage = async () => {
        const info = await init();
        const img = await decodeImage(await (await fetch('${location.origin}/examples/images/chelsea_cat_451x300.png')).blob());
        const back = fromCanvas(toCanvas(flip(img, 'vertical')));
        postMessage({ simd: info.simd, width: back.width, height: back.height, first: Array.from(back.data.subarray(0, 4)), last: Array.from(img.data.subarray((img.height - 1) * img.width * 4, (img.height - 1) * img.width * 4 + 4)) });
      };`;
    const worker = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })), { type: 'module' });
    res.worker = await new Promise((resolve, reject) => { worker.onmessage = (e) => resolve(e.data); worker.onerror = (e) => reject(new Error(e.message)); worker.postMessage(0); });
    worker.terminate();
    return res;
  });
  assert.ok(r.shares, 'fromImageData shares the buffer');
  assert.ok(r.flipOk, 'flip(ImageData) -> toImageData');
  assert.ok(r.html, 'HTMLCanvasElement round trip');
  assert.ok(r.off, 'OffscreenCanvas round trip');
  assert.ok(r.region, 'fromCanvas region');
  assert.ok(r.bitmap, 'fromImageBitmap');
  assert.equal(r.gray, [10, 10, 10, 255, 200, 200, 200, 255]);
  assert.equal(r.ga, [90, 90, 90, 128]);
  assert.equal(r.rgb, [1, 2, 3, 255]);
  assert.equal(r.float, [0, 128, 255, 255, 0, 3, 0, 255]);
  assert.equal(r.strided, [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(r.codes, ['INVALID_IMAGE', 'INVALID_PARAMETER', 'INVALID_IMAGE']);
  assert.is(r.worker.simd, true);
  assert.equal([r.worker.width, r.worker.height], [451, 300]);
  assert.equal(r.worker.first, r.worker.last, 'worker: vertical flip moves the last row first');
  assert.equal(ctx.pageErrors, []);
  await page.close();
});

it('without WebAssembly SIMD the page falls back to the scalar build (same bytes)', async () => {
  const page = await ctx.browser.newPage();
  // hide SIMD: every module with a v128 type fails validation, as on a host without SIMD
  await page.addInitScript(() => {
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => {
      const u = new Uint8Array(bytes.buffer ?? bytes);
      return u.length < 64 && u.includes(0x7b) ? false : validate(bytes);
    };
  });
  await page.goto(`http://127.0.0.1:${ctx.server.port}/web/`);
  await page.waitForFunction(() => Number(document.body.dataset.renders) >= 1, null, { timeout: 30000 });
  const r = await page.evaluate(async () => {
    const px = window.playground.px;
    let code = 'ok';
    try { await px.init({ simd: true }); } catch (e) { code = e.code; }
    return {
      supported: px.simdSupported(), status: document.getElementById('status').textContent, code,
      simdOptionDisabled: document.querySelector('#build option[value=simd]').disabled,
    };
  });
  assert.is(r.supported, false);
  assert.match(r.status, /build scalar \(this browser has no wasm SIMD\)/);
  assert.is(r.code, 'UNSUPPORTED_FORMAT');
  assert.ok(r.simdOptionDisabled);
  await page.close();
});

it('an esbuild bundle of an app importing pixaug runs in the page (wasm found via import.meta.url)', async () => {
  const esbuild = await import('esbuild');
  const dir = join(OUT, 'bundle');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'build'), { recursive: true });
  const entry = join(dir, 'entry.js');
  writeFileSync(entry, `import * as px from 'pixaug';
import { decodeImage } from 'pixaug/browser';
import { runAll } from ${JSON.stringify(join(root, 'test/browser-cases.js'))};
window.result = (async () => {
  const info = await px.init();
  const base = await decodeImage(await (await fetch('/examples/images/chelsea_cat_451x300.png')).blob());
  return { info, hashes: await runAll(px, base) };
})();
`);
  const built = await esbuild.build({
    entryPoints: [entry], bundle: true, format: 'esm', platform: 'browser', target: 'es2022',
    outfile: join(dir, 'js', 'app.js'), logLevel: 'silent', absWorkingDir: root,
  });
  assert.equal(built.errors, []);
  // deploy step: the wasm files go where new URL('../build/...', import.meta.url) points
  for (const f of ['pixaug.simd.wasm', 'pixaug.wasm']) copyFileSync(join(root, 'build', f), join(dir, 'build', f));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="js/app.js"></script>');
  const page = await newPage('out/bundle/index.html');
  const r = await page.evaluate(() => window.result);
  assert.is(r.info.simd, true);
  assert.equal(diffs(r.hashes, ctx.node.simd), [], 'bundle == node');
  assert.equal(ctx.pageErrors, []);
  await page.close();
});

test.run();
