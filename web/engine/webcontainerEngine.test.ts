import type { FileSystemTree } from '@webcontainer/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeFrame } from '../../runtime/core/control/framing';
import type { WebContainerEngine as Engine } from './webcontainerEngine';
import { MAX_HELD_INPUT_CHARS, MAX_OUTPUT_BACKLOG_CHARS, STOP_GRACE_MS } from './webcontainerProcess';

// An in-memory stand-in for the library: no WebContainer can boot on a machine without internet,
// so these tests pin down what the adapter asks of the library, not what the library does.
const fake = vi.hoisted(() => {
  /**
   * A process behind a PTY, as the library gives it: it starts in line mode with echo, so input
   * is echoed back (ESC shown as ^[), held until a newline, and cut at 4095 characters per line
   * (MAX_CANON), until the host switches its stdin to raw mode (setRawMode).
   */
  class FakeProcess {
    output: ReadableStream<string>;
    input: WritableStream<string>;
    exit: Promise<number>;
    /** What the host read from its stdin, after the line discipline. */
    stdin: string[] = [];
    raw = false;
    inputClosed = false;
    /** Whether the host exits by itself when its input closes. */
    exitsOnEndOfInput = false;
    killed = false;
    push!: (chunk: string) => void;
    private line = '';
    private ended = false;
    private finish!: (code: number) => void;
    private closeOutput!: () => void;

    constructor() {
      this.output = new ReadableStream<string>({
        start: (controller) => {
          this.push = (chunk) => void (this.ended || controller.enqueue(chunk));
          this.closeOutput = () => controller.close();
        },
      });
      this.input = new WritableStream<string>({
        write: (chunk) => this.type(chunk),
        close: () => {
          this.inputClosed = true;
          if (this.exitsOnEndOfInput) this.exitWith(0);
        },
      });
      this.exit = new Promise((resolve) => (this.finish = resolve));
    }

    setRawMode(): void {
      this.raw = true;
      // Switching off canonical mode makes a pending partial line readable, as on Linux.
      if (this.line !== '') this.stdin.push(this.line);
      this.line = '';
    }

    kill(): void {
      this.killed = true;
      this.exitWith(137);
    }

    exitWith(code: number): void {
      if (this.ended) return;
      this.closeOutput();
      this.ended = true;
      this.finish(code);
    }

    resize(): void {}

    private type(chunk: string): void {
      if (this.raw) {
        this.stdin.push(chunk);
        return;
      }
      this.push(chunk.replaceAll('\u001b', '^[').replace(/\r?\n/g, '\r\n'));
      for (const c of chunk) {
        if (c === '\n' || c === '\r') {
          this.stdin.push(`${this.line}\n`);
          this.line = '';
        } else if (this.line.length < 4095) this.line += c;
      }
    }
  }

  class FsError extends Error {
    constructor(code: string, op: string, path: string) {
      super(`${code}: ${op} '${path}'`);
    }
  }

  /** A file system with folders, failing where the real one fails (EISDIR, ENOTDIR, ENOENT). */
  class FakeFs {
    /** Path → 'dir' for a folder, or the file's text. */
    readonly entries = new Map<string, string | { dir: true }>();

    mkdir(path: string, recursive: boolean): void {
      const segments = path.split('/');
      segments.forEach((_, i) => {
        const at = segments.slice(0, i + 1).join('/');
        const entry = this.entries.get(at);
        if (entry === undefined) {
          if (!recursive && i < segments.length - 1) throw new FsError('ENOENT', 'mkdir', path);
          this.entries.set(at, { dir: true });
        } else if (typeof entry === 'string') throw new FsError('ENOTDIR', 'mkdir', path);
      });
    }

    writeFile(path: string, data: string): void {
      const parent = path.slice(0, Math.max(0, path.lastIndexOf('/')));
      const parentEntry = parent === '' ? { dir: true } : this.entries.get(parent);
      if (parentEntry === undefined) throw new FsError('ENOENT', 'open', path);
      if (typeof parentEntry === 'string') throw new FsError('ENOTDIR', 'open', path);
      if (typeof this.entries.get(path) === 'object') throw new FsError('EISDIR', 'open', path);
      this.entries.set(path, data);
    }

    rm(path: string, recursive: boolean, force: boolean): void {
      const entry = this.entries.get(path);
      if (entry === undefined) {
        if (force) return;
        throw new FsError('ENOENT', 'rm', path);
      }
      if (typeof entry === 'object' && !recursive) throw new FsError('ERR_FS_EISDIR', 'rm', path);
      for (const key of [...this.entries.keys()]) {
        if (key === path || key.startsWith(`${path}/`)) this.entries.delete(key);
      }
    }

    /** Every entry, folders with a trailing slash, sorted. */
    list(under = ''): string[] {
      return [...this.entries]
        .filter(([path]) => under === '' || path.startsWith(`${under}/`))
        .map(([path, entry]) => (typeof entry === 'object' ? `${path}/` : path))
        .sort();
    }
  }

  /** The library's own copy of a mount tree (toInternalFileSystemTree): plain objects, so `__proto__` is lost. */
  function internalTree(tree: Record<string, unknown>): Record<string, unknown> {
    const copy: Record<string, unknown> = {};
    for (const name of Object.keys(tree)) {
      const entry = tree[name] as { file?: { contents: string }; directory?: Record<string, unknown> };
      copy[name] = entry.directory ? { directory: internalTree(entry.directory) } : { file: entry.file };
    }
    return copy;
  }

  class FakeWebContainer {
    readonly ops: string[] = [];
    readonly mounts: FileSystemTree[] = [];
    readonly processes: FakeProcess[] = [];
    readonly spawnCalls: unknown[][] = [];
    readonly errorListeners = new Set<(e: { message: string }) => void>();
    readonly disk = new FakeFs();
    tornDown = false;
    readonly fs = {
      writeFile: async (path: string, data: string) => {
        this.ops.push(`write ${path} ${data}`);
        this.disk.writeFile(path, data);
      },
      mkdir: async (path: string, options?: { recursive?: boolean }) => {
        this.ops.push(`mkdir ${path}${options?.recursive ? ' -p' : ''}`);
        this.disk.mkdir(path, options?.recursive === true);
      },
      rm: async (path: string, options?: { recursive?: boolean; force?: boolean }) => {
        this.ops.push(`rm ${path}${options?.recursive ? ' -r' : ''}${options?.force ? ' -f' : ''}`);
        this.disk.rm(path, options?.recursive === true, options?.force === true);
      },
    };

    async mount(tree: FileSystemTree): Promise<void> {
      this.ops.push('mount');
      this.mounts.push(tree);
      const place = (node: Record<string, unknown>, at: string) => {
        for (const [name, entry] of Object.entries(node)) {
          const path = at === '' ? name : `${at}/${name}`;
          const { file, directory } = entry as {
            file?: { contents: string };
            directory?: Record<string, unknown>;
          };
          if (directory) {
            this.disk.mkdir(path, true);
            place(directory, path);
          } else this.disk.writeFile(path, (file as { contents: string }).contents);
        }
      };
      place(internalTree(tree as Record<string, unknown>), '');
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
    /** configureAPIKey and boot calls, in order. */
    calls: [] as string[],
    booted: false,
  };
  const WebContainer = {
    boot: async (options: unknown) => {
      state.calls.push('boot');
      state.booted = true;
      state.bootCalls.push(options);
      state.last = await state.boot();
      return state.last;
    },
  };
  /** As the library's: it refuses once any boot has started. */
  const configureAPIKey = (key: string) => {
    if (state.booted) throw new Error('`configureAPIKey` should always be called before `WebContainer.boot`');
    state.calls.push(`configureAPIKey ${key}`);
  };
  return { state, WebContainer, configureAPIKey, FakeWebContainer, FakeProcess };
});

vi.mock('@webcontainer/api', () => ({
  WebContainer: fake.WebContainer,
  configureAPIKey: fake.configureAPIKey,
}));
vi.mock('./hostBundle', () => ({ loadHostBundle: vi.fn(async () => '// host bundle') }));

type FakeContainer = InstanceType<typeof fake.FakeWebContainer>;
type FakeProcess = InstanceType<typeof fake.FakeProcess>;

/** What the real host does when it attaches its control channel: raw mode first, then hello. */
function hostAttaches(spawned: FakeProcess): void {
  spawned.setRawMode();
  spawned.push(encodeFrame({ type: 'hello', protocol: 1, hostVersion: 'test' }));
}

/** Lets the output pump read what was pushed. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

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
  fake.state.calls = [];
  fake.state.booted = false;
  stubBrowser();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
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

  it('keeps only the newest 20 errors for a late listener, and says how many it dropped', async () => {
    const { engine, container } = await bootedEngine();
    for (let i = 1; i <= 25; i++)
      for (const listener of container.errorListeners) listener({ message: `e${i}` });
    const seen: string[] = [];
    engine.onError((message) => seen.push(message));
    expect(seen[0]).toBe('(5 earlier runtime errors were dropped)');
    expect(seen.slice(1)).toEqual(Array.from({ length: 20 }, (_, i) => `e${i + 6}`));
  });

  it('configures the API key from VITE_WEBCONTAINER_API_KEY before booting, once per page', async () => {
    vi.stubEnv('VITE_WEBCONTAINER_API_KEY', ' wc_api_key_123 ');
    const { WebContainerEngine } = await load();
    const first = new WebContainerEngine();
    await first.boot();
    expect(fake.state.calls).toEqual(['configureAPIKey wc_api_key_123', 'boot']);
    // The library refuses the key once it has booted; a boot after teardown must still work.
    await first.dispose();
    await new WebContainerEngine().boot();
    expect(fake.state.calls).toEqual(['configureAPIKey wc_api_key_123', 'boot', 'boot']);
  });

  it('boots without a key when none is set (the free tier)', async () => {
    vi.stubEnv('VITE_WEBCONTAINER_API_KEY', '');
    await bootedEngine();
    expect(fake.state.calls).toEqual(['boot']);
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
      'rm app/orders -r -f',
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

  it('removes folders left without files, and keeps those that still hold one', async () => {
    const { engine, container } = await bootedEngine();
    await engine.syncFiles(
      new Map([
        ['host.json', '{}'],
        ['a/b/c/function.json', '{}'],
        ['a/keep.js', 'k'],
        ['x/y/function.json', '{}'],
      ]),
    );
    await engine.syncFiles(
      new Map([
        ['host.json', '{}'],
        ['a/keep.js', 'k'],
      ]),
    );
    expect(container.disk.list('app')).toEqual(['app/a/', 'app/a/keep.js', 'app/host.json']);
  });

  it('replaces a folder by a file of the same name, and a file by a folder', async () => {
    const { engine, container } = await bootedEngine();
    await engine.syncFiles(
      new Map([
        ['orders/function.json', '{}'],
        ['notes', 'a file'],
      ]),
    );
    await engine.syncFiles(
      new Map([
        ['orders', 'now a file'],
        ['notes/today.md', 'now in a folder'],
      ]),
    );
    expect(container.disk.list('app')).toEqual(['app/notes/', 'app/notes/today.md', 'app/orders']);
    // And back again: nothing is left in the way of the next sync either.
    await engine.syncFiles(
      new Map([
        ['orders/function.json', '{}'],
        ['notes', 'a file'],
      ]),
    );
    expect(container.disk.list('app')).toEqual(['app/notes', 'app/orders/', 'app/orders/function.json']);
  });

  it('mounts files named like what a plain object inherits: constructor, toString, __proto__', async () => {
    const { engine, container } = await bootedEngine();
    const files = new Map([
      ['constructor', 'a'],
      ['toString/function.json', 'b'],
      ['__proto__', 'c'],
      ['hasOwnProperty/__proto__/x.js', 'd'],
    ]);
    await engine.syncFiles(files);
    expect(container.disk.list('app')).toEqual([
      'app/__proto__',
      'app/constructor',
      'app/hasOwnProperty/',
      'app/hasOwnProperty/__proto__/',
      'app/hasOwnProperty/__proto__/x.js',
      'app/toString/',
      'app/toString/function.json',
    ]);
    container.ops.length = 0;
    await engine.syncFiles(files);
    expect(container.ops).toEqual([]); // all of them are known to be there
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
    await tick();

    const seen: string[] = [];
    const stop = process.onOutput((chunk) => seen.push(chunk));
    expect(seen).toEqual(['early ', 'output ']);
    spawned.push('late');
    await vi.waitFor(() => expect(seen).toEqual(['early ', 'output ', 'late']));
    stop();
  });

  it('keeps only the newest output for a late listener, and says how much it dropped', async () => {
    const { engine, container } = await bootedEngine();
    const process = await engine.startHost();
    const spawned = container.processes[0]!;
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 6; i++) spawned.push(chunk);
    spawned.push('newest');
    await tick();
    const seen: string[] = [];
    process.onOutput((c) => seen.push(c));
    const kept = seen.slice(1).join('');
    expect(kept.length).toBeLessThanOrEqual(MAX_OUTPUT_BACKLOG_CHARS);
    expect(kept.endsWith('newest')).toBe(true);
    expect(seen[0]).toContain(
      `${6 * chunk.length + 6 - kept.length} characters of earlier output were dropped`,
    );
  });

  it("holds commands until the host's first frame, so the PTY's line mode neither echoes nor cuts them", async () => {
    const { engine, container } = await bootedEngine();
    const process = await engine.startHost();
    const spawned = container.processes[0]!;
    const seen: string[] = [];
    process.onOutput((c) => seen.push(c));
    // A command longer than a terminal line (4095 characters), written while the host starts.
    const command = encodeFrame({ type: 'queue.enqueue', id: 'c1', queue: 'orders', text: 'm'.repeat(5000) });
    process.write(command);
    process.write(encodeFrame({ type: 'state.get', id: 'c2' }));
    await tick();
    expect(spawned.stdin).toEqual([]);

    hostAttaches(spawned);
    await vi.waitFor(() =>
      expect(spawned.stdin.join('')).toBe(command + encodeFrame({ type: 'state.get', id: 'c2' })),
    );
    expect(seen.join('')).not.toContain('^['); // nothing echoed back
  });

  it('writes straight through once the host has spoken, and tells a late listener nothing was lost', async () => {
    const { engine, container } = await bootedEngine();
    const process = await engine.startHost();
    const spawned = container.processes[0]!;
    hostAttaches(spawned);
    await tick();
    process.write('{"id":1}');
    await vi.waitFor(() => expect(spawned.stdin).toEqual(['{"id":1}']));
  });

  it('holds a bounded amount for a host that never speaks: the newest, saying how much went', async () => {
    const { engine, container } = await bootedEngine();
    const process = await engine.startHost();
    const spawned = container.processes[0]!;
    const seen: string[] = [];
    process.onOutput((c) => seen.push(c));
    // Five writes of a quarter of the bound each: the oldest one has to go.
    const write = (n: number) => `${n}${'b'.repeat(MAX_HELD_INPUT_CHARS / 4 - 1)}`;
    for (let n = 1; n <= 5; n++) process.write(write(n));
    hostAttaches(spawned);
    await vi.waitFor(() => expect(spawned.stdin.map((w) => w[0])).toEqual(['2', '3', '4', '5']));
    expect(spawned.stdin.join('')).toBe([2, 3, 4, 5].map(write).join(''));
    expect(seen.join('')).toContain(
      `${MAX_HELD_INPUT_CHARS / 4} characters of commands sent before the host was ready were dropped`,
    );
  });

  it('stops the host by closing its input first, and kills it only if it has not exited in time', async () => {
    vi.useFakeTimers();
    const { engine, container } = await bootedEngine();
    const polite = await engine.startHost();
    container.processes[0]!.exitsOnEndOfInput = true;
    polite.kill();
    expect(await polite.exit).toBe(0);
    expect(container.processes[0]!.inputClosed).toBe(true);
    expect(container.processes[0]!.killed).toBe(false);

    const stubborn = await engine.startHost();
    const spawned = container.processes[1]!;
    stubborn.kill();
    await vi.advanceTimersByTimeAsync(STOP_GRACE_MS - 1);
    expect(spawned.inputClosed).toBe(true);
    expect(spawned.killed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(spawned.killed).toBe(true);
    expect(await stubborn.exit).toBe(137);
  });

  it('dispose() kills running processes and tears the container down', async () => {
    const { engine, container } = await bootedEngine();
    await engine.startHost();
    await engine.dispose();
    expect(container.processes[0]!.killed).toBe(true);
    expect(container.tornDown).toBe(true);
  });
});
