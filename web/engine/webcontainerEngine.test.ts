import type { FileSystemTree } from '@webcontainer/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContainerEngine as Engine } from './webcontainerEngine';

// An in-memory stand-in for the library: no WebContainer can boot on a machine without internet,
// so these tests pin down what the adapter asks of the library, not what the library does.
const fake = vi.hoisted(() => {
  class FakeProcess {
    output: ReadableStream<string>;
    input: WritableStream<string>;
    exit: Promise<number>;
    written: string[] = [];
    killed = false;
    push!: (chunk: string) => void;
    private finish!: (code: number) => void;
    private closeOutput!: () => void;

    constructor() {
      this.output = new ReadableStream<string>({
        start: (controller) => {
          this.push = (chunk) => controller.enqueue(chunk);
          this.closeOutput = () => controller.close();
        },
      });
      this.input = new WritableStream<string>({ write: (chunk) => void this.written.push(chunk) });
      this.exit = new Promise((resolve) => (this.finish = resolve));
    }

    kill(): void {
      this.killed = true;
      this.exitWith(137);
    }

    exitWith(code: number): void {
      this.closeOutput();
      this.finish(code);
    }

    resize(): void {}
  }

  class FakeWebContainer {
    readonly ops: string[] = [];
    readonly mounts: FileSystemTree[] = [];
    readonly processes: FakeProcess[] = [];
    readonly spawnCalls: unknown[][] = [];
    readonly errorListeners = new Set<(e: { message: string }) => void>();
    tornDown = false;
    readonly fs = {
      writeFile: async (path: string, data: string) => void this.ops.push(`write ${path} ${data}`),
      mkdir: async (path: string, options?: { recursive?: boolean }) =>
        void this.ops.push(`mkdir ${path}${options?.recursive ? ' -p' : ''}`),
      rm: async (path: string, options?: { recursive?: boolean; force?: boolean }) =>
        void this.ops.push(`rm ${path}${options?.recursive ? ' -r' : ''}${options?.force ? ' -f' : ''}`),
    };

    async mount(tree: FileSystemTree): Promise<void> {
      this.ops.push('mount');
      this.mounts.push(tree);
    }

    async spawn(...args: unknown[]): Promise<FakeProcess> {
      this.spawnCalls.push(args);
      const process = new FakeProcess();
      this.processes.push(process);
      return process;
    }

    on(event: string, listener: (e: { message: string }) => void): () => void {
      if (event !== 'error') throw new Error(`unexpected event ${event}`);
      this.errorListeners.add(listener);
      return () => this.errorListeners.delete(listener);
    }

    teardown(): void {
      this.tornDown = true;
    }
  }

  const state = {
    bootCalls: [] as unknown[],
    /** What the next WebContainer.boot() does; by default it boots a fresh fake. */
    boot: (): Promise<FakeWebContainer> => Promise.resolve(new FakeWebContainer()),
    last: undefined as FakeWebContainer | undefined,
  };
  const WebContainer = {
    boot: async (options: unknown) => {
      state.bootCalls.push(options);
      state.last = await state.boot();
      return state.last;
    },
  };
  return { state, WebContainer, FakeWebContainer, FakeProcess };
});

vi.mock('@webcontainer/api', () => ({ WebContainer: fake.WebContainer }));
vi.mock('./hostBundle', () => ({ loadHostBundle: vi.fn(async () => '// host bundle') }));

type FakeContainer = InstanceType<typeof fake.FakeWebContainer>;

/** A fresh copy of the module per test: its one-boot-per-page promise is module state, reset by a reload. */
async function load() {
  return import('./webcontainerEngine');
}

function stubBrowser(overrides: { isolated?: boolean; embedded?: boolean; navigator?: object } = {}) {
  const win: { top?: unknown } = {};
  win.top = overrides.embedded ? {} : win;
  vi.stubGlobal('window', win);
  vi.stubGlobal('crossOriginIsolated', overrides.isolated ?? true);
  vi.stubGlobal('navigator', {
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36',
    platform: 'Linux x86_64',
    maxTouchPoints: 0,
    onLine: true,
    ...overrides.navigator,
  });
}

async function bootedEngine(): Promise<{ engine: Engine; container: FakeContainer }> {
  const { WebContainerEngine } = await load();
  const engine = new WebContainerEngine();
  await engine.boot();
  return { engine, container: fake.state.last as FakeContainer };
}

