import type {
  FromSandbox,
  HostInput,
  HostOutput,
  SandboxBoot,
  ToSandbox,
} from '../../runtime/inpage/protocol';
import { SANDBOX_ATTRIBUTE, sandboxDocument } from '../../runtime/inpage/sandbox/sandboxDocument';
import type { Engine, EngineProcess } from './engine';
import { EngineBootError } from './engine';
import type { InPageBundles } from './inPageBundles';

export const DEFAULT_SANDBOX_TIMEOUT_MS = 10_000;
/** What a shell reports for a process ended by SIGKILL, as kill() ends the host worker. */
export const KILLED_EXIT_CODE = 137;

export interface InPageEngineOptions {
  /** The three scripts (inPageBundles.ts in the site; injected so tests can build their own). */
  readonly loadBundles: () => Promise<InPageBundles>;
  /**
   * The sandbox's program, if the page holds it already (it is small): the iframe then starts
   * without waiting for the workers' scripts. Otherwise it comes with `loadBundles`.
   */
  readonly sandboxScript?: string;
  /** How long the sandbox iframe may take to answer before boot() gives up. */
  readonly timeoutMs?: number;
  /** The host's process environment. */
  readonly env?: Readonly<Record<string, string>>;
}

/** The iframe and the port to its program, once booted. */
interface Sandbox {
  readonly iframe: HTMLIFrameElement;
  readonly port: MessagePort;
}

/**
 * Runs the host in a Web Worker and the handler in another, inside a hidden sandboxed iframe
 * (scripts allowed, the site's origin withheld): no server, no WebContainer, no cross-origin
 * isolation, so it runs on any static host and inside any docs page.
 */
export class InPageEngine implements Engine {
  readonly kind = 'inpage' as const;
  private sandbox: Sandbox | undefined;
  private booting: Promise<Sandbox> | undefined;
  private files: Record<string, string> = {};
  private readonly hosts = new Map<number, InPageHostProcess>();
  private readonly probes = new Map<number, (origin: string) => void>();
  private readonly stops = new Map<number, () => void>();
  private readonly statsWaiters = new Map<number, (stats: { runs: number; handlers: number }) => void>();
  private nextId = 1;
  private disposed = false;

  constructor(private readonly options: InPageEngineOptions) {}

