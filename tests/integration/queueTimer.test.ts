import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FunctionHost } from '../../runtime/node/nodeHost';
import { farDailySchedule } from '../support/farSchedule';
import { startHostOn } from '../support/startHost';
import { LANGUAGES, TestApp } from '../support/testApp';

const JSON_OK = { 'Content-Type': 'application/json' };
const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');
const GUID = '[0-9a-f-]{36}';
const DATE = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00';

describe.each(LANGUAGES)('queue trigger with a %s handler', (language) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({
      language,
      extensions: { queues: { maxDequeueCount: 3, visibilityTimeout: '00:00:00' } },
      functions: {
        QueueFn: { bindings: [{ type: 'queueTrigger', direction: 'in', name: 'msg', queueName: 'jobs' }] },
        Flaky: { bindings: [{ type: 'queueTrigger', direction: 'in', name: 'job', queueName: 'work' }] },
        Bin: {
          bindings: [
            { type: 'queueTrigger', direction: 'in', name: 'raw', queueName: 'bytes', dataType: 'binary' },
          ],
        },
      },
      responses: {
        '*': { headers: JSON_OK, body: '{}' },
        '/Flaky': { status: 500, headers: JSON_OK, body: '{}' },
      },
    });
  });
  afterAll(() => app.stop());

  const requestsTo = (path: string) => app.requests().filter((r) => r.target === path);

  test("the reference's queue payload, byte for byte", async () => {
    app.host.enqueue('jobs', '{"orderId":7,"note":"hi"}');
    await app.waitFor(() => requestsTo('/QueueFn').length === 1);
    const got = requestsTo('/QueueFn')[0]!;
    expect(got.rawHead.split('\r\n')[0]).toBe('POST /QueueFn HTTP/1.1');
    expect(got.body).toMatch(
      new RegExp(
        '^' +
          '\\{"Data":\\{"msg":"\\\\"\\{\\\\\\\\\\\\"orderId\\\\\\\\\\\\":7,\\\\\\\\\\\\"note\\\\\\\\\\\\":\\\\\\\\\\\\"hi\\\\\\\\\\\\"\\}\\\\""\\},' +
          `"Metadata":\\{"DequeueCount":"1","ExpirationTime":"${DATE}","Id":"\\\\"${GUID}\\\\"","InsertionTime":"${DATE}",` +
          `"NextVisibleTime":"${DATE}","PopReceipt":"\\\\"[A-Za-z0-9+/=]+\\\\"",` +
          `"sys":\\{"MethodName":"QueueFn","UtcNow":"[^"]+","RandGuid":"${GUID}"\\},"orderId":"\\\\"7\\\\"","note":"\\\\"hi\\\\""\\}\\}$`,
      ),
    );
    const payload = JSON.parse(got.body);
    expect(JSON.parse(JSON.parse(payload.Data.msg))).toEqual({ orderId: 7, note: 'hi' });
    const m = payload.Metadata;
    expect(Date.parse(m.ExpirationTime) - Date.parse(m.InsertionTime)).toBe(7 * 24 * 3600 * 1000);
    expect(Date.parse(m.NextVisibleTime) - Date.parse(m.InsertionTime)).toBeGreaterThanOrEqual(
      10 * 60 * 1000 - 1000,
    );
    await app.waitFor(() => app.host.queues.store.count('jobs') === 0, 5000, 'the message deleted');
  });

  test('plain text is double-encoded; dataType binary sends base64', async () => {
    app.host.enqueue('jobs', 'hello');
    app.host.enqueue('bytes', 'hi');
    await app.waitFor(() => requestsTo('/QueueFn').length === 2 && requestsTo('/Bin').length === 1);
    expect(JSON.parse(requestsTo('/QueueFn')[1]!.body).Data.msg).toBe('"hello"');
    expect(JSON.parse(requestsTo('/Bin')[0]!.body).Data.raw).toBe('aGk=');
  });

  test('a failing message is retried up to maxDequeueCount, then moved to <queue>-poison', async () => {
    app.host.enqueue('work', 'doomed');
    await app.waitFor(() => app.host.queues.store.count('work-poison') === 1, 10_000, 'the poison move');
    const counts = requestsTo('/Flaky').map((r) => JSON.parse(r.body).Metadata.DequeueCount);
    expect(counts).toEqual(['1', '2', '3']);
    expect(app.host.queues.store.count('work')).toBe(0);
    expect(app.host.queues.store.peek('work-poison')[0]?.text).toBe('doomed');
    expect(app.logs()).toContain(
      "Message has reached MaxDequeueCount of 3. Moving message to queue 'work-poison'.",
    );
    expect(await app.host.movePoisonBack('work')).toBe(1);
    await app.waitFor(
      () => app.host.queues.store.count('work-poison') === 1 && requestsTo('/Flaky').length === 6,
      10_000,
      'the second poison move',
    );
  });

  test('admin invoke: 202, DequeueCount "0", far-future expiration, no Id or PopReceipt', async () => {
    const res = await app.request('POST', '/admin/functions/QueueFn', { body: '{"input":"by hand"}' });
    expect(res.status).toBe(202);
    await app.waitFor(() =>
      requestsTo('/QueueFn').some((r) => JSON.parse(r.body).Metadata.DequeueCount === '0'),
    );
    const m = JSON.parse(
      requestsTo('/QueueFn').find((r) => JSON.parse(r.body).Metadata.DequeueCount === '0')!.body,
    );
    expect(m.Data.msg).toBe('"by hand"');
    expect(m.Metadata.ExpirationTime).toBe('9999-12-31T23:59:59+00:00');
    expect(m.Metadata).not.toHaveProperty('Id');
    expect(m.Metadata).not.toHaveProperty('PopReceipt');
  });
});

