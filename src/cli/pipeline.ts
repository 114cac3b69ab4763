// CLI support for `pixaug augment --pipeline file.json [--workers N] [--labels coco.json|yolo]`:
// loading a saved pipeline, the sample index of each output, a worker pool, and label files whose
// boxes are transformed with the images (COCO JSON, YOLO txt).

import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { PixaugError } from '../errors.js';
import type { Image } from '../image.js';
import { createWorkerPool, type WorkerPool } from '../batch.js';
import { fromJSON, type AugmentResult, type Pipeline, type Sample } from '../pipeline.js';
import '../transforms/index.js';
import { streamFor } from './augment.js';

/**
 * Reads a pipeline saved with `JSON.stringify(aug.toJSON())` (root `compose`). `seed` (when the
 * command line gives one) replaces the saved seed; `boxFormat` is set to the label format in use.
 * @throws PixaugError `INVALID_PARAMETER` for unreadable JSON or a root that is not compose
 */
export async function loadPipeline(path: string, seed: bigint | undefined, boxFormat?: 'coco' | 'yolo'): Promise<Pipeline> {
  let json: { name?: string; options?: Record<string, unknown> };
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new PixaugError('INVALID_PARAMETER', `--pipeline: expected a JSON file written by aug.toJSON() but could not read ${path}: ${(e as Error).message}`);
  }
  if (!json || json.name !== 'compose') throw new PixaugError('INVALID_PARAMETER', `--pipeline: expected a pipeline whose root is "compose" but received ${JSON.stringify(json?.name)}`);
  const options = { ...(json.options ?? {}) };
  if (seed !== undefined) options.seed = seed.toString();
  if (boxFormat) options.boxFormat = boxFormat;
  return fromJSON({ ...json, options } as never) as Pipeline;
}

/** Sample index of copy `copy` of the input at `rel`: fnv1a32(`${rel}#${copy}`), the recipe's stream key (order independent). */
export const pipelineIndex = (rel: string, copy: number): number => streamFor(rel, copy);

/** Starts a pool when workers >= 1. */
export async function startPool(workers: number): Promise<WorkerPool | null> {
  return workers >= 1 ? createWorkerPool({ workers }) : null;
}

/** Runs the copies of one input, in this thread or on the pool. */
export async function runCopies(aug: Pipeline, pool: WorkerPool | null, sample: Sample, indices: number[]): Promise<AugmentResult[]> {
  if (pool) return pool.run(indices.map(() => sample), aug, indices);
  return indices.map((index) => aug(sample, { index }));
}

// ------------------------------------------------------------------------------------------------
// labels
// ------------------------------------------------------------------------------------------------

interface CocoImage { id: number; file_name: string; width?: number; height?: number; [k: string]: unknown }
interface CocoAnnotation { id: number; image_id: number; bbox: number[]; [k: string]: unknown }

/** Where the labels come from and where the transformed ones go. */
export interface Labels {
  kind: 'coco' | 'yolo';
  /** COCO: the input file and lookups. */
  coco?: {
    source: { images: CocoImage[]; annotations: CocoAnnotation[]; categories?: unknown[]; [k: string]: unknown };
    byName: Map<string, CocoImage>;
    anns: Map<number, CocoAnnotation[]>;
    outImages: CocoImage[];
    outAnnotations: CocoAnnotation[];
  };
}

/**
 * `--labels yolo`: every image `a/b.png` may have `a/b.txt` (rows `class cx cy w h`, normalised);
 * `--labels file.json`: a COCO detection file whose `images[].file_name` are the inputs' relative
 * paths (or file names). Segmentations are dropped from the output (not transformed).
 * @throws PixaugError `INVALID_PARAMETER` for an unreadable or malformed COCO file
 */
