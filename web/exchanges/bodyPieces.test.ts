import { describe, expect, test } from 'vitest';
import type { Hop, WireMessage } from '../../runtime/core/exchange/exchange';
import { bodyPieces } from './bodyPieces';

const message = (parsed: Partial<WireMessage['parsed']>): WireMessage => ({
  head: 'HTTP/1.1 200 OK\r\n\r\n',
  body: { encoding: 'utf8', data: '', size: 0, truncated: false },
  parsed: { startLine: 'HTTP/1.1 200 OK', headers: [], ...parsed },
});

describe('bodyPieces', () => {
  test('cuts the body at each piece, a character split across two shown whole in the second', () => {
    const hop: Hop = {
      from: 'host',
      to: 'caller',
      atMs: 1,
      message: message({ bodyText: 'data: 3…\n\ndata: ok\n\n' }),
      // "…" is 3 bytes; the first piece ends inside it.
      chunks: [
        { atMs: 1, size: 8 },
        { atMs: 301, size: 4 },
        { atMs: 602, size: 10 },
      ],
    };
    expect(bodyPieces(hop)).toEqual([
      { atMs: 1, size: 8, text: 'data: 3' },
      { atMs: 301, size: 4, text: '…\n\n' },
      { atMs: 602, size: 10, text: 'data: ok\n\n' },
    ]);
  });

  test('a body still streaming is cut from the text so far; a binary body from its base64', () => {
    expect(
      bodyPieces({
        from: 'handler',
        to: 'host',
        atMs: 0,
        partial: 'abcdef',
        chunks: [
          { atMs: 0, size: 2 },
          { atMs: 5, size: 4 },
        ],
      }),
    ).toEqual([
      { atMs: 0, size: 2, text: 'ab' },
      { atMs: 5, size: 4, text: 'cdef' },
    ]);
    const binary = bodyPieces({
      from: 'host',
      to: 'caller',
      atMs: 0,
      message: message({ bodyBase64: btoa('xyz') }),
      chunks: [{ atMs: 0, size: 3 }],
    });
    expect(binary.map((p) => p.text)).toEqual(['xyz']);
  });

  test('no pieces recorded, none shown', () => {
    expect(bodyPieces({ from: 'queue', to: 'host', atMs: 0, note: 'a message' })).toEqual([]);
  });
});
