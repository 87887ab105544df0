// The header rules of the three ways the host talks to the handler (host-protocol.md §3 and §5),
// asserted as exact lists: order and case are what the handler sees on the wire.
import { describe, expect, test } from 'vitest';
import {
  forwardRequestHeaders,
  forwardResponseHeaders,
  payloadRequestHeaders,
  proxyRequestHeaders,
  proxyResponseHeaders,
} from './handlerHeaders';

const V = '4.1037.0.23568';
const ID = '3f2a1b4c-0000-4000-8000-000000000001';

describe('payload mode', () => {
  test('Host, the invocation headers, the User-Agent, then the chunked JSON content headers', () => {
    expect(payloadRequestHeaders(8123, ID)).toEqual([
      ['Host', '127.0.0.1:8123'],
      ['X-Azure-Functions-HostVersion', V],
      ['X-Azure-Functions-InvocationId', ID],
      ['User-Agent', `Azure-Functions-Host/${V}`],
      ['Transfer-Encoding', 'chunked'],
      ['Content-Type', 'application/json; charset=utf-8'],
    ]);
  });
});

describe('forwarding: the request', () => {
  const caller = [
    'x-custom',
    'one',
    'user-agent',
    'curl/8.5.0',
    'Host',
    'localhost:7071',
    'accept',
    '*/*',
    'Content-Type',
    'application/json',
    'Content-Length',
    '5',
    'Connection',
    'keep-alive',
    'cache-control',
    'no-cache',
    'x-requested-with',
    'me',
    'X-Custom',
    'two',
  ];

  test("Kestrel's order and spelling, User-Agent appended to, invocation headers, then the content headers", () => {
    expect(
      forwardRequestHeaders(caller, ID, { sendBody: true, length: 5, contentType: 'application/json' }),
    ).toEqual([
      ['Accept', '*/*'],
      ['Connection', 'keep-alive'],
      ['Host', 'localhost:7071'],
      ['User-Agent', `curl/8.5.0 Azure-Functions-Host/${V}`],
      ['Cache-Control', 'no-cache'],
      // Unknown names keep their first spelling; repeats are joined with ", ".
      ['x-custom', 'one, two'],
      // A name .NET interns gets its canonical spelling.
      ['X-Requested-With', 'me'],
      ['X-Azure-Functions-HostVersion', V],
      ['X-Azure-Functions-InvocationId', ID],
      ['Content-Length', '5'],
      ['Content-Type', 'application/json'],
    ]);
  });

  test("without a body the caller's content headers are all dropped", () => {
    const headers = forwardRequestHeaders(
      ['Host', 'h', 'Content-Type', 'text/plain', 'Transfer-Encoding', 'chunked', 'Content-Length', '0'],
      ID,
      { sendBody: false, length: 7, contentType: 'text/plain' },
    );
    expect(headers).toEqual([
      ['Host', 'h'],
      ['X-Azure-Functions-HostVersion', V],
      ['X-Azure-Functions-InvocationId', ID],
      ['User-Agent', `Azure-Functions-Host/${V}`],
    ]);
  });

  test('a body without a Content-Type goes with its Content-Length only', () => {
    expect(
      forwardRequestHeaders(['Host', 'h'], ID, { sendBody: true, length: 3, contentType: undefined }),
    ).toEqual([
      ['Host', 'h'],
      ['X-Azure-Functions-HostVersion', V],
      ['X-Azure-Functions-InvocationId', ID],
      ['User-Agent', `Azure-Functions-Host/${V}`],
      ['Content-Length', '3'],
    ]);
  });

  test("the Content-Length sent is the body's size, not the caller's header", () => {
    const headers = forwardRequestHeaders(['Content-Length', '007'], ID, {
      sendBody: true,
      length: 7,
      contentType: undefined,
    });
    expect(headers.filter(([k]) => k.toLowerCase() === 'content-length')).toEqual([['Content-Length', '7']]);
  });

  test('repeated User-Agent lines are joined, then the host appends itself once', () => {
    const headers = forwardRequestHeaders(['User-Agent', 'a/1', 'user-agent', 'b/2'], ID, {
      sendBody: false,
      length: 0,
      contentType: undefined,
    });
    expect(headers.filter(([k]) => k === 'User-Agent')).toEqual([
      ['User-Agent', `a/1, b/2 Azure-Functions-Host/${V}`],
    ]);
    expect(headers).toHaveLength(3);
  });
});

