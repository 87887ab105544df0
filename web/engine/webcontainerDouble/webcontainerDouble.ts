import type { BootOptions, FileSystemTree, SpawnOptions, WebContainerProcess } from '@webcontainer/api';
import type { Engine, EngineProcess } from '../engine';
import { MemoryFileSystem } from './memoryFileSystem';
import { PtyProcess } from './ptyProcess';
import type { PtyRecord } from './ptyProcess';

/**
 * A test double of `@webcontainer/api`: the surface the WebContainer engine uses
 * (webcontainerEngine.ts, webcontainerProcess.ts), backed by a real host. `node host.mjs <appDir>
 * --control …` starts the Functions host in the in-page engine's host worker, on the files the
 * double's file system holds under <appDir>, and every later change to them reaches the running
 * host as it would reach a host reading them from disk. So the adapter's own code (sync, spawn,
 * control frames through a PTY, restart, stop) runs end to end, and only StackBlitz's runtime is
 * left out.
 *
 * It never reaches the production bundle: only a test build aliases `@webcontainer/api` to
 * ./api.ts (tests/browser/support/webcontainerDoubleSite.ts).
 */
export type BackingEngine = Pick<Engine, 'boot' | 'syncFiles' | 'startHost' | 'dispose'>;

/** What lets the double refuse what the library refuses: one live instance, the key before boot. */
const library = {
  current: undefined as WebContainerDouble | undefined,
  booting: false,
  apiKey: undefined as string | undefined,
  everBooted: false,
};

export function configureAPIKey(key: string): void {
  // The library reads the key at boot; afterwards it throws, which the adapter must not trigger.
  if (library.everBooted) throw new Error('`configureAPIKey` should be called before booting.');
  library.apiKey = key;
}

/** The instance booted now (none after teardown), for tests. */
export function currentInstance(): WebContainerDouble | undefined {
  return library.current;
}

/** The key the adapter configured, for tests. */
export function configuredApiKey(): string | undefined {
  return library.apiKey;
}

type Listener = (...args: never[]) => void;

