#!/usr/bin/env node
// pixaug command line: offline augmentation of image files and folders.
//
//   pixaug augment <files or folders...> --out DIR [--copies N] [--seed S] [--contact-sheet FILE.png]
//                  [--pipeline aug.json [--workers N] [--labels coco.json|yolo]] [--resume]
//
// With --pipeline, a saved pipeline (transforms.compose(...).toJSON()) replaces the built-in recipe
// below: copy i of an input is aug(sample, { index: fnv1a32(`${relativePath}#${i}`) }), on a pool of
// N worker threads with --workers; --labels moves COCO / YOLO boxes with the images (src/cli/pipeline.ts).
// --resume skips outputs that already exist; the summary counts written, failed and skipped.
//
// For every input image and copy i it draws a flip, a rot90, a rotation (angle in [-30, 30]
// degrees, random border mode) and a random crop and/or pad from `new Random(seed, stream)`,
// stream = fnv1a32(`${relativePath}#${i}`) (see cli/augment.ts), applies them with pixaug's
// kernels, and writes `<stem>_aug<i>.<png|jpg>` (same format as the input, atomically: temp file
// + rename) under DIR, keeping the input's path relative to the folder it was found in. Every
// output and its parameters are listed in DIR/manifest.json.
//
// A file that cannot be read or decoded is reported on stderr (path, error code, message) and
// skipped; the others are still written. Exit code: 0 when every input succeeded, 1 when any
// failed (or a fatal error such as an unwritable --out), 2 for usage errors.

import { readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import { init } from './engine.js';
import { PixaugError } from './errors.js';
import type { Image } from './image.js';
import { decodeImage, sniffFormat, writeImage } from './node/index.js';
import { Random } from './random.js';
import { applyParams, sampleParams, streamFor, type AugmentParams } from './cli/augment.js';
import { CELL, composeSheet, fitCell } from './cli/contact-sheet.js';
import { cocoOut, labelsOut, loadLabels, loadPipeline, pipelineIndex, runCopies, sampleWithLabels, startPool, type Labels } from './cli/pipeline.js';
import type { Applied, Pipeline } from './pipeline.js';
import type { WorkerPool } from './batch.js';
import { existsSync } from 'node:fs';

const IMAGE_EXT = /\.(png|jpe?g)$/i;
/** At most this many inputs get a row on the contact sheet (the first ones by relative path). */
const MAX_SHEET_ROWS = 64;
const MAX_COPIES = 10000;

/** One input image: where it is, and its path relative to the folder it was found in. */
interface Input {
  /** path as given on the command line (joined with the relative part for folder scans) */
  path: string;
  /** relative path with '/' separators: the stream key and the output location under --out */
  rel: string;
}

/** One written output, as listed in manifest.json. */
interface ManifestEntry {
  input: string;
  output: string;
  copy: number;
  stream: number;
  inputSize: [number, number, number];
  outputSize: [number, number, number];
  params: AugmentParams | Applied;
}

interface Failure { input: string; code: string; message: string }

const toPosix = (p: string) => p.split(sep).join('/');

function parseCopies(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > MAX_COPIES) {
    throw new InvalidArgumentError(`expected an integer from 1 to ${MAX_COPIES}.`);
  }
  return Number(v);
}

function parseSeed(v: string): bigint {
  if (!/^\d+$/.test(v) || BigInt(v) > 0xffffffffffffffffn) {
    throw new InvalidArgumentError('expected an integer from 0 to 2^64-1.');
  }
  return BigInt(v);
}

function parseWorkers(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) > 64) throw new InvalidArgumentError('expected an integer from 0 to 64.');
  return Number(v);
}

function parseSheet(v: string): string {
  if (!/\.png$/i.test(v)) throw new InvalidArgumentError('expected a file name ending in .png.');
  return v;
}

function errorInfo(e: unknown): { code: string; message: string } {
  if (e instanceof PixaugError) return { code: e.code, message: e.message };
  const err = e as { code?: unknown; message?: unknown };
  if (err && typeof err.code === 'string' && typeof err.message === 'string') {
    // Node system errors (ENOENT, EACCES, ...) from fs
    return { code: 'IO_ERROR', message: err.message.startsWith(`${err.code}`) ? err.message : `${err.code}: ${err.message}` };
  }
  return { code: 'INTERNAL_ERROR', message: err && typeof err.message === 'string' ? err.message : String(e) };
}