describe('forwarding: the answer relayed to the caller', () => {
  test('Content-Length, Connection, Keep-Alive and a chunked Transfer-Encoding are dropped, Date and Server kept; Content-Length is the buffered size', () => {
    const handler = [
      'Date',
      'Mon, 01 Jan 2024 00:00:00 GMT',
      'X-Handler',
      'h1',
      'server',
      'Kestrel',
      'Content-Type',
      'text/x-teapot',
      'Connection',
      'keep-alive',
      'Keep-Alive',
      'timeout=5',
      'Set-Cookie',
      'a=1',
      'transfer-encoding',
      'chunked',
      'Set-Cookie',
      'b=2',
      'content-length',
      '99',
    ];
    expect(forwardResponseHeaders(handler, 13)).toEqual([
      'Date',
      'Mon, 01 Jan 2024 00:00:00 GMT',
      'X-Handler',
      'h1',
      'server',
      'Kestrel',
      'Content-Type',
      'text/x-teapot',
      'Set-Cookie',
      'a=1',
      'Set-Cookie',
      'b=2',
      'Content-Length',
      '13',
    ]);
  });

  test('chunked is recognised in any case and inside a list', () => {
    expect(forwardResponseHeaders(['Transfer-Encoding', 'gzip, CHUNKED', 'X', '1'], 0)).toEqual([
      'X',
      '1',
      'Content-Length',
      '0',
    ]);
  });

  test('a Transfer-Encoding that is not chunked is relayed', () => {
    expect(forwardResponseHeaders(['Transfer-Encoding', 'gzip'], 4)).toEqual([
      'Transfer-Encoding',
      'gzip',
      'Content-Length',
      '4',
    ]);
  });
});

describe('proxying: the request', () => {
  const caller = [
    'Host',
    'localhost:7071',
    'Connection',
    'keep-alive',
    'Keep-Alive',
    'timeout=5',
    'TE',
    'trailers',
    'Upgrade',
    'h2c',
    'Proxy-Authorization',
    'Basic eA==',
    'Proxy-Connection',
    'keep-alive',
    'Trailer',
    'X-T',
    'Transfer-Encoding',
    'chunked',
    'content-type',
    'text/plain',
    'X-Forwarded-For',
    '1.2.3.4',
    'x-forwarded-proto',
    'https',
    'X-Forwarded-Host',
    'evil.example',
    'X-Forwarded-Prefix',
    '/p',
    'X-Azure-Functions-InvocationId',
    'spoofed',
    'x-ms-invocation-id',
    'spoofed',
    'x-azure-functions-hostversion',
    '0.0.0.0',
    'user-agent',
    'tester/2',
    'X-Custom',
    'kept',
    'x-custom',
    'again',
  ];

  test('Host first, hop-by-hop and spoofable headers out, the rest in arrival order and case, then X-Forwarded-* and the invocation headers', () => {
    expect(proxyRequestHeaders(caller, 9001, ID, '::ffff:10.0.0.5')).toEqual([
      ['Host', '127.0.0.1:9001'],
      // The body's framing travels with it: the body is streamed as it came.
      ['Transfer-Encoding', 'chunked'],
      ['content-type', 'text/plain'],
      // No host suffix on the caller's User-Agent in this mode.
      ['user-agent', 'tester/2'],
      ['X-Custom', 'kept'],
      ['x-custom', 'again'],
      ['X-Forwarded-For', '10.0.0.5'],
      ['X-Forwarded-Proto', 'http'],
      ['X-Forwarded-Host', 'localhost:7071'],
      ['X-Azure-Functions-HostVersion', V],
      ['X-Azure-Functions-InvocationId', ID],
      ['x-ms-invocation-id', ID],
    ]);
  });

  test('an IPv6 caller keeps its address; no caller Host leaves X-Forwarded-Host empty', () => {
    const headers = proxyRequestHeaders(['Content-Length', '2'], 9001, ID, '::1');
    expect(headers).toEqual([
      ['Host', '127.0.0.1:9001'],
      ['Content-Length', '2'],
      ['X-Forwarded-For', '::1'],
      ['X-Forwarded-Proto', 'http'],
      ['X-Forwarded-Host', ''],
      ['X-Azure-Functions-HostVersion', V],
      ['X-Azure-Functions-InvocationId', ID],
      ['x-ms-invocation-id', ID],
    ]);
  });
});

describe('proxying: the answer', () => {
  test('every hop-by-hop header is dropped, Date, Server and Content-Length kept, order and case kept', () => {
    const handler = [
      'date',
      'Mon, 01 Jan 2024 00:00:00 GMT',
      'Connection',
      'close',
      'Keep-Alive',
      'timeout=5',
      'Transfer-Encoding',
      'chunked',
      'Proxy-Authenticate',
      'Basic',
      'Proxy-Connection',
      'close',
      'Trailer',
      'X-T',
      'TE',
      'trailers',
      'Upgrade',
      'websocket',
      'Server',
      'Kestrel',
      'Content-Length',
      '4',
      'x-handler',
      'p1',
    ];
    expect(proxyResponseHeaders(handler)).toEqual([
      'date',
      'Mon, 01 Jan 2024 00:00:00 GMT',
      'Server',
      'Kestrel',
      'Content-Length',
      '4',
      'x-handler',
      'p1',
    ]);
  });
});
