import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueServiceClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { azuriteConnectionString, startAzurite } from '../../runtime/node/storage/azurite';
import type { RunningAzurite } from '../../runtime/node/storage/azurite';
import { CliHost } from '../support/cliHost';

// The CLI host against real storage queues: Azurite's queue service, started from node_modules on
// 127.0.0.1 by this file (and once by the host itself for --storage azurite), driven through the
// Azure Storage SDK as another client would.

const HANDLER = `
const http = require('http');
const fs = require('fs');
const path = require('path');
const log = path.join(__dirname, 'invocations.jsonl');
http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const fn = req.url.slice(1).split('?')[0];
    const payload = JSON.parse(body || '{}');
    const meta = payload.Metadata || {};
    fs.appendFileSync(log, JSON.stringify({ fn, data: payload.Data, dequeueCount: meta.DequeueCount }) + '\\n');
    res.setHeader('Content-Type', 'application/json');
    if (fn === 'Order') {
      const id = payload.Data.req.Query.id;
      res.end(JSON.stringify({ Outputs: { res: { statusCode: 202, body: 'queued' }, order: { id } } }));
    } else if (fn === 'Hang') {
      fs.writeFileSync(path.join(__dirname, 'hang.pid'), String(process.pid));
    } else if (fn === 'Fail') {
      res.statusCode = 500;
      res.end('{}');
    } else {
      res.end(JSON.stringify({ Outputs: {}, Logs: [fn + ' ran'] }));
    }
  });
}).listen(Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT), '127.0.0.1');
`;

interface Invocation {
  fn: string;
  data: Record<string, string>;
  dequeueCount?: string;
}

function writeApp(connectionString: string): string {
  const root = mkdtempSync(join(tmpdir(), 'fchp-storage-app-'));
  const put = (path: string, value: unknown) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  };
  put('host.json', {
    version: '2.0',
    customHandler: { description: { defaultExecutablePath: 'node', defaultWorkerPath: 'handler.cjs' } },
    // A short polling ceiling keeps the back-off after an outage within the test's patience.
    extensions: { queues: { maxPollingInterval: '00:00:02' } },
  });
  put('local.settings.json', {
    IsEncrypted: false,
    Values: { FUNCTIONS_WORKER_RUNTIME: 'custom', AzureWebJobsStorage: connectionString },
  });
  put('handler.cjs', HANDLER);
  put('Order/function.json', {
    bindings: [
      { type: 'httpTrigger', direction: 'in', name: 'req', methods: ['post'] },
      { type: 'http', direction: 'out', name: 'res' },
      { type: 'queue', direction: 'out', name: 'order', queueName: 'orders' },
    ],
  });
  put('Ship/function.json', {
    bindings: [
      {
        type: 'queueTrigger',
        direction: 'in',
        name: 'order',
        queueName: 'orders',
        connection: 'AzureWebJobsStorage',
      },
    ],
  });
  put('Pickup/function.json', {
    bindings: [{ type: 'queueTrigger', direction: 'in', name: 'item', queueName: 'inbox' }],
  });
  put('Hang/function.json', {
    bindings: [{ type: 'queueTrigger', direction: 'in', name: 'job', queueName: 'slow' }],
  });
  put('Fail/function.json', {
    bindings: [{ type: 'queueTrigger', direction: 'in', name: 'job', queueName: 'doomed' }],
  });
  return root;
}

