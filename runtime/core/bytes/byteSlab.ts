/*
 * Small byte arrays for the messages the host writes (heads, payloads, framed bodies), carved
 * from shared slabs. A typed array of its own costs an allocation outside the JS heap, zeroing
 * and bookkeeping for the GC, several times per request; a view of a slab costs a small object.
 * Carved space is never handed out again, so each array is its holder's to keep, as the
 * platform seam requires. A kept view keeps its slab: slabs are small, and big arrays get a
 * buffer of their own.
 */

const SLAB_SIZE = 16 * 1024;
/** Larger arrays get their own buffer, so one kept array never holds more than a slab's worth. */
const MAX_CARVED = 2 * 1024;

let slab = new ArrayBuffer(SLAB_SIZE);
let used = 0;

/** A zero-filled array of `size` bytes, like `new Uint8Array(size)`. */
export function allocBytes(size: number): Uint8Array {
  if (size > MAX_CARVED) return new Uint8Array(size);
  if (used + size > SLAB_SIZE) {
    slab = new ArrayBuffer(SLAB_SIZE);
    used = 0;
  }
  const bytes = new Uint8Array(slab, used, size);
  // Keep views 8-byte aligned, as a fresh buffer would be.
  used += (size + 7) & ~7;
  return bytes;
}

/** A copy of `source` in bytes of its own, like `source.slice()`. */
export function copyBytes(source: Uint8Array): Uint8Array {
  const bytes = allocBytes(source.length);
  bytes.set(source);
  return bytes;
}