beforeEach(() => {
  vi.resetModules();
  fake.state.bootCalls = [];
  fake.state.boot = () => Promise.resolve(new fake.FakeWebContainer());
  fake.state.last = undefined;
  stubBrowser();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('boot pre-checks', () => {
  async function bootFailure() {
    const { WebContainerEngine } = await load();
    return new WebContainerEngine().boot().then(
      () => expect.fail('boot() should have failed'),
      (e: unknown) => e as { name: string; reason: string; message: string },
    );
  }

  it('refuses a page that is not cross-origin isolated', async () => {
    stubBrowser({ isolated: false });
    const error = await bootFailure();
    expect(error).toMatchObject({ name: 'EngineBootError', reason: 'not-isolated' });
    expect(error.message).toMatch(/COOP and COEP/);
  });

  it('says "embedded" when a non-isolated page runs in a frame', async () => {
    stubBrowser({ isolated: false, embedded: true });
    expect(await bootFailure()).toMatchObject({ reason: 'embedded' });
  });

  it('refuses iPhone and iPad (which reports itself as a Mac with a touch screen)', async () => {
    stubBrowser({ navigator: { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)' } });
    expect(await bootFailure()).toMatchObject({ reason: 'unsupported-browser' });
    stubBrowser({
      navigator: {
        userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)',
        platform: 'MacIntel',
        maxTouchPoints: 5,
      },
    });
    expect(await bootFailure()).toMatchObject({ reason: 'unsupported-browser' });
    expect(fake.state.bootCalls).toEqual([]);
  });

  it('lets a desktop Mac through', async () => {
    stubBrowser({
      navigator: {
        userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)',
        platform: 'MacIntel',
        maxTouchPoints: 0,
      },
    });
    await (await bootedEngine()).engine.dispose();
    expect(fake.state.bootCalls).toHaveLength(1);
  });

  it('refuses an isolated page without SharedArrayBuffer', async () => {
    vi.stubGlobal('SharedArrayBuffer', undefined);
    expect(await bootFailure()).toMatchObject({ reason: 'unsupported-browser' });
  });

  it('refuses when the browser is offline, without calling the library', async () => {
    stubBrowser({ navigator: { onLine: false } });
    expect(await bootFailure()).toMatchObject({ reason: 'offline' });
    expect(fake.state.bootCalls).toEqual([]);
  });
});

describe('boot', () => {
  it('boots with require-corp and a named workdir', async () => {
    await bootedEngine();
    expect(fake.state.bootCalls).toEqual([{ coep: 'require-corp', workdirName: 'playground' }]);
  });

  it('gives up after 20 s by default, saying that a retry needs a reload', async () => {
    vi.useFakeTimers();
    fake.state.boot = () => new Promise(() => {}); // what boot() does offline: never settles
    const { WebContainerEngine } = await load();
    const outcome = new WebContainerEngine().boot().then(
      () => 'booted',
      (e: { reason: string; message: string }) => e,
    );
    await vi.advanceTimersByTimeAsync(19_999);
    expect(await Promise.race([outcome, 'pending'])).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toMatchObject({ reason: 'timeout' });
    expect((error as { message: string }).message).toMatch(/within 20 s.*reload/);
  });

  it('uses the timeout from the options, and a later boot fails fast without asking the library again', async () => {
    fake.state.boot = () => new Promise(() => {});
    const { WebContainerEngine } = await load();
    await expect(new WebContainerEngine({ bootTimeoutMs: 10 }).boot()).rejects.toMatchObject({
      reason: 'timeout',
    });
    expect(fake.state.bootCalls).toHaveLength(1);

    const started = Date.now();
    const again = new WebContainerEngine({ bootTimeoutMs: 60_000 }).boot();
    await expect(again).rejects.toMatchObject({
      reason: 'timeout',
      message: expect.stringMatching(/reload/),
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fake.state.bootCalls).toHaveLength(1);
  });

  it('tears down an instance that arrives after the timeout', async () => {
    let arrive!: (c: FakeContainer) => void;
    fake.state.boot = () => new Promise((resolve) => (arrive = resolve));
    const { WebContainerEngine } = await load();
    await expect(new WebContainerEngine({ bootTimeoutMs: 10 }).boot()).rejects.toMatchObject({
      reason: 'timeout',
    });
    const late = new fake.FakeWebContainer();
    arrive(late);
    await vi.waitFor(() => expect(late.tornDown).toBe(true));
  });

  it('reports a library failure as reason "error"', async () => {
    fake.state.boot = () => Promise.reject(new Error('Unable to create more instances'));
    const { WebContainerEngine } = await load();
    await expect(new WebContainerEngine().boot()).rejects.toMatchObject({
      name: 'EngineBootError',
      reason: 'error',
      message: expect.stringContaining('Unable to create more instances'),
    });
  });

  it('boots once per page: engines share the instance until one is disposed', async () => {
    const { WebContainerEngine } = await load();
    const first = new WebContainerEngine();
    const second = new WebContainerEngine();
    await Promise.all([first.boot(), second.boot()]);
    expect(fake.state.bootCalls).toHaveLength(1);
    const container = fake.state.last as FakeContainer;

    await first.dispose();
    expect(container.tornDown).toBe(true);
    // teardown() frees the page's slot, so booting again is allowed.
    await new WebContainerEngine().boot();
    expect(fake.state.bootCalls).toHaveLength(2);
  });

  it('does not come alive when disposed while booting, and leaves the boot to the next engine', async () => {
    let arrive!: (c: FakeContainer) => void;
    fake.state.boot = () => new Promise((resolve) => (arrive = resolve));
    const { WebContainerEngine } = await load();
    const first = new WebContainerEngine();
    const booting = first.boot();
    await vi.waitFor(() => expect(fake.state.bootCalls).toHaveLength(1));
    await first.dispose();
    const container = new fake.FakeWebContainer();
    arrive(container);
    await expect(booting).rejects.toThrow(/disposed/);
    expect(container.tornDown).toBe(false);

    const second = new WebContainerEngine();
    await second.boot();
    await second.syncFiles(new Map());
    expect(container.mounts).toHaveLength(1);
    expect(fake.state.bootCalls).toHaveLength(1);
  });

  it('stops waiting when the signal aborts', async () => {
    fake.state.boot = () => new Promise(() => {});
    const { WebContainerEngine } = await load();
    const controller = new AbortController();
    const booting = new WebContainerEngine({ bootTimeoutMs: 500 }).boot(controller.signal);
    controller.abort(new Error('navigated away'));
    await expect(booting).rejects.toThrow('navigated away');
  });

  it("surfaces the instance's error events, buffered until someone listens", async () => {
    const { engine, container } = await bootedEngine();
    for (const listener of container.errorListeners) listener({ message: 'storage is blocked' });
    const seen: string[] = [];
    engine.onError((message) => seen.push(message));
    for (const listener of container.errorListeners) listener({ message: 'again' });
    expect(seen).toEqual(['storage is blocked', 'again']);
    await engine.dispose();
    expect(container.errorListeners.size).toBe(0);
  });
});

describe('syncFiles', () => {
  const app = new Map([
    ['host.json', '{"version":"2.0"}'],
    ['orders/function.json', '{"bindings":[]}'],
    ['handler.js', 'v1'],
  ]);

  it('first mounts the app under app/ with the host bundle next to it', async () => {
    const { engine, container } = await bootedEngine();
    await engine.syncFiles(app);
    expect(container.ops).toEqual(['rm app -r -f', 'mount']);
    expect(container.mounts[0]).toEqual({
      'host.mjs': { file: { contents: '// host bundle' } },
      app: {
        directory: {
          'host.json': { file: { contents: '{"version":"2.0"}' } },
          orders: { directory: { 'function.json': { file: { contents: '{"bindings":[]}' } } } },
          'handler.js': { file: { contents: 'v1' } },
        },
      },
    });
  });

  it('then writes and removes only what changed', async () => {
    const { engine, container } = await bootedEngine();
    await engine.syncFiles(app);
    container.ops.length = 0;

    const next = new Map(app);
    next.set('handler.js', 'v2');
    next.delete('orders/function.json');
    next.set('payments/deep/function.json', '{}');
    await engine.syncFiles(next);
    expect(container.ops).toEqual([
      'rm app/orders/function.json -f',
      'write app/handler.js v2',
      'mkdir app/payments/deep -p',
      'write app/payments/deep/function.json {}',
    ]);
    expect(container.mounts).toHaveLength(1);

    container.ops.length = 0;
    await engine.syncFiles(next);
    expect(container.ops).toEqual([]);
  });

  it('refuses paths that would leave the app folder', async () => {
    const { engine, container } = await bootedEngine();
    await expect(engine.syncFiles(new Map([['../host.mjs', 'x']]))).rejects.toThrow(/app-relative/);
    await expect(engine.syncFiles(new Map([['/etc/passwd', 'x']]))).rejects.toThrow(/app-relative/);
    expect(container.ops).toEqual([]);
  });

  it('needs a booted engine', async () => {
    const { WebContainerEngine } = await load();
    await expect(new WebContainerEngine().syncFiles(app)).rejects.toThrow(/boot/);
  });
});

describe('startHost', () => {
  it('spawns the host on app/ with the control protocol in a 120×30 terminal', async () => {
    const { engine, container } = await bootedEngine();
    await engine.startHost();
    expect(container.spawnCalls).toEqual([
      ['node', ['host.mjs', 'app', '--control', '--port', '0'], { terminal: { cols: 120, rows: 30 } }],
    ]);
  });

  it('buffers output until the first listener, then streams it', async () => {
    const { engine, container } = await bootedEngine();
    const process = await engine.startHost();
    const spawned = container.processes[0]!;
    spawned.push('early ');
    spawned.push('output ');
    await new Promise((resolve) => setTimeout(resolve, 0)); // let the pump read them

    const seen: string[] = [];
    const stop = process.onOutput((chunk) => seen.push(chunk));
    expect(seen).toEqual(['early ', 'output ']);
    spawned.push('late');
    await vi.waitFor(() => expect(seen).toEqual(['early ', 'output ', 'late']));
    stop();
  });

  it('writes to the terminal input, reports the exit code, and kills', async () => {
    const { engine, container } = await bootedEngine();
    const process = await engine.startHost();
    const spawned = container.processes[0]!;
    process.write('{"id":1}\n');
    await vi.waitFor(() => expect(spawned.written).toEqual(['{"id":1}\n']));
    process.kill();
    expect(spawned.killed).toBe(true);
    expect(await process.exit).toBe(137);
  });

  it('dispose() kills running processes and tears the container down', async () => {
    const { engine, container } = await bootedEngine();
    await engine.startHost();
    await engine.dispose();
    expect(container.processes[0]!.killed).toBe(true);
    expect(container.tornDown).toBe(true);
  });
});
