import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { watchSandbox } from './sandboxWatch';

describe('watchSandbox', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  const start = (answer: boolean) => {
    const pings: number[] = [];
    const lost = vi.fn();
    const watch = watchSandbox({
      ping: (id) => {
        pings.push(id);
        if (answer) queueMicrotask(() => watch.pong(id));
      },
      onLost: lost,
      intervalMs: 1_000,
      silenceMs: 5_000,
      now: () => Date.now(),
    });
    return { pings, lost, watch };
  };

  test('a sandbox that answers is never taken as lost, and is asked once a second', async () => {
    const { pings, lost, watch } = start(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(lost).not.toHaveBeenCalled();
    expect(pings.length).toBe(60);
    expect(new Set(pings).size).toBe(60);
    watch.stop();
  });

  test('a silent sandbox is lost once, after the silence, and no longer asked', async () => {
    const { pings, lost } = start(false);
    await vi.advanceTimersByTimeAsync(5_999);
    expect(lost).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(lost).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(lost).toHaveBeenCalledTimes(1);
    expect(pings).toEqual([1]);
  });

  test('an answer to an older ping does not count for the one that waits', async () => {
    const pings: number[] = [];
    const lost = vi.fn();
    const watch = watchSandbox({ ping: (id) => pings.push(id), onLost: lost, now: () => Date.now() });
    await vi.advanceTimersByTimeAsync(1_000);
    watch.pong(pings[0]! + 1);
    await vi.advanceTimersByTimeAsync(6_000);
    expect(lost).toHaveBeenCalledTimes(1);
  });

  test('stop() ends the asking, and nothing is reported after', async () => {
    const { lost, pings, watch } = start(false);
    await vi.advanceTimersByTimeAsync(2_000);
    watch.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(lost).not.toHaveBeenCalled();
    expect(pings).toEqual([1]);
  });

  test('a timer that ran late (a throttled or frozen page) restarts the count instead of raising an alarm', async () => {
    let clock = 0;
    const lost = vi.fn();
    const pings: number[] = [];
    const watch = watchSandbox({ ping: (id) => pings.push(id), onLost: lost, now: () => clock });
    clock = 1_000;
    await vi.advanceTimersByTimeAsync(1_000); // ping 1 goes
    // The page was frozen for a minute: the next tick comes with the clock far ahead.
    clock = 61_000;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(lost).not.toHaveBeenCalled();
    watch.pong(pings[0]!); // the frozen sandbox answers once it thaws
    for (let i = 0; i < 10; i++) {
      clock += 1_000;
      await vi.advanceTimersByTimeAsync(1_000);
      watch.pong(pings[pings.length - 1]!);
    }
    expect(lost).not.toHaveBeenCalled();
    watch.stop();
  });
});
