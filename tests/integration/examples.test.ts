import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HostEvent } from '../../runtime/core/control/protocol';
import type { Exchange } from '../../runtime/core/exchange/exchange';
import type { FunctionHost } from '../../runtime/node/nodeHost';
import { startHostOn } from '../support/startHost';

// Every folder in examples/ is a complete function app: it must load with no error diagnostics,
// start its handler and reach Running; the known ones also answer one meaningful request.

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');
const NAMES = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Call = (
  method: string,
  path: string,
  body?: string,
  headers?: Record<string, string>,
) => Promise<Answer>;

async function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The finished exchange with this title (`GET /api/x?y` for a call, `queue → function` for a message). */
async function finished(host: FunctionHost, title: string): Promise<Exchange> {
  const find = () => host.exchanges.list().find((x) => x.title === title && x.state !== 'in-progress');
  await until(() => find() !== undefined, `the exchange '${title}'`);
  return find()!;
}

const hintCodes = (x: Exchange) => x.hints.map((h) => h.code);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Examples whose point is a failure: their error-level log lines are expected. */
const FAILS_ON_PURPOSE = new Set(['poison', 'mistakes']);

/** What each example shows, checked: a request for HTTP ones, messages or firings for the others. */
const CHECKS: Record<string, (call: Call, host: FunctionHost) => Promise<void>> = {
  order: async (call) => {
    const res = await call('POST', '/api/order', '{"id":1005,"quantity":2,"color":"black"}', {
      'Content-Type': 'application/json',
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe('Order enqueued');
  },
  hello: async (call) => {
    const get = await call('GET', '/api/hello');
    expect(get.status).toBe(200);
    expect(get.body).toBe('hello world');
    expect(get.headers['content-type']).toBe('application/json');
    const post = await call('POST', '/api/hello', '{"message":"Hello World!"}', {
      'Content-Type': 'application/json',
    });
    expect(post.status).toBe(200);
    expect(post.body).toBe('{"message":"Hello World!"}');
  },
  'legacy-httpworker': async (call) => {
    const res = await call('POST', '/api/order', '{"id":1005,"quantity":2,"color":"black"}', {
      'Content-Type': 'application/json',
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe('Order complete');
  },
  'queue-worker': async (_call, host) => {
    host.enqueue('messages-incoming', 'hi');
    await until(() => host.queues.store.count('messages-outgoing') === 1, 'the outgoing message');
    expect(host.queues.store.peek('messages-outgoing')[0]?.text).toBe(
      '{\n  "processed": "hi",\n  "by": "MyQueueFunction"\n}',
    );
  },
  timer: async (_call, host) => {
    const ticked = () =>
      host.exchanges.list().find((x) => x.functionName === 'tick' && x.state === 'succeeded');
    await until(() => ticked() !== undefined, 'the start-up run');
    expect(ticked()?.logs[0]).toMatch(/^Tick at .+ \(past due: false, monitor: false\)$/);
    expect(host.timers.snapshot()[0]).toMatchObject({ functionName: 'tick', monitor: false });
  },
  poison: async (_call, host) => {
    host.enqueue('jobs', 'please fail');
    host.enqueue('jobs', 'all good');
    await until(
      () => host.queues.store.count('jobs-poison') === 1 && host.queues.store.count('jobs') === 0,
      'the poison move',
    );
    expect(host.queues.store.peek('jobs-poison')[0]?.text).toBe('please fail');
    const attempts = host.exchanges.list().filter((x) => x.functionName === 'flaky' && x.state === 'failed');
    expect(attempts).toHaveLength(3);
  },
  forwarding: async (call, host) => {
    // HTTP in/out functions are forwarded: the handler sees the caller's request, /api path kept.
    const echo = await call('GET', '/api/echo?a=1&a=2&b=x%20y', undefined, {
      'User-Agent': 'tester/1.0',
      'X-Caller': 'playground',
    });
    expect(echo.status).toBe(200);
    const seen = JSON.parse(echo.body) as { method: string; url: string; headers: [string, string][] };
    const header = (name: string) => seen.headers.find(([k]) => k.toLowerCase() === name)?.[1];
    expect(seen.method).toBe('GET');
    expect(seen.url).toBe('/api/echo?a=1,2&b=x%20y');
    expect(header('x-caller')).toBe('playground');
    expect(header('user-agent')).toMatch(/^tester\/1\.0 Azure-Functions-Host\/4\.\d+\.\d+\.\d+$/);
    expect(header('x-azure-functions-hostversion')).toMatch(/^4\.\d+\.\d+\.\d+$/);
    expect(header('x-azure-functions-invocationid')).toMatch(UUID);
    expect((await finished(host, 'GET /api/echo?a=1&a=2&b=x%20y')).mode).toBe('forwarding');
    const posted = await call('POST', '/api/echo', 'hello', { 'Content-Type': 'text/plain' });
    expect(JSON.parse(posted.body)).toMatchObject({ method: 'POST', url: '/api/echo', body: 'hello' });
    // The handler's own status reaches the caller, a 404 included; routing is still the host's.
    const found = await call('GET', '/api/items/2');
    expect([found.status, JSON.parse(found.body)]).toEqual([200, { id: 2, name: 'teapot' }]);
    const missing = await call('GET', '/api/items/42');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe('application/json');
    expect(JSON.parse(missing.body)).toEqual({ error: 'There is no item 42.' });
    expect((await finished(host, 'GET /api/items/42')).state).toBe('succeeded');
    const notInt = await call('GET', '/api/items/abc');
    expect([notInt.status, notInt.body]).toEqual([404, '']);
    expect((await finished(host, 'GET /api/items/abc')).functionName).toBeUndefined();
    // A queue output as well: not HTTP in/out, so the usual payload call.
    const note = await call('POST', '/api/note', 'buy milk', { 'Content-Type': 'text/plain' });
    expect([note.status, note.body]).toEqual([202, 'Note queued']);
    const noteExchange = await finished(host, 'POST /api/note');
    expect(noteExchange.mode).toBe('payload');
    expect(
      noteExchange.hops.find((h) => h.from === 'host' && h.to === 'handler')?.message?.parsed.startLine,
    ).toBe('POST /note HTTP/1.1');
    expect(host.queues.store.peek('notes')[0]?.text).toBe('{\n  "text": "buy milk"\n}');
  },
  routes: async (call, host) => {
    const get = async (path: string) => {
      const res = await call('GET', path);
      expect(res.status, path).toBe(200);
      return JSON.parse(res.body) as { function: string; answer: string; params: object; metadata: object };
    };
    // Route values are strings in Params, double-encoded in Metadata; an unmatched optional is null.
    expect(await get('/api/products/books/7')).toEqual({
      function: 'products',
      answer: "Product 7 in 'books'",
      params: { category: 'books', id: '7' },
      metadata: { category: '"books"', id: '"7"' },
    });
    expect(await get('/api/products/books')).toMatchObject({
      params: { category: 'books', id: null },
      metadata: { category: '"books"', id: '(absent)' },
    });
    expect(await get('/api/PRODUCTS/Books/7/')).toMatchObject({ params: { category: 'Books', id: '7' } });
    expect(await get('/api/files/docs/2024/report.pdf')).toMatchObject({
      function: 'files',
      params: { path: 'docs/2024/report.pdf' },
    });
    expect(await get('/api/files')).toMatchObject({ function: 'files', params: { path: null } });
    // A failed constraint or a wrong method: 404 from the host, the handler never called.
    for (const [method, path] of [
      ['GET', '/api/products/books/abc'],
      ['GET', '/api/products/123'],
      ['POST', '/api/products/books/7'],
    ] as const) {
      const res = await call(method, path);
      expect([res.status, res.body], `${method} ${path}`).toEqual([404, '']);
      const exchange = await finished(host, `${method} ${path}`);
      expect(exchange.hops.some((h) => h.to === 'handler')).toBe(false);
    }
    // First match wins, in function order: products/{category:alpha} shadows products/specials.
    expect(await get('/api/products/specials')).toMatchObject({
      function: 'products',
      params: { category: 'specials', id: null },
    });
    expect(host.exchanges.list().some((x) => x.functionName === 'specials')).toBe(false);
  },
  'return-value': async (call, host) => {
    // An http $return: ReturnValue is the response, and `status` counts there.
    const created = await call('POST', '/api/items', '{"name":"kettle"}', {
      'Content-Type': 'application/json',
    });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe('/api/items/1');
    expect(created.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(created.body).toBe('{\n  "id": 1,\n  "name": "kettle"\n}');
    expect(hintCodes(await finished(host, 'POST /api/items'))).toEqual([]);
    // A string ReturnValue is the whole body.
    const hello = await call('GET', '/api/hello?name=Ann');
    expect([hello.status, hello.headers['content-type'], hello.body]).toEqual([
      200,
      'text/plain; charset=utf-8',
      'Hello, Ann!',
    ]);
    // A queue $return next to Outputs.res: ReturnValue becomes the message.
    const archived = await call('POST', '/api/archive', 'old stuff', { 'Content-Type': 'text/plain' });
    expect([archived.status, archived.body]).toEqual([202, 'Archived']);
    const message = host.queues.store.peek('archive')[0]?.text ?? '';
    expect(message).toMatch(/^\{\n {2}"text": "old stuff",\n {2}"archivedAt": "[^"]+Z"\n\}$/);
  },
  'app-settings': async (call, host) => {
    const res = await call('GET', '/api/settings');
    expect(res.status).toBe(200);
    const { argv, env } = JSON.parse(res.body) as { argv: string[]; env: Record<string, string | null> };
    // %GREETING% and %FUNCTIONS_CUSTOMHANDLER_PORT% expanded; the unknown %NOT_A_SETTING% deleted.
    expect(argv).toEqual(['--greeting', 'Howdy', '--port', env.FUNCTIONS_CUSTOMHANDLER_PORT, '--region']);
    expect(env).toMatchObject({
      GREETING: 'Howdy',
      ORDERS_QUEUE: 'orders-eu',
      FUNCTIONS_WORKER_RUNTIME: 'custom',
      AZURE_FUNCTIONS_ENVIRONMENT: 'Development',
      WEBSITE_HOSTNAME: `localhost:${host.frontDoorPort}`,
      NOT_A_SETTING: null,
    });
    // queueName "%ORDERS_QUEUE%", on the output and on the trigger.
    const order = await call('POST', '/api/order', 'two kettles', { 'Content-Type': 'text/plain' });
    expect([order.status, order.body]).toEqual([202, "Order queued on 'orders-eu'"]);
    const fulfil = await finished(host, 'orders-eu → fulfil');
    expect(fulfil.state).toBe('succeeded');
    expect(fulfil.logs).toEqual(["Fulfilling 'two kettles' (dequeue count 1)"]);
    expect(fulfil.causedBy).toBe((await finished(host, 'POST /api/order')).id);
  },
  mcp: async (call, host) => {
    // The profile proxies every path: /mcp reaches the handler with no /api prefix.
    const rpc = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
    const init = await call(
      'POST',
      '/mcp',
      '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}',
      rpc,
    );
    expect(init.status).toBe(200);
    const session = init.headers['mcp-session-id'];
    expect(session).toMatch(UUID);
    expect(JSON.parse(init.body)).toMatchObject({ id: 1, result: { protocolVersion: '2025-06-18' } });
    const exchange = await finished(host, 'POST /mcp');
    expect([exchange.mode, exchange.functionName]).toEqual(['proxy', 'http-handler1']);
    const toHandler = exchange.hops.find((h) => h.from === 'host' && h.to === 'handler')?.message?.parsed;
    expect(toHandler?.startLine).toBe('POST /mcp HTTP/1.1');
    expect(toHandler?.headers.map(([k]) => k.toLowerCase())).toContain('x-forwarded-host');
    const withSession = { ...rpc, 'Mcp-Session-Id': String(session) };
    const initialized = await call(
      'POST',
      '/mcp',
      '{"jsonrpc":"2.0","method":"notifications/initialized"}',
      withSession,
    );
    expect([initialized.status, initialized.body]).toEqual([202, '']);
    const list = await call('POST', '/mcp', '{"jsonrpc":"2.0","id":2,"method":"tools/list"}', withSession);
    const tools = (JSON.parse(list.body) as { result: { tools: { name: string }[] } }).result.tools;
    expect(tools.map((t) => t.name)).toEqual(['add', 'countdown']);
    const stream = await call(
      'POST',
      '/mcp',
      '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"countdown","arguments":{"from":2,"delayMs":10}}}',
      withSession,
    );
    expect(stream.headers['content-type']).toBe('text/event-stream');
    expect(stream.body.match(/^data: /gm)).toHaveLength(3);
    const unknown = await call('POST', '/mcp', '{"jsonrpc":"2.0","id":4,"method":"tools/list"}', {
      ...rpc,
      'Mcp-Session-Id': 'not-a-session',
    });
    expect(unknown.status).toBe(404);
  },
  mistakes: async (call, host) => {
    // Each mistake: what the caller gets, and the hint on the exchange.
    const plain = await call('GET', '/api/plainText');
    expect([plain.status, plain.body]).toEqual([500, '']);
    expect(hintCodes(await finished(host, 'GET /api/plainText'))).toEqual(['non-json-result']);
    const non2xx = await call('GET', '/api/non2xx/42');
    expect([non2xx.status, non2xx.body]).toEqual([500, '']);
    const failed = await finished(host, 'GET /api/non2xx/42');
    expect(hintCodes(failed)).toEqual(['non-2xx-result']);
    expect([failed.logs, failed.outputs]).toEqual([[], []]);
    expect(host.queues.store.count('lookup-misses')).toBe(0);
    const status = await call('POST', '/api/statusField');
    expect([status.status, status.body]).toEqual([200, 'Created']);
    expect(hintCodes(await finished(host, 'POST /api/statusField'))).toEqual(['status-not-statuscode']);
    // ?fixed=true: the same functions done right, with no hints.
    const fixedPlain = await call('GET', '/api/plainText?fixed=true');
    expect([fixedPlain.status, fixedPlain.body]).toEqual([200, 'Hello from plainText']);
    const fixedNon2xx = await call('GET', '/api/non2xx/42?fixed=true');
    expect([fixedNon2xx.status, fixedNon2xx.body]).toEqual([404, 'There is no item 42.']);
    expect(host.queues.store.count('lookup-misses')).toBe(1);
    const fixedStatus = await call('POST', '/api/statusField?fixed=true');
    expect([fixedStatus.status, fixedStatus.body]).toEqual([201, 'Created']);
    for (const title of [
      'GET /api/plainText?fixed=true',
      'GET /api/non2xx/42?fixed=true',
      'POST /api/statusField?fixed=true',
    ]) {
      expect(hintCodes(await finished(host, title)), title).toEqual([]);
    }
  },
};

function request(
  port: number,
  method: string,
  path: string,
  body?: string,
  headers?: Record<string, string>,
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('every example has a check of what it shows', () => {
  expect(Object.keys(CHECKS).sort()).toEqual(NAMES);
});

describe.each(NAMES)('examples/%s', (name) => {
  let events: HostEvent[] = [];
  let root: string;
  let host: FunctionHost;

  beforeAll(async () => {
    // A temp copy, so nothing the handler or the host writes lands in the repository.
    root = mkdtempSync(join(tmpdir(), `fchp-example-${name}-`));
    cpSync(join(EXAMPLES, name), root, { recursive: true });
    // examples/package.json makes the handlers CommonJS; keep it next to the copy.
    cpSync(join(EXAMPLES, 'package.json'), join(root, 'package.json'));
    const started = await startHostOn(root);
    host = started.host;
    events = started.events;
  });
  afterAll(async () => {
    await host?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const errorLogs = () => events.flatMap((e) => (e.type === 'log' && e.level === 'error' ? [e.message] : []));

  test('loads with no error diagnostics and reaches Running', () => {
    const functions = events.filter((e) => e.type === 'functions').pop();
    expect(functions, 'a functions event').toBeDefined();
    if (functions?.type !== 'functions') return;
    expect(functions.functions.length).toBeGreaterThan(0);
    expect(functions.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const states = events.flatMap((e) => (e.type === 'host.status' ? [e.state] : []));
    expect(states, `logs:\n${errorLogs().join('\n')}`).toContain('Running');
    expect(states).not.toContain('Error');
    expect(errorLogs()).toEqual([]);
  });

  test('does what it shows', async () => {
    const check = CHECKS[name];
    expect(check, `a check for examples/${name}`).toBeDefined();
    await check!(
      (method, path, body, headers) => request(host.frontDoorPort!, method, path, body, headers),
      host,
    );
    // Some examples fail on purpose; their failures are the point.
    if (!FAILS_ON_PURPOSE.has(name)) expect(errorLogs()).toEqual([]);
  }, 20_000);
});
