// augmentBatch: one pipeline over a mini-batch, in this thread or in a pool of workers
// (Node worker_threads, browser Web Workers), each worker with its own wasm instance.

import { getEngine } from './engine.js';
import { invalid, PixaugError, type PixaugErrorCode } from './errors.js';
import type { ImageLike } from './image.js';
import type { AugmentResult, Pipeline, Sample } from './pipeline.js';

/** A worker, Node or browser, behind one small interface. */
interface AnyWorker {
  post(msg: unknown, transfer: ArrayBuffer[]): void;
  onMessage(fn: (msg: unknown) => void): void;
  onError(fn: (err: unknown) => void): void;
  terminate(): Promise<void> | void;
}

const WORKER_URL = new URL('./batch-worker.js', import.meta.url);

async function spawn(url: URL): Promise<AnyWorker> {
  const g = globalThis as unknown as { Worker?: new (u: URL, o: { type: 'module' }) => Worker; process?: { versions?: { node?: string } } };
  if (g.process?.versions?.node === undefined && typeof g.Worker === 'function') {
    const w = new g.Worker(url, { type: 'module' });
    return {
      post: (m, t) => w.postMessage(m, t),
      onMessage: (fn) => w.addEventListener('message', (e) => fn(e.data)),
      onError: (fn) => w.addEventListener('error', (e) => fn(e)),
      terminate: () => w.terminate(),
    };
  }
  const name = 'node:worker_threads';
  const wt = (await import(/* @vite-ignore */ name)) as typeof import('node:worker_threads');
  const w = new wt.Worker(url);
  return {
    post: (m, t) => w.postMessage(m, t),
    onMessage: (fn) => w.on('message', fn),
    onError: (fn) => w.on('error', fn),
    terminate: async () => { await w.terminate(); },
  };
}

/** Options of `createWorkerPool`. */
export interface WorkerPoolOptions {
  /** Number of workers, integer >= 1. Default 2. */
  workers?: number;
  /** Build the workers load (default: the build the main thread runs, after `init`; else auto). */
  simd?: boolean;
  /** URL of the worker module (default: dist/batch-worker.js next to this file; bundlers may need it). */
  workerUrl?: URL;
  /**
   * The wasm each worker instantiates, as `init`'s `module` option: a compiled
   * `WebAssembly.Module` (sent to the workers by structured clone, no recompilation of the bytes
   * from the network) or a URL. Default: the build next to the package, as `init()` finds it.
   */
  module?: WebAssembly.Module | URL | string;
}

/** A pool of augmentation workers; reuse it across batches, `close()` it at the end. */
export interface WorkerPool {
  readonly size: number;
  /**
   * Runs `aug` on the samples with the given indices; results in input order. `transferInputs`:
   * move the input pixel buffers to the workers instead of copying them (they become unusable here).
   */
  run(samples: readonly (Sample | ImageLike)[], aug: Pipeline, indices: readonly number[], transferInputs?: boolean): Promise<AugmentResult[]>;
  /** Terminates the workers. */
  close(): Promise<void>;
}

/** Distinct pixel buffers of the samples (whole ArrayBuffers; a buffer listed twice would throw). */
function inputBuffers(samples: (Sample | ImageLike)[]): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  for (const s of samples) {
    const sm = (s as Sample).image !== undefined ? (s as Sample) : { image: s as ImageLike };
    for (const im of [sm.image, sm.mask, ...(sm.masks ?? [])]) if (im && im.data.buffer instanceof ArrayBuffer) set.add(im.data.buffer);
  }
  return [...set];
}

interface Pending { resolve: (r: AugmentResult[]) => void; reject: (e: unknown) => void }

/**
 * Starts `workers` workers (Node `worker_threads`, or module Web Workers in browsers), each
 * loading its own wasm instance (`init`). The worker module is dist/batch-worker.js.
 * @param options `{ workers = 2, simd, workerUrl, module }`
 * @returns the pool once every worker is ready
 * @throws PixaugError `INVALID_PARAMETER` for a bad worker count; rejects if a worker cannot start
 */
