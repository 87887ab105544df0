import { STATUS_CODES } from 'node:http';
import { describe, expect, it, test } from 'vitest';
import {
  LAST_CHUNK,
  concatBytes,
  encodeChunk,
  encodeHead,
  encodeMessage,
  latin1Decode,
  latin1Encode,
} from './writer';
import { reasonPhrase } from './statusText';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

describe('writer', () => {
  it('writes a head exactly as given, in order', () => {
    const head = encodeHead('HTTP/1.1 200 OK', ['Content-Type', 'text/plain', 'X-A', '', 'x-a', 'é']);
    expect(text(head)).toBe('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-A: \r\nx-a: é\r\n\r\n');
  });

  it('frames chunks in lower-case hex and never writes a terminator for empty data', () => {
    expect(text(encodeChunk(new Uint8Array(255).fill(0x61)))).toBe(`ff\r\n${'a'.repeat(255)}\r\n`);
    expect(encodeChunk(new Uint8Array(0)).length).toBe(0);
    expect(text(LAST_CHUNK)).toBe('0\r\n\r\n');
  });

  it('encodes and decodes Latin-1 as Node does, including 0x80-0x9F and long strings', () => {
    const all = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i)).repeat(100);
    expect(Buffer.from(latin1Encode(all))).toEqual(Buffer.from(all, 'latin1'));
    expect(latin1Decode(Buffer.from(all, 'latin1'))).toBe(all);
    expect(latin1Decode(latin1Encode('abcdef'), 1, 4)).toBe('bcd');
    expect(Buffer.from(latin1Encode('\u0141'))).toEqual(Buffer.from('\u0141', 'latin1'));
  });

  it('joins chunks, returning a single one as is', () => {
    const one = Uint8Array.of(1, 2);
    expect(concatBytes([one])).toBe(one);
    expect(concatBytes([one, Uint8Array.of(3), new Uint8Array(0)])).toEqual(Uint8Array.of(1, 2, 3));
  });

  it("has Node's reason phrases", () => {
    for (const [status, phrase] of Object.entries(STATUS_CODES))
      expect(reasonPhrase(Number(status))).toBe(phrase);
    expect(reasonPhrase(299)).toBeUndefined();
  });
});

test('encodeMessage: the head, chunk and last chunk joined, in one buffer', () => {
  const head = ['Host', 'h', 'Transfer-Encoding', 'chunked'];
  const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
  const body = latin1Encode('x'.repeat(300));
  for (const b of [undefined, new Uint8Array(0), latin1Encode('{}'), body]) {
    const start = 'POST /fn HTTP/1.1';
    const plain = b && b.length ? join(encodeHead(start, head), b) : encodeHead(start, head);
    expect(encodeMessage(start, head, b, false)).toEqual(plain);
    const chunked =
      b && b.length
        ? join(encodeHead(start, head), encodeChunk(b), LAST_CHUNK)
        : join(encodeHead(start, head), LAST_CHUNK);
    expect(encodeMessage(start, head, b, true)).toEqual(chunked);
  }
  expect(latin1Decode(encodeMessage('HTTP/1.1 200 OK', [], latin1Encode('ok'), true))).toBe(
    'HTTP/1.1 200 OK\r\n\r\n2\r\nok\r\n0\r\n\r\n',
  );
});
