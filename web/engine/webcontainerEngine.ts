// Type-only imports: the library itself is loaded with import() in boot(), so it lands in a lazy
// chunk and a page that never boots a WebContainer (local engine, failed pre-checks) never fetches it.
import type { DirectoryNode, FileSystemTree, WebContainer, WebContainerProcess } from '@webcontainer/api';
import type { Engine, EngineProcess } from './engine';
import { EngineBootError } from './engine';
import { diffFiles } from './fileDiff';
import { loadHostBundle } from './hostBundle';

export const DEFAULT_BOOT_TIMEOUT_MS = 20_000;

/** Where things live in the container's workdir: the host bundle next to the app folder. */
const APP_DIR = 'app';
const HOST_FILE = 'host.mjs';
const HOST_ARGS = [HOST_FILE, APP_DIR, '--control', '--port', '0'];
const TERMINAL = { cols: 120, rows: 30 };

export interface WebContainerEngineOptions {
  /** How long boot() may take before it gives up (the page sets it from `?bootTimeout=<ms>`). */
  readonly bootTimeoutMs?: number;
}

/**
 * The page's one boot. The library allows one instance per page, and a boot that hangs (offline,
 * blocked iframe) holds the library's own lock forever, so a second WebContainer.boot() would hang
 * too: every engine on the page shares this promise, and only teardown() of a booted instance
 * clears it.
 */
let pageBoot: Promise<WebContainer> | undefined;

/** Throws the EngineBootError that says why a WebContainer cannot run in this page, if one applies. */
export function checkBrowser(): void {
  const g = globalThis as Partial<typeof globalThis>;
  const nav = g.navigator;
  // Checked first: on iOS/iPadOS WebContainers crash or reload-loop, and fixing headers would not help.
  if (nav && isAppleMobile(nav)) {
    throw new EngineBootError(
      'unsupported-browser',
      'WebContainers do not run on iPhone or iPad (the browser tab crashes). Use a desktop browser.',
    );
  }
  if (g.crossOriginIsolated !== true) {
    if (g.window !== undefined && g.window.top !== g.window) {
      throw new EngineBootError(
        'embedded',
        'The page embedding the playground is not cross-origin isolated, so the runtime cannot start inside it.',
      );
    }
    throw new EngineBootError(
      'not-isolated',
      'This page is not cross-origin isolated: it must be served with the COOP and COEP headers.',
    );
  }
  // Isolated but still no SharedArrayBuffer: the browser is too old or has it turned off.
  if (typeof g.SharedArrayBuffer !== 'function') {
    throw new EngineBootError(
      'unsupported-browser',
      'This browser does not provide SharedArrayBuffer, which the runtime needs.',
    );
  }
  if (nav?.onLine === false) {
    throw new EngineBootError(
      'offline',
      'This browser is offline, and the runtime is loaded from StackBlitz.',
    );
  }
}

/**
 * iPhone/iPod by user agent; iPadOS 13+ claims to be a Mac, but no Mac has a touch screen. Anything
 * else is let through: a wrong "unsupported" would lock out a browser that works.
 */
function isAppleMobile(nav: Navigator): boolean {
  if (/\b(iPhone|iPad|iPod)\b/.test(nav.userAgent ?? '')) return true;
  return nav.platform === 'MacIntel' && (nav.maxTouchPoints ?? 0) > 1;
}

function bootWithTimeout(timeoutMs: number): Promise<WebContainer> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(
        new EngineBootError(
          'timeout',
          `The runtime did not start within ${Math.round(timeoutMs / 100) / 10} s. ` +
            'Retrying needs a page reload: the browser keeps waiting on the first attempt.',
        ),
      );
    }, timeoutMs);
  });
  const boot = import('@webcontainer/api')
    .then(({ WebContainer }) => WebContainer.boot({ coep: 'require-corp', workdirName: 'playground' }))
    .then((instance) => {
      // Too late: the page already said "reload". Free the instance rather than keep it unowned.
      if (timedOut) instance.teardown();
      return instance;
    });
  return Promise.race([boot, timeout])
    .catch((e: unknown) => {
      if (e instanceof EngineBootError) throw e;
      throw new EngineBootError('error', `The runtime failed to start: ${(e as Error).message ?? String(e)}`);
    })
    .finally(() => clearTimeout(timer));
}

/** Runs the host in a StackBlitz WebContainer: the engine of the static site. */
export class WebContainerEngine implements Engine {
  readonly kind = 'webcontainer' as const;
  private readonly bootTimeoutMs: number;
  private instance: WebContainer | undefined;
  private hostBundle: Promise<string> | undefined;
  /** What the app folder holds now; undefined until the first sync mounts it. */
  private synced: Map<string, string> | undefined;
  private syncQueue: Promise<void> = Promise.resolve();
  private readonly processes = new Set<WebContainerHostProcess>();
  private readonly errorListeners = new Set<(message: string) => void>();
  private readonly errorBacklog: string[] = [];
  private stopListening: (() => void) | undefined;
  private disposed = false;

  constructor(options: WebContainerEngineOptions = {}) {
    const ms = options.bootTimeoutMs;
    this.bootTimeoutMs = ms !== undefined && Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_BOOT_TIMEOUT_MS;
  }