  async boot(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.disposed) throw new Error('This engine was disposed; make a new one.');
    if (this.sandbox) return;
    if (typeof Worker !== 'function' || typeof MessageChannel !== 'function') {
      throw new EngineBootError(
        'unsupported-browser',
        'This browser cannot run Web Workers, which the in-page engine needs.',
      );
    }
    this.booting ??= this.createSandbox();
    const sandbox = await abortable(this.booting, signal);
    if (this.disposed) {
      sandbox.iframe.remove();
      throw new Error('This engine was disposed while it booted.');
    }
    this.sandbox = sandbox;
  }

  /** Fetches the scripts and starts the sandbox (and its spare workers) now; boot() then waits less. */
  prepare(): void {
    if (this.disposed || this.sandbox || this.booting) return;
    this.booting = this.createSandbox();
    // boot() reports a failure; a preparation nobody boots must not be an unhandled rejection.
    this.booting.catch(() => undefined);
  }

  async syncFiles(files: ReadonlyMap<string, string>): Promise<void> {
    this.files = Object.fromEntries(files);
    for (const host of this.hosts.values()) host.send({ t: 'files', files: this.files });
  }

  async startHost(): Promise<EngineProcess> {
    this.requireSandbox();
    const id = this.nextId++;
    const channel = new MessageChannel();
    const host = new InPageHostProcess(channel.port1, () => void this.stop(id));
    this.hosts.set(id, host);
    const forget = () => void this.hosts.delete(id);
    void host.exit.then(forget);
    this.tell({ t: 'start-host', id, port: channel.port2 }, [channel.port2]);
    host.send({ t: 'files', files: this.files });
    host.send({ t: 'run', env: { ...this.options.env } });
    return host;
  }

  /**
   * Starts a classic worker from `source` in the sandbox and hands it a port (it receives
   * `{ port }`): the plumbing the engine stands on, checkable by itself. Resolves with the
   * sandbox's origin ("null": opaque), the page's end of the port, and a way to stop the worker.
   */
  async probe(source: string): Promise<{ origin: string; port: MessagePort; stop(): Promise<void> }> {
    this.requireSandbox();
    const id = this.nextId++;
    const channel = new MessageChannel();
    const started = new Promise<string>((resolve) => this.probes.set(id, resolve));
    this.tell({ t: 'probe', id, source, port: channel.port2 }, [channel.port2]);
    const origin = await started;
    return { origin, port: channel.port1, stop: () => this.stop(id) };
  }

  /** The workers the sandbox runs now: host runs and probes, and their handler workers. */
  async stats(): Promise<{ runs: number; handlers: number }> {
    this.requireSandbox();
    const id = this.nextId++;
    const answered = new Promise<{ runs: number; handlers: number }>((resolve) =>
      this.statsWaiters.set(id, resolve),
    );
    this.tell({ t: 'stats', id });
    return answered;
  }

  /** Asks the sandbox to terminate worker `id`; resolves once it has. */
  private stop(id: number): Promise<void> {
    const stopped = new Promise<void>((resolve) => this.stops.set(id, resolve));
    this.tell({ t: 'stop', id });
    return stopped;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const host of this.hosts.values()) host.kill();
    this.hosts.clear();
    const sandbox = this.sandbox ?? (await this.booting?.catch(() => undefined));
    this.sandbox = undefined;
    if (!sandbox) return;
    sandbox.port.onmessage = null;
    sandbox.port.close();
    // Removing the iframe ends its workers too (a backstop: each was terminated above).
    sandbox.iframe.remove();
  }

  /**
   * Makes the iframe, waits for its program, and hands it the scripts and its port. When the
   * sandbox's program is at hand already, the iframe (a process of its own) starts while the
   * workers' scripts are fetched.
   */
  private async createSandbox(): Promise<Sandbox> {
    const failed = (e: unknown) => {
      this.booting = undefined;
      throw e instanceof EngineBootError ? e : new EngineBootError('error', (e as Error).message);
    };
    const loading = this.options.loadBundles().catch(failed);
    loading.catch(() => undefined); // awaited below; a failure is reported once, from there
    const sandboxScript = this.options.sandboxScript ?? (await loading).sandbox;
    const iframe = document.createElement('iframe');
    iframe.setAttribute('sandbox', SANDBOX_ATTRIBUTE);
    iframe.title = 'In-page engine';
    iframe.hidden = true;
    iframe.tabIndex = -1;
    iframe.setAttribute('aria-hidden', 'true');
    iframe.dataset.engine = 'inpage';
    iframe.srcdoc = sandboxDocument(sandboxScript);

    const timeoutMs = this.options.timeoutMs ?? DEFAULT_SANDBOX_TIMEOUT_MS;
    const channel = new MessageChannel();
    const booted = new Promise<void>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const fail = (e: unknown) => {
        clearTimeout(timer);
        window.removeEventListener('message', onReady);
        reject(e);
      };
      // Counted once the scripts are here: a slow network is not a blocked sandbox.
      loading.then(() => {
        timer = setTimeout(() => {
          fail(
            new EngineBootError(
              'timeout',
              `The in-page engine's sandbox did not start within ${timeoutMs / 1000} s. ` +
                'A browser extension or a content security policy may be blocking sandboxed frames or workers.',
            ),
          );
        }, timeoutMs);
      }, fail);
      const onReady = (event: MessageEvent) => {
        // Only our own iframe; its origin is opaque, so the source is what identifies it.
        if (
          event.source !== iframe.contentWindow ||
          (event.data as { t?: unknown })?.t !== 'fchp-sandbox-ready'
        )
          return;
        window.removeEventListener('message', onReady);
        loading.then((bundles) => {
          const boot: SandboxBoot = {
            t: 'fchp-sandbox-boot',
            hostWorker: bundles.hostWorker,
            handlerWorker: bundles.handlerWorker,
            port: channel.port2,
          };
          iframe.contentWindow?.postMessage(boot, '*', [channel.port2]);
        }, fail);
      };
      window.addEventListener('message', onReady);
      channel.port1.onmessage = (event: MessageEvent) => {
        if ((event.data as { t?: unknown })?.t !== 'booted') return;
        clearTimeout(timer);
        channel.port1.onmessage = (e: MessageEvent) => this.receive(e.data);
        resolve();
      };
    });
    document.body.append(iframe);
    try {
      await booted;
    } catch (e) {
      iframe.remove();
      channel.port1.close();
      this.booting = undefined;
      throw e;
    }
    return { iframe, port: channel.port1 };
  }

  private receive(value: unknown): void {
    const message = readFromSandbox(value);
    if (!message) return;
    if (message.t === 'host-failed') {
      this.hosts.get(message.id)?.fail(`The host worker failed: ${message.message}`);
    } else if (message.t === 'stats') {
      this.statsWaiters.get(message.id)?.({ runs: message.runs, handlers: message.handlers });
      this.statsWaiters.delete(message.id);
    } else if (message.t === 'stopped') {
      this.stops.get(message.id)?.();
      this.stops.delete(message.id);
    } else if (message.t === 'probe-started') {
      this.probes.get(message.id)?.(message.origin);
      this.probes.delete(message.id);
    }
  }

  private tell(message: ToSandbox, transfer: Transferable[] = []): void {
    this.sandbox?.port.postMessage(message, transfer);
  }

  private requireSandbox(): Sandbox {
    if (!this.sandbox) throw new Error('The in-page engine has not booted (call boot() first).');
    return this.sandbox;
  }
}

