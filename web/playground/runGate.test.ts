import { describe, expect, test } from 'vitest';
import { FakeEngine } from '../engine/testEngine';
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

  test('only the local engine asks: the WebContainer is a sandbox', () => {
    expect(needsConfirmation('local')).toBe(true);
    expect(needsConfirmation('webcontainer')).toBe(false);
    expect(needsConfirmation('fake')).toBe(false);
  });
});
