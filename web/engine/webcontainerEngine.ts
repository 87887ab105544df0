// Type-only imports: the library itself is loaded with import() in boot(), so it lands in a lazy
// chunk and a page that never boots a WebContainer (local engine, failed pre-checks) never fetches it.
import type { DirectoryNode, FileSystemTree, WebContainer } from '@webcontainer/api';
import type { Engine, EngineProcess } from './engine';
import { EngineBootError } from './engine';
import { diffFiles } from './fileDiff';
import { loadHostBundle } from './hostBundle';
import { WebContainerHostProcess } from './webcontainerProcess';

export const DEFAULT_BOOT_TIMEOUT_MS = 20_000;

/** Where things live in the container's workdir: the host bundle next to the app folder. */
const APP_DIR = 'app';
const HOST_FILE = 'host.mjs';
const HOST_ARGS = [HOST_FILE, APP_DIR, '--control', '--port', '0'];
const TERMINAL = { cols: 120, rows: 30 };
/** Runtime errors kept for a listener that has not subscribed yet. */
const MAX_ERROR_BACKLOG = 20;

export interface WebContainerEngineOptions {
  /** How long boot() may take before it gives up (the page sets it from `?bootTimeout=<ms>`). */
  readonly bootTimeoutMs?: number;
  /**
   * StackBlitz's API key, which commercial production deployments need (docs/hosting.md). Set at
   * build time with VITE_WEBCONTAINER_API_KEY; without one the library runs as the free tier.
   */
  readonly apiKey?: string;
}

/**
 * The page's one boot. The library allows one instance per page, and a boot that hangs (offline,
 * blocked iframe) holds the library's own lock forever, so a second WebContainer.boot() would hang
 * too: every engine on the page shares this promise, and only teardown() of a booted instance
 * clears it.
 */
let pageBoot: Promise<WebContainer> | undefined;
/** configureAPIKey() throws once the page has booted, so a boot after teardown must not call it again. */
let apiKeyConfigured = false;

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

function bootWithTimeout(timeoutMs: number, apiKey: string | undefined): Promise<WebContainer> {
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
    .then(({ WebContainer, configureAPIKey }) => {
      // The library only reads the key at boot (it adds it to the runtime's frame URL).
      if (apiKey && !apiKeyConfigured) {
        configureAPIKey(apiKey);
        apiKeyConfigured = true;
      }
      return WebContainer.boot({ coep: 'require-corp', workdirName: 'playground' });
    })
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
  private readonly apiKey: string | undefined;
  private instance: WebContainer | undefined;
  private hostBundle: Promise<string> | undefined;
  /** What the app folder holds now; undefined until the first sync mounts it. */
  private synced: Map<string, string> | undefined;
  /** Folders left without an app file, still to remove (kept across a sync that failed part-way). */
  private readonly staleFolders = new Set<string>();
  private syncQueue: Promise<void> = Promise.resolve();
  private readonly processes = new Set<WebContainerHostProcess>();
  private readonly errorListeners = new Set<(message: string) => void>();
  private readonly errorBacklog: string[] = [];
  private errorsDropped = 0;
  private stopListening: (() => void) | undefined;
  private disposed = false;

  constructor(options: WebContainerEngineOptions = {}) {
    const ms = options.bootTimeoutMs;
    this.bootTimeoutMs = ms !== undefined && Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_BOOT_TIMEOUT_MS;
    const key = (options.apiKey ?? import.meta.env.VITE_WEBCONTAINER_API_KEY)?.trim();
    this.apiKey = key === '' ? undefined : key;
  }

  async boot(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.disposed) throw new Error('This engine was disposed; make a new one.');
    if (this.instance) return;
    checkBrowser();
    // Fetch the host bundle while the container boots; the first sync needs it.
    this.hostBundle ??= loadHostBundle();
    this.hostBundle.catch(() => undefined); // reported by the sync that awaits it, not as unhandled
    pageBoot ??= bootWithTimeout(this.bootTimeoutMs, this.apiKey);
    const instance = await abortable(pageBoot, signal);
    // Disposed while booting: leave the shared instance to the page's next engine (React's strict
    // mode disposes and recreates right away), but do not come alive.
    if (this.disposed) throw new Error('This engine was disposed while it booted.');
    this.instance = instance;
    this.stopListening = instance.on('error', ({ message }) => this.reportError(message));
  }

  /**
   * Internal runtime errors after boot (blocked cookies or storage, a crashed worker). Buffered
   * until the first listener, like process output: the newest MAX_ERROR_BACKLOG, and a count of
   * the rest.
   */
  onError(listener: (message: string) => void): () => void {
    this.errorListeners.add(listener);
    if (this.errorsDropped > 0) listener(`(${this.errorsDropped} earlier runtime errors were dropped)`);
    this.errorsDropped = 0;
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
    // No grace: teardown ends every process in the container, handlers included.
    for (const process of this.processes) process.killNow();
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
      const { tree, unmountable } = toTree(files);
      await instance.mount({ [HOST_FILE]: { file: { contents: host } }, [APP_DIR]: tree });
      this.synced = new Map([...files].filter(([path]) => !unmountable.includes(path)));
      for (const path of unmountable) await this.writeFile(instance, path, files.get(path) as string);
      return;
    }
    const synced = this.synced;
    const { write, remove } = diffFiles(synced, files);
    // `synced` follows each operation, so a failure part-way leaves it true and the next sync redoes the rest.
    for (const path of remove) {
      await instance.fs.rm(`${APP_DIR}/${path}`, { force: true });
      synced.delete(path);
      for (const folder of ancestors(path)) this.staleFolders.add(folder);
    }
    // Folders left without an app file go too: otherwise they pile up, and a file that takes the
    // name of a folder (orders/x → orders) fails with EISDIR on every later sync. Before the
    // writes, so that file finds its name free. (A folder that takes a file's name, orders →
    // orders/x, needs nothing more: the file was removed above, and mkdir makes the folder.)
    const emptied = new Set([...this.staleFolders].filter((folder) => !holdsAny(folder, files)));
    for (const folder of topmost(emptied))
      await instance.fs.rm(`${APP_DIR}/${folder}`, { recursive: true, force: true });
    this.staleFolders.clear();
    for (const [path, text] of write) await this.writeFile(instance, path, text);
  }

  private async writeFile(instance: WebContainer, path: string, text: string): Promise<void> {
    const parent = path.lastIndexOf('/');
    if (parent > 0) await instance.fs.mkdir(`${APP_DIR}/${path.slice(0, parent)}`, { recursive: true });
    await instance.fs.writeFile(`${APP_DIR}/${path}`, text);
    this.synced?.set(path, text);
  }

  private requireInstance(): WebContainer {
    if (!this.instance) throw new Error('The WebContainer has not booted (call boot() first).');
    return this.instance;
  }

  private reportError(message: string): void {
    if (this.errorListeners.size === 0) {
      this.errorBacklog.push(message);
      if (this.errorBacklog.length > MAX_ERROR_BACKLOG) {
        this.errorBacklog.shift();
        this.errorsDropped++;
      }
    }
    for (const listener of this.errorListeners) listener(message);
  }
}

