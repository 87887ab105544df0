import { describe, expect, test } from 'vitest';
import { makeTestStore } from './testStore';

const MIN = 60_000;

describe('QueueStore: peek, list, count, clear', () => {
  test('peek shows visible messages in order without changing them', () => {
    const { store } = makeTestStore();
    store.enqueue('q', 'a');
    store.enqueue('q', 'b');
    store.enqueue('q', 'c', { visibilityDelayMs: 1000 });
    const peeked = store.peek('q', 32);
    expect(peeked.map((m) => [m.text, m.dequeueCount, m.popReceipt])).toEqual([
      ['a', 0, null],
      ['b', 0, null],
    ]);
    expect(store.peek('q', 32)).toEqual(peeked);
    expect(store.receive('q', 32, MIN).map((m) => m.text)).toEqual(['a', 'b']);
  });

  test('peek hides the pop receipt of a message that was received before', () => {
    const { store, advance } = makeTestStore();
    store.enqueue('q', 'a');
    store.receive('q', 1, 1000);
    advance(1000);
    expect(store.peek('q')).toMatchObject([{ dequeueCount: 1, popReceipt: null }]);
  });

  test('list shows every message with its state, in queue order; count includes invisible ones', () => {
    const { store, clock } = makeTestStore();
    store.enqueue('q', 'a');
    store.enqueue('q', 'b');
    store.receive('q', 1, MIN);
    expect(store.list('q')).toEqual([
      expect.objectContaining({ text: 'b', visible: true, dequeueCount: 0, popReceipt: null }),
      expect.objectContaining({
        text: 'a',
        visible: false,
        dequeueCount: 1,
        popReceipt: 'r1',
        nextVisibleTime: clock.now + MIN,
      }),
    ]);
    expect(store.count('q')).toBe(2);
  });

  test('snapshots are copies: later changes do not show through them', () => {
    const { store } = makeTestStore();
    const m = store.enqueue('q', 'a');
    store.receive('q', 1, MIN);
    expect(m.dequeueCount).toBe(0);
  });

  test('clear removes everything and reports how many', () => {
    const { store } = makeTestStore();
    store.enqueue('q', 'a');
    store.enqueue('q', 'b');
    store.receive('q', 1, MIN);
    expect(store.clear('q')).toBe(2);
    expect(store.count('q')).toBe(0);
    expect(store.receive('q', 32, 0)).toEqual([]);
    expect(store.exists('q')).toBe(true);
  });

  test('queues can be listed and deleted', () => {
    const { store } = makeTestStore();
    store.enqueue('b', 'x');
    store.createIfNotExists('a');
    expect(store.createIfNotExists('a')).toBe(false);
    expect(store.queueNames()).toEqual(['a', 'b']);
    expect(store.deleteQueue('b')).toBe(true);
    expect(store.queueNames()).toEqual(['a']);
  });
});

describe('QueueStore: nextVisibleAt', () => {
  test('is the earliest time a message is or becomes visible', () => {
    const { store, clock, advance } = makeTestStore();
    store.createIfNotExists('q');
    expect(store.nextVisibleAt('q')).toBeUndefined();
    store.enqueue('q', 'a');
    expect(store.nextVisibleAt('q')).toBe(clock.now);
    const t0 = clock.now;
    store.receive('q', 1, MIN);
    store.enqueue('q', 'b', { visibilityDelayMs: 30_000 });
    expect(store.nextVisibleAt('q')).toBe(t0 + 30_000);
    advance(30_000);
    store.receive('q', 1, 2 * MIN);
    expect(store.nextVisibleAt('q')).toBe(t0 + MIN);
  });

  test('ignores deleted messages', () => {
    const { store, clock } = makeTestStore();
    store.enqueue('q', 'a');
    store.enqueue('q', 'b');
    const [a, b] = store.receive('q', 2, MIN);
    store.updateVisibility('q', b!.id, b!.popReceipt!, 2 * MIN);
    store.delete('q', a!.id, a!.popReceipt!);
    expect(store.nextVisibleAt('q')).toBe(clock.now + 2 * MIN);
  });
});
