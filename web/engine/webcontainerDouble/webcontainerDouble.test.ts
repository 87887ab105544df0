import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeFrame, FrameDecoder } from '../../../runtime/core/control/framing';
import type { EngineProcess } from '../engine';
import type { BackingEngine } from './webcontainerDouble';

// The WebContainer adapter (webcontainerEngine.ts, webcontainerProcess.ts) on the double, in Node,
// with a stand-in for the in-page engine behind it: a host that says hello when told, answers each
// command, and records what it read. The browser test runs the same path on the real host.

vi.mock('@webcontainer/api', async () => {
  const double = await import('./webcontainerDouble');
  return { WebContainer: double.WebContainerDouble, configureAPIKey: double.configureAPIKey };
});
vi.mock('../hostBundle', () => ({ loadHostBundle: vi.fn(async () => '// host bundle') }));

class StandInHost implements EngineProcess {
  readonly read: string[] = [];
  readonly exit: Promise<number>;
  private listener: ((chunk: string) => void) | undefined;
  private readonly decoder = new FrameDecoder();
  private finish!: (code: number) => void;
  constructor() {
    this.exit = new Promise((resolve) => (this.finish = resolve));
  }
  onOutput(listener: (chunk: string) => void) {
    this.listener = listener;
    return () => undefined;
  }
  say(message: unknown): void {
    this.listener?.(encodeFrame(message));
  }
  write(text: string): void {
    this.read.push(text);
    for (const command of this.decoder.push(text).messages as { id: string; type: string }[]) {
      this.say({ type: 'command.result', id: command.id, ok: true });
      if (command.type === 'host.stop') this.finish(0);
    }
  }
  kill(): void {
    this.finish(137);
  }
}

const backing = {
  files: [] as Map<string, string>[],
  hosts: [] as StandInHost[],
};

/** Engines to dispose after each test: one instance per page, as in the library, so each test tears its down. */
const engines: { dispose(): Promise<void> }[] = [];

beforeEach(async () => {
  vi.stubGlobal('crossOriginIsolated', true);
  vi.stubGlobal('navigator', { userAgent: 'Chrome', platform: 'Linux', maxTouchPoints: 0, onLine: true });
  backing.files = [];
  backing.hosts = [];
  const { setBackingEngine } = await import('./webcontainerDouble');
  setBackingEngine((): BackingEngine => ({
    boot: async () => undefined,
    syncFiles: async (files) => void backing.files.push(new Map(files)),
    startHost: async () => {
      const host = new StandInHost();
      backing.hosts.push(host);
      return host;
    },
    dispose: async () => undefined,
  }));
});
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.dispose();
  vi.unstubAllGlobals();
});

async function booted() {
  const { WebContainerEngine } = await import('../webcontainerEngine');
  const { currentInstance } = await import('./webcontainerDouble');
  const engine = new WebContainerEngine();
  engines.push(engine);
  await engine.boot();
  return { engine, double: currentInstance()! };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the WebContainer adapter on the double', () => {
  it('mounts the host bundle beside app/, and the host starts on app/ with later edits reaching it', async () => {
    const { engine, double } = await booted();
    await engine.syncFiles(
      new Map([
        ['host.json', '{}'],
        ['hello/function.json', '{"bindings":[]}'],
      ]),
    );
    expect(await double.fs.readdir('.', { withFileTypes: false })).toEqual(['app', 'host.mjs']);
    await engine.startHost();
    expect(backing.files.at(-1)).toEqual(
      new Map([
        ['host.json', '{}'],
        ['hello/function.json', '{"bindings":[]}'],
      ]),
    );
    await engine.syncFiles(new Map([['host.json', '{"version":"2.0"}']]));
    // The emptied folder goes too: the host reads no hello/ any more.
    expect(backing.files.at(-1)).toEqual(new Map([['host.json', '{"version":"2.0"}']]));
    expect(double.records()[0]).toMatchObject({ command: 'node', size: { cols: 120, rows: 30 } });
  });

  it('holds commands until the host has spoken, so the cooked terminal never sees them', async () => {
    const { engine, double } = await booted();
    await engine.syncFiles(new Map([['host.json', '{}']]));
    const process = await engine.startHost();
    const answers = new FrameDecoder();
    const seen: unknown[] = [];
    process.onOutput((chunk) => seen.push(...answers.push(chunk).messages));
    const big = encodeFrame({
      type: 'http.request',
      id: 'c1',
      request: { method: 'POST', path: '/', body: 'x'.repeat(5000) },
    });
    process.write(big);
    await tick();
    const host = backing.hosts[0]!;
    expect(host.read).toEqual([]);
    host.say({ type: 'hello', protocol: 1, hostVersion: 'test' });
    await vi.waitFor(() => expect(host.read.join('')).toBe(big));
    expect(double.records()[0]).toMatchObject({ cookedInput: 0, raw: true });
    expect(double.records()[0]!.screen).not.toContain('^[');
    await vi.waitFor(() => expect(seen).toContainEqual({ type: 'command.result', id: 'c1', ok: true }));
  });

  it('without the wait, the line discipline echoes a command as junk and cuts it at 4095 characters', async () => {
    const { double } = await booted();
    await double.mount({ 'host.mjs': { file: { contents: '//' } }, app: { directory: {} } });
    const spawned = await double.spawn('node', ['host.mjs', 'app', '--control']);
    const writer = spawned.input.getWriter();
    const big = encodeFrame({ type: 'state.get', id: 'x'.repeat(5000) });
    await writer.write(big);
    const host = backing.hosts[0]!;
    host.say({ type: 'hello', protocol: 1, hostVersion: 'test' });
    await tick();
    expect(host.read.join('')).toBe(big.slice(0, 4095));
    expect(double.records()[0]!.screen.startsWith('^[_fchp1;')).toBe(true);
  });

  it('stops the host with host.stop, and it exits by itself', async () => {
    const { engine } = await booted();
    await engine.syncFiles(new Map([['host.json', '{}']]));
    const process = await engine.startHost();
    backing.hosts[0]!.say({ type: 'hello', protocol: 1, hostVersion: 'test' });
    await tick();
    process.kill();
    expect(await process.exit).toBe(0);
  });

  it('refuses a second boot while one instance lives, and allows one after teardown', async () => {
    const { engine } = await booted();
    const { WebContainerDouble } = await import('./webcontainerDouble');
    await expect(WebContainerDouble.boot()).rejects.toThrow('Only a single WebContainer instance');
    await engine.dispose();
    const again = await WebContainerDouble.boot();
    expect(again.workdir).toBe('/home/double');
    again.teardown();
  });

  it('runs nothing but the host: another command fails as a shell would say', async () => {
    const { double } = await booted();
    const spawned = await double.spawn('npm', ['install']);
    const reader = spawned.output.getReader();
    expect((await reader.read()).value).toContain('command not found: npm');
    expect(await spawned.exit).toBe(127);
  });
});
