// The response head is Node's: the same request and the same setHeader/writeHead/write/end
// calls on a real node:http server (over loopback) and on our ServerConnection (over an
// in-memory stream) must give the same bytes, Date aside, and the same keep-alive decision.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bytesOf, latin1, memoryStreamPair } from '../testing/memoryStreams';
import { HeaderMap } from './headerMap';
import { buildResponseHead } from './responseHead';
import type { ResponseHeadInput } from './responseHead';
import { ServerConnection } from './serverConnection';

type Op =
  | ['setHeader', string, string]
  | ['writeHead', number, string | undefined, string[]]
  | ['write', string]
  | ['end', string?];

interface Case {
  readonly request: string;
  readonly ops: readonly Op[];
}

const get11 = (extra = '') => `GET /x HTTP/1.1\r\nHost: h\r\n${extra}\r\n`;
const get10 = (extra = '') => `GET /x HTTP/1.0\r\n${extra}\r\n`;

const cases: Record<string, Case> = {
  'keep-alive, whole body at end': { request: get11(), ops: [['end', 'hello']] },
  'keep-alive, no body': { request: get11(), ops: [['end']] },
  'keep-alive, body in parts (chunked)': {
    request: get11(),
    ops: [
      ['write', 'ab'],
      ['end', 'c'],
    ],
  },
  'Connection: close request': { request: get11('Connection: close\r\n'), ops: [['end', 'hello']] },
  'Connection: close request, body in parts': {
    request: get11('Connection: close\r\n'),
    ops: [
      ['write', 'ab'],
      ['end', 'c'],
    ],
  },
  'HTTP/1.0, whole body': { request: get10(), ops: [['end', 'hello']] },
  'HTTP/1.0, body in parts': {
    request: get10(),
    ops: [
      ['write', 'ab'],
      ['end', 'c'],
    ],
  },
  'HTTP/1.0 keep-alive, whole body': {
    request: get10('Connection: keep-alive\r\n'),
    ops: [['end', 'hello']],
  },
  'HTTP/1.0 keep-alive, body in parts': {
    request: get10('Connection: keep-alive\r\n'),
    ops: [
      ['write', 'ab'],
      ['end', 'c'],
    ],
  },
  'HTTP/1.0 keep-alive, explicit Content-Length': {
    request: get10('Connection: keep-alive\r\n'),
    ops: [
      ['writeHead', 200, undefined, ['Content-Length', '5']],
      ['write', 'hel'],
      ['end', 'lo'],
    ],
  },
  'HEAD, end with data': {
    request: 'HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n',
    ops: [
      ['setHeader', 'Content-Type', 'text/plain'],
      ['end', 'hello'],
    ],
  },
  'HEAD, writeHead with a Content-Length': {
    request: 'HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n',
    ops: [['writeHead', 200, undefined, ['Content-Length', '10']], ['end']],
  },
  'HEAD, writeHead without a length': {
    request: 'HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n',
    ops: [['writeHead', 200, undefined, ['X-A', '1']], ['end']],
  },
  '204, a body is dropped': {
    request: get11(),
    ops: [
      ['writeHead', 204, undefined, []],
      ['end', 'x'],
    ],
  },
  '304 with an ETag': {
    request: get11(),
    ops: [['writeHead', 304, undefined, ['ETag', '"v1"']], ['end']],
  },
  'a header set twice with different case': {
    request: get11(),
    ops: [
      ['setHeader', 'x-a', '1'],
      ['setHeader', 'Content-Type', 'text/plain'],
      ['setHeader', 'X-A', '2'],
      ['end', 'hi'],
    ],
  },
  'writeHead after setHeader replaces per name (the last Set-Cookie wins)': {
    request: get11(),
    ops: [
      ['setHeader', 'Server', 'Kestrel'],
      ['writeHead', 201, 'Made', ['server', 'Other', 'Set-Cookie', 'a=1', 'Set-Cookie', 'b=2']],
      ['end', 'x'],
    ],
  },
  'explicit Content-Length': {
    request: get11(),
    ops: [
      ['writeHead', 200, undefined, ['Content-Length', '3']],
      ['end', 'abc'],
    ],
  },
  'explicit Transfer-Encoding: chunked': {
    request: get11(),
    ops: [
      ['setHeader', 'Transfer-Encoding', 'chunked'],
      ['write', 'ab'],
      ['end', 'c'],
    ],
  },
  'explicit Connection: close from the handler': {
    request: get11(),
    ops: [
      ['setHeader', 'Connection', 'close'],
      ['end', 'x'],
    ],
  },
  'explicit Keep-Alive from the handler': {
    request: get11(),
    ops: [
      ['setHeader', 'Keep-Alive', 'timeout=9'],
      ['end', 'x'],
    ],
  },
  'explicit Date from the handler': {
    request: get11(),
    ops: [
      ['setHeader', 'X-First', '1'],
      ['setHeader', 'date', 'Mon, 01 Jan 2024 00:00:00 GMT'],
      ['end', 'x'],
    ],
  },
  'a custom reason phrase': {
    request: get11(),
    ops: [['writeHead', 418, 'Short And Stout', []], ['end']],
  },
  'a status with no known reason': { request: get11(), ops: [['writeHead', 599, undefined, []], ['end']] },
  'an HTTP/1.1 request without Host': { request: 'GET /x HTTP/1.1\r\n\r\n', ops: [['end', 'never']] },
  'a malformed request': { request: 'GET /x HTTP/1.1\r\nHost h\r\n\r\n', ops: [['end', 'never']] },
  'oversized headers': {
    request: `GET /x HTTP/1.1\r\nHost: h\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    ops: [['end', 'never']],
  },
};

interface Outcome {
  readonly bytes: string;
  /** The server ended the connection after the answer. */
  readonly closed: boolean;
}

const normalise = (text: string) => text.replace(/\r\nDate: [^\r]*\r\n/, '\r\nDate: <date>\r\n');

function runOps(
  ops: readonly Op[],
  res: {
    setHeader(n: string, v: string): void;
    writeHead(s: number, r: string | undefined, h: string[]): void;
    write(s: string): void;
    end(s?: string): void;
  },
): void {
  for (const op of ops) {
    if (op[0] === 'setHeader') res.setHeader(op[1], op[2]);
    else if (op[0] === 'writeHead') res.writeHead(op[1], op[2], op[3]);
    else if (op[0] === 'write') res.write(op[1]);
    else res.end(op[1]);
  }
}

let server: http.Server;
let port = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const c = cases[decodeURIComponent(req.headers['x-case'] as string)];
    runOps(c?.ops ?? [['end']], {
      setHeader: (n, v) => res.setHeader(n, v),
      writeHead: (s, r, h) => (r === undefined ? res.writeHead(s, h) : res.writeHead(s, r, h)),
      write: (s) => res.write(Buffer.from(s, 'latin1')),
      end: (s) => (s === undefined ? res.end() : res.end(Buffer.from(s, 'latin1'))),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The request with an X-Case header naming the case, after the request line. */
function tagged(name: string, request: string): string {
  const i = request.indexOf('\r\n');
  return `${request.slice(0, i)}\r\nX-Case: ${encodeURIComponent(name)}${request.slice(i)}`;
}

function withNode(name: string, c: Case): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ bytes: received, closed });
    };
    socket.on('data', (d: Buffer) => {
      received += d.toString('latin1');
      clearTimeout(timer);
      // A kept-alive connection stays open: the answer is whole once the bytes stop coming.
      timer = setTimeout(() => done(false), 150);
    });
    socket.on('end', () => done(true));
    socket.on('error', () => done(true));
    socket.write(Buffer.from(tagged(name, c.request), 'latin1'));
  });
}

async function withOurs(name: string, c: Case): Promise<Outcome> {
  const { client, server: serverEnd } = memoryStreamPair();
  let received = '';
  let closed = false;
  client.onData((chunk) => (received += latin1(chunk)));
  client.onEnd(() => (closed = true));
  new ServerConnection(serverEnd, {
    keepAliveTimeoutMs: 5000,
    now: () => Date.now(),
    onRequest: (_req, res) =>
      runOps(c.ops, {
        setHeader: (n, v) => res.setHeader(n, v),
        writeHead: (s, r, h) => res.writeHead(s, r, h),
        write: (s) => res.write(bytesOf(s)),
        end: (s) => res.end(s === undefined ? undefined : bytesOf(s)),
      }),
  });
  client.write(bytesOf(tagged(name, c.request)));
  await new Promise((r) => setTimeout(r, 10));
  client.destroy();
  return { bytes: received, closed };
}

// Node frames an HTTP/1.0 answer by closing the connection unless the headers carry a
// Content-Length (its `useChunkedEncodingByDefault` is false for 1.0 requests): the HTTP/1.0
// cases above hold it to that.

async function compare(name: string): Promise<void> {
  const c = cases[name]!;
  const [node, ours] = await Promise.all([withNode(name, c), withOurs(name, c)]);
  expect(node.bytes.length).toBeGreaterThan(0);
  expect({ ...ours, bytes: normalise(ours.bytes) }).toEqual({ ...node, bytes: normalise(node.bytes) });
}

describe('ServerConnection answers as node:http does', () => {
  const names = Object.keys(cases);
  test.each(names)('%s', compare);
});

describe('buildResponseHead', () => {
  const base = (over: Partial<ResponseHeadInput>): ResponseHeadInput => ({
    status: 200,
    headers: new HeaderMap(),
    requestMethod: 'GET',
    http10: false,
    keepAlive: true,
    keepAliveTimeoutSeconds: 120,
    date: 'Wed, 01 May 2024 10:00:00 GMT',
    ...over,
  });

  test('set headers in order, then Date, Connection and Keep-Alive with the timeout, then the length', () => {
    const headers = new HeaderMap();
    headers.set('Server', 'Kestrel');
    headers.set('Content-Type', 'text/plain');
    expect(buildResponseHead(base({ headers, knownLength: 2 }))).toEqual({
      startLine: 'HTTP/1.1 200 OK',
      lines: [
        'Server',
        'Kestrel',
        'Content-Type',
        'text/plain',
        'Date',
        'Wed, 01 May 2024 10:00:00 GMT',
        'Connection',
        'keep-alive',
        'Keep-Alive',
        'timeout=120',
        'Content-Length',
        '2',
      ],
      chunked: false,
      bodyless: false,
      keepAlive: true,
    });
  });

  test('no known length: chunked on HTTP/1.1, nothing on HTTP/1.0', () => {
    const h11 = buildResponseHead(base({ keepAlive: false }));
    expect(h11.lines.slice(2)).toEqual(['Connection', 'close', 'Transfer-Encoding', 'chunked']);
    expect(h11.chunked).toBe(true);
    const h10 = buildResponseHead(base({ keepAlive: false, http10: true }));
    expect(h10.lines.slice(2)).toEqual(['Connection', 'close']);
    expect(h10.chunked).toBe(false);
  });

  test('HEAD, 1xx, 204 and 304 are bodyless and never chunked', () => {
    for (const [status, method] of [
      [200, 'HEAD'],
      [101, 'GET'],
      [204, 'GET'],
      [304, 'GET'],
    ] as const) {
      const headers = new HeaderMap();
      headers.set('Transfer-Encoding', 'chunked');
      const head = buildResponseHead(base({ status, requestMethod: method, headers }));
      expect([status, method, head.bodyless, head.chunked]).toEqual([status, method, true, false]);
    }
  });

  test("an explicit Transfer-Encoding frames the body only when it ends in 'chunked'", () => {
    const te = (value: string) => {
      const headers = new HeaderMap();
      headers.set('Transfer-Encoding', value);
      const head = buildResponseHead(base({ headers, knownLength: 3 }));
      return [head.chunked, head.lines.includes('Content-Length')];
    };
    expect(te('gzip, chunked')).toEqual([true, false]);
    expect(te('chunked, gzip')).toEqual([false, false]);
  });
});
