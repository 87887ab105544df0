// The host's HTTP/1.1 client over the fake platform: connection reuse, failures with Node's
// codes, cancellation, captured bytes and streaming both ways.
import { describe, expect, test } from 'vitest';
import type { ByteStream } from '../platform';
import type { FakePlatform } from '../testing/memoryStreams';
import { bytesOf, fakePlatform, latin1, settle } from '../testing/memoryStreams';
import { BodySource } from './body';
import type { ClientError } from './httpClient';
import { HttpClient } from './httpClient';

const PORT = 7100;
const HOST: [string, string] = ['Host', `127.0.0.1:${PORT}`];

/** A peer that hands each connection to `serve`, with what it received so far. */
async function peer(
  serve: (stream: ByteStream, request: string, index: number) => void,
): Promise<{ platform: FakePlatform; client: HttpClient; accepted: () => number }> {
  const platform = fakePlatform();
  let accepted = 0;
  let requests = 0;
  await platform.listen(PORT, '127.0.0.1', (stream) => {
    accepted++;
    let buffer = '';
    stream.onData((c) => {
      buffer += latin1(c);
      // One request per blank line is enough for these tests' body-less or whole requests.
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffer.slice(0, end + 4);
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
      if (buffer.length < end + 4 + length) return;
      const request = buffer.slice(0, end + 4 + length);
      buffer = buffer.slice(end + 4 + length);
      serve(stream, request, requests++);
    });
  });
  return { platform, client: new HttpClient(platform), accepted: () => accepted };
}

const write = (stream: ByteStream, text: string) => stream.write(bytesOf(text));

async function failure(promise: Promise<unknown>): Promise<ClientError> {
  try {
    await promise;
  } catch (e) {
    return e as ClientError;
  }
  throw new Error('the call succeeded');
}

