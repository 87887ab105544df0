import { describe, expect, test } from 'vitest';
import { DEFAULT_TTL_MS } from './queueStore';
import { makeTestStore } from './testStore';

const MIN = 60_000;

describe('QueueStore: enqueue and receive', () => {
  test('enqueue creates the queue and returns a fresh message', () => {
    const { store, clock } = makeTestStore();
    expect(store.exists('q')).toBe(false);
    const m = store.enqueue('q', 'hello');
    expect(store.exists('q')).toBe(true);
    expect(m).toEqual({
      id: 'm1',
      text: 'hello',
      insertionTime: clock.now,
      expirationTime: clock.now + DEFAULT_TTL_MS,
      dequeueCount: 0,
      nextVisibleTime: clock.now,
      popReceipt: null,
    });
  });

  test('receive returns visible messages in FIFO order, up to max', () => {
    const { store, advance } = makeTestStore();
    for (const text of ['a', 'b', 'c']) {
      store.enqueue('q', text);
      advance(1);
    }
    expect(store.receive('q', 2, MIN).map((m) => m.text)).toEqual(['a', 'b']);
    expect(store.receive('q', 32, MIN).map((m) => m.text)).toEqual(['c']);
    expect(store.receive('q', 32, MIN)).toEqual([]);
  });

  test('messages enqueued in the same millisecond keep their order', () => {
    const { store } = makeTestStore();
    for (let i = 0; i < 5; i++) store.enqueue('q', String(i));
    expect(store.receive('q', 5, MIN).map((m) => m.text)).toEqual(['0', '1', '2', '3', '4']);
  });

  test('a receive bumps dequeueCount, issues a pop receipt and hides the message for the timeout', () => {
    const { store, clock, advance } = makeTestStore();
    store.enqueue('q', 'a');
    const [first] = store.receive('q', 1, 10 * MIN);
    expect(first).toMatchObject({ dequeueCount: 1, popReceipt: 'r1', nextVisibleTime: clock.now + 10 * MIN });
    advance(10 * MIN - 1);
    expect(store.receive('q', 1, MIN)).toEqual([]);
    advance(1);
    const [again] = store.receive('q', 1, MIN);
    expect(again).toMatchObject({ id: first!.id, dequeueCount: 2, popReceipt: 'r2' });
  });

  test('with a zero visibility timeout a message is handed out once per receive, not twice', () => {
    const { store } = makeTestStore();
    store.enqueue('q', 'a');
    expect(store.receive('q', 32, 0)).toHaveLength(1);
    expect(store.receive('q', 32, 0)[0]?.dequeueCount).toBe(2);
  });

  test('visibilityDelayMs hides a new message until then', () => {
    const { store, clock, advance } = makeTestStore();
    store.enqueue('q', 'later', { visibilityDelayMs: 5000 });
    store.enqueue('q', 'now');
    expect(store.receive('q', 32, MIN).map((m) => m.text)).toEqual(['now']);
    expect(store.nextVisibleAt('q')).toBe(clock.now + 5000);
    advance(5000);
    expect(store.receive('q', 32, MIN).map((m) => m.text)).toEqual(['later']);
  });

  test('a released message goes behind messages that became visible before it', () => {
    const { store, advance } = makeTestStore();
    store.enqueue('q', 'a');
    const [a] = store.receive('q', 1, MIN);
    advance(1);
    store.enqueue('q', 'b');
    advance(1);
    store.updateVisibility('q', a!.id, a!.popReceipt!, 0);
    expect(store.receive('q', 32, MIN).map((m) => m.text)).toEqual(['b', 'a']);
  });

  test('a missing queue receives, peeks and lists nothing', () => {
    const { store } = makeTestStore();
    expect(store.receive('none', 1, MIN)).toEqual([]);
    expect(store.peek('none')).toEqual([]);
    expect(store.list('none')).toEqual([]);
    expect(store.count('none')).toBe(0);
    expect(store.nextVisibleAt('none')).toBeUndefined();
    expect(store.exists('none')).toBe(false);
  });

  test.each([0, 33, 1.5])('receive rejects max %j like the service (1-32)', (max) => {
    const { store } = makeTestStore();
    expect(() => store.receive('q', max, MIN)).toThrow(RangeError);
  });

  test('enqueue rejects a delay not below the time to live, and a bad ttl', () => {
    const { store } = makeTestStore();
    expect(() => store.enqueue('q', 'x', { ttlMs: 1000, visibilityDelayMs: 1000 })).toThrow(RangeError);
    expect(() => store.enqueue('q', 'x', { ttlMs: 0 })).toThrow(RangeError);
  });
});

describe('QueueStore: pop receipts', () => {
  test('delete needs the latest pop receipt', () => {
    const { store, advance } = makeTestStore();
    store.enqueue('q', 'a');
    const [m] = store.receive('q', 1, 1000);
    advance(1000);
    const [again] = store.receive('q', 1, 1000);
    const stale = store.delete('q', m!.id, m!.popReceipt!);
    expect(stale).toMatchObject({ ok: false, reason: 'popReceiptMismatch' });
    expect(store.count('q')).toBe(1);
    expect(store.delete('q', again!.id, again!.popReceipt!)).toEqual({ ok: true });
    expect(store.count('q')).toBe(0);
  });

  test('a message that was never received cannot be deleted with a guessed receipt', () => {
    const { store } = makeTestStore();
    const m = store.enqueue('q', 'a');
    expect(store.delete('q', m.id, 'r1')).toMatchObject({ ok: false, reason: 'popReceiptMismatch' });
  });

  test('the receipt stays valid after the lease ran out, until someone receives the message again', () => {
    const { store, advance } = makeTestStore();
    store.enqueue('q', 'a');
    const [m] = store.receive('q', 1, 1000);
    advance(5000);
    expect(store.delete('q', m!.id, m!.popReceipt!)).toEqual({ ok: true });
  });

  test('updateVisibility issues a new receipt and invalidates the old one', () => {
    const { store, clock } = makeTestStore();
    store.enqueue('q', 'a');
    const [m] = store.receive('q', 1, MIN);
    const updated = store.updateVisibility('q', m!.id, m!.popReceipt!, 2 * MIN);
    expect(updated).toEqual({ ok: true, popReceipt: 'r2', nextVisibleTime: clock.now + 2 * MIN });
    expect(store.updateVisibility('q', m!.id, m!.popReceipt!, 0)).toMatchObject({
      ok: false,
      reason: 'popReceiptMismatch',
    });
    expect(store.delete('q', m!.id, 'r2')).toEqual({ ok: true });
  });

  test('unknown queues and messages are reported as such', () => {
    const { store } = makeTestStore();
    expect(store.delete('none', 'm1', 'r1')).toMatchObject({ ok: false, reason: 'queueNotFound' });
    store.createIfNotExists('q');
    expect(store.delete('q', 'm9', 'r1')).toMatchObject({ ok: false, reason: 'messageNotFound' });
  });
});
