import type { HostEvent, HttpRequestSpec, QueueState } from '../../runtime/core/control/protocol';
import type { Engine, EngineProcess } from '../engine/engine';
import { explainRuntimeError } from '../engine/bootDiagnosis';
import { asBootError } from '../engine/engine';
import { HostConnection } from '../host/hostConnection';
import type { CommandRequest } from '../host/hostConnection';
import type { ExchangesStore } from '../stores/exchangesStore';
import type { ChangeKind, FilesStore } from '../stores/filesStore';
import type { RuntimeStore } from '../stores/runtimeStore';
import type { ComposedRequest, TriggersStore } from '../stores/triggersStore';
import type { TerminalStore } from '../stores/terminalStore';

/**
 * How long a restart waits for the old host to be gone before it starts the new one: the engine
 * stops it gracefully first (so it can end its handler), then by force; this only bounds a
 * process whose exit never comes.
 */
export const HOST_STOP_WAIT_MS = 5_000;

export interface Stores {
  readonly files: FilesStore;
  readonly runtime: RuntimeStore;
  readonly exchanges: ExchangesStore;
  readonly triggers: TriggersStore;
  readonly terminal: TerminalStore;
}

/**
 * Runs the app in an engine and keeps the stores in step with the host. Operations on the engine
 * are serialised, so an edit saved while the host is starting applies after it, in order.
 */
export class PlaygroundSession {
  private process: EngineProcess | undefined;
  private connection: HostConnection | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  private inFlight = 0;
  private readonly stopErrors: (() => void) | undefined;

  constructor(
    readonly engine: Engine,
    readonly stores: Stores,
  ) {
    this.stopErrors = engine.onError?.((message) => this.onRuntimeError(message));
  }

  /** Lets the engine start booting what needs no app, while the page opens the app (Engine.prepare). */
  prepare(): void {
    if (!this.disposed) this.engine.prepare?.();
  }

  /** Boots the engine, writes the files and starts the host. */
  start(signal?: AbortSignal): Promise<void> {
    return this.serialize(async () => {
      const runtime = this.stores.runtime.getState();
      runtime.setEngine({ phase: 'booting' });
      try {
        await this.engine.boot(signal);
      } catch (e) {
        const failure = asBootError(e);
        runtime.setEngine({ phase: 'failed', reason: failure.reason, message: failure.message });
        return;
      }
      await this.launchHost();
    });
  }

  /** Saves one file (or every draft) and applies the change: config reloads the app, code restarts the handler. */
  save(path?: string): Promise<void> {
    const files = this.stores.files.getState();
    const kinds =
      path === undefined
        ? files.saveAll()
        : [files.save(path)].filter((k): k is ChangeKind => k !== undefined);
    return this.apply(kinds);
  }

  /** Applies the saved files to the running app (after a load, a create, a rename or a delete). */
  apply(kinds: readonly ChangeKind[]): Promise<void> {
    if (kinds.length === 0) return Promise.resolve();
    return this.serialize(async () => {
      if (!this.connection) return;
      try {
        await this.engine.syncFiles(this.savedFiles());
      } catch (e) {
        await this.writeFailed(e);
        throw e;
      }
      if (kinds.includes('config')) await this.connection.send({ type: 'app.reload' });
      else await this.connection.send({ type: 'handler.restart' });
    });
  }

  /** Stops the host and starts it again on the saved files. */
  restart(): Promise<void> {
    return this.serialize(async () => {
      await this.stopHost();
      if (this.stores.runtime.getState().engine.phase === 'failed') return;
      await this.launchHost();
    });
  }

  /** Sends a request through the front door; `remember: false` keeps it out of the composer's recent list. */
  async sendRequest(
    request: ComposedRequest,
    options: { readonly remember?: boolean } = {},
  ): Promise<{ status: number; exchangeId?: string }> {
    if (options.remember !== false) this.stores.triggers.getState().remember(request);
    const spec: HttpRequestSpec = {
      method: request.method,
      path: request.path,
      headers: request.headers.filter(([k]) => k.trim() !== ''),
      ...(request.body !== '' && { body: request.body }),
    };
    const result = await this.command<{ status: number; exchangeId?: string }>({
      type: 'http.request',
      request: spec,
    });
    if (result.exchangeId) this.stores.exchanges.getState().follow(result.exchangeId);
    return result;
  }

  enqueue(queue: string, text: string): Promise<{ messageId: string }> {
    return this.command({ type: 'queue.enqueue', queue, text });
  }

  peek(queue: string): Promise<QueueState | null> {
    return this.command({ type: 'queue.peek', queue });
  }

