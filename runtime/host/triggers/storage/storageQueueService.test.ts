import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { BindingDef, FunctionDef } from '../../../core/app/functionJson';
import { jsonObject } from '../../../core/json/jsonNode';
import type { QueueMessage } from '../../../core/queues/queueStore';
import { FakeQueueStorage } from '../../testing/fakeQueueStorage';
import { StorageConnections } from './connections';
import { StorageQueueService } from './storageQueueService';

function queueFunction(name: string, queue: string): FunctionDef {
  const trigger = {
    index: 0,
    name: 'msg',
    type: 'queueTrigger',
    typeLower: 'queuetrigger',
    direction: 'in',
    props: jsonObject(),
    queueName: queue,
  } as BindingDef;
  return {
    name,
    file: `${name}/function.json`,
    bindings: [trigger],
    trigger,
    inputs: [],
    outputs: [],
    disabled: false,
  };
}

function setup() {
  const storage = new FakeQueueStorage();
  const logs: string[] = [];
  const service = new StorageQueueService({
    connections: new StorageConnections(
      { kind: 'fixed', connectionString: 'x=1', label: 'test' },
      () => storage,
    ),
    processorCount: 1,
    log: (_level, message) => logs.push(message),
    random: () => 0.5,
  });
  return { storage, logs, service };
}

describe('StorageQueueService', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('enqueue writes base64 of the bytes, creates the queue, and wakes its listener at once', async () => {
    const { storage, service } = setup();
    const ran: QueueMessage[] = [];
    service.configure(
      [queueFunction('Work', 'work')],
      undefined,
      async (_fn, _q, m) => (ran.push(m), true),
      {},
    );
    // Let the listener find the queue missing and back off for a while.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(storage.store.exists('work')).toBe(false);

    const id = await service.enqueue('work', { text: 'héllo', bytes: new TextEncoder().encode('héllo') });
    expect(storage.store.peek('work').map((m) => [m.id, m.text])).toEqual([[id, btoa('h\u00c3\u00a9llo')]]);
    // The listener was sleeping for seconds; being told of the message it runs it within a tick or two.
    await vi.advanceTimersByTimeAsync(20);
    expect(ran.map((m) => m.text)).toEqual(['héllo']);
    service.stop();
  });

  test('messageEncoding none writes the text as it is', async () => {
    const { storage, service } = setup();
    service.configure([], { messageEncoding: 'none' }, async () => true, {});
    await service.enqueue('plain', { text: 'as is' });
    expect(storage.store.peek('plain').map((m) => m.text)).toEqual(['as is']);
  });

  test('movePoisonBack moves the stored text back; clear removes everything', async () => {
    const { storage, service } = setup();
    service.configure([], undefined, async () => true, {});
    storage.store.enqueue('jobs-poison', 'b25l');
    storage.store.enqueue('jobs-poison', 'dHdv');
    expect(await service.movePoisonBack('jobs')).toBe(2);
    expect(storage.store.count('jobs-poison')).toBe(0);
    expect(storage.store.peek('jobs', 32).map((m) => m.text)).toEqual(['b25l', 'dHdv']);
    expect(await service.clear('jobs')).toBe(2);
    expect(storage.store.count('jobs')).toBe(0);
    expect(await service.clear('never-made')).toBe(0);
  });

  test('an unreachable service fails enqueue with the endpoint named', async () => {
    const { storage, service, logs } = setup();
    service.configure([], undefined, async () => true, {});
    storage.down = true;
    await expect(service.enqueue('work', { text: 'x' })).rejects.toThrow(
      "Could not add a message to queue 'work' at http://fake.queue.test/account: connect ECONNREFUSED 192.0.2.1:443",
    );
    expect(logs[0]).toMatch(
      /^Cannot reach the storage queue service at http:\/\/fake\.queue\.test\/account: /,
    );
  });

  test('the snapshot shows the queues it knows, decoded, after a change', async () => {
    const { service } = setup();
    const changes: number[] = [];
    service.subscribe(() => changes.push(1));
    service.configure([queueFunction('Work', 'work')], undefined, () => new Promise(() => undefined), {});
    await service.enqueue('outbox', { text: 'shown' });
    await vi.advanceTimersByTimeAsync(500);
    expect(changes.length).toBeGreaterThan(0);
    const outbox = service.snapshot().find((q) => q.name === 'outbox');
    expect(outbox).toMatchObject({ count: 1, visible: 1, inFlight: 0 });
    expect(outbox?.messages.map((m) => m.text)).toEqual(['shown']);
    expect(service.snapshot().map((q) => q.name)).toEqual(['outbox', 'work', 'work-poison']);
    service.stop();
  });
});
