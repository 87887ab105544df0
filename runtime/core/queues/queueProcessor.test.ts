import { describe, expect, test } from 'vitest';
import {
  afterProcessing,
  applyQueueMessageAction,
  beforeProcessing,
  messagesToFetch,
  poisonWarning,
  type QueueProcessingPolicy,
} from './queueProcessor';
import type { QueueMessage } from './queueStore';
import { makeTestStore } from './testStore';

const LEASE = 10 * 60_000;
const policy: QueueProcessingPolicy = { queueName: 'orders', maxDequeueCount: 3, visibilityTimeoutMs: 5000 };

describe('decisions', () => {
  test('success deletes', () => {
    expect(afterProcessing({ dequeueCount: 1 }, true, policy)).toEqual({ kind: 'delete' });
    expect(afterProcessing({ dequeueCount: 1 }, true, { ...policy, queueName: 'orders-poison' })).toEqual({
      kind: 'delete',
    });
  });

  test.each([
    [1, { kind: 'release', visibilityTimeoutMs: 5000 }],
    [2, { kind: 'release', visibilityTimeoutMs: 5000 }],
    [
      3,
      {
        kind: 'poison',
        poisonQueue: 'orders-poison',
        warning: "Message has reached MaxDequeueCount of 3. Moving message to queue 'orders-poison'.",
      },
    ],
  ])('failure at dequeueCount %i → %j', (dequeueCount, action) => {
    expect(afterProcessing({ dequeueCount }, false, policy)).toEqual(action);
  });

  test('messages up to maxDequeueCount run; one beyond it is poisoned without running', () => {
    expect(beforeProcessing({ dequeueCount: 3 }, policy)).toEqual({ run: true });
    expect(beforeProcessing({ dequeueCount: 4 }, policy)).toEqual({
      run: false,
      action: { kind: 'poison', poisonQueue: 'orders-poison', warning: poisonWarning(3, 'orders-poison') },
    });
  });

  test.each(['orders-poison', 'a'.repeat(60)])(
    'queue %j has no poison queue: failures stay invisible',
    (queueName) => {
      const p = { ...policy, queueName };
      expect(afterProcessing({ dequeueCount: 1 }, false, p)).toEqual({ kind: 'leaveInvisible' });
      expect(afterProcessing({ dequeueCount: 3 }, false, p)).toEqual({ kind: 'leaveInvisible' });
      expect(beforeProcessing({ dequeueCount: 4 }, p)).toEqual({
        run: false,
        action: { kind: 'leaveInvisible' },
      });
    },
  );

  test.each([
    [0, 16, 8, 16],
    [8, 16, 8, 16],
    [9, 16, 8, 0],
    [24, 16, 8, 0],
    [0, 1, 0, 1],
    [1, 1, 0, 0],
  ])('in flight %i, batch %i, threshold %i → fetch %i', (inFlight, batchSize, threshold, expected) => {
    expect(messagesToFetch(inFlight, batchSize, threshold)).toBe(expected);
  });
});

