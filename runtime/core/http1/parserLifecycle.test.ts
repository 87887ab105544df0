import { describe, expect, it } from 'vitest';
import { Http1ParseError, Http1Parser } from './parser';
import type { HttpHead } from './parser';
import { bytes } from '../../../tests/support/http1Collect';

function recorder(): {
  heads: HttpHead[];
  bodies: number;
  done: number;
  callbacks: ConstructorParameters<typeof Http1Parser>[1];
} {
  const r = {
    heads: [] as HttpHead[],
    bodies: 0,
    done: 0,
    callbacks: {
      onHead: (head: HttpHead) => void r.heads.push(head),
      onBody: (chunk: Uint8Array) => void (r.bodies += chunk.length),
      onComplete: () => void r.done++,
    },
  };
  return r;
}

describe('Http1Parser lifecycle', () => {
  it('is idle only between messages', () => {
    const r = recorder();
    const parser = new Http1Parser('request', r.callbacks);
    expect(parser.idle).toBe(true);
    parser.execute(bytes('POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nh'));
    expect(parser.idle).toBe(false);
    parser.execute(bytes('i'));
    expect(parser.idle).toBe(true);
    parser.finish(); // nothing pending: no error, nothing reported
    expect(r.done).toBe(1);
  });

  it('reports framing in the head', () => {
    const r = recorder();
    const parser = new Http1Parser('request', r.callbacks);
    parser.execute(bytes('POST / HTTP/1.1\r\nContent-Length: 7\r\n\r\n1234567'));
    parser.execute(bytes('PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'));
    expect(r.heads.map((h) => [h.contentLength, h.chunked, h.keepAlive])).toEqual([
      [7, false, true],
      [undefined, true, true],
    ]);
  });

  it('stays failed after a parse error', () => {
    const parser = new Http1Parser('request', recorder().callbacks);
    const bad = (): void => parser.execute(bytes('GET / HTTP/1.1\r\nA\x01: b\r\n\r\n'));
    expect(bad).toThrow(Http1ParseError);
    expect(() => parser.execute(bytes('GET / HTTP/1.1\r\n\r\n'))).toThrow(
      'Parse Error: Invalid header token',
    );
    expect(parser.idle).toBe(false);
  });

  it('ends a close-delimited response at EOF and fails a cut-off one', () => {
    const r = recorder();
    const eof = new Http1Parser('response', r.callbacks);
    eof.execute(bytes('HTTP/1.1 200 OK\r\n\r\nabc'));
    expect(r.done).toBe(0);
    eof.finish();
    expect([r.bodies, r.done]).toEqual([3, 1]);

    const cut = new Http1Parser('response', recorder().callbacks);
    cut.execute(bytes('HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc'));
    expect(() => cut.finish()).toThrow(expect.objectContaining({ code: 'HPE_INVALID_EOF_STATE' }));
  });

  it('matches responses to requests in order, skipping interim ones', () => {
    const r = recorder();
    const parser = new Http1Parser('response', r.callbacks);
    parser.expectResponseTo('HEAD');
    parser.expectResponseTo('GET');
    parser.execute(bytes('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n'));
    parser.execute(bytes('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbody'));
    expect([r.heads.length, r.bodies, r.done]).toEqual([2, 4, 2]);
  });

  it('hands body bytes over as views, not copies', () => {
    const views: Uint8Array[] = [];
    const parser = new Http1Parser('request', {
      onHead: () => undefined,
      onBody: (chunk) => void views.push(chunk),
      onComplete: () => undefined,
    });
    const input = bytes('POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody');
    parser.execute(input);
    expect(views[0]!.buffer).toBe(input.buffer);
  });

  it('reads a 10 MB body in 64 KB chunks quickly', () => {
    const r = recorder();
    const parser = new Http1Parser('request', r.callbacks);
    const size = 10 * 1024 * 1024;
    const chunk = new Uint8Array(64 * 1024);
    const started = performance.now();
    parser.execute(bytes(`POST / HTTP/1.1\r\nContent-Length: ${size}\r\n\r\n`));
    for (let sent = 0; sent < size; sent += chunk.length) parser.execute(chunk);
    const chunked = new Http1Parser('request', r.callbacks);
    chunked.execute(bytes('POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n'));
    const framed = new Uint8Array(chunk.length + 10);
    framed.set(bytes('10000\r\n'));
    framed.set(bytes('\r\n'), chunk.length + 7);
    for (let sent = 0; sent < size; sent += chunk.length)
      chunked.execute(framed.subarray(0, chunk.length + 9));
    chunked.execute(bytes('0\r\n\r\n'));
    const elapsed = performance.now() - started;
    expect([r.bodies, r.done]).toEqual([2 * size, 2]);
    expect(elapsed).toBeLessThan(200);
  });
});