export async function loadLabels(spec: string): Promise<Labels> {
  if (spec === 'yolo') return { kind: 'yolo' };
  let source: Labels['coco'] extends infer C ? (C extends { source: infer S } ? S : never) : never;
  try {
    source = JSON.parse(await readFile(spec, 'utf8'));
  } catch (e) {
    throw new PixaugError('INVALID_PARAMETER', `--labels: expected 'yolo' or a COCO JSON file but could not read ${spec}: ${(e as Error).message}`);
  }
  if (!source || !Array.isArray(source.images) || !Array.isArray(source.annotations)) {
    throw new PixaugError('INVALID_PARAMETER', `--labels: expected a COCO file with "images" and "annotations" arrays in ${spec}`);
  }
  const byName = new Map<string, CocoImage>();
  for (const im of source.images) byName.set(im.file_name, im);
  const anns = new Map<number, CocoAnnotation[]>();
  for (const a of source.annotations) {
    if (!anns.has(a.image_id)) anns.set(a.image_id, []);
    anns.get(a.image_id)!.push(a);
  }
  return { kind: 'coco', coco: { source, byName, anns, outImages: [], outAnnotations: [] } };
}

/** The sample of one input with its boxes (`labels` = COCO annotations or YOLO class ids). */
export async function sampleWithLabels(labels: Labels | null, img: Image, path: string, rel: string): Promise<Sample> {
  if (!labels) return { image: img };
  if (labels.kind === 'yolo') {
    const txt = path.replace(/\.[^./\\]+$/, '.txt');
    let text: string;
    try {
      text = await readFile(txt, 'utf8');
    } catch {
      return { image: img, boxes: [], labels: [] };
    }
    const boxes: number[][] = [], cls: number[] = [];
    for (const [i, line] of text.split(/\r?\n/).entries()) {
      if (!line.trim()) continue;
      const v = line.trim().split(/\s+/).map(Number);
      if (v.length < 5 || !v.every(Number.isFinite)) throw new PixaugError('INVALID_PARAMETER', `${txt}:${i + 1}: expected "class cx cy w h" but received "${line}"`);
      cls.push(v[0]);
      boxes.push(v.slice(1, 5));
    }
    return { image: img, boxes, labels: cls };
  }
  const c = labels.coco!;
  const entry = c.byName.get(rel) ?? c.byName.get(basename(rel));
  if (!entry) return { image: img }; // not in the COCO file: no labels written for its outputs
  const anns = c.anns.get(entry.id) ?? [];
  return { image: img, boxes: anns.map((a) => a.bbox), labels: anns };
}

/** Records the transformed labels of one output (`outRel` = output path relative to --out). Returns the YOLO text to write next to the image, or null. */
export function labelsOut(labels: Labels | null, r: AugmentResult, outRel: string, hadEntry: boolean): string | null {
  if (!labels) return null;
  if (labels.kind === 'yolo') {
    const f = (v: number) => Number(v.toFixed(6)).toString();
    return (r.boxes ?? []).map((b, i) => `${(r.labels as number[])[i]} ${b.slice(0, 4).map(f).join(' ')}`).join('\n') + ((r.boxes ?? []).length ? '\n' : '');
  }
  if (!hadEntry) return null;
  const c = labels.coco!;
  const id = c.outImages.length + 1;
  c.outImages.push({ id, file_name: outRel, width: r.image.width, height: r.image.height });
  (r.boxes ?? []).forEach((b, i) => {
    const a = { ...(r.labels as CocoAnnotation[])[i] };
    delete a.segmentation;
    c.outAnnotations.push({ ...a, id: c.outAnnotations.length + 1, image_id: id, bbox: b.slice(0, 4), area: b[2] * b[3] });
  });
  return null;
}

/** The output COCO file (input categories and info kept), or null for YOLO. */
export function cocoOut(labels: Labels | null): unknown {
  if (!labels || labels.kind !== 'coco') return null;
  const c = labels.coco!;
  return { ...c.source, images: c.outImages, annotations: c.outAnnotations };
}