/** One host run: a host worker in the sandbox, its control text over the host port. */
class InPageHostProcess implements EngineProcess {
  private readonly listeners = new Set<(chunk: string) => void>();
  private readonly backlog: string[] = [];
  private finish!: (code: number) => void;
  private finished = false;
  readonly exit = new Promise<number>((resolve) => (this.finish = resolve));

  constructor(
    private readonly port: MessagePort,
    private readonly stopWorker: () => void,
  ) {
    port.onmessage = (event: MessageEvent) => {
      const message = readHostOutput(event.data);
      if (message?.t === 'output') this.output(message.text);
      else if (message?.t === 'exit') this.end(message.code);
    };
  }

  onOutput(listener: (chunk: string) => void): () => void {
    this.listeners.add(listener);
    for (const chunk of this.backlog.splice(0)) listener(chunk);
    return () => this.listeners.delete(listener);
  }

  write(text: string): void {
    this.send({ t: 'input', text });
  }

  send(message: HostInput): void {
    if (!this.finished) this.port.postMessage(message);
  }

  kill(): void {
    this.end(KILLED_EXIT_CODE);
  }

  /** The worker died outside the host's own handling: say so, then end. */
  fail(message: string): void {
    this.output(`\n[in-page engine] ${message}\n`);
    this.end(1);
  }

  /**
   * The host writes lines ending in '\n', as on a pipe; the terminal view expects a terminal's
   * '\r\n' (what the WebContainer engine's PTY gives).
   */
  private output(text: string): void {
    const chunk = text.replace(/\r?\n/g, '\r\n');
    if (this.listeners.size === 0) this.backlog.push(chunk);
    for (const listener of this.listeners) listener(chunk);
  }

  private end(code: number): void {
    if (this.finished) return;
    this.finished = true;
    // The worker goes whichever way the run ended, and every handler worker it started with it.
    this.stopWorker();
    this.port.onmessage = null;
    this.port.close();
    this.finish(code);
  }
}

function readFromSandbox(value: unknown): FromSandbox | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (m.t === 'booted') return { t: 'booted' };
  if (typeof m.id !== 'number') return undefined;
  if (m.t === 'host-failed' && typeof m.message === 'string') return { t: m.t, id: m.id, message: m.message };
  if (m.t === 'probe-started' && typeof m.origin === 'string') return { t: m.t, id: m.id, origin: m.origin };
  if (m.t === 'stopped') return { t: 'stopped', id: m.id };
  if (m.t === 'stats' && typeof m.runs === 'number' && typeof m.handlers === 'number') {
    return { t: 'stats', id: m.id, runs: m.runs, handlers: m.handlers };
  }
  return undefined;
}

function readHostOutput(value: unknown): HostOutput | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (m.t === 'output' && typeof m.text === 'string') return { t: 'output', text: m.text };
  if (m.t === 'exit' && typeof m.code === 'number') return { t: 'exit', code: m.code };
  return undefined;
}

/** Lets a caller stop waiting on the boot without cancelling it. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
