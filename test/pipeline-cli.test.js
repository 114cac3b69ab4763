// `pixaug augment --pipeline file.json [--workers N] [--resume] [--labels coco.json|yolo]`,
// run as a child process: outputs equal the API's results for index fnv1a32("<rel>#<copy>"),
// identical for 0 and 2 workers; resume skips; YOLO and COCO boxes are transformed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { init, transforms as T } from '../dist/index.js';
import { decodeImage, readImage } from '../dist/node/index.js';
import { fnv1a32 } from '../dist/cli/augment.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const EXAMPLES = join(ROOT, 'examples', 'images');
const TMP = mkdtempSync(join(tmpdir(), 'pixaug-pcli-'));
const run = (args) => { const r = spawnSync(process.execPath, [CLI, ...args], { cwd: TMP, encoding: 'utf8', timeout: 120000 }); return { status: r.status, stdout: r.stdout, stderr: r.stderr }; };
const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

const IN = join(TMP, 'in');
mkdirSync(join(IN, 'cats'), { recursive: true });
copyFileSync(join(EXAMPLES, 'chelsea_cat_451x300.png'), join(IN, 'cats', 'chelsea.png'));
copyFileSync(join(EXAMPLES, 'coffee_600x400.png'), join(IN, 'coffee.png'));
writeFileSync(join(IN, 'cats', 'chelsea.txt'), '0 0.5 0.4 0.3 0.5\n3 0.1 0.1 0.1 0.1\n');

const steps = () => [T.horizontalFlip(), T.rotate({ limit: 10, border: 'reflect' }), T.randomResizedCrop({ width: 96, height: 80, scale: [0.6, 1] }), T.gaussianNoise({ sigma: [2, 6], p: 0.5 })];
const PIPE = join(TMP, 'pipe.json');
writeFileSync(PIPE, JSON.stringify(T.compose(steps(), { seed: 5 }).toJSON()));

test.before(async () => { await init(); });
test.after(() => rmSync(TMP, { recursive: true, force: true }));

test('--pipeline: outputs equal the API for index fnv1a32(rel#copy); --workers 2 gives the same bytes', async () => {
  const a = run(['augment', 'in', '--out', 'o0', '--copies', '2', '--pipeline', PIPE]);
  assert.is(a.status, 0, a.stderr);
  assert.match(a.stdout, /written 4, failed 0, skipped 0/);
  const b = run(['augment', 'in', '--out', 'o2', '--copies', '2', '--pipeline', PIPE, '--workers', '2']);
  assert.is(b.status, 0, b.stderr);
  const aug = T.compose(steps(), { seed: 5 });
  for (const [rel, stem] of [['cats/chelsea.png', 'cats/chelsea'], ['coffee.png', 'coffee']]) {
    const src = await readImage(join(IN, ...rel.split('/')));
    for (const copy of [0, 1]) {
      const x = decodeImage(readFileSync(join(TMP, 'o0', `${stem}_aug${copy}.png`)));
      const y = decodeImage(readFileSync(join(TMP, 'o2', `${stem}_aug${copy}.png`)));
      const want = aug({ image: src }, { index: fnv1a32(`${rel}#${copy}`) }).image;
      assert.is(x.width, 96);
      assert.ok(same(x.data, want.data), `${rel} #${copy}`);
      assert.ok(same(y.data, want.data), `${rel} #${copy} (2 workers)`);
    }
  }
  const manifest = JSON.parse(readFileSync(join(TMP, 'o0', 'manifest.json'), 'utf8'));
  assert.is(manifest.outputs.length, 4);
  assert.ok(Array.isArray(manifest.outputs[0].params.steps));
  // a --seed on the command line replaces the saved seed
  const c = run(['augment', 'in/coffee.png', '--out', 'o3', '--copies', '1', '--pipeline', PIPE, '--seed', '6']);
  assert.is(c.status, 0, c.stderr);
  const z = decodeImage(readFileSync(join(TMP, 'o3', 'coffee_aug0.png')));
  const src = await readImage(join(IN, 'coffee.png'));
  assert.ok(same(z.data, T.compose(steps(), { seed: 6 })({ image: src }, { index: fnv1a32('coffee.png#0') }).image.data));
});

