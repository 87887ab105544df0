/** What the platform needs of Web Crypto: only getRandomValues, which every worker has. */
export interface RandomSource {
  getRandomValues<T extends ArrayBufferView>(array: T): T;
}

/** The most getRandomValues fills in one call. */
const QUOTA = 65536;

export function randomBytes(source: RandomSource, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let offset = 0; offset < length; offset += QUOTA) {
    source.getRandomValues(bytes.subarray(offset, Math.min(length, offset + QUOTA)));
  }
  return bytes;
}

/**
 * A version 4 UUID from getRandomValues: crypto.randomUUID exists only in secure contexts, and
 * a worker started from an opaque-origin iframe is not one.
 */
export function randomUUID(source: RandomSource): string {
  const b = randomBytes(source, 16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
