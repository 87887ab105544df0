import { expect, test } from 'vitest';
import { allocBytes, copyBytes } from './byteSlab';
import { utf8Encode, utf8EncodeShort } from './utf8';

test('carved arrays are zero-filled, never overlap, and survive later carving untouched', () => {
  const kept: Uint8Array[] = [];
  for (let i = 0; i < 200; i++) {
    const size = (i * 37) % 700;
    const bytes = allocBytes(size);
    expect(bytes.length).toBe(size);
    expect(bytes.every((b) => b === 0)).toBe(true);
    bytes.fill(i % 251);
    kept.push(bytes);
  }
  kept.forEach((bytes, i) => expect(bytes.every((b) => b === i % 251)).toBe(true));
});

test('large arrays get a buffer of their own; copies hold the same bytes apart from the source', () => {
  const big = allocBytes(100_000);
  expect(big.byteOffset).toBe(0);
  expect(big.buffer.byteLength).toBe(100_000);
  const source = Uint8Array.from([1, 2, 3]);
  const copy = copyBytes(source);
  source[0] = 9;
  expect([...copy]).toEqual([1, 2, 3]);
  expect(copyBytes(new Uint8Array(0)).length).toBe(0);
});

test('utf8EncodeShort gives the bytes of utf8Encode, ASCII or not, short or long', () => {
  for (const text of [
    '',
    'ok',
    '{"a":1}',
    'caf\u00e9',
    '\ud800x',
    'x'.repeat(512),
    'y'.repeat(513),
    '\u007f\u0080',
  ]) {
    expect(utf8EncodeShort(text)).toEqual(utf8Encode(text));
  }
});