  async boot(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.disposed) throw new Error('This engine was disposed; make a new one.');
    if (this.instance) return;
    checkBrowser();
    // Fetch the host bundle while the container boots; the first sync needs it.
    this.hostBundle ??= loadHostBundle();
    this.hostBundle.catch(() => undefined); // reported by the sync that awaits it, not as unhandled
    pageBoot ??= bootWithTimeout(this.bootTimeoutMs);
    const instance = await abortable(pageBoot, signal);
    // Disposed while booting: leave the shared instance to the page's next engine (React's strict
    // mode disposes and recreates right away), but do not come alive.
    if (this.disposed) throw new Error('This engine was disposed while it booted.');
    this.instance = instance;
    this.stopListening = instance.on('error', ({ message }) => this.reportError(message));
  }

  /**
   * Internal runtime errors after boot (blocked cookies or storage, a crashed worker). Buffered
   * until the first listener, like process output.
   */
  onError(listener: (message: string) => void): () => void {
    this.errorListeners.add(listener);
    for (const message of this.errorBacklog.splice(0)) listener(message);
    return () => this.errorListeners.delete(listener);
  }

  syncFiles(files: ReadonlyMap<string, string>): Promise<void> {
    // Serialised: two overlapping syncs would diff against the same stale state.
    const run = this.syncQueue.then(() => this.sync(new Map(files)));
    this.syncQueue = run.catch(() => undefined);
    return run;
  }

  async startHost(): Promise<EngineProcess> {
    const instance = this.requireInstance();
    const spawned = await instance.spawn('node', HOST_ARGS, { terminal: TERMINAL });
    const process = new WebContainerHostProcess(spawned);
    this.processes.add(process);
    const forget = () => void this.processes.delete(process);
    process.exit.then(forget, forget); // exit can reject when the container is torn down
    return process;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const process of this.processes) process.kill();
    this.processes.clear();
    this.stopListening?.();
    const instance = this.instance;
    this.instance = undefined;
    if (!instance) return;
    // After teardown the library allows a fresh boot, so the page may boot again.
    pageBoot = undefined;
    instance.teardown();
  }

  private async sync(files: Map<string, string>): Promise<void> {
    const instance = this.requireInstance();
    for (const path of files.keys()) checkPath(path);
    if (!this.synced) {
      const host = await (this.hostBundle ??= loadHostBundle());
      // Start from an empty app folder: "exactly these files", even if an earlier engine on this
      // page (same shared instance) left some behind.
      await instance.fs.rm(APP_DIR, { recursive: true, force: true });
      await instance.mount({ [HOST_FILE]: { file: { contents: host } }, [APP_DIR]: toTree(files) });
      this.synced = files;
      return;
    }
    const synced = this.synced;
    const { write, remove } = diffFiles(synced, files);
    // `synced` follows each operation, so a failure part-way leaves it true and the next sync redoes the rest.
    for (const path of remove) {
      await instance.fs.rm(`${APP_DIR}/${path}`, { force: true });
      synced.delete(path);
    }
    for (const [path, text] of write) {
      const parent = path.lastIndexOf('/');
      if (parent > 0) await instance.fs.mkdir(`${APP_DIR}/${path.slice(0, parent)}`, { recursive: true });
      await instance.fs.writeFile(`${APP_DIR}/${path}`, text);
      synced.set(path, text);
    }
  }

  private requireInstance(): WebContainer {
    if (!this.instance) throw new Error('The WebContainer has not booted (call boot() first).');
    return this.instance;
  }

  private reportError(message: string): void {
    if (this.errorListeners.size === 0) this.errorBacklog.push(message);
    for (const listener of this.errorListeners) listener(message);
  }
}

/** Adapts a WebContainer process (PTY streams) to EngineProcess (listeners, buffered until the first). */
class WebContainerHostProcess implements EngineProcess {
  readonly exit: Promise<number>;
  private readonly listeners = new Set<(chunk: string) => void>();
  private readonly backlog: string[] = [];
  private readonly writer: WritableStreamDefaultWriter<string>;

  constructor(private readonly process: WebContainerProcess) {
    this.exit = process.exit;
    this.writer = process.input.getWriter();
    void this.pump(process.output);
  }

  onOutput(listener: (chunk: string) => void): () => void {
    this.listeners.add(listener);
    for (const chunk of this.backlog.splice(0)) listener(chunk);
    return () => this.listeners.delete(listener);
  }

  write(text: string): void {
    // Writes queue in order inside the stream; a write after exit fails, and there is no one to tell.
    this.writer.write(text).catch(() => undefined);
  }

  kill(): void {
    this.process.kill();
  }

  private async pump(output: ReadableStream<string>): Promise<void> {
    const reader = output.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        if (this.listeners.size === 0) this.backlog.push(value);
        for (const listener of this.listeners) listener(value);
      }
    } catch {
      // The stream errors when the process is killed or the container torn down: output just ends.
    } finally {
      reader.releaseLock();
    }
  }
}

/** App paths come from the editor; keep them inside the app folder (and off the host bundle). */
function checkPath(path: string): void {
  const segments = path.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new Error(`Not an app-relative file path: ${JSON.stringify(path)}`);
  }
}

function toTree(files: ReadonlyMap<string, string>): DirectoryNode {
  const root: FileSystemTree = {};
  for (const [path, contents] of files) {
    const segments = path.split('/');
    const name = segments.pop() as string; // split() always yields at least one segment
    let dir = root;
    for (const segment of segments) {
      const node = (dir[segment] ??= { directory: {} });
      if (!('directory' in node)) throw new Error(`${segment} is both a file and a folder in ${path}`);
      dir = node.directory;
    }
    if (dir[name]) throw new Error(`${path} is both a file and a folder`);
    dir[name] = { file: { contents } };
  }
  return { directory: root };
}

/** Lets a caller stop waiting on the shared boot without cancelling it (it cannot be cancelled). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