  clearQueue(queue: string): Promise<unknown> {
    return this.command({ type: 'queue.clear', queue });
  }

  movePoisonBack(queue: string): Promise<unknown> {
    return this.command({ type: 'queue.movePoison', queue });
  }

  timer(action: 'fire' | 'pause' | 'resume' | 'fastForward', functionName: string): Promise<unknown> {
    return this.command({ type: `timer.${action}`, functionName });
  }

  async clearExchanges(): Promise<void> {
    this.stores.exchanges.getState().clear();
    if (this.connection) await this.connection.send({ type: 'exchanges.clear' });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.stopErrors?.();
    void this.stopHost(); // not awaited: disposing the engine ends every process at once
    await this.engine.dispose();
  }

  /** Whether a command (a request sent, a message enqueued…) still waits for the host's answer. */
  get waiting(): boolean {
    return this.inFlight > 0;
  }

  private command<T>(command: CommandRequest): Promise<T> {
    if (!this.connection) return Promise.reject(new Error('The host is not running yet.'));
    this.inFlight++;
    return this.connection.send<T>(command).finally(() => this.inFlight--);
  }

  private async launchHost(): Promise<void> {
    const runtime = this.stores.runtime.getState();
    runtime.setEngine({ phase: 'starting-host' });
    try {
      await this.engine.syncFiles(this.savedFiles());
    } catch (e) {
      await this.writeFailed(e);
      this.stores.terminal.getState().write(`\r\n\u001b[31m[playground] ${writeFailure(e)}\u001b[0m\r\n`);
      return;
    }
    const process = await this.engine.startHost();
    this.process = process;
    this.connection = new HostConnection(process, {
      onEvent: (event) => this.onEvent(event),
      onText: (text) => this.stores.terminal.getState().write(text),
      onProtocolError: (message) => this.stores.terminal.getState().write(`\r\n[playground] ${message}\r\n`),
    });
    void process.exit.then((code) => {
      if (this.process !== process || this.disposed) return;
      this.connection = undefined;
      this.process = undefined;
      runtime.setEngine({
        phase: 'stopped',
        message: `The host stopped (exit code ${code}). Restart it to go on.`,
      });
    });
  }

  /**
   * The engine did not take the files (a refused path, a full disk, a lost server): the host would
   * go on running what it had, under a "running" that no longer describes the editor's files. It is
   * stopped instead, and the status says why.
   */
  private async writeFailed(error: unknown): Promise<void> {
    await this.stopHost();
    this.stores.runtime.getState().setEngine({ phase: 'stopped', message: writeFailure(error) });
  }

  /** Stops the host; resolves once it has exited, or after HOST_STOP_WAIT_MS regardless. */
  private async stopHost(): Promise<void> {
    const process = this.process;
    this.process = undefined;
    this.connection?.dispose();
    this.connection = undefined;
    if (!process) return;
    process.kill();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, HOST_STOP_WAIT_MS)));
    await Promise.race([process.exit.then(noop, noop), waited]);
    clearTimeout(timer);
  }

  /**
   * The runtime's own errors (a WebContainer's blocked cookies or storage): without this they look
   * like a runtime gone dead. The banner explains, and the terminal keeps the line in context.
   */
  private onRuntimeError(message: string): void {
    if (this.disposed) return;
    const explained = explainRuntimeError(message);
    this.stores.terminal.getState().write(`\r\n[playground] ${explained}\r\n`);
    this.stores.runtime.getState().setEngine({ phase: 'failed', reason: 'runtime-error', message });
  }

  private onEvent(event: HostEvent): void {
    const { runtime, exchanges, triggers } = this.stores;
    switch (event.type) {
      case 'host.status':
        runtime.getState().setHostStatus(event);
        if (runtime.getState().engine.phase === 'starting-host')
          runtime.getState().setEngine({ phase: 'running' });
        return;
      case 'functions':
        runtime.getState().setFunctions(event.functions, event.diagnostics);
        return;
      case 'exchange':
        exchanges.getState().upsert(event.exchange);
        return;
      case 'queues':
        triggers.getState().setQueues(event.queues);
        return;
      case 'timers':
        triggers.getState().setTimers(event.timers, event.now, event.clockOffsetMs);
        return;
      default:
        return;
    }
  }

  private savedFiles(): Map<string, string> {
    return new Map(Object.entries(this.stores.files.getState().files));
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function noop(): void {}

function writeFailure(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `Could not write the files to the engine: ${reason} The host was stopped, so it does not run files other than those shown; fix this and Restart.`;
}
