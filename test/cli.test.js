// The `pixaug augment` CLI, run as a child process (node dist/cli.js) in temp folders on real
// photos plus corrupt files; and the CLI's helpers (stream hash, recipe, contact sheet, toRGB8).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { init, Random, rot90, flip } from '../dist/index.js';
import { decodeImage } from '../dist/node/index.js';
import { fnv1a32, streamFor, sampleParams, BORDERS } from '../dist/cli/augment.js';
import { toRGB, fitCell, composeSheet } from '../dist/cli/contact-sheet.js';
import { FIXTURES, assertSameImage, randomImage } from './helpers.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const EXAMPLES = join(ROOT, 'examples', 'images');
const TMP = mkdtempSync(join(tmpdir(), 'pixaug-cli-'));

function run(args, cwd = TMP) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** All files under dir, as sorted '/'-separated relative paths. */
function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

// input folder: one PNG photo (in a subfolder, to check relative paths are kept), one JPEG
// photo, and two corrupt files with .png names
const IN = join(TMP, 'in');
mkdirSync(join(IN, 'cats'), { recursive: true });
copyFileSync(join(EXAMPLES, 'chelsea_cat_451x300.png'), join(IN, 'cats', 'chelsea.png'));
copyFileSync(join(EXAMPLES, 'rocket_outdoor_640x427.jpg'), join(IN, 'rocket.JPG'));
copyFileSync(join(FIXTURES, 'edge', 'truncated_half.png'), join(IN, 'broken.png'));
copyFileSync(join(FIXTURES, 'edge', 'text_not_image.png'), join(IN, 'notes.png'));

const EXPECTED_OUT = [
  'cats/chelsea_aug0.png', 'cats/chelsea_aug1.png', 'cats/chelsea_aug2.png',
  'manifest.json',
  'rocket_aug0.jpg', 'rocket_aug1.jpg', 'rocket_aug2.jpg',
];

test.before(async () => {
  await init();
});

test.after(() => {
  rmSync(TMP, { recursive: true, force: true });
});

