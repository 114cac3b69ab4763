// Lost-vectorisation helper (STYLE.md habit 10) for test/simd.test.js and the noise and colour tests: which SIMD
// instructions the SIMD build's exported kernels (and everything they call) contain. Disassembles
// with binaryen (an assemblyscript dependency); the builds have no name section, so an export is
// followed to its function index and through its calls.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import binaryen from 'binaryen';

const BUILD = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'build');

/** { exports: name -> func id, funcs: id -> text } of build/<file>. */
export function loadModule(file) {
  const mod = binaryen.readBinary(readFileSync(join(BUILD, file)));
  let text;
  try { text = mod.emitText(); } finally { mod.dispose(); }
  const exports = new Map();
  for (const m of text.matchAll(/\(export "([^"]+)" \(func (\$[^\s)]+)\)\)/g)) exports.set(m[1], m[2]);
  const funcs = new Map();
  const starts = [...text.matchAll(/^ \(func (\$[^\s)]+)/gm)];
  starts.forEach((m, i) => funcs.set(m[1], text.slice(m.index, i + 1 < starts.length ? starts[i + 1].index : text.length)));
  return { exports, funcs, text };
}

/** The text of an exported function and of everything it calls (transitively), or null if not exported. */
export function reachableText(mod, exportName) {
  const root = mod.exports.get(exportName);
  if (!root) return null;
  const seen = new Set([root]);
  const todo = [root];
  let text = '';
  while (todo.length) {
    const body = mod.funcs.get(todo.pop()) ?? '';
    text += body;
    for (const m of body.matchAll(/\(call (\$[^\s)]+)/g)) if (!seen.has(m[1]) && mod.funcs.has(m[1])) { seen.add(m[1]); todo.push(m[1]); }
  }
  return text;
}

/** The distinct SIMD instructions reachable from an export (sorted), or null if not exported. */
export function simdOpsOf(mod, exportName) {
  const text = reachableText(mod, exportName);
  if (text === null) return null;
  return [...new Set(text.match(/\b(?:v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)\.[a-z0-9_]+/g) ?? [])].sort();
}