describe('HttpClient', () => {
  test('a keep-alive answer leaves the connection for the next call to the same port', async () => {
    const p = await peer((s, _r, i) => write(s, `HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n${i}`));
    const first = await p.client.call(PORT, { method: 'GET', path: '/a', headers: [HOST] });
    const second = await p.client.call(PORT, { method: 'GET', path: '/b', headers: [HOST] });
    expect([latin1(first.body), latin1(second.body)]).toEqual(['0', '1']);
    expect(p.accepted()).toBe(1);
    expect(p.platform.connections).toHaveLength(1);
    expect(p.platform.connections[0]!.closed).toBe(false);
    p.client.destroy();
  });

  test("the peer's Connection: close, or connectionClose, means a new connection next time", async () => {
    const p = await peer((s, request) =>
      write(
        s,
        request.startsWith('GET /close')
          ? 'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'
          : 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n',
      ),
    );
    await p.client.call(PORT, { method: 'GET', path: '/close', headers: [HOST] });
    await p.client.call(PORT, { method: 'GET', path: '/own', headers: [HOST], connectionClose: true });
    await p.client.call(PORT, { method: 'GET', path: '/kept', headers: [HOST] });
    expect(p.accepted()).toBe(3);
    await settle();
    expect(p.platform.connections.map((c) => c.closed)).toEqual([true, true, false]);
    p.client.destroy();
  });

  test('connectionClose writes Connection: close after the headers', async () => {
    let seen = '';
    const p = await peer((s, request) => {
      seen = request;
      write(s, 'HTTP/1.1 204 No Content\r\n\r\n');
    });
    const result = await p.client.call(PORT, {
      method: 'POST',
      path: '/x',
      headers: [HOST, ['X-A', '1']],
      body: bytesOf('hi'),
      connectionClose: true,
    });
    expect(seen).toBe(
      `POST /x HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\nX-A: 1\r\nConnection: close\r\nContent-Length: 2\r\n\r\nhi`,
    );
    expect(latin1(result.sent)).toBe(seen);
    expect(result.status).toBe(204);
  });

  test('the result: status, reason, raw headers, body, and exactly the bytes of this exchange', async () => {
    const answer = 'HTTP/1.1 201 Made It\r\nX-B: 2\r\nx-b: 3\r\nContent-Length: 4\r\n\r\nbody';
    const p = await peer((s, _r, i) =>
      write(s, i === 0 ? answer : 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'),
    );
    const first = await p.client.call(PORT, {
      method: 'PUT',
      path: '/p',
      headers: [HOST],
      body: bytesOf('abc'),
    });
    expect(first).toMatchObject({
      status: 201,
      reason: 'Made It',
      rawHeaders: ['X-B', '2', 'x-b', '3', 'Content-Length', '4'],
    });
    expect(latin1(first.body)).toBe('body');
    expect(latin1(first.sent)).toBe(
      `PUT /p HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\nContent-Length: 3\r\n\r\nabc`,
    );
    expect(latin1(first.received)).toBe(answer);
    const second = await p.client.call(PORT, { method: 'GET', path: '/q', headers: [HOST] });
    expect(latin1(second.sent)).toBe(`GET /q HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\n\r\n`);
    expect(latin1(second.received)).toBe('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
    p.client.destroy();
  });

  test('nothing listening: ECONNREFUSED with nothing sent', async () => {
    const client = new HttpClient(fakePlatform());
    const e = await failure(client.call(PORT, { method: 'GET', path: '/', headers: [HOST] }));
    expect([e.code, e.sent.length, e.received.length]).toEqual(['ECONNREFUSED', 0, 0]);
  });

  test('the peer closing before answering: ECONNRESET "socket hang up", with the request captured', async () => {
    const p = await peer((s) => s.end());
    const e = await failure(p.client.call(PORT, { method: 'GET', path: '/', headers: [HOST] }));
    expect([e.code, e.message]).toEqual(['ECONNRESET', 'socket hang up']);
    expect(latin1(e.sent)).toBe(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\n\r\n`);
  });

  test('the peer resetting mid-response: ECONNRESET, with what arrived captured', async () => {
    const p = await peer((s) => {
      write(s, 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
      (s as unknown as { reset(): void }).reset();
    });
    const e = await failure(p.client.call(PORT, { method: 'GET', path: '/', headers: [HOST] }));
    expect(e.code).toBe('ECONNRESET');
    expect(latin1(e.received)).toBe('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
  });

  // Known bug: Node's client reports a response cut off by the peer's FIN as ECONNRESET
  // ('aborted' after the head, 'socket hang up' before it); ours lets the parser's EOF error
  // through as HPE_INVALID_EOF_STATE, so callHandler words it as an invalid HTTP response.
  test('the peer ending mid-body: ECONNRESET as in Node', async () => {
    const p = await peer((s) => {
      write(s, 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
      s.end();
    });
    const e = await failure(p.client.call(PORT, { method: 'GET', path: '/', headers: [HOST] }));
    expect(e.code).toBe('ECONNRESET');
  });

  test('the peer ending mid-head: ECONNRESET "socket hang up" as in Node', async () => {
    const p = await peer((s) => {
      write(s, 'HTTP/1.1 200 OK\r\nContent-Le');
      s.end();
    });
    const e = await failure(p.client.call(PORT, { method: 'GET', path: '/', headers: [HOST] }));
    expect([e.code, e.message]).toEqual(['ECONNRESET', 'socket hang up']);
  });

  test('a close-delimited answer ends with the connection', async () => {
    const p = await peer((s) => {
      write(s, 'HTTP/1.1 200 OK\r\n\r\nuntil');
      write(s, ' the end');
      s.end();
    });
    const result = await p.client.call(PORT, { method: 'GET', path: '/', headers: [HOST] });
    expect(latin1(result.body)).toBe('until the end');
  });

  test('a malformed answer: the parser error code (HPE_*), the connection destroyed', async () => {
    const p = await peer((s) => write(s, 'HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n'));
    const e = await failure(p.client.call(PORT, { method: 'GET', path: '/', headers: [HOST] }));
    expect(e.code).toMatch(/^HPE_/);
    expect(e.code).toBe('HPE_INVALID_CONTENT_LENGTH');
    await settle();
    expect(p.platform.connections[0]!.closed).toBe(true);
  });

  test('cancelling: ABORT_ERR, the connection destroyed and not reused', async () => {
    const p = await peer(() => undefined);
    let cancel: (() => void) | undefined;
    const call = p.client.call(PORT, {
      method: 'GET',
      path: '/',
      headers: [HOST],
      onCancel: (c) => (cancel = c),
    });
    await settle();
    cancel!();
    const e = await failure(call);
    expect(e.code).toBe('ABORT_ERR');
    await settle();
    expect(p.platform.connections[0]!.closed).toBe(true);
  });

  test('a streamed request body goes chunked as it arrives; onHead and onBody see the answer as it comes', async () => {
    const platform = fakePlatform();
    let server: ByteStream | undefined;
    let atServer = '';
    await platform.listen(PORT, '127.0.0.1', (s) => {
      server = s;
      s.onData((c) => (atServer += latin1(c)));
    });
    const client = new HttpClient(platform);
    const body = new BodySource();
    const events: string[] = [];
    let connected: ByteStream | undefined;
    const call = client.call(PORT, {
      method: 'POST',
      path: '/up',
      headers: [HOST],
      bodyStream: body,
      onConnect: (s) => (connected = s),
      onHead: (h) => events.push(`head ${h.status}`),
      onBody: (c) => events.push(`body ${latin1(c)}`),
    });
    await settle();
    expect(connected).toBe(platform.connections[0]);
    expect(atServer).toBe(
      `POST /up HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    body.push(bytesOf('abc'));
    await settle();
    expect(atServer.endsWith('3\r\nabc\r\n')).toBe(true);
    body.push(bytesOf('de'));
    body.end();
    await settle();
    expect(atServer.endsWith('3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n')).toBe(true);

    write(server!, 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n');
    await settle();
    expect(events).toEqual(['head 200', 'body hi']);
    write(server!, '3\r\nyou\r\n0\r\n\r\n');
    const result = await call;
    expect(events).toEqual(['head 200', 'body hi', 'body you']);
    // Streamed to onBody, so not collected.
    expect(result.body.length).toBe(0);
    expect(latin1(result.sent)).toBe(atServer);
    client.destroy();
  });

  test('a streamed request body that fails fails the call with ECONNRESET', async () => {
    const p = await peer(() => undefined);
    const body = new BodySource();
    const call = p.client.call(PORT, { method: 'PUT', path: '/', headers: [HOST], bodyStream: body });
    await settle();
    body.end(new Error('the caller went away'));
    const e = await failure(call);
    expect([e.code, e.message]).toEqual(['ECONNRESET', 'the caller went away']);
  });

  test('a HEAD answer with a Content-Length has no body to wait for', async () => {
    const p = await peer((s) => write(s, 'HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n'));
    const result = await p.client.call(PORT, { method: 'HEAD', path: '/', headers: [HOST] });
    expect([result.status, result.body.length]).toEqual([200, 0]);
    p.client.destroy();
  });
});
