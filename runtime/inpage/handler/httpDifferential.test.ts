// The same handler, the same request bytes: once under real Node 20 on a real socket, once in
// the in-page layer over a message-port byte stream. The response bytes must be identical
// (the Date header's value aside) and the server must close the connection in the same cases.
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { exchange, runInPage, type Send } from './testing/inPageHarness';
import { nodeExchange, startNodeServer, writeApp } from './testing/realNode';

interface Case {
  readonly name: string;
  /** The request listener's body: (req, res) in scope. */
  readonly handler: string;
  readonly sends: readonly Send[];
}

const GET = 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n';

const cases: Case[] = [
  { name: 'end(text)', handler: `res.end('hello world');`, sends: [GET] },
  {
    name: 'statusCode and end() without a body',
    handler: `res.statusCode = 404; res.end();`,
    sends: [GET],
  },
  {
    name: 'setHeader + end',
    handler: `res.setHeader('Content-Type', 'text/plain'); res.setHeader('X-Custom', 'A'); res.end('hi');`,
    sends: [GET],
  },
  {
    name: 'writeHead + end',
    handler: `res.writeHead(201, { 'Content-Type': 'application/json', 'x-lower': 1 }); res.end('{"ok":true}');`,
    sends: [GET],
  },
  {
    name: 'writeHead with a reason + write + end',
    handler: `res.writeHead(202, 'Fine Thanks'); res.write('a'); res.write(Buffer.from('bc')); res.end('d');`,
    sends: [GET],
  },
  {
    name: 'setHeader headers come before writeHead ones, same names replaced in place',
    handler: `res.setHeader('X-First', '1'); res.setHeader('Content-Type', 'text/html');
      res.writeHead(200, { 'X-Second': '2', 'content-type': 'text/plain' }); res.end('x');`,
    sends: [GET],
  },
  {
    name: 'arrays as repeated header lines (object and flat array forms)',
    handler: `res.setHeader('X-Multi', ['1', '2']); res.writeHead(200, ['X-A', 'a1', 'X-A', 'a2']); res.end('x');`,
    sends: [GET],
  },
  {
    name: 'writeHead with a flat array only',
    handler: `res.writeHead(200, ['X-A', 'a1', 'X-A', 'a2', 'Content-Length', '1']); res.end('x');`,
    sends: [GET],
  },
  {
    name: 'set-cookie array, appendHeader',
    handler: `res.setHeader('Set-Cookie', ['a=1; Path=/', 'b=2']); res.appendHeader('Set-Cookie', 'c=3'); res.end();`,
    sends: [GET],
  },
  {
    name: 'HEAD: headers only, no length',
    handler: `res.setHeader('Content-Type', 'text/plain'); res.end('a body that is not sent');`,
    sends: ['HEAD / HTTP/1.1\r\nHost: localhost\r\n\r\n'],
  },
  {
    name: '204 drops the body',
    handler: `res.writeHead(204); res.end('ignored');`,
    sends: [GET],
  },
  {
    name: '304 with write',
    handler: `res.statusCode = 304; res.write('ignored'); res.end();`,
    sends: [GET],
  },
  {
    name: 'chunked request body, split over several sends',
    handler: `let body = ''; req.on('data', (c) => (body += c)); req.on('end', () => res.end(JSON.stringify({ body, te: req.headers['transfer-encoding'] })));`,
    sends: [
      'POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel',
      20,
      'lo\r\n6\r\n world\r\n',
      20,
      '0\r\n\r\n',
    ],
  },
  {
    name: 'pipelining: two requests in one send, the first answered later',
    handler: `if (req.url === '/slow') setTimeout(() => res.end('slow'), 60); else res.end('fast');`,
    sends: ['GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\nGET /fast HTTP/1.1\r\nHost: localhost\r\n\r\n'],
  },
  {
    name: 'keep-alive: a second request after the first answer',
    handler: `res.end(req.url);`,
    sends: [
      'GET /one HTTP/1.1\r\nHost: localhost\r\n\r\n',
      80,
      'GET /two HTTP/1.1\r\nHost: localhost\r\n\r\n',
    ],
  },
  {
    name: 'HTTP/1.0: no length, raw body, then close',
    handler: `res.setHeader('Content-Type', 'text/plain'); res.write('one '); res.end('two');`,
    sends: ['GET / HTTP/1.0\r\nHost: localhost\r\n\r\n'],
  },
  {
    name: 'HTTP/1.0 with keep-alive and end(text)',
    handler: `res.end('kept?');`,
    sends: ['GET / HTTP/1.0\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n'],
  },
  {
    name: 'Connection: close',
    handler: `res.end('bye');`,
    sends: ['GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'],
  },
  {
    name: "setEncoding('utf8') with a multi-byte character split across chunks",
    handler: `req.setEncoding('utf8'); const parts = []; req.on('data', (c) => parts.push(c));
      req.on('end', () => res.end(JSON.stringify({ parts: parts.length > 1, text: parts.join('') })));`,
    sends: [
      'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 9\r\n\r\nh\xc3',
      30,
      '\xa9llo\xe2\x9c',
      30,
      '\x93',
    ],
  },
  {
    name: 'rawHeaders and joined headers echoed',
    handler: `res.setHeader('Content-Type', 'application/json'); res.end(JSON.stringify({ raw: req.rawHeaders, headers: req.headers, v: req.httpVersion, m: req.method, u: req.url }));`,
    sends: [
      'PUT /a/b?c=d HTTP/1.1\r\nHost: localhost\r\nX-Dup: 1\r\nx-dup: 2\r\nCookie: a=1\r\nCookie: b=2\r\n' +
        'Content-Type: text/plain\r\nContent-Type: text/html\r\nSet-Cookie: s=1\r\nSet-Cookie: s=2\r\nContent-Length: 0\r\n\r\n',
    ],
  },
  {
    name: 'a latin1 header value is written as UTF-8 with a string body (Node quirk)',
    handler: `res.setHeader('X-Name', 'caf\\u00e9'); res.end('x');`,
    sends: [GET],
  },
  {
    name: 'a latin1 header value stays latin1 with a Buffer body',
    handler: `res.setHeader('X-Name', 'caf\\u00e9'); res.end(Buffer.from('x'));`,
    sends: [GET],
  },
  {
    name: 'sendDate false, own Connection: close header',
    handler: `res.sendDate = false; res.setHeader('Connection', 'close'); res.end('x');`,
    sends: [GET],
  },
  {
    name: 'Expect: 100-continue',
    handler: `let n = 0; req.on('data', (c) => (n += c.length)); req.on('end', () => res.end(String(n)));`,
    sends: [
      'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n',
      40,
      'abc',
    ],
  },
  {
    name: 'flushHeaders then write',
    handler: `res.flushHeaders(); setTimeout(() => res.end('late'), 20);`,
    sends: [GET],
  },
  {
    name: 'not HTTP: 400 and close',
    handler: `res.end('never');`,
    sends: ['THIS IS NOT HTTP\r\n\r\n'],
  },
  {
    name: 'an unread request body is skipped for the next request',
    handler: `res.end(req.method + ' ' + req.url);`,
    sends: [
      'POST /a HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.1\r\nHost: localhost\r\n\r\n',
    ],
  },
];

function program(handler: string): string {
  return `const http = require('http');
const server = http.createServer((req, res) => {
  ${handler}
});
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => console.log('LISTENING ' + server.address().port));
`;
}

/** The Date header's value is the one thing allowed to differ. */
function normalise(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/Date: [^\r]*\r\n/g, 'Date: <date>\r\n');
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill();
});

describe('in-page http server against real Node 20, byte for byte', () => {
  it.concurrent.each(cases)('$name', async ({ handler, sends }) => {
    const source = program(handler);
    const root = writeApp({ 'handler.js': source });
    const node = await startNodeServer(root, 'handler.js');
    children.push(node.child);
    const expected = await nodeExchange(node.port, sends);
    node.child.kill();

    const page = runInPage({ 'handler.js': source });
    const port = await page.listening;
    const actual = await exchange(page.connect(port), sends);

    expect(page.stderr()).toBe('');
    expect(normalise(actual.bytes)).toBe(normalise(expected.bytes));
    expect(actual.closedByServer).toBe(expected.closedByServer);
    expect(expected.bytes.length).toBeGreaterThan(0);
  });
});
