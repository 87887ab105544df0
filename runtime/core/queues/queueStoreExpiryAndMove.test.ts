import { describe, expect, test } from 'vitest';
import { NEVER_EXPIRES, type QueueChange } from './queueStore';
import { makeTestStore } from './testStore';

const MIN = 60_000;

describe('QueueStore: expiry', () => {
  test('messages disappear at their expiration time, visible or not', () => {
    const { store, advance } = makeTestStore();
    store.enqueue('q', 'short', { ttlMs: 1000 });
    store.enqueue('q', 'held', { ttlMs: 2000 });
    store.enqueue('q', 'long');
    store.receive('q', 2, 10 * MIN);
    advance(999);
    expect(store.count('q')).toBe(3);
    advance(1);
    expect(store.list('q').map((m) => m.text)).toEqual(['long', 'held']);
    advance(1000);
    expect(store.list('q').map((m) => m.text)).toEqual(['long']);
    expect(store.receive('q', 32, MIN).map((m) => m.text)).toEqual(['long']);
  });

  test('an expired message cannot be deleted or updated any more', () => {
    const { store, advance } = makeTestStore();
    store.enqueue('q', 'a', { ttlMs: 1000 });
    const [m] = store.receive('q', 1, 10 * MIN);
    advance(1000);
    expect(store.delete('q', m!.id, m!.popReceipt!)).toMatchObject({ ok: false, reason: 'messageNotFound' });
  });

  test('ttl -1 never expires and reports the 9999-12-31 expiration time', () => {
    const { store, advance } = makeTestStore();
    const m = store.enqueue('q', 'forever', { ttlMs: -1 });
    expect(m.expirationTime).toBe(NEVER_EXPIRES);
    expect(new Date(NEVER_EXPIRES).toISOString()).toBe('9999-12-31T23:59:59.000Z');
    advance(365 * 24 * 60 * MIN);
    expect(store.count('q')).toBe(1);
  });

  test('purgeExpired removes expired messages across queues and notifies', () => {
    const { store, advance } = makeTestStore();
    store.enqueue('a', 'x', { ttlMs: 10 });
    store.enqueue('b', 'y', { ttlMs: 10 });
    const changes: QueueChange[] = [];
    store.subscribe((c) => changes.push(c));
    advance(10);
    expect(store.purgeExpired()).toBe(2);
    expect(changes).toEqual([
      { kind: 'expired', queue: 'a', messageIds: ['m1'] },
      { kind: 'expired', queue: 'b', messageIds: ['m2'] },
    ]);
  });
});

describe('QueueStore: moveAll', () => {
  test('moves every message, visible or not, in order, as new messages at the end of the target', () => {
    const { store, clock, advance } = makeTestStore();
    store.enqueue('q', 'existing');
    store.enqueue('q-poison', 'p1');
    store.enqueue('q-poison', 'p2');
    store.receive('q-poison', 1, MIN);
    advance(5);
    expect(store.moveAll('q-poison', 'q')).toBe(2);
    expect(store.count('q-poison')).toBe(0);
    const moved = store.list('q');
    expect(moved.map((m) => [m.text, m.dequeueCount, m.popReceipt, m.visible])).toEqual([
      ['existing', 0, null, true],
      ['p2', 0, null, true],
      ['p1', 0, null, true],
    ]);
    expect(moved[1]).toMatchObject({ id: 'm4', insertionTime: clock.now });
  });

  test('moving from an empty or missing queue, or onto itself, moves nothing', () => {
    const { store } = makeTestStore();
    expect(store.moveAll('none', 'q')).toBe(0);
    store.enqueue('q', 'a');
    expect(store.moveAll('q', 'q')).toBe(0);
    expect(store.count('q')).toBe(1);
  });
});
