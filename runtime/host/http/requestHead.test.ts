// The request bytes are Node's ClientRequest's: the same call made with node:http (to a raw
// loopback socket) and with our HttpClient (over an in-memory stream) must write the same bytes.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ByteStream } from '../platform';
import { bytesOf, fakePlatform, latin1 } from '../testing/memoryStreams';
import { BodySource } from './body';
import { HeaderMap } from './headerMap';
import { HttpClient } from './httpClient';
import { buildRequestHead } from './requestHead';

interface Case {
  readonly method: string;
  readonly headers?: readonly [string, string][];
  /** A whole body; `parts` streams it instead. */
  readonly body?: string;
  readonly parts?: readonly string[];
  /** Node's client without an agent; otherwise a keep-alive agent with `Connection` removed. */
  readonly connectionClose?: boolean;
}

const HOST: [string, string] = ['Host', '127.0.0.1:7000'];

const cases: Record<string, Case> = {
  'GET without a body': { method: 'GET', headers: [HOST] },
  'GET, agent-less': { method: 'GET', headers: [HOST], connectionClose: true },
  'POST without a body': { method: 'POST', headers: [HOST] },
  'PUT without a body': { method: 'PUT', headers: [HOST] },
  'PATCH without a body': { method: 'PATCH', headers: [HOST] },
  'DELETE without a body': { method: 'DELETE', headers: [HOST] },
  'OPTIONS without a body': { method: 'OPTIONS', headers: [HOST] },
  'HEAD without a body': { method: 'HEAD', headers: [HOST] },
  'POST with a body': { method: 'POST', headers: [HOST, ['Content-Type', 'text/plain']], body: 'hello' },
  'POST with a body, agent-less': {
    method: 'POST',
    headers: [HOST, ['X-A', '1']],
    body: 'hello',
    connectionClose: true,
  },
  'agent-less with its own Connection header': {
    method: 'GET',
    headers: [HOST, ['Connection', 'keep-alive']],
    connectionClose: true,
  },
  'POST streamed in parts': { method: 'POST', headers: [HOST], parts: ['ab', 'cde'] },
  'a header set twice with different case': {
    method: 'POST',
    headers: [HOST, ['x-a', '1'], ['Accept', '*/*'], ['X-A', '2']],
    body: 'x',
  },
  'explicit Content-Length': { method: 'PUT', headers: [HOST, ['Content-Length', '3']], body: 'abc' },
  'explicit Transfer-Encoding: chunked (the payload call)': {
    method: 'POST',
    headers: [
      HOST,
      ['User-Agent', 'Azure-Functions-Host/4'],
      ['Transfer-Encoding', 'chunked'],
      ['Content-Type', 'application/json; charset=utf-8'],
    ],
    body: '{"Data":{}}',
  },
};

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n';

/** Answers once the request bytes stop coming; hands back what arrived. */
function answerWhenQuiet(
  onData: (listener: (text: string) => void) => void,
  answer: () => void,
  done: (received: string) => void,
): void {
  let received = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  onData((text) => {
    received += text;
    clearTimeout(timer);
    timer = setTimeout(() => {
      answer();
      done(received);
    }, 40);
  });
}

let server: net.Server;
let port = 0;
const nodeCaptures: ((received: string) => void)[] = [];