describe('queue outputs', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({
      functions: {
        producer: {
          bindings: [
            { type: 'httpTrigger', direction: 'in', name: 'req', authLevel: 'anonymous' },
            { type: 'http', direction: 'out', name: 'res' },
            { type: 'queue', direction: 'out', name: 'out', queueName: 'outbox' },
          ],
        },
      },
    });
  });
  afterAll(() => app.stop());

  test.each([
    ['an array gives one message per element', '["a","b",{"c":1}]', ['a', 'b', '{\n  "c": 1\n}']],
    ['a string holding a JSON object is re-serialized indented', '"{\\"x\\":1}"', ['{\n  "x": 1\n}']],
    ['an object is written as indented JSON', '{"y":true}', ['{\n  "y": true\n}']],
    ['a number is its text', '42', ['42']],
  ])('%s', async (_name, value, messages) => {
    app.host.clearQueue('outbox');
    app.setResponses({
      '/producer': { headers: JSON_OK, body: `{"Outputs":{"out":${value},"res":{"body":"ok"}}}` },
    });
    expect((await app.request('POST', '/api/producer')).status).toBe(200);
    expect(app.host.queues.store.peek('outbox', 32).map((m) => m.text)).toEqual(messages);
  });

  test('a string that happens to be valid base64 is decoded, with a hint', async () => {
    app.host.clearQueue('outbox');
    app.setResponses({
      '/producer': { headers: JSON_OK, body: '{"Outputs":{"out":"aGVsbG8=","res":{"body":"ok"}}}' },
    });
    await app.request('POST', '/api/producer');
    expect(app.host.queues.store.peek('outbox')[0]?.text).toBe('hello');
    await app.waitFor(() => app.exchanges().some((x) => x.hints.some((h) => h.code === 'base64-output')));
  });

  test('queued messages survive an app reload', async () => {
    app.host.clearQueue('outbox');
    app.host.enqueue('outbox', 'keep me');
    await app.host.reload();
    await app.waitForState('Running');
    expect(app.host.queues.store.peek('outbox')[0]?.text).toBe('keep me');
  });
});

