import { latin1Decode } from './latin1';

// Header names and most values repeat from one message to the next on a connection (Host,
// Content-Type, the handler's Server header…). Building a string costs far more than comparing
// bytes with one already built, so short texts go through a small hash-indexed cache.
const SLOTS = 512;
const MAX_INTERNED = 64;
const cache: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);

/** Latin-1 text of `bytes[start..end)`, reusing an equal string decoded earlier when there is one. */
export function internedLatin1(bytes: Uint8Array, start: number, end: number): string {
  const length = end - start;
  if (length === 0) return '';
  if (length > MAX_INTERNED) return latin1Decode(bytes, start, end);
  let hash = length;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + bytes[i]!) | 0;
  const slot = hash & (SLOTS - 1);
  const cached = cache[slot];
  if (cached !== undefined && cached.length === length) {
    let same = true;
    for (let i = 0; i < length; i++) {
      if (cached.charCodeAt(i) !== bytes[start + i]) {
        same = false;
        break;
      }
    }
    if (same) return cached;
  }
  const text = latin1Decode(bytes, start, end);
  cache[slot] = text;
  return text;
}
