// The server side of one connection over an in-memory byte stream: order, 100-continue, refusals,
// the keep-alive timer and the captured bytes of each exchange.
import { afterEach, describe, expect, test } from 'vitest';
import type { MemoryEnd } from '../testing/memoryStreams';
import { bytesOf, latin1, memoryStreamPair, settle } from '../testing/memoryStreams';
import type { ServerRequest, ServerResponse } from './serverConnection';
import { ServerConnection } from './serverConnection';

const NOW = Date.UTC(2024, 4, 1, 10, 0, 0);
const DATE = 'Wed, 01 May 2024 10:00:00 GMT';

interface Harness {
  readonly client: MemoryEnd;
  readonly conn: ServerConnection;
  readonly requests: { req: ServerRequest; res: ServerResponse }[];
  received(): string;
  ended(): boolean;
  send(text: string): Promise<void>;
}

const open: MemoryEnd[] = [];
afterEach(() => {
  for (const end of open.splice(0)) end.destroy();
});

function serve(
  onRequest: (req: ServerRequest, res: ServerResponse) => void = () => undefined,
  keepAliveTimeoutMs = 5000,
  requestHeadersTimeoutMs?: number,
): Harness {
  const { client, server } = memoryStreamPair();
  open.push(client);
  let received = '';
  let ended = false;
  client.onData((c) => (received += latin1(c)));
  client.onEnd(() => (ended = true));
  const requests: Harness['requests'] = [];
  const conn = new ServerConnection(server, {
    keepAliveTimeoutMs,
    ...(requestHeadersTimeoutMs !== undefined && { requestHeadersTimeoutMs }),
    now: () => NOW,
    onRequest: (req, res) => {
      requests.push({ req, res });
      onRequest(req, res);
    },
  });
  return {
    client,
    conn,
    requests,
    received: () => received,
    ended: () => ended,
    send: async (text) => {
      client.write(bytesOf(text));
      await settle();
    },
  };
}

const answer = (res: ServerResponse, body: string) => {
  res.writeHead(200, undefined, ['Content-Length', String(body.length)]);
  res.end(bytesOf(body));
};
const okHead = (length: number) =>
  `HTTP/1.1 200 OK\r\nContent-Length: ${length}\r\nDate: ${DATE}\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n`;

