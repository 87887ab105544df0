import { describe, expect, test } from 'vitest';
import { makeTestStore } from './testStore';

const MIN = 60_000;

describe('QueueStore: performance', () => {
  test('10,000 messages go through receive and delete quickly', () => {
    const { store } = makeTestStore();
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) store.enqueue('q', `message ${i}`);
    let processed = 0;
    let failed = 0;
    for (
      let batch = store.receive('q', 32, 10 * MIN);
      batch.length > 0;
      batch = store.receive('q', 32, 10 * MIN)
    ) {
      for (const m of batch) {
        if (store.delete('q', m.id, m.popReceipt!).ok) processed++;
        else failed++;
      }
    }
    expect([processed, failed]).toEqual([10_000, 0]);
    expect(store.count('q')).toBe(0);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  test('receiving behind 10,000 invisible messages does not rescan them', () => {
    const { store, advance } = makeTestStore();
    for (let i = 0; i < 10_000; i++) store.enqueue('q', `m${i}`);
    while (store.receive('q', 32, 10 * MIN).length > 0);
    advance(1);
    store.enqueue('q', 'fresh');
    const started = performance.now();
    const texts = new Set<string | undefined>();
    // A scan over the invisible messages per receive would take most of a second here.
    for (let i = 0; i < 20_000; i++) texts.add(store.receive('q', 32, 0)[0]?.text);
    expect(performance.now() - started).toBeLessThan(400);
    expect([...texts]).toEqual(['fresh']);
  });

  test('thousands of visibility updates on one message leave one live entry, at the latest time', () => {
    const { store, clock, advance } = makeTestStore();
    store.enqueue('q', 'a');
    let [m] = store.receive('q', 1, MIN);
    for (let i = 0; i < 5000; i++) {
      const r = store.updateVisibility('q', m!.id, m!.popReceipt!, MIN + i);
      if (r.ok) m = { ...m!, popReceipt: r.popReceipt };
    }
    expect(store.nextVisibleAt('q')).toBe(clock.now + MIN + 4999);
    advance(MIN + 4999);
    expect(store.receive('q', 32, MIN)).toHaveLength(1);
  });
});
