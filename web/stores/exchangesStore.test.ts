import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { httpExchange } from '../exchanges/testing/sampleExchanges';
import { createExchangesStore, MAX_EXCHANGES, SHOW_EVERY_MS, visibleExchanges } from './exchangesStore';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const exchange = (id: string, state: 'in-progress' | 'succeeded' = 'succeeded') =>
  httpExchange({ id, state, title: `GET /api/${id}` });

function watched() {
  const store = createExchangesStore();
  let changes = 0;
  store.subscribe(() => changes++);
  return { store, changes: () => changes };
}

test('the first exchange after a quiet spell is shown at once', () => {
  const { store, changes } = watched();
  store.getState().upsert(exchange('a'));
  expect(store.getState().order).toEqual(['a']);
  expect(changes()).toBe(1);
});

test('a burst is shown in one change at the end of the window, in arrival order, newest version of each', () => {
  const { store, changes } = watched();
  store.getState().upsert(exchange('first'));
  for (let i = 0; i < 200; i++) store.getState().upsert(exchange(`x${i}`, 'in-progress'));
  store.getState().upsert(exchange('x7', 'succeeded'));
  expect(store.getState().order).toEqual(['first']);
  vi.advanceTimersByTime(SHOW_EVERY_MS);
  expect(changes()).toBe(2);
  const { order, byId } = store.getState();
  expect(order).toEqual(['first', ...Array.from({ length: 200 }, (_, i) => `x${i}`)]);
  expect(byId.x7!.state).toBe('succeeded');
  expect(byId.x8!.state).toBe('in-progress');
  // A window with nothing in it closes: the next exchange is shown at once again.
  vi.advanceTimersByTime(SHOW_EVERY_MS);
  store.getState().upsert(exchange('later'));
  expect(store.getState().order.at(-1)).toBe('later');
  expect(changes()).toBe(3);
});

test('selecting shows what is waiting, so the selected exchange is there; clear drops what waits', () => {
  const { store } = watched();
  store.getState().upsert(exchange('a'));
  store.getState().upsert(exchange('b'));
  store.getState().select('b');
  expect(store.getState().selected).toBe('b');
  expect(store.getState().byId.b).toBeDefined();
  store.getState().upsert(exchange('c'));
  store.getState().clear();
  vi.advanceTimersByTime(SHOW_EVERY_MS * 3);
  expect(store.getState().order).toEqual([]);
  expect(store.getState().selected).toBeUndefined();
});

test(`the store keeps the newest ${MAX_EXCHANGES}, and a dropped selection is let go`, () => {
  const { store } = watched();
  store.getState().upsert(exchange('oldest'));
  store.getState().select('oldest');
  for (let i = 0; i < MAX_EXCHANGES; i++) store.getState().upsert(exchange(`n${i}`));
  vi.advanceTimersByTime(SHOW_EVERY_MS);
  const { order, byId, selected } = store.getState();
  expect(order).toHaveLength(MAX_EXCHANGES);
  expect(order[0]).toBe('n0');
  expect(byId.oldest).toBeUndefined();
  expect(selected).toBeUndefined();
});

test('visible exchanges: newest first, filtered by function, status or hint code', () => {
  const { store } = watched();
  store
    .getState()
    .upsert(httpExchange({ id: 'a', title: 'POST /api/a', functionName: 'order', status: 200 }));
  store.getState().upsert(
    httpExchange({
      id: 'b',
      title: 'POST /api/b',
      functionName: 'hello',
      status: 500,
      hints: [{ code: 'non-json-result', message: '' }],
    }),
  );
  vi.advanceTimersByTime(SHOW_EVERY_MS);
  expect(visibleExchanges(store.getState()).map((x) => x.id)).toEqual(['b', 'a']);
  store.getState().setFilter('non-json');
  expect(visibleExchanges(store.getState()).map((x) => x.id)).toEqual(['b']);
  store.getState().setFilter('order');
  expect(visibleExchanges(store.getState()).map((x) => x.id)).toEqual(['a']);
});

test("the page's own answer is selected with the change that shows it; a person's choice wins", () => {
  const { store, changes } = watched();
  store.getState().upsert(exchange('a'));
  store.getState().upsert(exchange('b'));
  store.getState().follow('b');
  expect(store.getState().selected).toBeUndefined();
  vi.advanceTimersByTime(SHOW_EVERY_MS);
  expect(store.getState().selected).toBe('b');
  expect(changes()).toBe(2);
  store.getState().upsert(exchange('c'));
  store.getState().follow('c');
  store.getState().select('a');
  vi.advanceTimersByTime(SHOW_EVERY_MS * 2);
  expect(store.getState().selected).toBe('a');
});