export class WebContainerDouble {
  readonly fs: MemoryFileSystem;
  readonly processes: PtyProcess[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly live = new Set<EngineProcess>();
  /** The app folder of the newest host: the backing engine keeps one file map for its hosts. */
  private appDir: string | undefined;
  private tornDown = false;

  private constructor(
    private readonly backing: BackingEngine,
    readonly bootOptions: BootOptions,
  ) {
    this.fs = new MemoryFileSystem(`/home/${bootOptions.workdirName ?? 'double'}`);
    // Synchronously, before the fs call settles: the engine posts the files to the host before
    // the adapter's next control command, as a file on disk is there before the next read.
    this.fs.onChange(() => {
      if (this.appDir !== undefined && this.live.size > 0)
        void this.backing.syncFiles(this.fs.filesUnder(this.appDir));
    });
  }

  static async boot(options: BootOptions = {}, backing = backingFactory): Promise<WebContainerDouble> {
    if (library.current || library.booting)
      throw new Error('Only a single WebContainer instance can be booted');
    if (options.coep !== 'none' && globalThis.crossOriginIsolated !== true) {
      throw new Error(
        "Failed to execute 'postMessage' on 'Worker': SharedArrayBuffer transfer requires self.crossOriginIsolated.",
      );
    }
    library.booting = true;
    try {
      const engine = backing();
      await engine.boot();
      const instance = new WebContainerDouble(engine, options);
      library.current = instance;
      library.everBooted = true;
      return instance;
    } finally {
      library.booting = false;
    }
  }

  get workdir(): string {
    return this.fs.workdir;
  }

  async mount(tree: FileSystemTree, options?: { mountPoint?: string }): Promise<void> {
    this.requireAlive();
    this.fs.mount(tree, options?.mountPoint);
  }

  on(event: 'port', listener: (port: number, type: 'open' | 'close', url: string) => void): () => void;
  on(event: 'server-ready', listener: (port: number, url: string) => void): () => void;
  on(event: 'error', listener: (error: { message: string }) => void): () => void;
  on(event: string, listener: Listener): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener);
    return () => void set.delete(listener);
  }

  spawn(command: string, args: string[], options?: SpawnOptions): Promise<WebContainerProcess>;
  spawn(command: string, options?: SpawnOptions): Promise<WebContainerProcess>;
  async spawn(
    command: string,
    argsOrOptions?: string[] | SpawnOptions,
    maybeOptions?: SpawnOptions,
  ): Promise<WebContainerProcess> {
    this.requireAlive();
    const args = Array.isArray(argsOrOptions) ? argsOrOptions : [];
    const options = (Array.isArray(argsOrOptions) ? maybeOptions : argsOrOptions) ?? {};
    // Not modelled, so refused loudly rather than ignored: a test must not pass on a silent gap.
    if (options.env !== undefined || options.output === false) {
      throw new Error('The WebContainer double does not model spawn options env or output: false.');
    }
    const cwd = this.fs.resolve(options.cwd ?? '');
    const backing = await this.start(command, args, cwd);
    let url: string | undefined;
    const process = new PtyProcess(backing, { command, args }, options.terminal, {
      onListening: (listening) => {
        url = listening;
        const port = Number(new URL(listening).port);
        this.emit('port', port, 'open', listening);
        this.emit('server-ready', port, listening);
      },
      onExit: () => {
        this.live.delete(backing);
        if (url) this.emit('port', Number(new URL(url).port), 'close', url);
      },
    });
    this.processes.push(process);
    return process;
  }

  /** What each process showed and read, for tests. */
  records(): PtyRecord[] {
    return this.processes.map((process) => process.record());
  }

  /**
   * Reports an internal error of the runtime, as the library's `error` event does (blocked
   * cookies or storage are the usual cause); a browser test has no other way to cause one.
   */
  simulateError(message: string): void {
    this.emit('error', { message });
  }

  teardown(): void {
    if (this.tornDown) return;
    this.tornDown = true;
    for (const process of this.live) process.kill();
    this.live.clear();
    void this.backing.dispose();
    if (library.current === this) library.current = undefined;
  }

  private async start(command: string, args: readonly string[], cwd: string): Promise<EngineProcess> {
    if (command !== 'node') return ended(`jsh: command not found: ${command}\r\n`, 127);
    const [script, appDir] = args;
    if (script === undefined || !this.fs.isFile(this.fs.resolve(script, cwd))) {
      const where = `${this.workdir}/${this.fs.resolve(script ?? '', cwd)}`;
      return ended(`node:internal/modules/cjs/loader\r\nError: Cannot find module '${where}'\r\n`, 1);
    }
    if (appDir === undefined || !args.includes('--control')) {
      return ended(
        'The WebContainer double runs only the Functions host: node <host bundle> <appDir> --control.\r\n',
        1,
      );
    }
    this.appDir = this.fs.resolve(appDir, cwd);
    await this.backing.syncFiles(this.fs.filesUnder(this.appDir));
    const process = await this.backing.startHost();
    this.live.add(process);
    return process;
  }

  private emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }

  private requireAlive(): void {
    if (this.tornDown) throw new Error('The WebContainer instance has been torn down.');
  }
}

/** How the double makes its backing engine; api.ts sets the in-page engine, unit tests their own. */
let backingFactory: () => BackingEngine = () => {
  throw new Error('The WebContainer double has no backing engine (see api.ts).');
};

export function setBackingEngine(factory: () => BackingEngine): void {
  backingFactory = factory;
}

/** A process that printed `text` and exited: what a shell gives for a command it cannot run. */
function ended(text: string, code: number): EngineProcess {
  let printed = false;
  return {
    onOutput(listener) {
      if (!printed) listener(text);
      printed = true;
      return () => undefined;
    },
    write: () => undefined,
    // A task later, so the output is read before the exit, as with a real process.
    exit: new Promise((resolve) => setTimeout(() => resolve(code), 0)),
    kill: () => undefined,
  };
}
