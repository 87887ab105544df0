import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { FunctionDef } from '../../../core/app/functionJson';
import { readQueuesOptions } from '../../../core/queues/queueOptions';
import type { QueueMessage } from '../../../core/queues/queueStore';
import { FakeQueueStorage } from '../../testing/fakeQueueStorage';
import { StorageHealth } from './storageHealth';
import { StorageQueueListener } from './storageQueueListener';

const fn = { name: 'Work' } as FunctionDef;
const b64 = (text: string) => btoa(text);

function setup(
  options: Record<string, unknown>,
  invoke: (message: QueueMessage) => Promise<boolean>,
  extra: { leaseMs?: number } = {},
) {
  const storage = new FakeQueueStorage();
  const logs: string[] = [];
  const ran: QueueMessage[] = [];
  let running = 0;
  let mostRunning = 0;
  const listener = new StorageQueueListener({
    storage,
    health: new StorageHealth(storage.endpoint, (_level, message) => logs.push(message)),
    fn,
    queue: 'work',
    options: readQueuesOptions(options, 1).options,
    invoke: (_fn, _queue, message) => {
      ran.push(message);
      return invoke(message);
    },
    decode: (stored) => {
      try {
        return atob(stored);
      } catch {
        return undefined;
      }
    },
    log: (_level, message) => logs.push(message),
    added: () => undefined,
    running: (delta) => {
      running += delta;
      mostRunning = Math.max(mostRunning, running);
    },
    random: () => 0.5,
    ...extra,
  });
  return { storage, logs, ran, listener, mostRunning: () => mostRunning };
}

describe('StorageQueueListener against a storage service', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('runs a message with its decoded text and deletes it on success', async () => {
    const t = setup({}, async () => true);
    t.storage.store.enqueue('work', b64('hello'));
    t.listener.start();
    await vi.advanceTimersByTimeAsync(50);
    expect(t.ran.map((m) => [m.text, m.dequeueCount])).toEqual([['hello', 1]]);
    expect(t.storage.store.count('work')).toBe(0);
    t.listener.stop();
  });

  test('a failure is released with visibilityTimeout; the maxDequeueCount-th goes to <queue>-poison as stored', async () => {
    const t = setup({ maxDequeueCount: 3, visibilityTimeout: '00:00:05' }, async () => false);
    t.storage.store.enqueue('work', b64('doomed'));
    t.listener.start();
    await vi.advanceTimersByTimeAsync(50);
    expect(t.ran).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(t.ran).toHaveLength(1); // still invisible
    await vi.advanceTimersByTimeAsync(20_000);
    expect(t.ran.map((m) => m.dequeueCount)).toEqual([1, 2, 3]);
    expect(t.storage.store.count('work')).toBe(0);
    expect(t.storage.store.peek('work-poison').map((m) => m.text)).toEqual([b64('doomed')]);
    expect(t.logs).toContain(
      "Message has reached MaxDequeueCount of 3. Moving message to queue 'work-poison'.",
    );
    t.listener.stop();
  });

  test('renews the lease at half term while the function runs, and deletes with the latest receipt', async () => {
    let finish!: (ok: boolean) => void;
    const t = setup({}, () => new Promise<boolean>((resolve) => (finish = resolve)), { leaseMs: 10_000 });
    t.storage.store.enqueue('work', b64('slow'));
    t.listener.start();
    await vi.advanceTimersByTimeAsync(50);
    await vi.advanceTimersByTimeAsync(26_000);
    // Renewed at 5 s, 10 s, 15 s, 20 s and 25 s: never visible to another receiver meanwhile.
    expect(t.storage.count('update', 'work')).toBe(5);
    expect(t.storage.store.peek('work')).toEqual([]);
    finish(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(t.storage.store.count('work')).toBe(0);
    expect(t.ran).toHaveLength(1);
    t.listener.stop();
  });

  test('runs at most batchSize + newBatchThreshold at once, fetching again once at or below the threshold', async () => {
    const finishers: ((ok: boolean) => void)[] = [];
    const t = setup({ batchSize: 2, newBatchThreshold: 1 }, () => new Promise((r) => finishers.push(r)));
    for (let i = 0; i < 6; i++) t.storage.store.enqueue('work', b64(`m${i}`));
    t.listener.start();
    await vi.advanceTimersByTimeAsync(50);
    expect(t.ran).toHaveLength(2);
    finishers.shift()!(true);
    await vi.advanceTimersByTimeAsync(50);
    expect(t.ran).toHaveLength(4);
    expect(t.mostRunning()).toBe(3);
    while (finishers.length) finishers.shift()!(true);
    await vi.advanceTimersByTimeAsync(50);
    while (finishers.length) finishers.shift()!(true);
    await vi.advanceTimersByTimeAsync(50);
    expect(t.ran).toHaveLength(6);
    expect(t.storage.store.count('work')).toBe(0);
    t.listener.stop();
  });

  test('backs off while the queue is missing or empty, and a message this host adds cuts the wait short', async () => {
    const t = setup({ maxPollingInterval: '00:00:10' }, async () => true);
    t.listener.start();
    await vi.advanceTimersByTimeAsync(60_000);
    // 100, 200, 300, 500, 900, 1700, 3300, 6500 ms, then 10 s apiece: a handful of existence checks, not hundreds.
    const checks = t.storage.count('exists', 'work');
    expect(checks).toBeGreaterThan(8);
    expect(checks).toBeLessThan(16);
    expect(t.storage.count('receive', 'work')).toBe(0);

    t.storage.store.createIfNotExists('work');
    t.storage.store.enqueue('work', b64('from elsewhere'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.ran.map((m) => m.text)).toEqual(['from elsewhere']);

    // Now the queue is empty again and the listener at its longest wait; a notify wakes it at once.
    await vi.advanceTimersByTimeAsync(60_000);
    t.storage.store.enqueue('work', b64('from this host'));
    t.listener.notify();
    await vi.advanceTimersByTimeAsync(50);
    expect(t.ran.map((m) => m.text)).toEqual(['from elsewhere', 'from this host']);
    t.listener.stop();
  });

  test('an unreachable service is reported once, retried with back-off, and its return noted', async () => {
    const t = setup({ maxPollingInterval: '00:00:02' }, async () => true);
    t.storage.store.createIfNotExists('work');
    t.storage.down = true;
    t.listener.start();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(t.storage.count('exists', 'work')).toBeGreaterThan(5);
    expect(t.logs.filter((l) => l.startsWith('Cannot reach'))).toEqual([
      'Cannot reach the storage queue service at http://fake.queue.test/account: connect ECONNREFUSED 192.0.2.1:443. The queue listeners keep retrying with their polling back-off.',
    ]);
    t.storage.down = false;
    t.storage.store.enqueue('work', b64('kept'));
    await vi.advanceTimersByTimeAsync(2_500);
    expect(t.ran.map((m) => m.text)).toEqual(['kept']);
    expect(t.logs).toContain('The storage queue service at http://fake.queue.test/account answers again.');
    t.listener.stop();
  });

  test('a message that is not valid base64 never runs and goes to the poison queue unchanged', async () => {
    const t = setup({}, async () => true);
    t.storage.store.enqueue('work', 'not base64!');
    t.listener.start();
    await vi.advanceTimersByTimeAsync(50);
    expect(t.ran).toEqual([]);
    expect(t.storage.store.count('work')).toBe(0);
    expect(t.storage.store.peek('work-poison').map((m) => m.text)).toEqual(['not base64!']);
    t.listener.stop();
  });
});
