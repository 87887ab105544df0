import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Exchange } from '../../runtime/core/exchange/exchange';
import type { Recorded } from '../support/testApp';
import { handlerDescription, HTTP_IN, HTTP_OUT, LANGUAGES, TestApp } from '../support/testApp';

// Forwarding, legacy httpWorker and proxy modes (host-protocol.md §5), checked from what the
// handler received on the wire and what the caller got back.

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HOST_VERSION = '4.1037.0.23568';
const JSON_OK = { 'Content-Type': 'application/json' };
const ANONYMOUS_IN = { ...HTTP_IN, authLevel: 'anonymous' };
const QUEUE_OUT = { type: 'queue', direction: 'out', name: 'message', queueName: 'orders' };
const ORDER_ANSWER = {
  headers: JSON_OK,
  body: JSON.stringify({ Outputs: { message: 'm', res: { body: 'Order enqueued' } } }),
};
// Headers the caller's side (Node's server) adds to every answer on its own.
const SERVER_HEADERS = ['date', 'server', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'];

function headerMap(got: Recorded): Record<string, string> {
  return Object.fromEntries(got.headers);
}

function headerCount(got: Recorded, name: string): number {
  return got.headers.filter(([k]) => k.toLowerCase() === name.toLowerCase()).length;
}

function requestLine(got: Recorded): string {
  return got.rawHead.split('\r\n')[0]!;
}

/** The header pairs of a flat rawHeaders list, minus the named ones. */
function pairs(rawHeaders: string[], skip: readonly string[] = []): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2)
    if (!skip.includes(rawHeaders[i]!.toLowerCase())) out.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
  return out;
}

/** The last finished exchange with this title. */
async function finished(app: TestApp, title: string): Promise<Exchange> {
  const find = () =>
    app
      .exchanges()
      .filter((x) => x.title === title && x.state !== 'in-progress')
      .pop();
  await app.waitFor(() => find() !== undefined, 5_000, `a finished exchange "${title}"`);
  return find()!;
}

const FOUR_HOPS = ['caller>host', 'host>handler', 'handler>host', 'host>caller'];