/** Recursively lists .png/.jpg/.jpeg files (case-insensitive) under `dir`, sorted, skipping `skipDir`. */
async function scanFolder(dir: string, skipDir: string, prefix = ''): Promise<Input[]> {
  const found: Input[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const ent of entries) {
    const full = join(dir, ent.name);
    const rel = prefix ? `${prefix}/${ent.name}` : ent.name;
    if (ent.isDirectory()) {
      if (resolve(full) === skipDir) continue; // never re-augment our own outputs
      found.push(...(await scanFolder(full, skipDir, rel)));
    } else if (IMAGE_EXT.test(ent.name)) {
      // regular files, and symbolic links to files (links to folders are not followed)
      if (ent.isFile() || (ent.isSymbolicLink() && (await stat(full).then((s) => s.isFile(), () => false)))) {
        found.push({ path: full, rel });
      }
    }
  }
  return found;
}

/** Writes a text file atomically: a temp file in the same folder, then rename. */
async function writeTextAtomic(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(tmp, text);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

interface AugmentOptions { out: string; copies: number; seed: bigint; contactSheet?: string; pipeline?: string; workers: number; resume?: boolean; labels?: string; seedGiven?: boolean }

async function augment(paths: string[], opts: AugmentOptions): Promise<number> {
  const started = Date.now();
  const outDir = resolve(opts.out);
  const failures: Failure[] = [];
  const stderrTTY = Boolean(process.stderr.isTTY);
  let bars: cliProgress.MultiBar | null = null;
  const report = (f: Failure) => {
    failures.push(f);
    const line = `pixaug: ${f.input}: ${f.code}: ${f.message}`;
    if (bars) bars.log(line + '\n');
    else process.stderr.write(line + '\n');
  };

  // 1. inputs: files as given, folders scanned; sorted by relative path so the run (progress,
  //    manifest, contact sheet rows) does not depend on the order of the arguments
  const inputs: Input[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      report({ input: toPosix(p), ...errorInfo(e) });
      continue;
    }
    if (st.isDirectory()) {
      try {
        inputs.push(...(await scanFolder(p, outDir)));
      } catch (e) {
        report({ input: toPosix(p), ...errorInfo(e) });
      }
    } else {
      inputs.push({ path: p, rel: basename(p) });
    }
  }
  inputs.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // the same file reached twice under the same relative path (e.g. given twice) is done once
  for (let i = inputs.length - 1; i > 0; i--) {
    if (inputs[i].rel === inputs[i - 1].rel && resolve(inputs[i].path) === resolve(inputs[i - 1].path)) inputs.splice(i, 1);
  }
  if (inputs.length === 0 && failures.length === 0) {
    process.stderr.write(`error: no .png, .jpg or .jpeg files found in ${paths.join(', ')}\n`);
    return 2;
  }

  await init();
  // --pipeline / --labels / --workers (src/cli/pipeline.ts)
  let aug: Pipeline | null = null, pool: WorkerPool | null = null, labels: Labels | null = null;
  try {
    if (opts.labels) labels = await loadLabels(opts.labels);
    if (opts.pipeline) aug = await loadPipeline(opts.pipeline, opts.seedGiven ? opts.seed : undefined, labels?.kind);
    else if (labels) throw new PixaugError('INVALID_PARAMETER', '--labels: expected --pipeline too (the built-in recipe does not move boxes)');
    if (aug && opts.workers > 0) pool = await startPool(opts.workers);
  } catch (e) {
    const { code, message } = errorInfo(e);
    process.stderr.write(`pixaug: ${code}: ${message}\n`);
    return 2;
  }
  try {
    await mkdir(outDir, { recursive: true });
  } catch (e) {
    const { code, message } = errorInfo(e);
    process.stderr.write(`pixaug: cannot create --out ${opts.out}: ${code}: ${message}\n`);
    return 1;
  }

  if (stderrTTY && inputs.length > 0) {
    bars = new cliProgress.MultiBar({
      stream: process.stderr,
      format: 'augment [{bar}] {value}/{total} images | {file}',
      hideCursor: true,
      clearOnComplete: true,
    }, cliProgress.Presets.shades_classic);
  }
  const bar = bars?.create(inputs.length, 0, { file: '' });
  let fatal = false;

  // 2. augment every input
  const entries: ManifestEntry[] = [];
  const sheetRows: Image[][] = [];
  const claimed = new Map<string, string>(); // output path -> input that wrote it
  let written = 0, augmented = 0, skipped = 0;
  const seedNum = opts.seed <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(opts.seed) : opts.seed;
  for (const input of inputs) {
    bar?.update({ file: input.rel });
    const inputName = toPosix(input.path);
    try {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(input.path);
      } catch (e) {
        throw new PixaugError('IO_ERROR', `cannot read file: ${errorInfo(e).message}`, { cause: e });
      }
      const format = sniffFormat(bytes);
      const img = decodeImage(bytes);
      const ext = format === 'jpeg' ? 'jpg' : format === 'png' ? 'png' : /\.jpe?g$/i.test(input.rel) ? 'jpg' : 'png';
      const relDir = dirname(input.rel);
      const stem = basename(input.rel, extname(input.rel));
      const cells: Image[] | null = opts.contactSheet && sheetRows.length < MAX_SHEET_ROWS ? [fitCell(img, CELL)] : null;
      const outRelOf = (i: number) => (relDir === '.' ? '' : relDir + '/') + `${stem}_aug${i}.${ext}`;
      if (aug) {
        // --pipeline: the copies of this input as one batch (on the pool with --workers)
        const sample = await sampleWithLabels(labels, img, input.path, input.rel);
        const todo: number[] = [];
        for (let i = 0; i < opts.copies; i++) {
          const outRel = outRelOf(i);
          const owner = claimed.get(outRel);
          if (owner !== undefined) throw new PixaugError('IO_ERROR', `output ${outRel} would overwrite the output of ${owner}; rename one of the inputs`);
          claimed.set(outRel, inputName);
          if (opts.resume && existsSync(join(outDir, ...outRel.split('/')))) skipped++;
          else todo.push(i);
        }
        const results = await runCopies(aug, pool, sample, todo.map((i) => pipelineIndex(input.rel, i)));
        for (let j = 0; j < todo.length; j++) {
          const i = todo[j], r = results[j], outRel = outRelOf(i);
          const outPath = join(outDir, ...outRel.split('/'));
          await mkdir(dirname(outPath), { recursive: true });
          await writeImage(outPath, r.image, { format: ext === 'jpg' ? 'jpeg' : 'png' });
          const yolo = labelsOut(labels, r, outRel, sample.boxes !== undefined);
          if (yolo !== null) await writeTextAtomic(outPath.replace(/\.[^./\\]+$/, '.txt'), yolo);
          written++;
          entries.push({
            input: inputName, output: outRel, copy: i, stream: pipelineIndex(input.rel, i),
            inputSize: [img.width, img.height, img.channels], outputSize: [r.image.width, r.image.height, r.image.channels],
            params: r.applied,
          });
          cells?.push(fitCell(r.image, CELL));
        }
        if (cells) sheetRows.push(cells);
        augmented++;
        bar?.increment();
        continue;
      }
      for (let i = 0; i < opts.copies; i++) {
        const outRel = (relDir === '.' ? '' : relDir + '/') + `${stem}_aug${i}.${ext}`;
        const owner = claimed.get(outRel);
        if (owner !== undefined) {
          throw new PixaugError('IO_ERROR', `output ${outRel} would overwrite the output of ${owner}; rename one of the inputs`);
        }
        if (opts.resume && existsSync(join(outDir, ...outRel.split('/')))) {
          claimed.set(outRel, inputName);
          skipped++;
          continue;
        }
        const stream = streamFor(input.rel, i);
        const params = sampleParams(new Random(seedNum, stream), img.width, img.height);
        const out = applyParams(img, params);
        const outPath = join(outDir, ...outRel.split('/'));
        await mkdir(dirname(outPath), { recursive: true });
        await writeImage(outPath, out, { format: ext === 'jpg' ? 'jpeg' : 'png' });
        claimed.set(outRel, inputName);
        written++;
        entries.push({
          input: inputName, output: outRel, copy: i, stream,
          inputSize: [img.width, img.height, img.channels],
          outputSize: [out.width, out.height, out.channels],
          params,
        });
        cells?.push(fitCell(out, CELL));
      }
      if (cells) sheetRows.push(cells);
      augmented++;
    } catch (e) {
      report({ input: inputName, ...errorInfo(e) });
    }
    bar?.increment();
  }
  bars?.stop();
  await pool?.close();
  const coco = cocoOut(labels);
  if (coco) {
    try {
      await writeTextAtomic(join(outDir, 'annotations.json'), JSON.stringify(coco) + '\n');
    } catch (e) {
      const { code, message } = errorInfo(e);
      process.stderr.write(`pixaug: cannot write annotations.json: ${code}: ${message}\n`);
      fatal = true;
    }
  }

  // 3. manifest and contact sheet
  const manifest = {
    generator: 'pixaug augment',
    version: packageVersion(),
    seed: aug && !opts.seedGiven ? (aug.seed <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(aug.seed) : aug.seed.toString()) : typeof seedNum === 'bigint' ? seedNum.toString() : seedNum,
    ...(opts.pipeline ? { pipeline: aug!.toJSON() } : {}),
    copies: opts.copies,
    random: 'Philox4x32-10; key = (seed low 32 bits, seed high 32 bits ^ fmix32(stream)); counter = draw index / 4',
    stream: 'fnv1a32(UTF-8 of `${relativePath}#${copy}`)',
    order: 'flip, rot90 (counter-clockwise quarter turns), rotate (degrees, counter-clockwise, about ((w-1)/2, (h-1)/2), same size), crop, pad',
    outputs: entries,
    failed: failures,
  };
  const manifestPath = join(outDir, 'manifest.json');
  try {
    // pretty JSON, with short number arrays ([w, h, channels]) kept on one line
    const json = JSON.stringify(manifest, null, 2).replace(/\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g, (_, inner: string) => `[${inner.replace(/,\s+/g, ', ')}]`);
    await writeTextAtomic(manifestPath, json + '\n');
  } catch (e) {
    const { code, message } = errorInfo(e);
    process.stderr.write(`pixaug: cannot write ${manifestPath}: ${code}: ${message}\n`);
    fatal = true;
  }
  if (opts.contactSheet && sheetRows.length > 0) {
    if (augmented > sheetRows.length) {
      process.stderr.write(`pixaug: the contact sheet shows the first ${sheetRows.length} of ${augmented} images (at most ${MAX_SHEET_ROWS} rows)\n`);
    }
    try {
      const sheet = composeSheet(sheetRows, opts.copies + 1, CELL);
      await mkdir(dirname(resolve(opts.contactSheet)), { recursive: true });
      await writeImage(opts.contactSheet, sheet, { format: 'png' });
    } catch (e) {
      const { code, message } = errorInfo(e);
      process.stderr.write(`pixaug: cannot write contact sheet ${opts.contactSheet}: ${code}: ${message}\n`);
      fatal = true;
    }
  }
  const failedInputs = failures.length;
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `pixaug: written ${written}, failed ${failedInputs}, skipped ${skipped} ` +
      `(${augmented} of ${inputs.length} images augmented, ` +
      `${opts.copies} ${opts.copies === 1 ? "copy" : "copies"} each, seed ${manifest.seed}, ${secs} s; manifest ${toPosix(join(opts.out, 'manifest.json'))})\n`,
  );
  return failedInputs > 0 || fatal ? 1 : 0;
}

