import { expect, test } from 'vitest';
import { randomUuid } from './uuid';

test('version 4 UUIDs in the lower-case 8-4-4-4-12 form, distinct, over several batches', () => {
  const ids = Array.from({ length: 1000 }, () => randomUuid());
  for (const id of ids)
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(new Set(ids).size).toBe(ids.length);
  // Every hex digit shows up in every random position: no position is stuck.
  for (const at of [0, 7, 9, 15, 20, 35]) expect(new Set(ids.map((id) => id[at])).size).toBe(16);
});
