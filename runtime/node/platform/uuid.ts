import { randomFillSync } from 'node:crypto';

/*
 * Version 4 UUIDs as crypto.randomUUID makes them (random bytes drawn a batch at a time, the
 * version and variant bits set), written as one flat string: Node's own builds each id from
 * twenty joined pieces, and the host makes two per invocation.
 */

const BATCH = 128;
const pool = Buffer.allocUnsafe(16 * BATCH);
let next = pool.length;
const text = Buffer.from('00000000-0000-0000-0000-000000000000', 'latin1');
const HEX = Buffer.from('0123456789abcdef', 'latin1');
// Where each of the 16 bytes' two hex digits go in the text.
const AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

export function randomUuid(): string {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  for (let i = 0; i < 16; i++) {
    let b = pool[next + i]!;
    if (i === 6) b = (b & 0x0f) | 0x40;
    else if (i === 8) b = (b & 0x3f) | 0x80;
    const at = AT[i]!;
    text[at] = HEX[b >> 4]!;
    text[at + 1] = HEX[b & 0x0f]!;
  }
  next += 16;
  return text.toString('latin1');
}
