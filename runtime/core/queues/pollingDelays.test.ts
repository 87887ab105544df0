import { describe, expect, test } from 'vitest';
import { PollingBackoff, RenewalSpeedup } from './pollingDelays';

describe('PollingBackoff', () => {
  test('grows from the minimum by min × 2^(n-1) per empty poll, up to the maximum, and stays there', () => {
    const backoff = new PollingBackoff(100, 1000, () => 0.5); // 0.5: no randomization
    const delays = Array.from({ length: 6 }, () => backoff.nextDelay(false));
    expect(delays).toEqual([100, 200, 300, 500, 900, 1000]);
    expect(backoff.nextDelay(false)).toBe(1000);
  });

  test('a poll that found messages resets it to the minimum', () => {
    const backoff = new PollingBackoff(100, 60_000, () => 0.5);
    for (let i = 0; i < 5; i++) backoff.nextDelay(false);
    expect(backoff.nextDelay(true)).toBe(100);
    expect(backoff.nextDelay(false)).toBe(200);
  });

  test('each step is randomized by ±20 %', () => {
    const low = new PollingBackoff(100, 60_000, () => 0);
    const high = new PollingBackoff(100, 60_000, () => 1);
    low.nextDelay(true);
    high.nextDelay(true);
    expect(low.nextDelay(false)).toBeCloseTo(180);
    expect(high.nextDelay(false)).toBeCloseTo(220);
  });

  test('rejects a maximum below the minimum', () => {
    expect(() => new PollingBackoff(100, 50)).toThrow(RangeError);
  });
});

describe('RenewalSpeedup', () => {
  test('renews every normal interval; failures halve the wait down to the minimum', () => {
    const speedup = new RenewalSpeedup(300_000, 60_000);
    expect(speedup.nextDelay(true)).toBe(300_000);
    expect(speedup.nextDelay(false)).toBe(150_000);
    expect(speedup.nextDelay(false)).toBe(75_000);
    expect(speedup.nextDelay(false)).toBe(60_000);
    expect(speedup.nextDelay(true)).toBe(300_000);
  });
});
