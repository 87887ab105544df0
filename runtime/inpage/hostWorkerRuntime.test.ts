import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ControlIo } from '../host/controlledHost';
import { encodeFrame } from '../core/control/framing';
import type { StartControlledHost } from './hostWorkerRuntime';
import { readHostInput, serveHostWorker } from './hostWorkerRuntime';
import type { HostOutput } from './protocol';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/**
 * Waits until `count` messages came out: they cross message ports, so on a loaded machine they
 * take more than a fixed few milliseconds. What they are is asserted after.
 */
const outputs = (out: readonly HostOutput[], count: number) =>
  vi.waitFor(() => expect(out.length).toBeGreaterThanOrEqual(count), { timeout: 5000 });

/** A host worker with a stand-in host that records what it was given and echoes input. */
function worker(start: StartControlledHost) {
  const scope: { onmessage: ((event: MessageEvent) => void) | null } = { onmessage: null };
  serveHostWorker(scope, start);
  const page = new MessageChannel();
  const supervisor = new MessageChannel();
  const out: HostOutput[] = [];
  page.port1.onmessage = (event: MessageEvent<HostOutput>) => out.push(event.data);
  // Anything else arriving first (another script's message) is ignored.
  scope.onmessage!({ data: { t: 'something else' } } as MessageEvent);
  scope.onmessage!({ data: { t: 'init', page: page.port2, supervisor: supervisor.port1 } } as MessageEvent);
  open.push(page.port1, supervisor.port2);
  return { page: page.port1, out };
}

const open: MessagePort[] = [];
afterEach(() => {
  for (const port of open.splice(0)) port.close();
});

describe('serveHostWorker', () => {
  it('runs the host on the files sent before run, relays input sent before it listens, and its output', async () => {
    let seen: { appRoot: string; files: boolean; io: ControlIo } | undefined;
    const { page, out } = worker(async ({ platform, appRoot, io }) => {
      seen = { appRoot, files: platform.fileExists('/app/host.json'), io };
      await tick(); // the host starts a while later, as host.start() does
      io.onInput((text) => io.write(`echo:${text}`));
      return { stop: async () => undefined };
    });
    page.postMessage({ t: 'files', files: { 'host.json': '{}' } });
    page.postMessage({ t: 'run', env: {} });
    page.postMessage({ t: 'input', text: 'early' });
    await outputs(out, 1);
    expect(seen).toMatchObject({ appRoot: '/app', files: true });
    page.postMessage({ t: 'input', text: 'late' });
    await outputs(out, 2);
    expect(out).toEqual([
      { t: 'output', text: 'echo:early' },
      { t: 'output', text: 'echo:late' },
    ]);
  });

  it("prints the CLI's console lines before each frame the host writes", async () => {
    const { page, out } = worker(async ({ io }) => {
      const event = {
        type: 'log',
        time: '2026-12-06T00:00:00.000Z',
        level: 'information',
        category: 'Host',
        message: 'hi',
      };
      io.write(encodeFrame(event));
      return { stop: async () => undefined };
    });
    page.postMessage({ t: 'run', env: {} });
    await outputs(out, 2);
    expect(out.map((o) => (o.t === 'output' ? o.text : o))).toEqual([
      '\u001b[90m[2026-12-06T00:00:00.000Z]\u001b[0m hi\n',
      expect.stringContaining('\u001b_fchp1;'),
    ]);
  });

  it('ends the worker with code 0 once the host has stopped on `host.stop`, as the CLI host exits', async () => {
    const { page, out } = worker(async ({ io }) => {
      io.onInput(() => {
        io.write('stopped\n');
        io.onStopped?.();
      });
      return { stop: async () => undefined };
    });
    page.postMessage({ t: 'run', env: {} });
    page.postMessage({ t: 'input', text: 'host.stop' });
    await outputs(out, 2);
    expect(out).toEqual([
      { t: 'output', text: 'stopped\n' },
      { t: 'exit', code: 0 },
    ]);
  });

  it('a host that cannot start says why and exits with code 1', async () => {
    const { page, out } = worker(async () => {
      throw new Error('no front door');
    });
    page.postMessage({ t: 'run', env: {} });
    await outputs(out, 2);
    expect(out).toEqual([
      { t: 'output', text: 'The host could not start: no front door\n' },
      { t: 'exit', code: 1 },
    ]);
  });
});

describe('readHostInput', () => {
  it('accepts the three messages and nothing malformed', () => {
    expect(readHostInput({ t: 'input', text: 'x' })).toEqual({ t: 'input', text: 'x' });
    expect(readHostInput({ t: 'files', files: { a: 'b' } })).toEqual({ t: 'files', files: { a: 'b' } });
    expect(readHostInput({ t: 'run', env: {} })).toEqual({ t: 'run', env: {} });
    expect(readHostInput({ t: 'files', files: { a: 1 } })).toBeUndefined();
    expect(readHostInput({ t: 'input' })).toBeUndefined();
    expect(readHostInput('input')).toBeUndefined();
  });
});
