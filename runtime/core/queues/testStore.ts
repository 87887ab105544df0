import { QueueStore } from './queueStore';

/** A store with a hand-driven clock and sequential ids (`m1`, `m2`, … and `r1`, `r2`, …), for tests. */
export function makeTestStore(start = Date.UTC(2024, 4, 1, 10, 0, 0)) {
  const clock = { now: start };
  let ids = 0;
  let receipts = 0;
  const store = new QueueStore({
    now: () => clock.now,
    newId: () => `m${++ids}`,
    newPopReceipt: () => `r${++receipts}`,
  });
  return {
    store,
    clock,
    advance(ms: number) {
      clock.now += ms;
    },
  };
}