describe.each(LANGUAGES)('forwarding (enableForwardingHttpRequest) with a %s handler', (language) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({
      language,
      customHandler: { enableForwardingHttpRequest: true },
      functions: {
        Echo: { bindings: [{ ...ANONYMOUS_IN, route: 'echo/{*rest}' }, HTTP_OUT] },
        order: { bindings: [{ ...ANONYMOUS_IN, methods: ['post'] }, HTTP_OUT, QUEUE_OUT] },
      },
    });
  });
  afterAll(() => app.stop());

  test('method and /api path kept; query rebuilt; client headers in Kestrel order, then the invocation headers', async () => {
    app.setResponses({ '*': { body: 'ok' } });
    const res = await app.request(
      'DELETE',
      '/api/echo/a/B?a=1&a=2&q=x%20y%26z%3D%2F%2B%3F&p=a+b&s=(k)!*,~&e=%C3%A9&code=k1',
      {
        headers: {
          'x-custom': 'one',
          'user-agent': 'curl/8.5.0',
          accept: '*/*',
          'cache-control': 'no-cache',
          'x-requested-with': 'me',
        },
      },
    );
    expect(res.status).toBe(200);
    expect(res.body).toBe('ok');

    const got = app.lastRequest();
    // Repeated keys comma-joined (UrlEncoder.Default keeps ',' ( ) ! * ~), reserved characters and
    // non-ASCII percent-encoded, '+' read as a space and written as %20, `code` kept.
    expect(requestLine(got)).toBe(
      'DELETE /api/echo/a/B?a=1,2&q=x%20y%26z%3D%2F%2B%3F&p=a%20b&s=(k)!*,~&e=%C3%A9&code=k1 HTTP/1.1',
    );
    // `Connection` is checked on its own below.
    expect(got.headers.map(([k]) => k).filter((k) => k !== 'Connection')).toEqual([
      'Accept',
      'Host',
      'User-Agent',
      'Cache-Control',
      'x-custom',
      'X-Requested-With',
      'X-Azure-Functions-HostVersion',
      'X-Azure-Functions-InvocationId',
    ]);
    const h = headerMap(got);
    expect(h.Accept).toBe('*/*');
    expect(h.Host).toBe(`127.0.0.1:${app.port}`);
    expect(h['User-Agent']).toBe(`curl/8.5.0 Azure-Functions-Host/${HOST_VERSION}`);
    expect(h['Cache-Control']).toBe('no-cache');
    expect(h['x-custom']).toBe('one');
    expect(h['X-Requested-With']).toBe('me');
    expect(h['X-Azure-Functions-HostVersion']).toBe(HOST_VERSION);
    expect(h['X-Azure-Functions-InvocationId']).toMatch(GUID);
    expect(got.body).toBe('');
  });
  test("the caller's Connection header is copied like the others", async () => {
    app.setResponses({ '*': { body: 'ok' } });
    await app.request('GET', '/api/echo/c', { headers: { accept: '*/*' } });
    const got = app.lastRequest();
    expect(got.headers.map(([k]) => k).slice(0, 3)).toEqual(['Accept', 'Connection', 'Host']);
    expect(headerMap(got).Connection).toBe('close');
  });

  test('without a client User-Agent the host sends its own; no query means no "?"', async () => {
    app.setResponses({ '*': { body: 'ok' } });
    await app.request('GET', '/api/echo/plain');
    const got = app.lastRequest();
    expect(requestLine(got)).toBe('GET /api/echo/plain HTTP/1.1');
    expect(headerMap(got)['User-Agent']).toBe(`Azure-Functions-Host/${HOST_VERSION}`);
    expect(headerCount(got, 'User-Agent')).toBe(1);
  });

  test('a body with Content-Length is copied with its Content-Length and Content-Type', async () => {
    app.setResponses({ '*': { body: 'ok' } });
    const body = '{"id":1005,"note":"café"}';
    await app.request('PUT', '/api/echo/put', {
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    const got = app.lastRequest();
    expect(requestLine(got)).toBe('PUT /api/echo/put HTTP/1.1');
    expect(got.body).toBe(body);
    const h = headerMap(got);
    expect(h['Content-Length']).toBe(String(Buffer.byteLength(body)));
    expect(h['Content-Type']).toBe('application/json');
    expect(headerCount(got, 'Content-Type')).toBe(1);
    expect(headerCount(got, 'Transfer-Encoding')).toBe(0);
  });

  test('a chunked caller body is dropped, with a hint on the exchange', async () => {
    app.setResponses({ '*': { body: 'ok' } });
    const res = await app.request('POST', '/api/echo/chunked', { body: 'streamed', chunked: true });
    expect(res.status).toBe(200);
    const got = app.lastRequest();
    expect(requestLine(got)).toBe('POST /api/echo/chunked HTTP/1.1');
    expect(got.body).toBe('');
    expect(got.rawBody).toBe('');
    const exchange = await finished(app, 'POST /api/echo/chunked');
    expect(exchange.hints.map((x) => x.code)).toContain('chunked-request-body');
  });

  test("the handler's status (non-2xx too), reason phrase, headers and body reach the caller verbatim", async () => {
    const handlerHeaders: [string, string][] = [
      ['X-Handler', 'h1'],
      ['Content-Type', 'text/x-teapot'],
      ['Set-Cookie', 'a=1; Path=/'],
      ['x-lower-case', 'kept'],
    ];
    app.setResponses({
      '/api/echo/tea': {
        status: 418,
        reason: 'Short And Stout',
        headers: Object.fromEntries(handlerHeaders),
        body: 'I am a teapot',
      },
    });
    const res = await app.request('GET', '/api/echo/tea');
    expect(res.status).toBe(418);
    expect(res.body).toBe('I am a teapot');
    expect(pairs(res.rawHeaders, SERVER_HEADERS)).toEqual(handlerHeaders);
    expect(res.headers['content-length']).toBe('13');

    const exchange = await finished(app, 'GET /api/echo/tea');
    expect(exchange.hops.at(-1)!.message!.head).toMatch(/^HTTP\/1\.1 418 Short And Stout\r\n/);
    expect(exchange.status).toBe(418);
  });

  test('the exchange records the forwarding mode and its 4 hops, tied by the invocation id', async () => {
    app.setResponses({ '*': { status: 201, reason: 'Created', body: 'made' } });
    await app.request('POST', '/api/echo/x?k=v', { body: 'payload' });
    const got = app.lastRequest();
    const exchange = await finished(app, 'POST /api/echo/x?k=v');
    expect(exchange.mode).toBe('forwarding');
    expect(exchange.functionName).toBe('Echo');
    expect(exchange.hops.map((x) => `${x.from}>${x.to}`)).toEqual(FOUR_HOPS);
    expect(exchange.invocationId).toBe(headerMap(got)['X-Azure-Functions-InvocationId']);
    expect(exchange.hops[0]!.message!.head).toMatch(/^POST \/api\/echo\/x\?k=v HTTP\/1\.1\r\n/);
    expect(exchange.hops[1]!.message!.head).toBe(got.rawHead);
    expect(exchange.hops[1]!.message!.body.data).toBe('payload');
    expect(exchange.hops[2]!.message!.head).toMatch(/^HTTP\/1\.1 201 Created\r\n/);
    expect(exchange.hops[3]!.message!.head).toMatch(/^HTTP\/1\.1 201 Created\r\n/);
    expect(exchange.hops[3]!.message!.body.data).toBe('made');
  });

  test('a function with an extra queue output falls back to payload mode (POST /{FunctionName})', async () => {
    app.setResponses({ '/order': ORDER_ANSWER });
    const res = await app.request('POST', '/api/order?x=1', {
      headers: { 'Content-Type': 'application/json' },
      body: '{"id":1005}',
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe('Order enqueued');
    const got = app.lastRequest();
    expect(requestLine(got)).toBe('POST /order HTTP/1.1');
    expect(headerMap(got)['User-Agent']).toBe(`Azure-Functions-Host/${HOST_VERSION}`);
    const payload = JSON.parse(got.body);
    expect(payload.Data.req.Body).toBe('{"id":1005}');
    expect(payload.Data.req.Query).toEqual({ x: '1' });
    const exchange = await finished(app, 'POST /api/order?x=1');
    expect(exchange.mode).toBe('payload');
    expect(exchange.outputs).toEqual([{ binding: 'message', type: 'queue', value: 'm' }]);
  });
});

describe.each(LANGUAGES)('the legacy httpWorker section with a %s handler', (language) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({
      language,
      hostJson: { version: '2.0', httpWorker: { description: handlerDescription(language) } },
      functions: {
        LegacyEcho: { bindings: [{ ...ANONYMOUS_IN, route: 'things/{id}' }, HTTP_OUT] },
        order: { bindings: [{ ...ANONYMOUS_IN, methods: ['post'] }, HTTP_OUT, QUEUE_OUT] },
      },
    });
  });
  afterAll(() => app.stop());

  test('logs the deprecation warning', () => {
    const warnings = app.events.flatMap((e) =>
      e.type === 'log' && e.level === 'warning' ? [e.message] : [],
    );
    expect(
      warnings.some((m) =>
        m.includes('Section httpWorker will be deprecated. Please use customHandler section.'),
      ),
    ).toBe(true);
  });

  test('an HTTP in/out function is forwarded to /{FunctionName}, not the original path', async () => {
    app.setResponses({
      '/LegacyEcho': { status: 202, reason: 'Accepted', headers: { 'X-From': 'legacy' }, body: 'queued' },
    });
    const res = await app.request('PATCH', '/api/things/5?x=1&x=2', {
      headers: { 'User-Agent': 'tester/1', 'Content-Type': 'text/plain' },
      body: 'patch',
    });
    expect(res.status).toBe(202);
    expect(res.body).toBe('queued');
    expect(res.headers['x-from']).toBe('legacy');

    const got = app.lastRequest();
    expect(requestLine(got)).toBe('PATCH /LegacyEcho?x=1,2 HTTP/1.1');
    const h = headerMap(got);
    expect(h.Host).toBe(`127.0.0.1:${app.port}`);
    expect(h['User-Agent']).toBe(`tester/1 Azure-Functions-Host/${HOST_VERSION}`);
    expect(h['X-Azure-Functions-HostVersion']).toBe(HOST_VERSION);
    expect(h['X-Azure-Functions-InvocationId']).toMatch(GUID);
    expect(h['Content-Type']).toBe('text/plain');
    expect(got.body).toBe('patch');

    const exchange = await finished(app, 'PATCH /api/things/5?x=1&x=2');
    expect(exchange.mode).toBe('forwarding');
    expect(exchange.hops.map((x) => `${x.from}>${x.to}`)).toEqual(FOUR_HOPS);
  });

  test('a function with a queue output still gets the payload', async () => {
    app.setResponses({ '/order': ORDER_ANSWER });
    const res = await app.request('POST', '/api/order', { body: '{"id":7}' });
    expect(res.body).toBe('Order enqueued');
    const got = app.lastRequest();
    expect(requestLine(got)).toBe('POST /order HTTP/1.1');
    expect(JSON.parse(got.body).Data.req.Body).toBe('{"id":7}');
  });
});

