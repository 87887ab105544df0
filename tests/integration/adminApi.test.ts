import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HTTP_IN, HTTP_OUT, TestApp } from '../support/testApp';

const JSON_OK = { 'Content-Type': 'application/json' };

describe('admin API (Core Tools, keys not enforced)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({
      functions: {
        hello: { bindings: [{ ...HTTP_IN, methods: ['get', 'post'] }, HTTP_OUT] },
        worker: { bindings: [{ type: 'queueTrigger', direction: 'in', name: 'msg', queueName: 'jobs' }] },
      },
      hostJson: undefined,
      responses: { '*': { headers: JSON_OK, body: '{"Outputs":{"res":{"body":"hi"}}}' } },
    });
  });
  afterAll(() => app.stop());

  test('GET /admin/host/status reports Running with the host version', async () => {
    const res = await app.request('GET', '/admin/host/status');
    expect(res.status).toBe(200);
    const status = JSON.parse(res.body);
    expect(Object.keys(status).slice(0, 4)).toEqual(['id', 'state', 'version', 'versionDetails']);
    expect(status.state).toBe('Running');
    expect(status.version).toBe('4.1037.0.0');
    expect(typeof status.processUptime).toBe('number');
  });

  test.each(['GET', 'POST'])('%s /admin/host/ping → 200', async (method) => {
    expect((await app.request(method, '/admin/host/ping')).status).toBe(200);
  });

  test('GET /admin/functions lists every function with its bindings and invoke URL', async () => {
    const list = JSON.parse((await app.request('GET', '/admin/functions')).body);
    expect(list.map((f: { name: string }) => f.name)).toEqual(['hello', 'worker']);
    expect(list[0].invoke_url_template).toBe(`http://localhost:${app.port}/api/hello`);
    expect(list[0].config.bindings[0].type).toBe('httpTrigger');
    expect(list[0].isDisabled).toBe(false);
    expect(JSON.parse((await app.request('GET', '/admin/functions/hello')).body).name).toBe('hello');
    expect((await app.request('GET', '/admin/functions/nope')).status).toBe(404);
  });

  test('POST /admin/functions/{name}: 202 with an empty body, 400 without a body, 404 for an unknown name', async () => {
    const res = await app.request('POST', '/admin/functions/hello', {
      headers: { 'Content-Type': 'application/json' },
      body: '{"input":"from admin"}',
    });
    expect(res.status).toBe(202);
    expect(res.body).toBe('');
    await app.waitFor(() =>
      app.requests().some((r) => r.target === '/hello' && JSON.parse(r.body).Data.req.Body === 'from admin'),
    );
    // The exchange is published when the invocation ends, which can be just after the handler saw it.
    await app.waitFor(() => app.exchanges().some((x) => x.trigger === 'admin' && x.state !== 'in-progress'));
    const invoked = app.exchanges().find((x) => x.trigger === 'admin');
    expect(invoked?.functionName).toBe('hello');
    expect((await app.request('POST', '/admin/functions/hello')).status).toBe(400);
    expect((await app.request('POST', '/admin/functions/nope', { body: '{"input":""}' })).status).toBe(404);
  });

  test('the banner data: each function with methods and URL, or its trigger type', () => {
    const functions = app.events.filter((e) => e.type === 'functions').pop();
    expect(functions?.type === 'functions' && functions.functions).toEqual([
      {
        name: 'hello',
        trigger: 'httpTrigger',
        disabled: false,
        methods: ['GET', 'POST'],
        route: 'hello',
        url: `http://localhost:${app.port}/api/hello`,
        authLevel: 'function',
        mode: 'payload',
      },
      { name: 'worker', trigger: 'queueTrigger', disabled: false },
    ]);
  });
});

describe('with --enable-auth, keys are enforced', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({
      enableAuth: true,
      functions: {
        open: { bindings: [{ ...HTTP_IN, authLevel: 'anonymous' }, HTTP_OUT] },
        keyed: { bindings: [{ ...HTTP_IN, authLevel: 'function' }, HTTP_OUT] },
        adminOnly: { bindings: [{ ...HTTP_IN, authLevel: 'admin' }, HTTP_OUT] },
      },
      responses: { '*': { headers: JSON_OK, body: '{"Outputs":{"res":{"body":"ok"}}}' } },
    });
  });
  afterAll(() => app.stop());

  test('anonymous needs no key; function level needs one; 401 has an empty body', async () => {
    const keys = app.host.hostKeys;
    expect((await app.request('GET', '/api/open')).status).toBe(200);
    const denied = await app.request('GET', '/api/keyed');
    expect([denied.status, denied.body]).toEqual([401, '']);
    expect((await app.request('GET', '/api/keyed?code=wrong')).status).toBe(401);
    expect((await app.request('GET', `/api/keyed?code=${keys.functionDefault}`)).status).toBe(200);
    expect(
      (await app.request('GET', '/api/keyed', { headers: { 'x-functions-key': keys.master } })).status,
    ).toBe(200);
    const claims = JSON.parse(app.lastRequest().body).Data.req.Identities[0].Claims;
    expect(claims[0].Value).toBe('Admin');
  });

  test('the header key takes precedence over code; admin level needs the master key', async () => {
    const keys = app.host.hostKeys;
    expect(
      (
        await app.request('GET', `/api/keyed?code=${keys.functionDefault}`, {
          headers: { 'x-functions-key': 'bad' },
        })
      ).status,
    ).toBe(401);
    expect((await app.request('GET', `/api/adminOnly?code=${keys.functionDefault}`)).status).toBe(401);
    expect((await app.request('GET', `/api/adminOnly?code=${keys.master}`)).status).toBe(200);
  });

  test('admin endpoints need the master key', async () => {
    expect((await app.request('GET', '/admin/host/status')).status).toBe(401);
    expect(
      (
        await app.request('GET', '/admin/host/status', {
          headers: { 'x-functions-key': app.host.hostKeys.master },
        })
      ).status,
    ).toBe(200);
  });
});
