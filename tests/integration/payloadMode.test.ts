import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Answer } from '../support/testApp';
import { HTTP_IN, HTTP_OUT, LANGUAGES, TestApp } from '../support/testApp';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ADMIN_IDENTITY =
  '[{"AuthenticationType":"WebJobsAuthLevel","IsAuthenticated":true,"Actor":null,"BootstrapContext":null,' +
  '"Claims":[{"Issuer":"LOCAL AUTHORITY","OriginalIssuer":"LOCAL AUTHORITY","Properties":{},' +
  '"Type":"http://schemas.microsoft.com/2017/07/functions/claims/authlevel","Value":"Admin",' +
  '"ValueType":"http://www.w3.org/2001/XMLSchema#string"}],"Label":null,"Name":null,' +
  '"NameClaimType":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",' +
  '"RoleClaimType":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role"}]';
const JSON_OK = { 'Content-Type': 'application/json' };

describe.each(LANGUAGES)('payload mode with a %s handler', (language) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({
      language,
      functions: {
        order: {
          bindings: [
            { ...HTTP_IN, methods: ['post'] },
            HTTP_OUT,
            { type: 'queue', direction: 'out', name: 'message', queueName: 'orders' },
          ],
        },
        GetOrder: {
          bindings: [{ ...HTTP_IN, route: 'orders/{id:int}/{part?}', authLevel: 'anonymous' }, HTTP_OUT],
        },
        fn: { bindings: [HTTP_IN, HTTP_OUT] },
      },
      responses: {
        '/order': {
          headers: JSON_OK,
          body: JSON.stringify({
            Outputs: { message: 'm', res: { body: 'Order enqueued' } },
            Logs: ['got it'],
          }),
        },
      },
    });
  });
  afterAll(() => app.stop());

  test("the seed's order request reaches the handler as the host sends it, header by header", async () => {
    const res = await app.request('POST', '/api/order', {
      headers: { 'Content-Type': 'application/json' },
      body: '{"id":1005,"quantity":2,"color":"black"}',
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe('Order enqueued');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');

    const got = app.lastRequest();
    expect(got.rawHead.split('\r\n')[0]).toBe('POST /order HTTP/1.1');
    expect(got.headers.map(([k]) => k)).toEqual([
      'Host',
      'X-Azure-Functions-HostVersion',
      'X-Azure-Functions-InvocationId',
      'User-Agent',
      'Transfer-Encoding',
      'Content-Type',
    ]);
    const h = Object.fromEntries(got.headers);
    expect(h.Host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(h['X-Azure-Functions-HostVersion']).toBe('4.1037.0.23568');
    expect(h['X-Azure-Functions-InvocationId']).toMatch(GUID);
    expect(h['User-Agent']).toBe('Azure-Functions-Host/4.1037.0.23568');
    expect(h['Transfer-Encoding']).toBe('chunked');
    expect(h['Content-Type']).toBe('application/json; charset=utf-8');

    const rawBody = Buffer.from(got.rawBody, 'base64').toString('utf8');
    expect(rawBody).toMatch(/^[0-9a-f]+\r\n\{"Data":/);
    expect(rawBody.endsWith('}\r\n0\r\n\r\n')).toBe(true);

    const port = app.port;
    const body = got.body
      .replace(/"UtcNow":"[^"]+"/, '"UtcNow":"T"')
      .replace(/"RandGuid":"[^"]+"/, '"RandGuid":"G"');
    expect(body).toBe(
      `{"Data":{"req":{"Url":"http://127.0.0.1:${port}/api/order","Method":"POST","Query":{},` +
        `"Headers":{"Connection":["close"],"Host":["127.0.0.1:${port}"],"Content-Type":["application/json"],"Content-Length":["40"]},` +
        `"Params":{},"Identities":${ADMIN_IDENTITY},"Body":"{\\"id\\":1005,\\"quantity\\":2,\\"color\\":\\"black\\"}"}},` +
        `"Metadata":{"id":"\\"1005\\"","quantity":"\\"2\\"","color":"\\"black\\"","Query":{},` +
        `"Headers":{"Connection":"close","Host":"127.0.0.1:${port}","Content-Type":"application/json","Content-Length":"40"},` +
        `"sys":{"MethodName":"order","UtcNow":"T","RandGuid":"G"}}}`,
    );
    expect(JSON.parse(got.body).Metadata.sys.UtcNow).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?Z$/);
  });

  test('the exchange holds the exact bytes of every hop, tied by the invocation id', async () => {
    await app.request('POST', '/api/order', {
      headers: { 'Content-Type': 'application/json' },
      body: '{"id":7}',
    });
    const got = app.lastRequest();
    await app.waitFor(() =>
      app
        .exchanges()
        .some((x) => x.state !== 'in-progress' && x.title === 'POST /api/order' && x.hops.length === 5),
    );
    const exchange = app
      .exchanges()
      .filter((x) => x.title === 'POST /api/order')
      .pop()!;
    expect(exchange.hops.map((h) => `${h.from}>${h.to}`)).toEqual([
      'caller>host',
      'host>handler',
      'handler>host',
      'host>queue',
      'host>caller',
    ]);
    expect(exchange.hops[3]!.note).toMatch(/^enqueued to 'orders' as [0-9a-f-]{36}: m$/);
    const toHandler = exchange.hops[1]!.message!;
    expect(toHandler.head).toBe(got.rawHead);
    expect(toHandler.body.data).toBe(Buffer.from(got.rawBody, 'base64').toString('utf8'));
    expect(exchange.invocationId).toBe(Object.fromEntries(got.headers)['X-Azure-Functions-InvocationId']);
    expect(exchange.hops[0]!.message!.head).toMatch(/^POST \/api\/order HTTP\/1\.1\r\n/);
    expect(exchange.hops[0]!.message!.body.data).toBe('{"id":7}');
    expect(exchange.hops[4]!.message!.head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(exchange.hops[4]!.message!.body.data).toBe('Order enqueued');
    expect(exchange.outputs).toEqual([{ binding: 'message', type: 'queue', value: 'm' }]);
    expect(exchange.logs).toEqual(['got it']);
    expect(exchange.mode).toBe('payload');
  });

  test('route values are strings, an unmatched optional is null; query values comma-joined; code kept in Query only', async () => {
    app.setResponses({ '*': { headers: JSON_OK, body: '{"Outputs":{"res":{"body":"ok"}}}' } });
    const res = await app.request('GET', '/api/orders/42?status=open&a=1&a=2&code=k1');
    expect(res.status).toBe(200);
    const payload = JSON.parse(app.lastRequest().body);
    expect(app.lastRequest().rawHead.split('\r\n')[0]).toBe('POST /GetOrder HTTP/1.1');
    expect(payload.Data.req.Params).toEqual({ id: '42', part: null });
    expect(payload.Data.req.Query).toEqual({ status: 'open', a: '1,2', code: 'k1' });
    expect(payload.Data.req).not.toHaveProperty('Body');
    // A key was sent, so Core Tools runs authorization: the Admin identity, even for anonymous.
    expect(payload.Data.req.Identities[0].AuthenticationType).toBe('WebJobsAuthLevel');
    expect(Object.keys(payload.Metadata)).toEqual(['status', 'a', 'id', 'Query', 'Headers', 'sys']);
    expect(payload.Metadata.a).toBe('"2"');
    expect(payload.Metadata.Query).toEqual({ status: 'open', a: '2', code: 'k1' });
  });

  test('an anonymous function called without a key gets the empty identity', async () => {
    app.setResponses({ '*': { headers: JSON_OK, body: '{"Outputs":{"res":{"body":"ok"}}}' } });
    await app.request('GET', '/api/orders/7/lines');
    const payload = JSON.parse(app.lastRequest().body);
    expect(payload.Data.req.Params).toEqual({ id: '7', part: 'lines' });
    expect(payload.Data.req.Identities).toEqual([
      {
        AuthenticationType: null,
        IsAuthenticated: false,
        Actor: null,
        BootstrapContext: null,
        Claims: [],
        Label: null,
        Name: null,
        NameClaimType: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
        RoleClaimType: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role',
      },
    ]);
  });

  test('a wrong method or a failed constraint is 404, not 405', async () => {
    expect((await app.request('GET', '/api/order')).status).toBe(404);
    expect((await app.request('GET', '/api/orders/abc')).status).toBe(404);
    expect((await app.request('GET', '/api/nothing')).status).toBe(404);
  });

  test('a chunked caller body is not put in Data.req, with a hint', async () => {
    app.setResponses({ '*': { headers: JSON_OK, body: '{"Outputs":{"res":{"body":"ok"}}}' } });
    await app.request('POST', '/api/fn', { body: 'streamed', chunked: true });
    expect(JSON.parse(app.lastRequest().body).Data.req).not.toHaveProperty('Body');
    await app.waitFor(() =>
      app.exchanges().some((x) => x.hints.some((h) => h.code === 'chunked-request-body')),
    );
  });

  const rules: [string, Answer, number, string, string | undefined][] = [
    [
      'statusCode as a number',
      { headers: JSON_OK, body: '{"Outputs":{"res":{"statusCode":201,"body":"made"}}}' },
      201,
      'made',
      'text/plain; charset=utf-8',
    ],
    [
      'statusCode as a string',
      { headers: JSON_OK, body: '{"Outputs":{"res":{"statusCode":"202","body":"x"}}}' },
      202,
      'x',
      'text/plain; charset=utf-8',
    ],
    [
      'status is ignored',
      { headers: JSON_OK, body: '{"Outputs":{"res":{"status":201,"body":"x"}}}' },
      200,
      'x',
      'text/plain; charset=utf-8',
    ],
    [
      'object body as indented JSON',
      { headers: JSON_OK, body: '{"Outputs":{"res":{"body":{"ok":true,"n":[1]}}}}' },
      200,
      '{\n  "ok": true,\n  "n": [\n    1\n  ]\n}',
      'text/plain; charset=utf-8',
    ],
    [
      'content type gets a charset',
      {
        headers: JSON_OK,
        body: '{"Outputs":{"res":{"body":"{}","headers":{"Content-Type":"application/json"}}}}',
      },
      200,
      '{}',
      'application/json; charset=utf-8',
    ],
    [
      'text/plain result → 500',
      { headers: { 'Content-Type': 'text/plain' }, body: '{"Outputs":{"res":{"body":"x"}}}' },
      500,
      '',
      undefined,
    ],
    ['no content type → 500', { body: '{"Outputs":{"res":{"body":"x"}}}' }, 500, '', undefined],
    [
      'non-2xx → 500, outputs ignored',
      {
        status: 404,
        reason: 'Not Found',
        headers: JSON_OK,
        body: '{"Outputs":{"res":{"statusCode":200,"body":"x"}}}',
      },
      500,
      '',
      undefined,
    ],
    ['unreadable JSON → 500', { headers: JSON_OK, body: '{"Outputs":' }, 500, '', undefined],
    [
      'Outputs without res → 200 {}',
      { headers: JSON_OK, body: '{"Outputs":{}}' },
      200,
      '{}',
      'text/plain; charset=utf-8',
    ],
    ['nothing set → 204', { headers: JSON_OK, body: '{}' }, 204, '', undefined],
    [
      'null header value → 500',
      { headers: JSON_OK, body: '{"Outputs":{"res":{"body":"x","headers":{"X-A":null}}}}' },
      500,
      '',
      undefined,
    ],
  ];
  test.each(rules)('result rule: %s', async (_name, answer, status, body, contentType) => {
    app.setResponses({ '/fn': answer });
    const res = await app.request('POST', '/api/fn', { body: 'x' });
    expect(res.status).toBe(status);
    expect(res.body).toBe(body);
    expect(res.headers['content-type']).toBe(contentType);
  });

  test('header values are stringified and arrive in order', async () => {
    app.setResponses({
      '/fn': {
        headers: JSON_OK,
        body: '{"Outputs":{"res":{"body":"","headers":{"X-Num":1,"X-Bool":true}}}}',
      },
    });
    const res = await app.request('GET', '/api/fn');
    expect(res.headers['x-num']).toBe('1');
    expect(res.headers['x-bool']).toBe('True');
  });
});
