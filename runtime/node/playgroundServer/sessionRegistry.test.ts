import { expect, test } from 'vitest';
import { DEFAULT_LIMITS, HEARTBEAT_MS, reapIntervalMs } from './sessionRegistry';

test("a dead tab's session is freed within a minute, while a live page's heartbeats keep it", () => {
  // The worst case: the last heartbeat just before death, then a full idle limit and a reaper round.
  expect(DEFAULT_LIMITS.idleMs + reapIntervalMs(DEFAULT_LIMITS.idleMs)).toBeLessThanOrEqual(60_000);
  // Two heartbeats may be lost (a slow network, a busy page) before a live page is taken for dead.
  expect(DEFAULT_LIMITS.idleMs).toBeGreaterThanOrEqual(3 * HEARTBEAT_MS);
});

test('the reaper looks often enough for short limits and not too often for long ones', () => {
  expect(reapIntervalMs(1500)).toBe(1000);
  expect(reapIntervalMs(45_000)).toBe(10_000);
  expect(reapIntervalMs(600_000)).toBe(10_000);
});
