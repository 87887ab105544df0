import { afterEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module for each test: the hold is the page's, module-wide. */
async function fresh() {
  vi.resetModules();
  return import('./deferredChunks');
}

afterEach(() => void vi.useRealTimers());

describe('deferred chunks', () => {
  it('load at once when nothing holds them', async () => {
    const { deferred } = await fresh();
    await expect(deferred(() => Promise.resolve('monaco'))()).resolves.toBe('monaco');
  });

  it('wait for the start-up, then for a quiet moment with no answer awaited', async () => {
    vi.useFakeTimers();
    const { deferred, holdDeferredChunks } = await fresh();
    let settle!: () => void;
    let busy = false;
    holdDeferredChunks({
      settled: new Promise<void>((r) => (settle = r)),
      busy: () => busy,
      quietMs: 100,
      ceilingMs: 10_000,
    });
    let loaded = false;
    void deferred(async () => (loaded = true))();

    await vi.advanceTimersByTimeAsync(500);
    expect(loaded).toBe(false); // the runtime is still starting
    settle();
    busy = true; // the person sent a request at once
    await vi.advanceTimersByTimeAsync(250);
    expect(loaded).toBe(false);
    busy = false;
    await vi.advanceTimersByTimeAsync(100);
    expect(loaded).toBe(true);
  });

  it('load when the editor is used, or at the ceiling, whatever the start-up does', async () => {
    vi.useFakeTimers();
    const first = await fresh();
    first.holdDeferredChunks({ settled: new Promise(() => {}) });
    let used = false;
    void first.deferred(async () => (used = true))();
    first.loadDeferredChunksNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(used).toBe(true);

    const second = await fresh();
    second.holdDeferredChunks({ settled: new Promise(() => {}), ceilingMs: 1_000 });
    let late = false;
    void second.deferred(async () => (late = true))();
    await vi.advanceTimersByTimeAsync(999);
    expect(late).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(late).toBe(true);
  });
});