beforeAll(async () => {
  server = net.createServer((socket) => {
    const done = nodeCaptures.shift()!;
    answerWhenQuiet(
      (l) => socket.on('data', (d: Buffer) => l(d.toString('latin1'))),
      () => socket.end(OK),
      done,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function withNode(c: Case): Promise<string> {
  const captured = new Promise<string>((resolve) => nodeCaptures.push(resolve));
  const agent = c.connectionClose ? false : new http.Agent({ keepAlive: true });
  const req = http.request({
    host: '127.0.0.1',
    port,
    method: c.method,
    path: '/p?q=1',
    agent,
    setHost: false,
  });
  for (const [name, value] of c.headers ?? []) req.setHeader(name, value);
  // The host's HttpClient sends no Connection header of its own, as .NET's does.
  if (!c.connectionClose && !(c.headers ?? []).some(([n]) => n.toLowerCase() === 'connection'))
    req.removeHeader('connection');
  const answered = new Promise<void>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
  });
  if (c.parts) {
    for (const part of c.parts) req.write(Buffer.from(part, 'latin1'));
    req.end();
  } else if (c.body !== undefined) req.end(Buffer.from(c.body, 'latin1'));
  else req.end();
  const received = await captured;
  await answered;
  if (agent) agent.destroy();
  return received;
}

async function withOurs(c: Case): Promise<{ atServer: string; sent: string }> {
  const platform = fakePlatform();
  let atServer: Promise<string> | undefined;
  await platform.listen(7000, '127.0.0.1', (stream: ByteStream) => {
    atServer = new Promise((resolve) =>
      answerWhenQuiet(
        (l) => stream.onData((chunk) => l(latin1(chunk))),
        () => stream.write(bytesOf(OK)),
        resolve,
      ),
    );
  });
  const client = new HttpClient(platform);
  let bodyStream: BodySource | undefined;
  if (c.parts) {
    const source = new BodySource();
    bodyStream = source;
    setTimeout(() => {
      for (const part of c.parts!) source.push(bytesOf(part));
      source.end();
    }, 1);
  }
  const result = await client.call(7000, {
    method: c.method,
    path: '/p?q=1',
    headers: c.headers ?? [],
    ...(c.body !== undefined && { body: bytesOf(c.body) }),
    ...(bodyStream && { bodyStream }),
    ...(c.connectionClose && { connectionClose: true }),
  });
  client.destroy();
  return { atServer: await atServer!, sent: latin1(result.sent) };
}

describe('HttpClient writes what node:http ClientRequest writes', () => {
  test.each(Object.keys(cases))('%s', async (name) => {
    const c = cases[name]!;
    const [node, ours] = await Promise.all([withNode(c), withOurs(c)]);
    expect(node).toMatch(/^[A-Z]+ \/p\?q=1 HTTP\/1\.1\r\n/);
    expect(ours.atServer).toBe(node);
    // What the client reports as sent is exactly what crossed the wire.
    expect(ours.sent).toBe(node);
  });

  // A deliberate difference: Node writes a whole body after GET/DELETE/OPTIONS with no framing at
  // all, so the server reads it as the start of the next request; ours says Content-Length.
  test('a DELETE with a body gets a Content-Length Node would leave out', async () => {
    const c: Case = { method: 'DELETE', headers: [HOST], body: 'gone' };
    const [node, ours] = await Promise.all([withNode(c), withOurs(c)]);
    expect(node).toBe('DELETE /p?q=1 HTTP/1.1\r\nHost: 127.0.0.1:7000\r\n\r\ngone');
    expect(ours.sent).toBe('DELETE /p?q=1 HTTP/1.1\r\nHost: 127.0.0.1:7000\r\nContent-Length: 4\r\n\r\ngone');
  });
});

describe('buildRequestHead', () => {
  const head = (method: string, bodyLength: number | undefined, set: [string, string][] = []) => {
    const headers = new HeaderMap();
    for (const [n, v] of set) headers.set(n, v);
    return buildRequestHead({ method, path: '/x', headers, bodyLength });
  };

  test('Content-Length: 0 for a body-less POST, PUT and PATCH; nothing for GET, HEAD, DELETE, OPTIONS, TRACE', () => {
    const framing = (method: string) => head(method, 0).lines;
    for (const m of ['POST', 'PUT', 'PATCH']) expect([m, framing(m)]).toEqual([m, ['Content-Length', '0']]);
    for (const m of ['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE']) expect([m, framing(m)]).toEqual([m, []]);
  });

  test('a streamed body is chunked except for methods without a default body', () => {
    expect(head('POST', undefined)).toEqual({
      startLine: 'POST /x HTTP/1.1',
      lines: ['Transfer-Encoding', 'chunked'],
      chunked: true,
    });
    expect(head('GET', undefined)).toEqual({ startLine: 'GET /x HTTP/1.1', lines: [], chunked: false });
  });

  test("an explicit Transfer-Encoding decides the framing; only a final 'chunked' chunks", () => {
    expect(head('POST', 5, [['Transfer-Encoding', 'gzip, chunked']]).chunked).toBe(true);
    expect(head('POST', 5, [['Transfer-Encoding', 'gzip']])).toEqual({
      startLine: 'POST /x HTTP/1.1',
      lines: ['Transfer-Encoding', 'gzip'],
      chunked: false,
    });
  });
});
