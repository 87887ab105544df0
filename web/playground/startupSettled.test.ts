import { describe, expect, it } from 'vitest';
import type { HostState, HostStatusEvent } from '../../runtime/core/control/protocol';
import { createRuntimeStore } from '../stores/runtimeStore';
import { startupSettled } from './startupSettled';

const tick = () => new Promise((r) => setTimeout(r, 0));
const status = (state: HostState): HostStatusEvent => ({
  type: 'host.status',
  state,
  handler: { state: 'starting' },
  errors: [],
});

describe('startupSettled', () => {
  it('waits for the start to return and the runtime to leave booting and starting-host', async () => {
    const runtime = createRuntimeStore('inpage');
    let finish!: () => void;
    const started = new Promise<void>((r) => (finish = r));
    let settled = false;
    void startupSettled(started, runtime).then(() => (settled = true));
    runtime.getState().setEngine({ phase: 'booting' });
    finish();
    await tick();
    expect(settled).toBe(false);
    runtime.getState().setEngine({ phase: 'starting-host' });
    await tick();
    expect(settled).toBe(false);
    runtime.getState().setEngine({ phase: 'running' });
    runtime.getState().setHostStatus(status('Starting'));
    await tick();
    expect(settled).toBe(false); // the host still waits for its handler
    runtime.getState().setHostStatus(status('Running'));
    await tick();
    expect(settled).toBe(true);
  });

  it('has settled when the start failed or waits for a click (the runtime idle)', async () => {
    const runtime = createRuntimeStore('inpage');
    await expect(startupSettled(Promise.reject(new Error('no')), runtime)).resolves.toBeUndefined();
    await expect(startupSettled(Promise.resolve(), runtime)).resolves.toBeUndefined();
  });
});