test('augment: good photos are written and decode, corrupt files are reported and skipped, exit 1', () => {
  const out = join(TMP, 'out1');
  const r = run(['augment', 'in', '--out', 'out1', '--copies', '3', '--seed', '7']);
  assert.is(r.status, 1, `exit code; stderr: ${r.stderr}`);
  // both corrupt files reported with path, code and message; nothing else on stderr (no progress bar without a TTY)
  const lines = r.stderr.trim().split('\n');
  assert.is(lines.length, 2, r.stderr);
  assert.match(lines[0], /^pixaug: in\/broken\.png: (DECODE_FAILED|UNSUPPORTED_FORMAT): \S/);
  assert.match(lines[1], /^pixaug: in\/notes\.png: (DECODE_FAILED|UNSUPPORTED_FORMAT): \S/);
  assert.match(r.stdout, /written 6, failed 2/);
  // exactly the expected files: no temp files, nothing for the corrupt inputs
  assert.equal(listFiles(out), EXPECTED_OUT);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  assert.is(manifest.seed, 7);
  assert.is(manifest.copies, 3);
  assert.is(manifest.outputs.length, 6);
  assert.equal(manifest.failed.map((f) => f.input), ['in/broken.png', 'in/notes.png']);
  for (const f of manifest.failed) assert.ok(['DECODE_FAILED', 'UNSUPPORTED_FORMAT'].includes(f.code), f.code);
  for (const e of manifest.outputs) {
    const bytes = readFileSync(join(out, e.output));
    // same format as the input, by signature: PNG in -> PNG out, JPEG in -> JPEG out
    if (e.output.endsWith('.png')) assert.equal([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], e.output);
    else assert.equal([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff], e.output);
    const img = decodeImage(bytes);
    assert.equal([img.width, img.height], e.outputSize.slice(0, 2), `${e.output} size`);
    // the recorded parameters are the ones the documented stream gives
    assert.is(e.stream, streamFor(e.input.replace(/^in\//, ''), e.copy));
    const [w, h] = e.inputSize;
    assert.equal(e.params, sampleParams(new Random(7, e.stream), w, h), `${e.output} params`);
    // and the output size follows from them
    let ow = e.params.rot90 % 2 ? h : w, oh = e.params.rot90 % 2 ? w : h;
    if (e.params.crop) { ow = e.params.crop.width; oh = e.params.crop.height; }
    if (e.params.pad) { ow += e.params.pad.left + e.params.pad.right; oh += e.params.pad.top + e.params.pad.bottom; }
    assert.equal(e.outputSize.slice(0, 2), [ow, oh], `${e.output} size from params`);
  }
  assert.equal(manifest.outputs.map((e) => e.input), ['in/cats/chelsea.png', 'in/cats/chelsea.png', 'in/cats/chelsea.png', 'in/rocket.JPG', 'in/rocket.JPG', 'in/rocket.JPG']);
});

test('augment: the same seed gives byte-identical files whatever the input order; another seed differs', () => {
  const a = run(['augment', 'in', '--out', 'outA', '--copies', '3', '--seed', '7']);
  // same files given one by one in another order: relative paths differ for the subfolder file,
  // so give the subfolder as a folder and the JPEG as a file
  const b = run(['augment', 'in/rocket.JPG', 'in/notes.png', 'in/cats', 'in/broken.png', '--out', 'outB', '--seed', '7', '--copies', '3']);
  assert.is(a.status, 1);
  assert.is(b.status, 1);
  const filesA = listFiles(join(TMP, 'outA'));
  assert.equal(filesA, EXPECTED_OUT);
  // outB has chelsea at the top (relative to in/cats), rocket at the top
  const filesB = listFiles(join(TMP, 'outB'));
  assert.equal(filesB, ['chelsea_aug0.png', 'chelsea_aug1.png', 'chelsea_aug2.png', 'manifest.json', 'rocket_aug0.jpg', 'rocket_aug1.jpg', 'rocket_aug2.jpg']);
  // a third run into a fresh folder with the original arguments
  const c = run(['augment', 'in', '--out', 'outC', '--copies', '3', '--seed', '7']);
  assert.is(c.status, 1);
  for (const f of EXPECTED_OUT) {
    assert.ok(readFileSync(join(TMP, 'outA', f)).equals(readFileSync(join(TMP, 'outC', f))), `${f} identical across runs`);
  }
  // folder scan (stream key "rocket.JPG") and file argument (stream key "rocket.JPG") agree
  for (const i of [0, 1, 2]) {
    assert.ok(readFileSync(join(TMP, 'outA', `rocket_aug${i}.jpg`)).equals(readFileSync(join(TMP, 'outB', `rocket_aug${i}.jpg`))), `rocket_aug${i}`);
  }
  // the same file arguments in another order give the same bytes and the same manifest
  const e = run(['augment', 'in/broken.png', 'in/cats', 'in/notes.png', 'in/rocket.JPG', '--copies', '3', '--out', 'outE', '--seed', '7']);
  assert.is(e.status, 1);
  assert.equal(listFiles(join(TMP, 'outE')), filesB);
  for (const f of filesB) {
    assert.ok(readFileSync(join(TMP, 'outB', f)).equals(readFileSync(join(TMP, 'outE', f))), `${f} identical in both orders`);
  }
  // a different seed changes every output
  const d = run(['augment', 'in', '--out', 'outD', '--copies', '3', '--seed', '8']);
  assert.is(d.status, 1);
  for (const f of EXPECTED_OUT.filter((f) => f !== 'manifest.json')) {
    assert.not.ok(readFileSync(join(TMP, 'outA', f)).equals(readFileSync(join(TMP, 'outD', f))), `${f} differs with seed 8`);
  }
});

test('augment: exit 0 when every input succeeds; 64-bit seeds accepted', () => {
  const r = run(['augment', join(EXAMPLES, 'coffee_600x400.png'), '--out', 'ok', '--copies', '1', '--seed', '18446744073709551615']);
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stderr, '');
  assert.match(r.stdout, /written 1, failed 0/);
  assert.equal(listFiles(join(TMP, 'ok')), ['coffee_600x400_aug0.png', 'manifest.json']);
  assert.is(JSON.parse(readFileSync(join(TMP, 'ok', 'manifest.json'), 'utf8')).seed, '18446744073709551615');
});

test('augment: a missing input is reported (IO_ERROR), the others still written', () => {
  const r = run(['augment', 'nope.png', join(EXAMPLES, 'coffee_600x400.png'), '--out', 'miss', '--copies', '1']);
  assert.is(r.status, 1);
  assert.match(r.stderr, /^pixaug: nope\.png: IO_ERROR: /);
  assert.ok(statSync(join(TMP, 'miss', 'coffee_600x400_aug0.png')).size > 0);
});

test('augment: usage errors exit 2', () => {
  for (const args of [
    ['augment', 'in'], // no --out
    ['augment', 'in', '--out', 'u', '--copies', '0'],
    ['augment', 'in', '--out', 'u', '--copies', 'x'],
    ['augment', 'in', '--out', 'u', '--seed', '-1'],
    ['augment', 'in', '--out', 'u', '--seed', '18446744073709551616'],
    ['augment', 'in', '--out', 'u', '--contact-sheet', 'sheet.jpg'],
    ['augment', 'in', '--out', 'u', '--bogus'],
    ['augment', '--out', 'u'], // no inputs
    ['frobnicate'],
    [],
  ]) {
    const r = run(args);
    assert.is(r.status, 2, `${args.join(' ')}: exit ${r.status}, stderr ${r.stderr}`);
    assert.ok(r.stderr.length > 0, `${args.join(' ')}: message on stderr`);
  }
  // an empty folder is a usage error too
  mkdirSync(join(TMP, 'empty'));
  assert.is(run(['augment', 'empty', '--out', 'u']).status, 2);
  // help is not an error
  assert.is(run(['augment', '--help']).status, 0);
});

test('augment --contact-sheet: one row per good input, original then copies, 256x256 cells', () => {
  const r = run(['augment', 'in', '--out', 'sheet', '--copies', '2', '--seed', '3', '--contact-sheet', 'sheet/contact.png']);
  assert.is(r.status, 1);
  const sheet = decodeImage(readFileSync(join(TMP, 'sheet', 'contact.png')));
  // 2 good inputs x (1 + 2 copies); gap 8, cells 256
  assert.is(sheet.width, 8 + 3 * (256 + 8));
  assert.is(sheet.height, 8 + 2 * (256 + 8));
  assert.ok(sheet.channels === 3 || sheet.channels === 4);
  const px = (x, y) => Array.from(sheet.data.subarray((y * sheet.width + x) * sheet.channels, (y * sheet.width + x) * sheet.channels + 3));
  assert.equal(px(0, 0), [128, 128, 128]);
  assert.equal(px(sheet.width - 1, sheet.height - 1), [128, 128, 128]);
  const c = sheet.channels;
  const sameCell = (row, col, want, label) => {
    for (let y = 0; y < 256; y++) {
      for (let x = 0; x < 256; x++) {
        const i = ((8 + row * 264 + y) * sheet.width + 8 + col * 264 + x) * c;
        const j = (y * 256 + x) * 3;
        for (let k = 0; k < 3; k++) {
          if (sheet.data[i + k] !== want.data[j + k]) assert.unreachable(`${label}: pixel ${x},${y},${k}: ${sheet.data[i + k]} != ${want.data[j + k]}`);
        }
      }
    }
  };
  // row 0 (cats/chelsea.png sorts before rocket.JPG): the original, then copies 0 and 1, each
  // exactly as fitCell renders them (the PNG copies are lossless, so decoding them gives the
  // images the sheet was made from)
  sameCell(0, 0, fitCell(decodeImage(readFileSync(join(IN, 'cats', 'chelsea.png')))), 'chelsea original');
  sameCell(0, 1, fitCell(decodeImage(readFileSync(join(TMP, 'sheet', 'cats', 'chelsea_aug0.png')))), 'chelsea copy 0');
  sameCell(0, 2, fitCell(decodeImage(readFileSync(join(TMP, 'sheet', 'cats', 'chelsea_aug1.png')))), 'chelsea copy 1');
  // row 1: the rocket JPEG original (its copies are JPEG, lossy on disk)
  sameCell(1, 0, fitCell(decodeImage(readFileSync(join(IN, 'rocket.JPG')))), 'rocket original');
});

test('fnv1a32: FNV-1a test vectors; streams differ by path and copy', () => {
  assert.is(fnv1a32(''), 0x811c9dc5);
  assert.is(fnv1a32('a'), 0xe40c292c);
  assert.is(fnv1a32('foobar'), 0xbf9cf968);
  assert.is(streamFor('cats/chelsea.png', 1), fnv1a32('cats/chelsea.png#1'));
  const s = new Set();
  for (const p of ['a.png', 'b.png', 'x/a.png']) for (let i = 0; i < 50; i++) s.add(streamFor(p, i));
  assert.is(s.size, 150);
});

test('sampleParams: ranges of every parameter over 2000 draws', () => {
  const seen = { flip: new Set(), rot90: new Set(), border: new Set(), plan: new Set() };
  let minA = 99, maxA = -99;
  for (let i = 0; i < 2000; i++) {
    const w = 50 + (i % 7), h = 30 + (i % 5);
    const p = sampleParams(new Random(11, i), w, h);
    seen.flip.add(p.flip); seen.rot90.add(p.rot90); seen.border.add(p.rotate.border);
    seen.plan.add(`${!!p.crop}/${!!p.pad}`);
    minA = Math.min(minA, p.rotate.angle); maxA = Math.max(maxA, p.rotate.angle);
    assert.ok(p.rotate.angle >= -30 && p.rotate.angle < 30);
    const rw = p.rot90 % 2 ? h : w, rh = p.rot90 % 2 ? w : h;
    if (p.crop) {
      const { x, y, width, height } = p.crop;
      assert.ok(width >= Math.round(0.6 * rw) && width <= rw, `crop width ${width} of ${rw}`);
      assert.ok(height >= Math.round(0.6 * rh) && height <= rh, `crop height ${height} of ${rh}`);
      assert.ok(x >= 0 && y >= 0 && x + width <= rw && y + height <= rh);
    }
    if (p.pad) {
      const cw = p.crop ? p.crop.width : rw, ch = p.crop ? p.crop.height : rh;
      for (const s of ['left', 'right']) assert.ok(p.pad[s] >= 0 && p.pad[s] <= Math.round(0.15 * cw));
      for (const s of ['top', 'bottom']) assert.ok(p.pad[s] >= 0 && p.pad[s] <= Math.round(0.15 * ch));
      assert.ok(BORDERS.includes(p.pad.border));
    }
    assert.ok(p.crop || p.pad);
  }
  assert.equal([...seen.flip].sort(), ['horizontal', 'none', 'vertical']);
  assert.equal([...seen.rot90].sort(), [0, 1, 2, 3]);
  assert.equal([...seen.border].sort(), [...BORDERS].sort());
  assert.equal([...seen.plan].sort(), ['false/true', 'true/false', 'true/true']);
  assert.ok(minA < -29 && maxA > 29, `angles ${minA}..${maxA}`);
});

// JS reference of the toRGB8 kernel
function toRGBRef(img, bg) {
  const { width: w, height: h, channels: c, data } = img;
  const out = new Uint8Array(w * h * 3);
  const div255 = (x) => Math.round(x / 255); // x / 255 is never exactly k + 0.5 (255 is odd)
  for (let i = 0; i < w * h; i++) {
    for (let k = 0; k < 3; k++) {
      if (c === 1) out[i * 3 + k] = data[i];
      else if (c === 3) out[i * 3 + k] = data[i * 3 + k];
      else {
        const v = c === 2 ? data[i * 2] : data[i * 4 + k];
        const a = data[i * c + c - 1];
        out[i * 3 + k] = div255(v * a + bg[k] * (255 - a));
      }
    }
  }
  return { width: w, height: h, channels: 3, data: out };
}

test('toRGB (kernel toRGB8): JS reference == scalar build == SIMD build; alpha over background', async () => {
  const bg = [128, 17, 240];
  for (const simd of [false, true]) {
    await init({ simd });
    for (const c of [1, 2, 3, 4]) {
      for (const [w, h] of [[1, 1], [3, 5], [17, 2], [65, 3]]) {
        const img = randomImage(w, h, c, 'uint8', w * 10 + c);
        assertSameImage(assert, toRGB(img, bg), toRGBRef(img, bg), `simd=${simd} c=${c} ${w}x${h}`);
      }
    }
    // fully opaque keeps the colour, fully transparent gives the background
    const rgba = { width: 2, height: 1, channels: 4, data: new Uint8Array([10, 20, 30, 255, 10, 20, 30, 0]) };
    assert.equal(Array.from(toRGB(rgba, bg).data), [10, 20, 30, 128, 17, 240]);
    // strided input
    const strided = { width: 2, height: 2, channels: 1, stride: 3, data: new Uint8Array([1, 2, 99, 3, 4, 99]) };
    assert.equal(Array.from(toRGB(strided, bg).data), [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
  }
  await init();
});

test('fitCell: aspect kept, centred box on grey; composeSheet places cells', () => {
  // a uniform 100x50 image fits a 256 cell as 256x128 at (0, 64): inside the box (away from
  // its edge, where bilinear blends with the grey border) the colour, outside grey
  const img = { width: 100, height: 50, channels: 3, data: new Uint8Array(100 * 50 * 3).fill(200) };
  const cell = fitCell(img);
  assert.equal([cell.width, cell.height, cell.channels], [256, 256, 3]);
  const at = (x, y) => cell.data[(y * 256 + x) * 3];
  assert.is(at(128, 128), 200);
  assert.is(at(1, 65), 200);
  assert.is(at(254, 190), 200);
  assert.is(at(128, 62), 128);
  assert.is(at(128, 193), 128);
  // 1-channel input works too (converted to RGB)
  const gray = fitCell({ width: 10, height: 40, channels: 1, data: new Uint8Array(400).fill(50) });
  assert.is(gray.data[(128 * 256 + 128) * 3 + 2], 50);
  assert.is(gray.data[(128 * 256 + 10) * 3], 128);
  const sheet = composeSheet([[cell, gray], [gray]], 2);
  assert.equal([sheet.width, sheet.height], [8 + 2 * 264, 8 + 2 * 264]);
  const sp = (x, y) => sheet.data[(y * sheet.width + x) * 3];
  assert.is(sp(8 + 128, 8 + 128), 200);
  assert.is(sp(8 + 264 + 128, 8 + 128), 50);
  assert.is(sp(8 + 264 + 128, 8 + 264 + 128), 128); // empty slot
  assert.is(sp(8 + 128, 8 + 264 + 128), 50);
  assert.is(sp(4, 4), 128);
});

test.run();