/** App paths come from the editor; keep them inside the app folder (and off the host bundle). */
function checkPath(path: string): void {
  const segments = path.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new Error(`Not an app-relative file path: ${JSON.stringify(path)}`);
  }
}

/**
 * The app as a mount tree, and the paths it cannot carry. Folders are null-prototype objects, so
 * files named `constructor` or `toString` are not mistaken for what a plain object inherits. The
 * library builds its own copy of the tree with plain objects, where a name `__proto__` sets the
 * prototype instead of adding an entry, so those files would vanish: they are left out, to be
 * written one by one after the mount.
 */
function toTree(files: ReadonlyMap<string, string>): { tree: DirectoryNode; unmountable: string[] } {
  const root: FileSystemTree = Object.create(null) as FileSystemTree;
  const unmountable: string[] = [];
  for (const [path, contents] of files) {
    const segments = path.split('/');
    if (segments.includes('__proto__')) {
      unmountable.push(path);
      continue;
    }
    const name = segments.pop() as string; // split() always yields at least one segment
    let dir = root;
    for (const segment of segments) {
      const node = (dir[segment] ??= { directory: Object.create(null) as FileSystemTree });
      if (!('directory' in node)) throw new Error(`${segment} is both a file and a folder in ${path}`);
      dir = node.directory;
    }
    if (dir[name]) throw new Error(`${path} is both a file and a folder`);
    dir[name] = { file: { contents } };
  }
  return { tree: { directory: root }, unmountable };
}

/** `a/b/c.js` → `a`, `a/b`. */
function ancestors(path: string): string[] {
  const segments = path.split('/').slice(0, -1);
  return segments.map((_, i) => segments.slice(0, i + 1).join('/'));
}

/** The folders not inside another of them: removing those removes the rest. */
function topmost(folders: ReadonlySet<string>): string[] {
  return [...folders].filter((f) => !ancestors(f).some((a) => folders.has(a))).sort();
}

function holdsAny(folder: string, files: ReadonlyMap<string, string>): boolean {
  const prefix = `${folder}/`;
  for (const path of files.keys()) if (path.startsWith(prefix)) return true;
  return false;
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