describe.each(LANGUAGES)('proxying (enableProxyingHttpRequest) with a %s handler', (language) => {
  let app: TestApp;
  let handlerPort: number;
  beforeAll(async () => {
    app = await TestApp.start({
      language,
      // Both on: proxying is checked first.
      customHandler: { enableProxyingHttpRequest: true, enableForwardingHttpRequest: true },
      functions: {
        Proxied: { bindings: [{ ...ANONYMOUS_IN, route: 'p/{*rest}' }, HTTP_OUT] },
        order: { bindings: [{ ...ANONYMOUS_IN, methods: ['post'] }, HTTP_OUT, QUEUE_OUT] },
      },
    });
    handlerPort = Number(app.startup().env.FUNCTIONS_CUSTOMHANDLER_PORT);
  });
  afterAll(() => app.stop());

  test('original path and query kept, Host replaced, X-Forwarded-* added, invocation headers overridden', async () => {
    const handlerHeaders: [string, string][] = [
      ['X-Handler', 'p1'],
      ['Content-Type', 'text/plain'],
    ];
    app.setResponses({
      '/api/p/a/B': {
        status: 409,
        reason: 'Clash',
        headers: Object.fromEntries(handlerHeaders),
        body: 'nope',
      },
    });
    const res = await app.request('POST', '/api/p/a/B?x=1&x=2&y=a%20b+c&code=k', {
      headers: {
        'X-Custom': 'kept',
        'User-Agent': 'tester/2',
        'X-Azure-Functions-InvocationId': 'spoofed',
        'x-ms-invocation-id': 'spoofed',
        'X-Azure-Functions-HostVersion': '0.0.0.0',
        'Content-Type': 'text/plain',
      },
      body: 'hello',
    });
    expect(res.status).toBe(409);
    expect(res.body).toBe('nope');
    expect(pairs(res.rawHeaders, SERVER_HEADERS)).toEqual(handlerHeaders);

    const got = app.lastRequest();
    expect(requestLine(got)).toBe('POST /api/p/a/B?x=1&x=2&y=a%20b+c&code=k HTTP/1.1');
    const h = headerMap(got);
    expect(h.Host).toBe(`127.0.0.1:${handlerPort}`);
    expect(headerCount(got, 'Host')).toBe(1);
    expect(h['X-Forwarded-For']).toBe('127.0.0.1');
    expect(h['X-Forwarded-Proto']).toBe('http');
    expect(h['X-Forwarded-Host']).toBe(`127.0.0.1:${app.port}`);
    expect(h['X-Custom']).toBe('kept');
    expect(h['User-Agent']).toBe('tester/2');
    expect(h['Content-Type']).toBe('text/plain');
    for (const name of [
      'X-Azure-Functions-HostVersion',
      'X-Azure-Functions-InvocationId',
      'x-ms-invocation-id',
    ])
      expect(headerCount(got, name)).toBe(1);
    const invocationId = h['X-Azure-Functions-InvocationId'] ?? '';
    expect(invocationId).toMatch(GUID);
    expect(h['x-ms-invocation-id']).toBe(invocationId);
    expect(h['X-Azure-Functions-HostVersion']).toBe(HOST_VERSION);
    expect(got.body).toBe('hello');

    const exchange = await finished(app, 'POST /api/p/a/B?x=1&x=2&y=a%20b+c&code=k');
    expect(exchange.mode).toBe('proxy');
    expect(exchange.functionName).toBe('Proxied');
    expect(exchange.invocationId).toBe(invocationId);
    expect(exchange.hops.map((x) => `${x.from}>${x.to}`)).toEqual(FOUR_HOPS);
    expect(exchange.hops[1]!.message!.head).toBe(got.rawHead);
    expect(exchange.hops[2]!.message!.head).toMatch(/^HTTP\/1\.1 409 Clash\r\n/);
    expect(exchange.hops[3]!.message!.head).toMatch(/^HTTP\/1\.1 409 Clash\r\n/);
  });

  test('a chunked handler answer is streamed on as it comes, not re-framed', async () => {
    app.setResponses({
      '/api/p/stream': {
        raw: 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n',
      },
    });
    const res = await app.request('GET', '/api/p/stream');
    expect(res.status).toBe(200);
    expect(res.body).toBe('hello world');
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
  });

  test('a 2 MB body round-trips intact in both directions', async () => {
    const up = randomBytes(1024 * 1024).toString('hex');
    const down = randomBytes(1024 * 1024).toString('base64');
    app.setResponses({
      '/api/p/big': { headers: { 'Content-Type': 'application/octet-stream' }, body: down },
    });
    const res = await app.request('POST', '/api/p/big', { body: up });
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(down.length);
    expect(res.body === down).toBe(true);
    const got = app.lastRequest();
    expect(headerMap(got)['Content-Length']).toBe(String(up.length));
    expect(got.body.length).toBe(up.length);
    expect(got.body === up).toBe(true);
  });

  test('a function with a queue output falls back to payload mode', async () => {
    app.setResponses({ '/order': ORDER_ANSWER });
    const res = await app.request('POST', '/api/order', { body: '{"id":8}' });
    expect(res.body).toBe('Order enqueued');
    expect(requestLine(app.lastRequest())).toBe('POST /order HTTP/1.1');
    expect((await finished(app, 'POST /api/order')).mode).toBe('payload');
  });
});