test('--resume skips existing outputs and writes the missing ones', () => {
  const a = run(['augment', 'in', '--out', 'o0', '--copies', '2', '--pipeline', PIPE, '--resume']);
  assert.is(a.status, 0, a.stderr);
  assert.match(a.stdout, /written 0, failed 0, skipped 4/);
  const before = readFileSync(join(TMP, 'o0', 'coffee_aug1.png'));
  unlinkSync(join(TMP, 'o0', 'coffee_aug1.png'));
  const b = run(['augment', 'in', '--out', 'o0', '--copies', '2', '--pipeline', PIPE, '--resume']);
  assert.match(b.stdout, /written 1, failed 0, skipped 3/);
  assert.ok(same(readFileSync(join(TMP, 'o0', 'coffee_aug1.png')), before));
  // the built-in recipe resumes too
  run(['augment', 'in/coffee.png', '--out', 'r', '--copies', '2']);
  assert.match(run(['augment', 'in/coffee.png', '--out', 'r', '--copies', '3', '--resume']).stdout, /written 1, failed 0, skipped 2/);
});

test('--labels yolo: boxes transformed with the images, written next to the outputs', async () => {
  const r = run(['augment', 'in', '--out', 'y', '--copies', '2', '--pipeline', PIPE, '--labels', 'yolo', '--workers', '1']);
  assert.is(r.status, 0, r.stderr);
  const aug = T.compose(steps(), { seed: 5, boxFormat: 'yolo' });
  const src = await readImage(join(IN, 'cats', 'chelsea.png'));
  for (const copy of [0, 1]) {
    const want = aug({ image: src, boxes: [[0.5, 0.4, 0.3, 0.5], [0.1, 0.1, 0.1, 0.1]], labels: [0, 3] }, { index: fnv1a32(`cats/chelsea.png#${copy}`) });
    const rows = readFileSync(join(TMP, 'y', 'cats', `chelsea_aug${copy}.txt`), 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split(' ').map(Number));
    assert.is(rows.length, want.boxes.length);
    rows.forEach((row, i) => {
      assert.is(row[0], want.labels[i]);
      for (let k = 0; k < 4; k++) assert.ok(Math.abs(row[k + 1] - want.boxes[i][k]) < 1e-6);
    });
  }
  // an image without a .txt gets an empty label file
  assert.is(readFileSync(join(TMP, 'y', 'coffee_aug0.txt'), 'utf8'), '');
});

test('--labels coco.json: annotations.json with transformed boxes; unknown images get no entry', async () => {
  const coco = {
    info: { description: 'test' }, categories: [{ id: 1, name: 'cat' }],
    images: [{ id: 7, file_name: 'cats/chelsea.png', width: 451, height: 300 }],
    annotations: [{ id: 1, image_id: 7, bbox: [100, 50, 200, 150], category_id: 1, iscrowd: 0, segmentation: [[1, 2, 3, 4]] }],
  };
  writeFileSync(join(TMP, 'coco.json'), JSON.stringify(coco));
  const r = run(['augment', 'in', '--out', 'c', '--copies', '2', '--pipeline', PIPE, '--labels', join(TMP, 'coco.json')]);
  assert.is(r.status, 0, r.stderr);
  const out = JSON.parse(readFileSync(join(TMP, 'c', 'annotations.json'), 'utf8'));
  assert.equal(out.categories, coco.categories);
  assert.equal(out.images.map((i) => i.file_name), ['cats/chelsea_aug0.png', 'cats/chelsea_aug1.png']);
  const aug = T.compose(steps(), { seed: 5, boxFormat: 'coco' });
  const src = await readImage(join(IN, 'cats', 'chelsea.png'));
  const want = aug({ image: src, boxes: [[100, 50, 200, 150]] }, { index: fnv1a32('cats/chelsea.png#1') });
  const anns = out.annotations.filter((a) => a.image_id === 2);
  assert.is(anns.length, want.boxes.length);
  assert.equal(anns[0].bbox, want.boxes[0]);
  assert.is(anns[0].category_id, 1);
  assert.is(anns[0].segmentation, undefined);
  assert.ok(!existsSync(join(TMP, 'c', 'coffee_aug0.txt')));
});

test('usage errors: bad --pipeline, --labels without --pipeline, bad --workers', () => {
  writeFileSync(join(TMP, 'bad.json'), '{"name": "rotate", "options": {}}');
  assert.is(run(['augment', 'in', '--out', 'e', '--pipeline', join(TMP, 'bad.json')]).status, 2);
  assert.is(run(['augment', 'in', '--out', 'e', '--pipeline', join(TMP, 'nope.json')]).status, 2);
  assert.is(run(['augment', 'in', '--out', 'e', '--labels', 'yolo']).status, 2);
  assert.is(run(['augment', 'in', '--out', 'e', '--pipeline', PIPE, '--workers', 'x']).status, 2);
});

test.run();
