import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HostEvent } from '../../runtime/core/control/protocol';
import { FunctionHost } from '../../runtime/node/host/functionHost';

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
  const events: HostEvent[] = [];
  let root: string;
  let host: FunctionHost;

  beforeAll(async () => {
    // A temp copy, so nothing the handler or the host writes lands in the repository.
    root = mkdtempSync(join(tmpdir(), `fchp-example-${name}-`));
    cpSync(join(EXAMPLES, name), root, { recursive: true });
    // examples/package.json makes the handlers CommonJS; keep it next to the copy.
    cpSync(join(EXAMPLES, 'package.json'), join(root, 'package.json'));
    host = new FunctionHost({ appRoot: root, port: 0 });
    host.subscribe((e) => events.push(e));
    await host.start();
    const deadline = Date.now() + 15_000;
    while (!events.some((e) => e.type === 'host.status' && (e.state === 'Running' || e.state === 'Error'))) {
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 10));
    }
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
    // The poison example fails on purpose; its failures are the point.
    if (name !== 'poison') expect(errorLogs()).toEqual([]);
  }, 20_000);
});
