// The worker side of augmentBatch's pool. The same module runs as a Node `worker_threads`
// worker and as a browser module Web Worker (`new Worker(url, { type: 'module' })`): it picks its
// message port at start-up, loads its own wasm instance with `init`, rebuilds pipelines from
// their JSON (cached by text) and answers each job with the results, transferring the output
// pixel buffers (no copy back).
//
// Protocol (structured-clone messages):
//   main -> worker  { type: 'init', simd, module? }              -> { type: 'ready', simd }
//   main -> worker  { type: 'run', id, pipeline, items: [{ index, sample }] }
//                   -> { type: 'done', id, results } | { type: 'error', id, error: { code, message } }

import { init } from './engine.js';
import { PixaugError } from './errors.js';
import { fromJSON, type AugmentResult, type Pipeline, type Sample } from './pipeline.js';
import './transforms/index.js'; // registers every transform factory

interface Port {
  post(msg: unknown, transfer: ArrayBuffer[]): void;
}

/** Output buffers of a result, deduplicated (a buffer may be listed once only). */
function buffersOf(r: AugmentResult): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  for (const im of [r.image, r.mask, ...(r.masks ?? [])]) {
    if (im && im.data.buffer instanceof ArrayBuffer) set.add(im.data.buffer);
  }
  return [...set];
}

const pipelines = new Map<string, Pipeline>();
let port: Port;

async function handle(raw: unknown): Promise<void> {
  const msg = raw as { type: string; id?: number; simd?: boolean; module?: WebAssembly.Module | string; pipeline?: string; items?: { index: number; sample: Sample }[] };
  if (msg.type === 'init') {
    try {
      const info = await init({ ...(msg.simd === undefined ? {} : { simd: msg.simd }), ...(msg.module === undefined ? {} : { module: msg.module }) });
      port.post({ type: 'ready', simd: info.simd }, []);
    } catch (e) {
      port.post({ type: 'error', id: -1, error: { code: (e as PixaugError).code ?? 'INIT_FAILED', message: (e as Error).message } }, []);
    }
    return;
  }
  if (msg.type !== 'run') return;
  try {
    let aug = pipelines.get(msg.pipeline!);
    if (!aug) {
      aug = fromJSON(msg.pipeline!) as Pipeline;
      pipelines.set(msg.pipeline!, aug);
    }
    const results = msg.items!.map((it) => aug!(it.sample, { index: it.index }));
    port.post({ type: 'done', id: msg.id, results }, results.flatMap(buffersOf));
  } catch (e) {
    port.post({ type: 'error', id: msg.id, error: { code: (e as PixaugError).code ?? 'WORKER_ERROR', message: (e as Error).message } }, []);
  }
}

// Browsers: register the listener synchronously, before any await, so the first message (sent
// right after `new Worker`) is never missed. Node: parentPort queues messages until a listener
// is attached, so the dynamic import may come first.
const g = globalThis as unknown as {
  WorkerGlobalScope?: unknown;
  postMessage?: (m: unknown, t: ArrayBuffer[]) => void;
  addEventListener?: (t: string, fn: (e: { data: unknown }) => void) => void;
};
if (g.WorkerGlobalScope !== undefined && typeof g.postMessage === 'function') {
  port = { post: (m, t) => g.postMessage!(m, t) };
  g.addEventListener!('message', (e) => void handle(e.data));
} else {
  const name = 'node:worker_threads';
  const wt = (await import(/* @vite-ignore */ name)) as typeof import('node:worker_threads');
  const parent = wt.parentPort;
  if (!parent) throw new Error('pixaug batch worker: not running in a worker');
  port = { post: (m, t) => parent.postMessage(m, t) };
  parent.on('message', (m) => void handle(m));
}