describe('retry and poison through the store', () => {
  // Runs the listener's loop for one message that always fails, with a hand-driven clock.
  function failUntilGone(queueName: string, maxDequeueCount: number) {
    const { store, advance } = makeTestStore();
    const p: QueueProcessingPolicy = { queueName, maxDequeueCount, visibilityTimeoutMs: 1000 };
    store.enqueue(queueName, '{"orderId":7}');
    const runs: number[] = [];
    const warnings: string[] = [];
    for (let round = 0; round < 10; round++) {
      const [message] = store.receive(queueName, 32, LEASE);
      if (!message) {
        advance(1000);
        continue;
      }
      const before = beforeProcessing(message, p);
      const action = before.run ? afterProcessing(message, false, p) : before.action;
      if (before.run) runs.push(message.dequeueCount);
      if (action.kind === 'poison') warnings.push(action.warning);
      expect(applyQueueMessageAction(store, queueName, message, action).ok).toBe(true);
    }
    return { store, runs, warnings };
  }

  test('a failing message is retried until maxDequeueCount, then moved to the poison queue', () => {
    const { store, runs, warnings } = failUntilGone('orders', 3);
    expect(runs).toEqual([1, 2, 3]);
    expect(warnings).toEqual([
      "Message has reached MaxDequeueCount of 3. Moving message to queue 'orders-poison'.",
    ]);
    expect(store.count('orders')).toBe(0);
    expect(store.list('orders-poison')).toEqual([
      expect.objectContaining({ text: '{"orderId":7}', dequeueCount: 0, visible: true }),
    ]);
  });

  test('with maxDequeueCount 1 the first failure poisons', () => {
    const { runs, store } = failUntilGone('orders', 1);
    expect(runs).toEqual([1]);
    expect(store.count('orders-poison')).toBe(1);
  });

  test('a message on a queue without a poison queue runs once, then stays invisible for its lease', () => {
    const { store, runs } = failUntilGone('orders-poison', 3);
    expect(runs).toEqual([1]);
    expect(store.list('orders-poison')).toEqual([
      expect.objectContaining({ dequeueCount: 1, visible: false }),
    ]);
    expect(store.exists('orders-poison-poison')).toBe(false);
  });

  test('a message that arrives already over the limit is poisoned without running', () => {
    const { store } = makeTestStore();
    store.enqueue('orders', 'late');
    for (let i = 0; i < 3; i++) {
      const [m] = store.receive('orders', 1, 0);
      expect(m).toBeDefined();
    }
    const [m] = store.receive('orders', 1, LEASE);
    expect(m?.dequeueCount).toBe(4);
    const before = beforeProcessing(m!, policy);
    expect(before.run).toBe(false);
    if (!before.run) {
      const applied = applyQueueMessageAction(store, 'orders', m!, before.action);
      expect(applied).toEqual({ ok: true, action: 'poison', poisonMessageId: 'm2' });
    }
    expect(store.count('orders')).toBe(0);
    expect(store.peek('orders-poison')).toEqual([expect.objectContaining({ id: 'm2', text: 'late' })]);
  });

  test('release makes the message visible again after the visibility timeout', () => {
    const { store, advance } = makeTestStore();
    store.enqueue('orders', 'x');
    const [m] = store.receive('orders', 1, LEASE);
    const action = afterProcessing(m!, false, policy);
    expect(applyQueueMessageAction(store, 'orders', m!, action)).toEqual({ ok: true, action: 'release' });
    advance(4999);
    expect(store.receive('orders', 1, LEASE)).toEqual([]);
    advance(1);
    expect(store.receive('orders', 1, LEASE)[0]?.dequeueCount).toBe(2);
  });

  test('a lost lease is reported; poisoning still leaves the copy (copy happens before the delete)', () => {
    const { store, advance } = makeTestStore();
    store.enqueue('orders', 'x');
    const [m] = store.receive('orders', 1, 1000);
    advance(1000);
    store.receive('orders', 1, LEASE);
    const poison = afterProcessing({ dequeueCount: 3 }, false, policy);
    const applied = applyQueueMessageAction(store, 'orders', m!, poison);
    expect(applied).toMatchObject({ ok: false, action: 'poison' });
    expect(store.count('orders')).toBe(1);
    expect(store.count('orders-poison')).toBe(1);
  });

  test('leaveInvisible touches nothing; other actions need a pop receipt', () => {
    const { store } = makeTestStore();
    const m: QueueMessage = store.enqueue('orders', 'x');
    expect(applyQueueMessageAction(store, 'orders', m, { kind: 'leaveInvisible' })).toEqual({
      ok: true,
      action: 'leaveInvisible',
    });
    expect(applyQueueMessageAction(store, 'orders', m, { kind: 'delete' })).toMatchObject({ ok: false });
    expect(store.count('orders')).toBe(1);
  });
});
