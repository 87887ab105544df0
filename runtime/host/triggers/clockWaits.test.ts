import { describe, expect, test } from 'vitest';
import { VirtualClock } from '../../core/time/virtualClock';
import { ClockWaits } from './clockWaits';

const HOUR = 3600_000;

describe('waits on the virtual clock', () => {
  test('a jump past the end completes the wait at once; nextFor names the pending end', async () => {
    const clock = new VirtualClock();
    const waits = new ClockWaits(clock);
    const start = clock.now();
    const done = waits.wait('Tick', HOUR);
    const end = waits.nextFor('Tick')!;
    expect(end - start).toBeGreaterThanOrEqual(HOUR);
    expect(end - start).toBeLessThan(HOUR + 1000);
    expect(waits.nextFor('Other')).toBeUndefined();
    clock.advanceTo(end - 60_000);
    let settled = false;
    void done.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    clock.advanceTo(end);
    expect(await done).toBe(true);
    expect(waits.nextFor('Tick')).toBeUndefined();
  });

  test('real time ends a short wait; cancelling ends the rest with false', async () => {
    const clock = new VirtualClock();
    const waits = new ClockWaits(clock);
    expect(await waits.wait('Short', 20)).toBe(true);
    const long = waits.wait('Long', HOUR);
    waits.cancelAll();
    expect(await long).toBe(false);
    expect(waits.nextFor('Long')).toBeUndefined();
  });
});
