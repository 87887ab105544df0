import { Inflate, zlibSync } from 'fflate';
import type { Checked } from './result';
import { ok, problem } from './result';

/**
 * zlib (RFC 1950): DEFLATE between a 2-byte header and an Adler-32 of the original bytes. The
 * checksum is why this and not raw DEFLATE: a link a chat tool cut or altered is caught here
 * instead of loading a different app. fflate does not check the Adler-32, so this file does, and
 * it inflates in small steps so a zip bomb is stopped at the cap, not after filling memory.
 */

export function zlibCompress(bytes: Uint8Array): Uint8Array {
  return zlibSync(bytes, { level: 9 });
}

/** Input fed to the inflater per step; DEFLATE expands at most ~1032×, so one step adds ≤ ~1 MB. */
const STEP = 1024;

class TooLarge extends Error {}

/** Inflates zlib data of at most `maxBytes` once inflated, checking header and checksum. */
export function zlibInflate(data: Uint8Array, maxBytes: number, tooLarge: string): Checked<Uint8Array> {
  // Header, at least one byte of DEFLATE, and the 4-byte checksum.
  if (data.length < 7) return problem('is damaged: it was cut short.');
  const cmf = data[0]!;
  const flg = data[1]!;
  const header = (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0 && (flg & 0x20) === 0;
  if (!header) return problem('is damaged: its data is not in the compressed form the playground writes.');

  const body = data.subarray(2, data.length - 4);
  const parts: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw new TooLarge();
    parts.push(chunk);
  });
  try {
    for (let at = 0; at < body.length; at += STEP) {
      inflater.push(body.subarray(at, at + STEP), at + STEP >= body.length);
    }
  } catch (error) {
    if (error instanceof TooLarge) return problem(tooLarge);
    // fflate's code 0 is "unexpected EOF": the data ends before the stream does.
    if ((error as { code?: unknown }).code === 0) return problem('is damaged: it was cut short.');
    return problem('is damaged: its compressed data is corrupt.');
  }

  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  const t = data.length - 4;
  const expected = ((data[t]! << 24) | (data[t + 1]! << 16) | (data[t + 2]! << 8) | data[t + 3]!) >>> 0;
  if (adler32(out) !== expected) {
    return problem('is damaged: its contents fail their checksum (a character was changed or lost).');
  }
  return ok(out);
}

/** Adler-32 (RFC 1950 §8.2); 5552 is the longest run before the sums must be reduced. */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length;) {
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