describe('the order chain: HTTP → orders → processOrder → shipments', () => {
  let root: string;
  let host: FunctionHost;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fchp-order-'));
    cpSync(join(EXAMPLES, 'order'), root, { recursive: true });
    writeFileSync(join(root, 'package.json'), '{"type":"commonjs"}');
    const started = await startHostOn(root);
    host = started.host;
    expect(started.events.filter((e) => e.type === 'host.status').pop()).toMatchObject({ state: 'Running' });
  });
  afterAll(async () => {
    await host.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('the shipment arrives and each invocation points to the one that caused it', async () => {
    const res = await host.performRequest({
      method: 'POST',
      path: '/api/order',
      headers: [['Content-Type', 'application/json']],
      body: '{"id":1005,"quantity":2,"color":"black"}',
    });
    expect(res.status).toBe(200);
    const deadline = Date.now() + 10_000;
    while (host.queues.store.count('shipments') === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(JSON.parse(host.queues.store.peek('shipments')[0]!.text)).toEqual({
      orderId: 1005,
      quantity: 2,
      status: 'shipped',
    });
    const exchanges = host.exchanges.list();
    const http = exchanges.find((x) => x.id === res.exchangeId)!;
    const queued = exchanges.find((x) => x.trigger === 'queue' && x.functionName === 'processOrder')!;
    expect(queued.causedBy).toBe(http.id);
    expect(queued.logs).toEqual(['Shipping order 1005 (dequeue count 1)']);
    expect(http.hops.some((h) => h.from === 'host' && h.to === 'queue')).toBe(true);
  });
});

describe('timer trigger on virtual time', () => {
  let app: TestApp;
  const daily = farDailySchedule();
  beforeAll(async () => {
    app = await TestApp.start({
      functions: {
        Daily: {
          bindings: [{ type: 'timerTrigger', direction: 'in', name: 'myTimer', schedule: daily.schedule }],
        },
        Fast: {
          bindings: [
            {
              type: 'timerTrigger',
              direction: 'in',
              name: 't',
              schedule: '*/10 * * * * *',
              runOnStartup: true,
            },
          ],
        },
      },
      localSettings: { Values: { FUNCTIONS_WORKER_RUNTIME: 'custom', WEBSITE_TIME_ZONE: 'UTC' } },
    });
  });
  afterAll(() => app.stop());
  const requestsTo = (path: string) => app.requests().filter((r) => r.target === path);

  test('runOnStartup fires at once; a schedule faster than once a minute has no monitor', async () => {
    await app.waitFor(() => requestsTo('/Fast').length >= 1);
    const payload = JSON.parse(requestsTo('/Fast')[0]!.body);
    expect(payload.Data.t).toEqual({
      Schedule: { AdjustForDST: true },
      ScheduleStatus: null,
      IsPastDue: false,
    });
    expect(Object.keys(payload.Metadata)).toEqual(['sys']);
    app.host.timers.setPaused('Fast', true);
  });

  test('fast-forward runs a daily schedule now, with a fresh monitor status, then Last is kept', async () => {
    const next = app.host.timers.snapshot().find((t) => t.functionName === 'Daily')!.next[0]!;
    expect(new Date(next).getUTCHours()).toBe(daily.hour);
    app.host.timers.fastForward('Daily');
    await app.waitFor(() => requestsTo('/Daily').length === 1);
    const first = JSON.parse(requestsTo('/Daily')[0]!.body).Data.myTimer;
    expect(first).toEqual({
      Schedule: { AdjustForDST: true },
      ScheduleStatus: {
        Last: '0001-01-01T00:00:00+00:00',
        Next: new Date(next).toISOString().replace('.000Z', '+00:00'),
        LastUpdated: '0001-01-01T00:00:00+00:00',
      },
      IsPastDue: false,
    });
    app.host.timers.fastForward('Daily');
    await app.waitFor(() => requestsTo('/Daily').length === 2);
    const second = JSON.parse(requestsTo('/Daily')[1]!.body).Data.myTimer;
    expect(Date.parse(second.ScheduleStatus.Last)).toBeGreaterThanOrEqual(next);
    expect(Date.parse(second.ScheduleStatus.Next) - next).toBe(24 * 3600 * 1000);
    expect(JSON.parse(requestsTo('/Daily')[1]!.body).Metadata.sys.UtcNow.slice(0, 13)).toBe(
      second.ScheduleStatus.Next.slice(0, 13),
    );
  });

  test('a paused timer that missed its occurrence runs past due when resumed', async () => {
    app.host.timers.setPaused('Daily', true);
    const before = requestsTo('/Daily').length;
    app.host.clock.advanceTo(app.host.clock.now() + 25 * 3600 * 1000);
    await new Promise((r) => setTimeout(r, 100));
    expect(requestsTo('/Daily').length).toBe(before);
    app.host.timers.setPaused('Daily', false);
    await app.waitFor(() => requestsTo('/Daily').length === before + 1);
    expect(JSON.parse(requestsTo('/Daily')[before]!.body).Data.myTimer.IsPastDue).toBe(true);
  });

  test('fire now and admin invoke run it with IsPastDue false', async () => {
    const before = requestsTo('/Daily').length;
    expect(app.host.timers.fireNow('Daily')).toBe(true);
    expect((await app.request('POST', '/admin/functions/Daily', { body: '{"input":""}' })).status).toBe(202);
    await app.waitFor(() => requestsTo('/Daily').length === before + 2);
    expect(
      requestsTo('/Daily')
        .slice(before)
        .map((r) => JSON.parse(r.body).Data.myTimer.IsPastDue),
    ).toEqual([false, false]);
  });
});

describe('volume', () => {
  test('10,000 messages through a trivial handler: none lost, none duplicated', async () => {
    const app = await TestApp.start({
      hostJson: {
        version: '2.0',
        customHandler: { description: { defaultExecutablePath: 'node', defaultWorkerPath: 'counter.cjs' } },
      },
      functions: {
        drain: { bindings: [{ type: 'queueTrigger', direction: 'in', name: 'm', queueName: 'bulk' }] },
      },
      files: {
        'counter.cjs': readFileSync(
          join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'handlers', 'counter.cjs'),
          'utf8',
        ),
      },
    });
    try {
      for (let i = 0; i < 10_000; i++) app.host.enqueue('bulk', `m${i}`);
      await app.waitFor(
        () => readFileSync(join(app.root, 'seen.txt'), 'utf8').split('\n').length > 10_000,
        60_000,
        'all messages',
      );
      await app.waitFor(() => app.host.queues.store.count('bulk') === 0, 10_000, 'the queue drained');
      const seen = readFileSync(join(app.root, 'seen.txt'), 'utf8').split('\n').filter(Boolean);
      expect(seen.length).toBe(10_000);
      expect(new Set(seen).size).toBe(10_000);
    } finally {
      await app.stop();
    }
  }, 90_000);
});