describe('ServerConnection', () => {
  test('pipelined requests are handed over one at a time and answered in order', async () => {
    const h = serve();
    await h.send(
      'GET /a HTTP/1.1\r\nHost: h\r\n\r\nPOST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi',
    );
    // The second waits until the first is answered.
    expect(h.requests.map((r) => r.req.url)).toEqual(['/a']);
    answer(h.requests[0]!.res, 'A');
    await settle();
    expect(h.requests.map((r) => `${r.req.method} ${r.req.url}`)).toEqual(['GET /a', 'POST /b']);
    expect(latin1(await h.requests[1]!.req.body.read())).toBe('hi');
    answer(h.requests[1]!.res, 'B');
    await settle();
    expect(h.received()).toBe(`${okHead(1)}A${okHead(1)}B`);
    expect(h.ended()).toBe(false);
  });

  test('an answer to a later request cannot overtake: the order on the wire is the request order', async () => {
    const h = serve();
    await h.send('GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n');
    const first = h.requests[0]!.res;
    first.writeHead(200, undefined, ['Content-Length', '2']);
    first.write(bytesOf('a'));
    await settle();
    expect(h.requests).toHaveLength(1);
    first.end(bytesOf('a'));
    await settle();
    answer(h.requests[1]!.res, 'b');
    await settle();
    expect(h.received()).toBe(`${okHead(2)}aa${okHead(1)}b`);
  });

  test('Expect: 100-continue is answered at once, before the handler reads the body', async () => {
    const h = serve();
    await h.send('POST /u HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n');
    expect(h.received()).toBe('HTTP/1.1 100 Continue\r\n\r\n');
    expect(h.requests).toHaveLength(1);
    await h.send('ok');
    expect(latin1(await h.requests[0]!.req.body.read())).toBe('ok');
  });

  test('no 100 Continue for an HTTP/1.0 request or another expectation', async () => {
    const h = serve();
    await h.send('POST /u HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n');
    const h2 = serve();
    await h2.send('POST /u HTTP/1.1\r\nHost: h\r\nExpect: 200-ok\r\nContent-Length: 1\r\n\r\n');
    expect([h.requests.length, h.received(), h2.requests.length, h2.received()]).toEqual([1, '', 1, '']);
  });

  test('a malformed request is answered 400 and the connection ended; the handler never sees it', async () => {
    const h = serve();
    await h.send('GET / HTTP/1.1\r\nHost h\r\n\r\n');
    expect(h.received()).toBe('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    expect(h.ended()).toBe(true);
    expect(h.requests).toHaveLength(0);
  });

  test('oversized headers are answered 431', async () => {
    const h = serve();
    await h.send(`GET / HTTP/1.1\r\nHost: h\r\nX-Big: ${'a'.repeat(17_000)}\r\n\r\n`);
    expect(h.received()).toBe('HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n');
    expect(h.ended()).toBe(true);
  });

  test('garbage while an answer is in progress destroys the connection instead of answering 400', async () => {
    const h = serve();
    await h.send('GET /a HTTP/1.1\r\nHost: h\r\n\r\n');
    const done: boolean[] = [];
    h.requests[0]!.res.onDone((aborted) => done.push(aborted));
    await h.send('NOT HTTP\r\n\r\n');
    expect(h.received()).toBe('');
    expect(h.client.closed).toBe(true);
    expect(done).toEqual([true]);
  });

  test('an HTTP/1.1 request without Host is refused 400 before the handler', async () => {
    const h = serve();
    await h.send('GET / HTTP/1.1\r\n\r\n');
    expect(h.requests).toHaveLength(0);
    expect(h.received()).toBe(
      `HTTP/1.1 400 Bad Request\r\nConnection: close\r\nDate: ${DATE}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    );
    expect(h.ended()).toBe(true);
  });

  test('an HTTP/1.0 request needs no Host', async () => {
    const h = serve((_req, res) => answer(res, 'x'));
    await h.send('GET / HTTP/1.0\r\n\r\n');
    expect(h.requests).toHaveLength(1);
    expect(h.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });

  test('takeCaptured gives exactly one request and its answer, then starts over', async () => {
    const h = serve();
    const request = 'POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc';
    await h.send(request);
    answer(h.requests[0]!.res, 'ok');
    await settle();
    const first = h.conn.takeCaptured();
    expect([latin1(first.inbound), latin1(first.outbound)]).toEqual([request, `${okHead(2)}ok`]);
    await h.send('GET /b HTTP/1.1\r\nHost: h\r\n\r\n');
    answer(h.requests[1]!.res, '');
    await settle();
    const second = h.conn.takeCaptured();
    expect([latin1(second.inbound), latin1(second.outbound)]).toEqual([
      'GET /b HTTP/1.1\r\nHost: h\r\n\r\n',
      okHead(0),
    ]);
    expect(h.conn.takeCaptured().inbound.length).toBe(0);
  });

  test('a body arriving in pieces streams to the handler as it comes', async () => {
    const h = serve();
    await h.send('POST /s HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n');
    const got: string[] = [];
    let end: string | undefined;
    h.requests[0]!.req.body.stream(
      (c) => got.push(latin1(c)),
      (e) => (end = e ? 'error' : 'end'),
    );
    expect([got, end]).toEqual([['abc'], undefined]);
    await h.send('2\r\nde\r\n0\r\n\r\n');
    expect([got, end]).toEqual([['abc', 'de'], 'end']);
  });

  test('the caller closing mid-answer aborts the response', async () => {
    const h = serve();
    await h.send('GET /a HTTP/1.1\r\nHost: h\r\n\r\n');
    const done: boolean[] = [];
    h.requests[0]!.res.onDone((aborted) => done.push(aborted));
    h.client.destroy();
    await settle();
    expect(done).toEqual([true]);
    expect(h.requests[0]!.res.ended).toBe(true);
  });

  test('the caller ending its side after a request: the answer still goes out', async () => {
    const h = serve();
    await h.send('GET /a HTTP/1.1\r\nHost: h\r\n\r\n');
    h.client.end();
    await settle();
    expect(h.ended()).toBe(false);
    answer(h.requests[0]!.res, 'x');
    await settle();
    expect(h.received()).toBe(`${okHead(1)}x`);
  });

  test('an idle keep-alive connection is closed after the timeout, a busy one is not', async () => {
    const h = serve(() => undefined, 30);
    await h.send('GET /a HTTP/1.1\r\nHost: h\r\n\r\n');
    await new Promise((r) => setTimeout(r, 60));
    expect(h.client.closed).toBe(false);
    answer(h.requests[0]!.res, 'x');
    await new Promise((r) => setTimeout(r, 60));
    expect(h.client.closed).toBe(true);
  });

  test('Connection: close from the caller ends the connection after the answer', async () => {
    const h = serve((_req, res) => answer(res, 'x'));
    await h.send('GET /a HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n');
    await settle();
    expect(h.received()).toBe(
      `HTTP/1.1 200 OK\r\nContent-Length: 1\r\nDate: ${DATE}\r\nConnection: close\r\n\r\nx`,
    );
    expect(h.ended()).toBe(true);
  });

  describe('a request head that does not arrive in time (Kestrel RequestHeadersTimeout)', () => {
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

    test('is answered 408 and the connection closed, however slowly its bytes trickle in', async () => {
      const h = serve(() => undefined, 5000, 80);
      await h.send('GET /a HTTP/1.1\r\n');
      for (let i = 0; i < 4; i++) {
        await wait(30);
        await h.send('X');
      }
      await wait(60);
      expect(h.received()).toBe('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
      expect(h.ended()).toBe(true);
      expect(h.requests).toHaveLength(0);
    });

    test('does not start before the first byte, nor run while a body arrives or an answer is written', async () => {
      const h = serve((_req, res) => setTimeout(() => answer(res, 'x'), 120), 5000, 50);
      await wait(80);
      expect(h.client.closed).toBe(false);
      await h.send('POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n');
      await wait(80);
      await h.send('ok');
      await wait(80);
      expect(h.received()).toBe(`${okHead(1)}x`);
      expect(h.client.closed).toBe(false);
    });

    test('starts again for the next request on a kept-alive connection', async () => {
      const h = serve((_req, res) => answer(res, 'x'), 5000, 50);
      await h.send('GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HT');
      await wait(90);
      expect(h.received()).toBe(`${okHead(1)}xHTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n`);
      expect(h.requests).toHaveLength(1);
    });
  });
});
