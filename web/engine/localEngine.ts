import type { Engine, EngineProcess } from './engine';
import { EngineBootError } from './engine';
import { diffFiles } from './fileDiff';

/** What the local server (`npm start`) puts in the page it serves, in `<meta name="fchp-engine">`. */
export interface LocalEngineConfig {
  readonly kind: 'local';
  /** This server run's token: proof that the page was served by it. */
  readonly token: string;
}

/** The part of Document the config is read from (a real `document` is one). */
export interface PageLike {
  querySelector(selectors: string): { getAttribute(name: string): string | null } | null;
}

/** The local engine's config from the page, or undefined when another server served it. */
export function readLocalEngineConfig(document: PageLike): LocalEngineConfig | undefined {
  const content = document.querySelector('meta[name="fchp-engine"]')?.getAttribute('content');
  if (!content) return undefined;
  try {
    const value = JSON.parse(content) as { kind?: unknown; token?: unknown };
    if (value.kind !== 'local' || typeof value.token !== 'string' || value.token === '') return undefined;
    return { kind: 'local', token: value.token };
  } catch {
    return undefined;
  }
}

/** The part of EventSource the engine uses, so tests can stream without a browser. */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export interface LocalEngineOptions {
  /** The server's origin; the page's own when omitted. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  readonly openEventSource?: (url: string) => EventSourceLike;
  /**
   * How often the page tells the server it is alive, so a dead tab's session (host, handler, app
   * folder) is freed within a minute; 0 sends none. The server's side: sessionRegistry.ts.
   */
  readonly heartbeatMs?: number;
}

const HEARTBEAT_MS = 15_000;

const TOKEN_HEADER = 'X-Engine-Token';
const EVENT_SOURCE_CLOSED = 2;
/** EventSource retries a dropped stream by itself; after this many failures in a row, give up. */
const MAX_STREAM_FAILURES = 5;
/** Stands for "unknown content" after a failed sync, so the next one writes or removes the file. */
const UNKNOWN = '\u0000unknown';

/** A refusal from the local server: its status and its short explanation. */
class LocalServerError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'LocalServerError';
  }
}

/** The server's engine API, with the token on every request. */
class LocalApi {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
    private readonly fetchFn: typeof fetch,
  ) {}

  async call(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
    const response = await this.fetchFn(`${this.baseUrl}${path}`, {
      method,
      headers: {
        [TOKEN_HEADER]: this.token,
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      ...(signal && { signal }),
    });
    if (!response.ok) {
      const text = (await response.text().catch(() => '')).trim();
      throw new LocalServerError(response.status, text || `${response.status} ${response.statusText}`);
    }
    return response;
  }
}

/**
 * Runs the host in real processes through the local server's API (runtime/node/localEngine):
 * one session (a temp app folder) per page, files sent as diffs, output read as an event stream.
 */
export class LocalEngine implements Engine {
  readonly kind = 'local' as const;
  private readonly api: LocalApi;
  private readonly openEventSource: (url: string) => EventSourceLike;
  private sessionId: string | undefined;
  /** What the session's folder holds, as far as we know: syncs send only the difference. */
  private synced = new Map<string, string>();
  private readonly processes = new Set<LocalHostProcess>();
  private removePageHide: (() => void) | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private readonly heartbeatMs: number;

  constructor(config: LocalEngineConfig, options: LocalEngineOptions = {}) {
    this.heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
    this.api = new LocalApi(
      options.baseUrl ?? '',
      config.token,
      options.fetch ?? ((input, init) => fetch(input, init)),
    );
    this.openEventSource = options.openEventSource ?? ((url) => new EventSource(url));
  }

  async boot(signal?: AbortSignal): Promise<void> {
    if (this.sessionId !== undefined) return;
    try {
      await this.createSession(signal);
    } catch (e) {
      if (signal?.aborted) throw e;
      throw bootError(e);
    }
    this.watchPageHide();
    if (this.heartbeatMs > 0) this.heartbeat = setInterval(() => void this.beat(), this.heartbeatMs);
  }

  /**
   * Says the page is alive. A session the server has let go (a tab asleep for long, a restarted
   * server) is replaced at once, so the next sync writes every file into a fresh folder.
   */
  private async beat(): Promise<void> {
    if (this.sessionId === undefined) return;
    try {
      await this.api.call('POST', `${this.sessionPath()}/heartbeat`);
    } catch (e) {
      if (!(e instanceof LocalServerError && e.status === 404)) return; // offline for a moment
      await this.createSession().catch(() => undefined);
      this.synced = new Map();
    }
  }

  async syncFiles(files: ReadonlyMap<string, string>): Promise<void> {
    const diff = diffFiles(this.synced, files);
    if (diff.write.size === 0 && diff.remove.length === 0) return;
    const body = { write: Object.fromEntries(diff.write), remove: diff.remove };
    try {
      await this.api.call('POST', `${this.sessionPath()}/files`, body);
    } catch (e) {
      if (!(e instanceof LocalServerError && e.status === 404)) {
        for (const path of [...diff.write.keys(), ...diff.remove]) this.synced.set(path, UNKNOWN);
        throw e;
      }
      // The session was closed under us (idle for long, or the server restarted): start afresh.
      await this.createSession();
      this.synced = new Map();
      await this.api.call('POST', `${this.sessionPath()}/files`, {
        write: Object.fromEntries(files),
        remove: [],
      });
    }
    this.synced = new Map(files);
  }