function invocations(root: string): Invocation[] {
  const file = join(root, 'invocations.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Invocation);
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const unbase64 = (text: string) => Buffer.from(text, 'base64').toString('utf8');

async function post(port: number, path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST' });
  return { status: res.status, body: await res.text() };
}

/** Whether something listens on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

describe('queues in Azure Storage (Azurite)', () => {
  // One Azurite, on a port chosen up front and started only once the first host has found it
  // unreachable; the tests run in order and share it.
  let port: number;
  let endpoint: string;
  let sdk: QueueServiceClient;
  let root: string;
  let first: CliHost;
  const hosts: CliHost[] = [];
  const started: RunningAzurite[] = [];
  const runHost = async (args: string[]) => {
    const host = new CliHost(root, args);
    hosts.push(host);
    await host.waitForRunning();
    return host;
  };
  const count = async (queue: string) =>
    (await sdk.getQueueClient(queue).getProperties()).approximateMessagesCount;
  const ran = (fn: string) => invocations(root).filter((i) => i.fn === fn);

  beforeAll(async () => {
    port = await freePort();
    endpoint = `http://127.0.0.1:${port}/devstoreaccount1`;
    sdk = QueueServiceClient.fromConnectionString(azuriteConnectionString(port));
    root = writeApp(azuriteConnectionString(port));
  });

  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.stop()));
    await Promise.all(started.map((a) => a.stop()));
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  test('an unreachable endpoint: a clear error naming it, the host keeps serving, and it recovers', async () => {
    first = await runHost(['--storage', azuriteConnectionString(port)]);
    await first.waitFor(
      () => first.logs().some((l) => l.startsWith(`Cannot reach the storage queue service at ${endpoint}: `)),
      'the unreachable error',
    );
    // An output that cannot be written fails the invocation; the caller still gets the handler's answer.
    expect((await post(first.port, '/api/Order?id=1')).status).toBe(202);
    await first.waitFor(
      () =>
        first
          .logs()
          .some((l) =>
            l.startsWith(`Output 'order' of Order: Could not add a message to queue 'orders' at ${endpoint}`),
          ),
      'the output error',
    );
    expect(first.running).toBe(true);
    // Reported once per outage, not once per poll.
    expect(first.logs().filter((l) => l.startsWith('Cannot reach')).length).toBe(1);

    started.push(await startAzurite({ port }));
    await first.waitFor(
      () => first.logs().includes(`The storage queue service at ${endpoint} answers again.`),
      'the listeners to reach it',
    );
  }, 120_000);

  test('a message sent by another client (the SDK) is picked up, run, and deleted after success', async () => {
    // Base64, as the SDKs' and the extension's default messageEncoding expects.
    await sdk.getQueueClient('inbox').createIfNotExists();
    await sdk.getQueueClient('inbox').sendMessage(base64('from another client'));
    await first.waitFor(() => ran('Pickup').length === 1, 'Pickup to run');
    expect(JSON.parse(ran('Pickup')[0]!.data.item!)).toBe('from another client');
    expect(ran('Pickup')[0]!.dequeueCount).toBe('1');
    // Deleted, not merely invisible: the approximate count includes invisible messages.
    await expect.poll(() => count('inbox'), { timeout: 10_000 }).toBe(0);
  }, 60_000);

  test('a message that fails a fifth time goes to <queue>-poison', async () => {
    await sdk.getQueueClient('doomed').createIfNotExists();
    await sdk.getQueueClient('doomed').sendMessage(base64('never works'));
    await first.waitFor(
      () => first.logs().some((l) => l.includes("Moving message to queue 'doomed-poison'")),
      'the poison move',
      60_000,
    );
    expect(ran('Fail').map((a) => a.dequeueCount)).toEqual(['1', '2', '3', '4', '5']);
    expect(first.logs()).toContain(
      "Message has reached MaxDequeueCount of 5. Moving message to queue 'doomed-poison'.",
    );
    await expect.poll(() => count('doomed-poison').catch(() => 0), { timeout: 10_000 }).toBe(1);
    const poisoned = await sdk.getQueueClient('doomed-poison').receiveMessages();
    expect(poisoned.receivedMessageItems.map((m) => unbase64(m.messageText))).toEqual(['never works']);
    await expect.poll(() => count('doomed'), { timeout: 10_000 }).toBe(0);
    expect(await first.stop()).toBe(130);
  }, 90_000);

  test('--storage alone uses the connection setting, and a message left while the host was stopped runs after start', async () => {
    await sdk.getQueueClient('inbox').sendMessage(base64('sent while the host was stopped'));
    const host = await runHost(['--storage']);
    await host.waitFor(() => ran('Pickup').length === 2, 'the waiting message');
    expect(JSON.parse(ran('Pickup')[1]!.data.item!)).toBe('sent while the host was stopped');
    await expect.poll(() => count('inbox'), { timeout: 10_000 }).toBe(0);
    expect(await host.stop()).toBe(130);
  }, 90_000);

  test('a host killed mid-invocation leaves its message leased, to come back after the lease, not lost', async () => {
    await sdk.getQueueClient('slow').createIfNotExists();
    await sdk.getQueueClient('slow').sendMessage(base64('in flight'));
    const host = await runHost(['--storage']);
    await host.waitFor(() => ran('Hang').length === 1, 'Hang to start');
    host.kill();
    await host.exited;
    try {
      // Still in the queue (the approximate count includes invisible messages) but leased: no other
      // receiver gets it until the host's lease runs out, as with the real listener.
      expect(await count('slow')).toBe(1);
      const now = await sdk.getQueueClient('slow').receiveMessages({ numberOfMessages: 32 });
      expect(now.receivedMessageItems).toEqual([]);
    } finally {
      // The handler was the killed host's child; it is not this test's subject.
      const pid = Number(readFileSync(join(root, 'hang.pid'), 'utf8'));
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone with its host
      }
    }
  }, 90_000);

  test('--storage azurite: HTTP → queue → function, with the same hops, and the message deleted', async () => {
    const host = await runHost(['--storage', 'azurite']);
    const where = host.logs().find((l) => l.startsWith('Queues: Azurite, started for this session at'));
    expect(where).toMatch(/at http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1 \(stops with the host\)/);
    const own = QueueServiceClient.fromConnectionString(/Connection string: (.+)$/.exec(where!)![1]!);

    expect(await post(host.port, '/api/Order?id=42')).toEqual({ status: 202, body: 'queued' });
    await host.waitFor(() => invocations(root).some((i) => i.fn === 'Ship'), 'Ship to run');
    const ship = invocations(root).find((i) => i.fn === 'Ship')!;
    // The object output, re-serialized indented, reached the trigger through the real queue.
    expect(JSON.parse(ship.data.order!)).toBe('{\n  "id": "42"\n}');
    expect(ship.dequeueCount).toBe('1');

    await host.waitFor(
      () => host.exchanges().filter((e) => e.state !== 'in-progress').length >= 2,
      'both exchanges to finish',
    );
    const [http, queued] = host.exchanges();
    const sent = http!.hops.find((h) => h.from === 'host' && h.to === 'queue');
    expect(sent?.note).toMatch(/^enqueued to 'orders' as [0-9a-f-]{36}: \{\n {2}"id": "42"\n\}$/);
    expect(queued!.trigger).toBe('queue');
    expect(queued!.title).toBe('orders → Ship');
    expect(queued!.causedBy).toBe(http!.id);
    expect(queued!.hops[0]!.note).toMatch(/^message [0-9a-f-]{36} from 'orders' \(dequeue count 1\): \{/);
    expect(queued!.state).toBe('succeeded');

    // Deleted after success: not merely invisible (the count includes invisible messages).
    await expect
      .poll(async () => (await own.getQueueClient('orders').getProperties()).approximateMessagesCount, {
        timeout: 10_000,
      })
      .toBe(0);

    expect(await host.stop()).toBe(130);
    // The Azurite it started stopped with it.
    expect(await accepts(Number(new URL(own.url).port))).toBe(false);
  }, 90_000);
});
