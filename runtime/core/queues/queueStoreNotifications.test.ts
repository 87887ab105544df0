import { describe, expect, test } from 'vitest';
import type { QueueChange } from './queueStore';
import { makeTestStore } from './testStore';

const MIN = 60_000;

describe('QueueStore: notifications', () => {
  test('every change is reported, and the disposer unsubscribes', () => {
    const { store } = makeTestStore();
    const changes: QueueChange[] = [];
    const dispose = store.subscribe((c) => changes.push(c));
    store.enqueue('q', 'a');
    const [m] = store.receive('q', 1, MIN);
    const updated = store.updateVisibility('q', m!.id, m!.popReceipt!, 0);
    store.delete('q', m!.id, updated.ok ? updated.popReceipt : '');
    store.enqueue('q-poison', 'p');
    store.moveAll('q-poison', 'q');
    store.clear('q');
    expect(changes).toEqual([
      { kind: 'created', queue: 'q' },
      { kind: 'enqueued', queue: 'q', messageIds: ['m1'] },
      { kind: 'received', queue: 'q', messageIds: ['m1'] },
      { kind: 'visibilityUpdated', queue: 'q', messageIds: ['m1'] },
      { kind: 'deleted', queue: 'q', messageIds: ['m1'] },
      { kind: 'created', queue: 'q-poison' },
      { kind: 'enqueued', queue: 'q-poison', messageIds: ['m2'] },
      { kind: 'moved', queue: 'q-poison', to: 'q', messageIds: ['m2'] },
      { kind: 'enqueued', queue: 'q', messageIds: ['m3'] },
      { kind: 'cleared', queue: 'q', messageIds: ['m3'] },
    ]);
    dispose();
    store.enqueue('q', 'b');
    expect(changes).toHaveLength(10);
  });

  test('an empty receive is not a change', () => {
    const { store } = makeTestStore();
    store.createIfNotExists('q');
    const changes: QueueChange[] = [];
    store.subscribe((c) => changes.push(c));
    store.receive('q', 32, MIN);
    expect(changes).toEqual([]);
  });

  test('a throwing listener does not stop the others, and the change still happens', () => {
    const { store } = makeTestStore();
    const seen: string[] = [];
    store.subscribe(() => {
      throw new Error('boom');
    });
    store.subscribe((c) => seen.push(c.kind));
    expect(() => store.createIfNotExists('q')).toThrow('boom');
    expect(seen).toEqual(['created']);
    expect(store.exists('q')).toBe(true);
  });
});