  async startHost(): Promise<EngineProcess> {
    const response = await this.api.call('POST', `${this.sessionPath()}/hosts`);
    const { host } = (await response.json()) as { host: number };
    const path = `${this.sessionPath()}/hosts/${host}`;
    const streamUrl = `${this.api.baseUrl}${path}/output?token=${encodeURIComponent(this.api.token)}`;
    const run = new LocalHostProcess(this.api, path, this.openEventSource(streamUrl), () =>
      this.processes.delete(run),
    );
    this.processes.add(run);
    return run;
  }

  async dispose(): Promise<void> {
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    this.removePageHide?.();
    this.removePageHide = undefined;
    const id = this.sessionId;
    this.sessionId = undefined;
    this.synced = new Map();
    // Deleting the session stops its hosts and removes its folder on the server.
    if (id !== undefined) await this.api.call('DELETE', `/engine/sessions/${id}`).catch(() => undefined);
    for (const run of this.processes) run.detach();
  }

  private async createSession(signal?: AbortSignal): Promise<void> {
    const response = await this.api.call('POST', '/engine/sessions', undefined, signal);
    const { id } = (await response.json()) as { id: string };
    this.sessionId = id;
  }

  private sessionPath(): string {
    if (this.sessionId === undefined) throw new Error('The local engine is not booted.');
    return `/engine/sessions/${this.sessionId}`;
  }

  /** Closing or reloading the tab ends its session at once, instead of when the server notices. */
  private watchPageHide(): void {
    if (typeof window === 'undefined') return;
    const onPageHide = (event: PageTransitionEvent) => {
      if (event.persisted || this.sessionId === undefined) return; // kept in the back/forward cache
      void fetch(`${this.api.baseUrl}/engine/sessions/${this.sessionId}`, {
        method: 'DELETE',
        headers: { [TOKEN_HEADER]: this.api.token },
        keepalive: true,
      }).catch(() => undefined);
    };
    window.addEventListener('pagehide', onPageHide);
    this.removePageHide = () => window.removeEventListener('pagehide', onPageHide);
  }
}

function bootError(e: unknown): EngineBootError {
  if (e instanceof LocalServerError) {
    if (e.status === 401 || e.status === 403 || e.status === 429)
      return new EngineBootError('refused', `The local engine refused to start a session: ${e.message}`);
    return new EngineBootError('error', `The local engine could not start a session: ${e.message}`);
  }
  return new EngineBootError(
    'error',
    `The local engine server did not answer (${(e as Error).message}). Is npm start still running?`,
  );
}

/** One host run on the server, seen through its event stream and its input and stop routes. */
class LocalHostProcess implements EngineProcess {
  private readonly listeners = new Set<(chunk: string) => void>();
  private readonly backlog: string[] = [];
  private finish!: (code: number) => void;
  private finished = false;
  readonly exit = new Promise<number>((resolve) => (this.finish = resolve));
  private input = '';
  private sending = false;
  private failures = 0;

  constructor(
    private readonly api: LocalApi,
    private readonly path: string,
    private readonly source: EventSourceLike,
    private readonly onDone: () => void,
  ) {
    source.addEventListener('message', (event) => {
      this.failures = 0;
      this.output(JSON.parse(event.data) as string);
    });
    source.addEventListener('exit', (event) => this.end(Number(event.data)));
    source.addEventListener('error', () => {
      // CLOSED: the server refused the stream (the run is gone, or the server restarted).
      if (source.readyState === EVENT_SOURCE_CLOSED || ++this.failures >= MAX_STREAM_FAILURES) {
        this.output('\r\n[local engine] lost the host output stream.\r\n');
        this.end(-1);
      }
    });
  }

  onOutput(listener: (chunk: string) => void): () => void {
    this.listeners.add(listener);
    for (const chunk of this.backlog.splice(0)) listener(chunk);
    return () => this.listeners.delete(listener);
  }

  write(text: string): void {
    if (this.finished) return;
    this.input += text;
    void this.flushInput();
  }

  kill(): void {
    if (this.finished) return;
    // The exit comes through the stream once the host has stopped its handler.
    this.api.call('DELETE', this.path).catch(() => this.end(-1));
  }

  /** Stops listening without waiting for the exit (the engine is going away). */
  detach(): void {
    this.end(-1);
  }

  /**
   * Host output comes over pipes, not a terminal, so lines end in '\n'; a terminal (as the
   * WebContainer engine's is) ends them in '\r\n', and the terminal view expects that.
   */
  private output(text: string): void {
    const chunk = text.replace(/\r?\n/g, '\r\n');
    if (this.listeners.size === 0) this.backlog.push(chunk);
    for (const listener of this.listeners) listener(chunk);
  }

  /** Sends input one request at a time, so it reaches the host in the order it was written. */
  private async flushInput(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.input !== '' && !this.finished) {
        const text = this.input;
        this.input = '';
        await this.api.call('POST', `${this.path}/input`, { text }).catch((e: unknown) => {
          if (!this.finished)
            this.output(`\r\n[local engine] could not write to the host: ${(e as Error).message}\r\n`);
        });
      }
    } finally {
      this.sending = false;
    }
  }

  private end(code: number): void {
    if (this.finished) return;
    this.finished = true;
    this.source.close();
    this.onDone();
    this.finish(code);
  }
}
