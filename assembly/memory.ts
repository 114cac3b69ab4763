// Raw memory for the TypeScript side: blocks from the runtime's TLSF allocator (`--runtime
// minimal`), never managed objects. Freed blocks are reused, so a long run of operations keeps
// the linear memory at the size reached by the first few.

/** Allocates `size` bytes plus 16 bytes of slack (SIMD tails may read, never write, past the
 * end), 16-byte aligned. Returns the pointer. May grow memory: JS views must be re-acquired. */
export function alloc(size: usize): usize {
  return heap.alloc(size + 16);
}

/** Frees a block returned by `alloc`. */
export function free(ptr: usize): void {
  heap.free(ptr);
}
