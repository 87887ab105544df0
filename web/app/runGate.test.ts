import { describe, expect, test } from 'vitest';
import { FakeEngine } from '../engine/fakeEngine';
import { createRunGate, gatedEngine, needsConfirmation, RunHeldError } from './runGate';

describe('the run gate', () => {
  test('while held, the engine writes no files and starts no host; released, it does both', async () => {
    const fake = new FakeEngine();
    const gate = createRunGate();
    const engine = gatedEngine(fake, gate);
    expect(engine.kind).toBe('fake');
    gate.hold();
    await engine.boot();
    await engine.syncFiles(new Map([['a', 'b']]));
    await expect(engine.startHost()).rejects.toBeInstanceOf(RunHeldError);
    expect(fake.synced).toEqual([]);
    expect(fake.processes).toEqual([]);
    gate.release();
    await engine.syncFiles(new Map([['a', 'b']]));
    await engine.startHost();
    expect(fake.synced).toHaveLength(1);
    expect(fake.processes).toHaveLength(1);
  });

  test("passes the runtime's errors on, and adds no onError to an engine without one", () => {
    const listeners: ((message: string) => void)[] = [];
    const inner = Object.assign(new FakeEngine(), {
      onError: (listener: (message: string) => void) => {
        listeners.push(listener);
        return () => undefined;
      },
    });
    const gated = gatedEngine(inner, createRunGate());
    const seen: string[] = [];
    gated.onError?.((message) => seen.push(message));
    for (const listener of listeners) listener('storage is blocked');
    expect(seen).toEqual(['storage is blocked']);
    expect(gatedEngine(new FakeEngine(), createRunGate()).onError).toBeUndefined();
  });

  test('only the local engine asks: the WebContainer is a sandbox', () => {
    expect(needsConfirmation('local')).toBe(true);
    expect(needsConfirmation('webcontainer')).toBe(false);
    expect(needsConfirmation('fake')).toBe(false);
  });
});
