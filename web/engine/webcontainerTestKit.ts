import type { FileSystemTree } from '@webcontainer/api';
import { afterEach, beforeEach, vi } from 'vitest';
import { encodeFrame } from '../../runtime/core/control/framing';
import type { WebContainerEngine as Engine } from './webcontainerEngine';

// What the webcontainerEngine*.test.ts files share: an in-memory stand-in for the library, and the
// steps every test starts from. No WebContainer can boot on a machine without internet, so these
// tests pin down what the adapter asks of the library, not what the library does.
//
// Each test file gets its own copy of this module (Vitest isolates files), so `fake` is per file,
// as the vi.hoisted() fake was when the tests were one file. The files still declare their own
// vi.mock() calls: a mock belongs to the file whose imports it replaces.

export const fake = (() => {
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
})();

export type FakeContainer = InstanceType<typeof fake.FakeWebContainer>;
export type FakeProcess = InstanceType<typeof fake.FakeProcess>;

/** What the real host does when it attaches its control channel: raw mode first, then hello. */
export function hostAttaches(spawned: FakeProcess): void {
  spawned.setRawMode();
  spawned.push(encodeFrame({ type: 'hello', protocol: 1, hostVersion: 'test' }));
}

/** Lets the output pump read what was pushed. */
export const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A fresh copy of the module per test: its one-boot-per-page promise is module state, reset by a reload. */
export async function load() {
  return import('./webcontainerEngine');
}

export function stubBrowser(overrides: { isolated?: boolean; embedded?: boolean; navigator?: object } = {}) {
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

export async function bootedEngine(): Promise<{ engine: Engine; container: FakeContainer }> {
  const { WebContainerEngine } = await load();
  const engine = new WebContainerEngine();
  await engine.boot();
  return { engine, container: fake.state.last as FakeContainer };
}

/** Resets the fake and the stubbed browser around every test of the calling file. */
export function useFakeWebContainer(): void {
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
}
