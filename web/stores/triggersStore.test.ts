import { expect, test } from 'vitest';
import { createTriggersStore } from './triggersStore';

const request = (path: string) => ({ method: 'GET', path, headers: [] as [string, string][], body: '' });

test('recent requests: newest first, one of each, ten at most; the newest again changes nothing', () => {
  const store = createTriggersStore(request('/api/start'));
  let changes = 0;
  store.subscribe(() => changes++);
  store.getState().remember(request('/api/a'));
  store.getState().remember(request('/api/b'));
  store.getState().remember(request('/api/a'));
  expect(store.getState().recent.map((r) => r.path)).toEqual(['/api/a', '/api/b']);
  expect(changes).toBe(3);
  const before = store.getState().recent;
  store.getState().remember(request('/api/a'));
  expect(changes).toBe(3);
  expect(store.getState().recent).toBe(before);
  for (let i = 0; i < 12; i++) store.getState().remember(request(`/api/${i}`));
  expect(store.getState().recent.map((r) => r.path)).toEqual(
    Array.from({ length: 10 }, (_, i) => `/api/${11 - i}`),
  );
});