export async function createWorkerPool(options: WorkerPoolOptions = {}): Promise<WorkerPool> {
  const n = options.workers ?? 2;
  if (!Number.isInteger(n) || n < 1 || n > 256) invalid('createWorkerPool', 'options.workers', 'an integer in 1..256', n);
  let simd = options.simd;
  if (simd === undefined) {
    try { simd = getEngine().simd; } catch { simd = undefined; }
  }
  const workers = await Promise.all(Array.from({ length: n }, () => spawn(options.workerUrl ?? WORKER_URL)));
  const pending = new Map<number, Pending>();
  let nextId = 1;
  const fail = (err: unknown) => { for (const p of pending.values()) p.reject(err); pending.clear(); };
  await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
    let ready = false;
    w.onMessage((raw) => {
      const m = raw as { type: string; id: number; results?: AugmentResult[]; error?: { code: string; message: string } };
      if (m.type === 'ready') { ready = true; resolve(); return; }
      if (m.type === 'error' && m.id === -1) { reject(new PixaugError(m.error!.code as PixaugErrorCode, m.error!.message)); return; }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.type === 'done') p.resolve(m.results!);
      else p.reject(new PixaugError(m.error!.code as PixaugErrorCode, m.error!.message));
    });
    w.onError((e) => { if (!ready) reject(e); fail(e); });
    w.post({ type: 'init', simd, module: options.module instanceof URL ? options.module.href : options.module }, []);
  })));
  const job = (w: AnyWorker, pipeline: string, items: { index: number; sample: Sample | ImageLike }[], transfer: boolean) =>
    new Promise<AugmentResult[]>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      w.post({ type: 'run', id, pipeline, items }, transfer ? inputBuffers(items.map((it) => it.sample)) : []);
    });
  return {
    size: n,
    async run(samples, aug, indices, transferInputs = false) {
      const pipeline = JSON.stringify(aug.toJSON());
      const out = new Array<AugmentResult>(samples.length);
      // small chunks, pulled by whichever worker is free (balances uneven samples)
      const chunk = Math.max(1, Math.ceil(samples.length / (n * 4)));
      let next = 0;
      // two jobs in flight per worker, so a worker never waits for the main thread between jobs
      const launch = (w: AnyWorker): Promise<void> | null => {
        if (next >= samples.length) return null;
        const start = next;
        next = Math.min(samples.length, next + chunk);
        const items = [];
        for (let i = start; i < next; i++) items.push({ index: indices[i], sample: samples[i] });
        const p = job(w, pipeline, items, transferInputs).then((res) => {
          for (let i = 0; i < res.length; i++) out[start + i] = res[i];
        });
        p.catch(() => undefined); // a failure surfaces through the await below, never as an unhandled rejection
        return p;
      };
      await Promise.all(workers.map(async (w) => {
        let a = launch(w), b = launch(w);
        while (a) {
          await a;
          a = b;
          b = launch(w);
        }
      }));
      return out;
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** Options of `augmentBatch`. */
export interface BatchOptions {
  /** 0 (default): run in this thread. N >= 1: a temporary pool of N workers (prefer `pool` for repeated batches). */
  workers?: number;
  /** A pool from `createWorkerPool`, reused across batches (then `workers` is ignored). */
  pool?: WorkerPool;
  /** Index of the first sample: sample i uses index startIndex + i. Default 0. */
  startIndex?: number;
  /** Explicit indices, one per sample (overrides startIndex). */
  indices?: readonly number[];
  /** With workers: move the input pixel buffers instead of copying them (the inputs become unusable). Default false. */
  transferInputs?: boolean;
}

/**
 * Applies a pipeline to every sample of a mini-batch: `results[i] = aug(samples[i], { index:
 * startIndex + i })`. Because every sample draws from its own streams (`compose`), the results
 * are identical byte for byte whatever the worker count (0 = this thread) and whatever order the
 * workers finish in. Workers receive the pipeline as JSON (so it must be a `compose` of
 * registered transforms) and a structured-clone copy of each sample (the inputs stay usable);
 * the output pixel buffers are transferred back without a copy.
 * @param samples images or samples (`{ image, boxes, labels, keypoints, mask, masks }`)
 * @param aug a pipeline from `compose`
 * @param options `{ workers = 0, pool, startIndex = 0, indices, transferInputs = false }`
 * @returns the results in input order
 * @throws PixaugError `INVALID_PARAMETER` (not a pipeline, bad counts or indices); errors of a
 *   sample are re-thrown with their code
 * @example
 *   const pool = await createWorkerPool({ workers: 2 });
 *   const batch = await augmentBatch(images, aug, { pool, startIndex: epoch * images.length });
 *   await pool.close();
 */
export async function augmentBatch(samples: readonly (Sample | ImageLike)[], aug: Pipeline, options: BatchOptions = {}): Promise<AugmentResult[]> {
  const op = 'augmentBatch';
  if (!Array.isArray(samples)) invalid(op, 'samples', 'an array of images or samples', samples);
  if (typeof aug !== 'function' || aug.name !== 'compose' || typeof aug.toJSON !== 'function') invalid(op, 'aug', 'a pipeline made by transforms.compose', aug);
  const start = options.startIndex ?? 0;
  if (!Number.isSafeInteger(start) || start < 0) invalid(op, 'options.startIndex', 'a non-negative safe integer', start);
  let indices = options.indices;
  if (indices !== undefined) {
    if (!Array.isArray(indices) || indices.length !== samples.length || !indices.every((v) => Number.isSafeInteger(v) && v >= 0)) {
      invalid(op, 'options.indices', `${samples.length} non-negative safe integers`, indices);
    }
  } else {
    indices = samples.map((_, i) => start + i);
  }
  const workers = options.workers ?? 0;
  if (!Number.isInteger(workers) || workers < 0 || workers > 256) invalid(op, 'options.workers', 'an integer in 0..256', workers);
  const transfer = options.transferInputs === true;
  if (options.pool) return options.pool.run(samples, aug, indices, transfer);
  if (workers === 0) return samples.map((s, i) => aug(s, { index: indices![i] }));
  const pool = await createWorkerPool({ workers });
  try {
    return await pool.run(samples, aug, indices, transfer);
  } finally {
    await pool.close();
  }
}
