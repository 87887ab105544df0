// The parser must read the same messages however the bytes are cut into chunks: one byte at a
// time, at every two-way split, and with several messages in one chunk.
import { describe, expect, it } from 'vitest';
import { bytes, collect } from '../../../tests/support/http1Collect';

const requestStream =
  '\r\nGET /a?b=c HTTP/1.1\r\nHost: example\r\nX-Tab:\t v \t\r\n\r\n' +
  'POST /upload HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello' +
  'PUT /c HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n' +
  '5;name="q;uo\\"te";x\r\nabcde\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nTrailer: t\r\n\r\n' +
  'DELETE /d HTTP/1.0\r\nConnection: keep-alive\r\n\r\n';

const responseStream =
  'HTTP/1.1 100 Continue\r\n\r\n' +
  'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc' +
  'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n' + // answers HEAD: no body
  'HTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\n' +
  'HTTP/1.1 304 Not Modified\r\n\r\n' +
  'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3;x\r\nxyz\r\n0\r\n\r\n' +
  'HTTP/1.1 200 OK\r\n\r\nuntil the end';
const responseMethods = ['GET', 'HEAD', 'GET', 'GET', 'POST', 'GET'];

function splits(text: string): Uint8Array[][] {
  const all = bytes(text);
  const out: Uint8Array[][] = [Array.from(all, (b) => Uint8Array.of(b))];
  for (let at = 0; at <= all.length; at++) out.push([all.subarray(0, at), all.subarray(at)]);
  return out;
}

describe('chunk boundaries do not change what is parsed', () => {
  it('reads the request stream whole as expected', () => {
    const whole = collect('request', [bytes(requestStream)]);
    expect(whole.error).toBeUndefined();
    expect(whole.messages.map((m) => [m.method, m.url, m.rawHeaders, m.body, m.keepAlive])).toEqual([
      ['GET', '/a?b=c', ['Host', 'example', 'X-Tab', 'v'], '', true],
      ['POST', '/upload', ['Content-Length', '5'], 'hello', true],
      ['PUT', '/c', ['Transfer-Encoding', 'gzip, chunked'], 'abcdeabcdefghijklmnopqrstuvwxyz', true],
      ['DELETE', '/d', ['Connection', 'keep-alive'], '', true],
    ]);
  });

  it('reads requests the same at every split', () => {
    const whole = collect('request', [bytes(requestStream)]);
    for (const parts of splits(requestStream)) expect(collect('request', parts)).toEqual(whole);
  });

  it('reads the response stream whole as expected', () => {
    const whole = collect('response', [bytes(responseStream)], { responseTo: responseMethods });
    expect(whole.error).toBeUndefined();
    expect(whole.messages.map((m) => [m.status, m.reason, m.body, m.keepAlive])).toEqual([
      [200, 'OK', 'abc', true],
      [200, 'OK', '', true],
      [204, 'No Content', '', true],
      [304, 'Not Modified', '', true],
      [201, 'Created', 'xyz', true],
      [200, 'OK', 'until the end', false],
    ]);
  });

  it('reads responses the same at every split', () => {
    const whole = collect('response', [bytes(responseStream)], { responseTo: responseMethods });
    for (const parts of splits(responseStream)) {
      expect(collect('response', parts, { responseTo: responseMethods })).toEqual(whole);
    }
  });

  it('finds an overflowing head byte by byte, before it ends', () => {
    const head = `GET / HTTP/1.1\r\nX: ${'a'.repeat(16382)}`;
    const parts = Array.from(bytes(head), (b) => Uint8Array.of(b));
    expect(collect('request', parts, { eof: false }).error?.code).toBe('HPE_HEADER_OVERFLOW');
  });

  it('refuses a head of unbounded whitespace that Node would not count', () => {
    const head = `GET / HTTP/1.1\r\nX:${' '.repeat(100_000)}`;
    expect(collect('request', [bytes(head)], { eof: false }).error?.code).toBe('HPE_HEADER_OVERFLOW');
  });
});
