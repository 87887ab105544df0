import type {
  FromSandbox,
  HostInput,
  HostOutput,
  SandboxWorkerUrls,
  ToSandbox,
} from '../../runtime/inpage/protocol';
import type { Engine, EngineProcess } from './engine';
import { asBootError, EngineBootError } from './engine';
import type { InPageBundles } from './inPageBundles';
import { openSandboxFrame, type SandboxFrame } from './sandboxFrame';
import { watchSandbox, type SandboxWatch } from './sandboxWatch';

export { DEFAULT_SANDBOX_TIMEOUT_MS } from './sandboxFrame';

/** What a shell reports for a process ended by SIGKILL, as kill() ends the host worker. */
export const KILLED_EXIT_CODE = 137;

/** Said in the terminal of each host that was running in a sandbox that died. */
export const SANDBOX_LOST_MESSAGE =
  "The sandbox that ran the host and the handler stopped answering: its process ended, most likely because the handler used more memory than the browser allows (a handler that keeps allocating ends this way, as Node's would). The host and the handler went with it. Restart starts them again in a new sandbox.";

export interface InPageEngineOptions {
  /** The three scripts (inPageBundles.ts in the site; injected so tests can build their own). */
  readonly loadBundles: () => Promise<InPageBundles>;
  /**
   * The sandbox's program, if the page holds it already (it is small): the iframe then starts
   * without waiting for the workers' scripts. Otherwise it comes with `loadBundles`.
   */
  readonly sandboxScript?: string;
  /**
   * Where the workers' scripts are (sandboxFrame.ts workerUrlsFor): the sandbox's workers load
   * them themselves and `loadBundles` is not called.
   */
  readonly workerUrls?: SandboxWorkerUrls | undefined;
  /**
   * A sandbox the page started opening before the engine was made (earlySandbox.ts), taken by
   * the first boot; undefined when there is none or it was taken.
   */
  readonly takeEarlySandbox?: () => Promise<SandboxFrame> | undefined;
  /**
   * With `workerUrls`: when the page is idle enough to fetch the scripts' text (after the first
   * answer), the sandbox is given it, so that later workers need no network.
   */
  readonly keepScriptsWhen?: () => Promise<unknown>;
  /** How long the sandbox iframe may take to answer before boot() gives up. */
  readonly timeoutMs?: number;
  /** The host's process environment. */
  readonly env?: Readonly<Record<string, string>>;
}

type Sandbox = SandboxFrame;

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
  /** Requests sent to the sandbox that wait for their answer ('stopped', 'scripts-kept'), by id. */
  private readonly answers = new Map<number, () => void>();
  private readonly statsWaiters = new Map<number, (stats: { runs: number; handlers: number }) => void>();
  private nextId = 1;
  private disposed = false;
  /** Asks the sandbox whether it is alive while hosts run in it (sandboxWatch.ts). */
  private watch: SandboxWatch | undefined;
  /** Set once a sandbox was lost: the next host run opens a new one. */
  private lostSandbox = false;

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
    // The sandbox died with the last host (sandboxWatch.ts): this run gets a new one.
    if (!this.sandbox && !this.disposed && this.lostSandbox) await this.boot();
    const sandbox = this.requireSandbox();
    const id = this.nextId++;
    const channel = new MessageChannel();
    const host = new InPageHostProcess(channel.port1, () => void this.stop(id));
    this.hosts.set(id, host);
    this.watch ??= this.watchSandbox(sandbox);
    const forget = () => {
      this.hosts.delete(id);
      if (this.hosts.size > 0) return;
      this.watch?.stop();
      this.watch = undefined;
    };
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

  private watchSandbox(sandbox: Sandbox): SandboxWatch {
    return watchSandbox({
      ping: (id) => this.tell({ t: 'ping', id }),
      onLost: () => this.loseSandbox(sandbox),
    });
  }

  /**
   * The sandbox's process is gone, and every worker in it: each host run ends as a process that
   * died (exit code 1), its terminal says why, and the iframe is removed (ending what may remain).
   */
  private loseSandbox(sandbox: Sandbox): void {
    if (this.sandbox !== sandbox || this.disposed) return;
    this.sandbox = undefined;
    this.booting = undefined;
    this.lostSandbox = true;
    this.watch?.stop();
    this.watch = undefined;
    sandbox.port.onmessage = null;
    sandbox.port.close();
    sandbox.iframe.remove();
    const hosts = [...this.hosts.values()];
    this.hosts.clear();
    for (const host of hosts) host.fail(SANDBOX_LOST_MESSAGE);
  }

  /** Asks the sandbox to terminate worker `id`; resolves once it has. */
  private stop(id: number): Promise<void> {
    if (!this.sandbox) return Promise.resolve(); // lost or disposed: its workers went with it
    const stopped = new Promise<void>((resolve) => this.answers.set(id, resolve));
    this.tell({ t: 'stop', id });
    return stopped;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.watch?.stop();
    this.watch = undefined;
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

  /** The sandbox opened before this engine existed, if it was handed one, or a new one. */
  private async createSandbox(): Promise<Sandbox> {
    const early = this.options.takeEarlySandbox?.();
    const opening =
      early ??
      (async () => {
        const sandboxScript =
          this.options.sandboxScript ??
          (await this.options.loadBundles().catch((e: unknown) => Promise.reject(asBootError(e)))).sandbox;
        return openSandboxFrame({
          sandboxScript,
          workerUrls: this.options.workerUrls,
          loadBundles: this.options.loadBundles,
          ...(this.options.timeoutMs !== undefined && { timeoutMs: this.options.timeoutMs }),
        });
      })();
    try {
      const frame = await opening;
      frame.port.onmessage = (e: MessageEvent) => this.receive(e.data);
      if (this.options.workerUrls) void this.options.keepScriptsWhen?.().then(() => this.keepScripts(frame));
      return frame;
    } catch (e) {
      this.booting = undefined;
      throw e;
    }
  }

  /** Hands the workers' scripts to the sandbox (keepScriptsWhen); a failure leaves the addresses in use. */
  private async keepScripts(frame: SandboxFrame): Promise<void> {
    const bundles = await this.options.loadBundles().catch(() => undefined);
    if (!bundles || this.disposed || this.sandbox !== frame) return;
    const id = this.nextId++;
    const kept = new Promise<void>((resolve) => this.answers.set(id, resolve));
    this.tell({ t: 'scripts', id, hostWorker: bundles.hostWorker, handlerWorker: bundles.handlerWorker });
    await kept;
    // Said on the iframe too, where a test or a diagnosis can see it.
    frame.iframe.dataset.scripts = 'kept';
  }

  private receive(value: unknown): void {
    const message = readFromSandbox(value);
    if (!message) return;
    if (message.t === 'host-failed') {
      this.hosts.get(message.id)?.fail(`The host worker failed: ${message.message}`);
    } else if (message.t === 'stats') {
      this.statsWaiters.get(message.id)?.({ runs: message.runs, handlers: message.handlers });
      this.statsWaiters.delete(message.id);
    } else if (message.t === 'pong') {
      this.watch?.pong(message.id);
    } else if (message.t === 'stopped' || message.t === 'scripts-kept') {
      this.answers.get(message.id)?.();
      this.answers.delete(message.id);
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
  if (m.t === 'scripts-kept') return { t: 'scripts-kept', id: m.id };
  if (m.t === 'pong') return { t: 'pong', id: m.id };
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
