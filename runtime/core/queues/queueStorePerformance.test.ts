import { describe, expect, test } from 'vitest';
import { makeTestStore } from './testStore';

const MIN = 60_000;

/**
 * How the work grows with the input, not how long it takes: each size is timed several times,
 * interleaved, and the medians compared, so a busy machine slows both sides alike. A linear
 * store stays near the size ratio; a rescan per operation multiplies it by the size again.
 */
function growth(small: number, large: number, work: (n: number) => void): number {
  const times = { small: [] as number[], large: [] as number[] };
  // Once each first, uncounted: the first calls also compile the code, which the small size
  // would otherwise carry alone.
  work(small);
  work(large);
  for (let round = 0; round < 7; round++) {
    for (const [key, n] of [
      ['small', small],
      ['large', large],
    ] as const) {
      const started = performance.now();
      work(n);
      times[key].push(performance.now() - started);
    }
  }
  // The fastest of each: preemption on a busy machine only ever adds time, so the minimum is the
  // closest to the work itself.
  return Math.min(...times.large) / Math.max(Math.min(...times.small), 0.01);
}

function drain(n: number): void {
  const { store } = makeTestStore();
  for (let i = 0; i < n; i++) store.enqueue('q', `message ${i}`);
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
  expect([processed, failed]).toEqual([n, 0]);
  expect(store.count('q')).toBe(0);
}

/** 20,000 receives of the one visible message behind `invisible` messages received earlier. */
function receiveBehind(invisible: number): void {
  const { store, advance } = makeTestStore();
  for (let i = 0; i < invisible; i++) store.enqueue('q', `m${i}`);
  while (store.receive('q', 32, 10 * MIN).length > 0);
  advance(1);
  store.enqueue('q', 'fresh');
  const texts = new Set<string | undefined>();
  for (let i = 0; i < 20_000; i++) texts.add(store.receive('q', 32, 0)[0]?.text);
  expect([...texts]).toEqual(['fresh']);
}

describe('QueueStore: how work grows', () => {
  test('receive and delete stay linear: 10x the messages is far from 100x the work', () => {
    expect(growth(1_000, 10_000, drain)).toBeLessThan(40);
  });

  test('receiving behind invisible messages does not rescan them', () => {
    // A scan per receive makes 10,000 invisible messages ~1,000 times the work of 10.
    expect(growth(10, 10_000, receiveBehind)).toBeLessThan(30);
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