function packageVersion(): string {
  try {
    return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

/** The commander program. */
function program(): Command {
  const prog = new Command('pixaug')
    .description('pixaug: image data augmentation with WebAssembly SIMD kernels')
    .version(packageVersion())
    .exitOverride()
    .showHelpAfterError('(run pixaug augment --help for usage)');
  prog
    .command('augment')
    .description('write N augmented copies of every image (flip, rot90, rotation with a random border, crop/pad)')
    .argument('<inputs...>', 'image files and folders (scanned recursively for .png, .jpg, .jpeg)')
    .requiredOption('-o, --out <dir>', 'output folder (created if needed); keeps the inputs\' relative paths')
    .option('-n, --copies <n>', 'augmented copies per input image', parseCopies, 4)
    .addOption(new Option('-s, --seed <s>', 'random seed, integer 0..2^64-1; the same seed gives the same files').argParser(parseSeed).default(0n, '0'))
    .option('--contact-sheet <file.png>', `also write a PNG grid: one row per input (the first ${MAX_SHEET_ROWS}), original then its copies, ${CELL}x${CELL} cells`, parseSheet)
    .option('--pipeline <file.json>', 'apply a saved pipeline (JSON of transforms.compose(...).toJSON()) instead of the built-in recipe; sample index = fnv1a32("<relative path>#<copy>")')
    .option('--workers <n>', 'with --pipeline: worker threads (0 = this thread)', parseWorkers, 0)
    .option('--resume', 'skip outputs that already exist (counted as skipped)')
    .option('--labels <coco.json|yolo>', 'with --pipeline: transform boxes with the images: a COCO JSON file (writes DIR/annotations.json) or "yolo" (reads <image>.txt, writes <output>.txt)')
    .exitOverride()
    .action(async (inputs: string[], opts: AugmentOptions, cmd: Command) => {
      opts.seedGiven = cmd.getOptionValueSource('seed') === 'cli';
      process.exitCode = await augment(inputs, opts);
    });
  return prog;
}

/** Runs the CLI with `argv` (node-style: argv[0] node, argv[1] script). Resolves to the exit code. */
async function main(argv: string[] = process.argv): Promise<number> {
  try {
    await program().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2; // help / version: 0; usage errors: 2
    const { code, message } = errorInfo(e);
    process.stderr.write(`pixaug: ${code}: ${message}\n`);
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});
