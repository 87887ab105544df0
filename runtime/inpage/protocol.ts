/**
 * Messages between the pieces of the in-page engine. Everything runs inside one sandboxed
 * iframe (opaque origin): the iframe starts the host worker and, on the host's request, one
 * handler worker at a time. Each arrow below is a MessagePort; messages are checked on arrival.
 *
 *   page ──(control port: text frames, as the CLI's stdio)──▶ host worker
 *   host worker ──(process port, one per handler start)──▶ handler worker
 *   host worker ──(supervisor port)──▶ iframe: spawn / kill handler workers
 *   any connection: a MessageChannel whose two ends are the two ByteStreams (stream messages)
 */

/** One message on a connection's port. Data buffers are transferred, not copied. */
export type StreamMessage =
  | { readonly t: 'data'; readonly bytes: ArrayBuffer }
  /** The sender half-closed: no more data from it. */
  | { readonly t: 'end' }
  /** The sender closed both ways (destroy); `code` as Node's (ECONNRESET…). */
  | { readonly t: 'close'; readonly code?: string };

/** What the handler worker is started with (first message on its process port). */
export interface HandlerStart {
  readonly t: 'start';
  /** App files by app-relative path ('/'-separated), text. */
  readonly files: Readonly<Record<string, string>>;
  /** The app root as the handler sees it (process.cwd() and path resolution), e.g. '/app'. */
  readonly appRoot: string;
  /** The script node would run: argv[1], absolute under appRoot. */
  readonly entry: string;
  /** process.argv as the host built it: ['node', entry, ...args]. */
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** process.pid: the pid the host reports for this handler (added by the engine). */
  readonly pid?: number;
}

/** Host worker → handler worker, on the process port. */
export type ToHandler =
  | HandlerStart
  /** A connection to a port the handler listens on; `stream` is the handler's end. */
  | {
      readonly t: 'connection';
      readonly port: number;
      readonly stream: MessagePort;
      readonly remotePort: number;
    }
  /** Answer to 'listen': ok, or an error code (EADDRINUSE). */
  | { readonly t: 'listen-result'; readonly id: number; readonly port: number; readonly error?: string };

/** Handler worker → host worker, on the process port. */
export type FromHandler =
  /** Output of process.stdout / process.stderr / console, as text (lines are split by the host). */
  | { readonly t: 'output'; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  /** server.listen(port): the host registers the port; `id` pairs the answer. */
  | { readonly t: 'listen'; readonly id: number; readonly port: number }
  /** server.close(): the port is free again. */
  | { readonly t: 'unlisten'; readonly port: number }
  /** process.exit(code), or an uncaught exception (code 1). The worker is terminated after. */
  | { readonly t: 'exit'; readonly code: number };

// ---------------------------------------------------------------------------------------------
// The engine's side: page ↔ sandbox iframe ↔ host worker. Added by the engine; the handler
// worker needs none of what follows.
//
//   page ──(window message, once)──▶ iframe: SandboxBoot, carrying the sandbox port
//   page ──(sandbox port)──▶ iframe: start / stop host workers
//   page ──(host port, one per host run)──▶ host worker: files, control input; back: output, exit
//   host worker ──(supervisor port)──▶ iframe: spawn / kill handler workers
// ---------------------------------------------------------------------------------------------

/** Iframe → page (window message), once its script runs: the page may send SandboxBoot. */
export interface SandboxReady {
  readonly t: 'fchp-sandbox-ready';
}

/**
 * Page → iframe (window message), once: the port for everything after, and the worker sources as
 * text unless the iframe's document named their addresses (SandboxWorkerUrls).
 */
export interface SandboxBoot {
  readonly t: 'fchp-sandbox-boot';
  /** The workers' scripts as text: both or neither. */
  readonly scripts?: {
    /** Classic-worker script of the host worker (build/inpage/host-worker.js). */
    readonly hostWorker: string;
    /** Classic-worker script of the handler worker (build/inpage/handler-worker.js). */
    readonly handlerWorker: string;
  };
  readonly port: MessagePort;
}

/**
 * Where the workers' scripts are, as absolute addresses of the site, written into the iframe's
 * document: its workers load them themselves (importScripts, a classic script load that needs no
 * CORS), so the page neither fetches nor copies them and the workers start before the page has
 * finished opening. Only where the site's files load without CORP, i.e. not in a cross-origin
 * isolated page.
 */
export interface SandboxWorkerUrls {
  readonly hostWorker: string;
  readonly handlerWorker: string;
}

/** Page → iframe, on the sandbox port. */
export type ToSandbox =
  /** Starts a host worker; `port` is its end of the page's host port. */
  | { readonly t: 'start-host'; readonly id: number; readonly port: MessagePort }
  /** Terminates the worker started as `id` (host or probe) and every handler worker it started. */
  | { readonly t: 'stop'; readonly id: number }
  /**
   * Starts a classic worker from `source` and posts it `{ port }` (transferred): a check of the
   * plumbing for tests and diagnostics. Stopped with 'stop' like a host.
   */
  | { readonly t: 'probe'; readonly id: number; readonly source: string; readonly port: MessagePort }
  /** How many workers the sandbox runs now (diagnostics and leak checks); answered by 'stats'. */
  | { readonly t: 'stats'; readonly id: number }
  /** Are you there? Answered by 'pong' (sandboxWatch.ts: a sandbox whose process died says nothing). */
  | { readonly t: 'ping'; readonly id: number }
  /**
   * The workers' scripts as text, once the page is idle, when the workers first loaded them from
   * their addresses: later workers (a handler restart, a host reload) are made from the text, so
   * they need no network. Answered by 'scripts-kept'.
   */
  | {
      readonly t: 'scripts';
      readonly id: number;
      readonly hostWorker: string;
      readonly handlerWorker: string;
    };

/** Iframe → page, on the sandbox port. */
export type FromSandbox =
  | { readonly t: 'booted' }
  /** A host worker failed outside its own handling (load error, uncaught error): it is gone. */
  | { readonly t: 'host-failed'; readonly id: number; readonly message: string }
  /** The worker started as `id` and its handler workers are terminated (answers 'stop'). */
  | { readonly t: 'stopped'; readonly id: number }
  /** Workers alive now: host workers and probes, and the handler workers they started. */
  | { readonly t: 'stats'; readonly id: number; readonly runs: number; readonly handlers: number }
  /** Workers started from now on are made from the scripts' text (answers 'scripts'). */
  | { readonly t: 'scripts-kept'; readonly id: number }
  /** Still here (answers 'ping'). */
  | { readonly t: 'pong'; readonly id: number }
  /** The iframe's `self.origin`, for the page's checks and tests. */
  | { readonly t: 'probe-started'; readonly id: number; readonly origin: string };

/** Iframe → host worker (worker message, once): its two ports. */
export interface HostWorkerInit {
  readonly t: 'init';
  /** To the page: HostInput in, HostOutput out. */
  readonly page: MessagePort;
  /** To the iframe: SupervisorRequest out, SupervisorEvent in. */
  readonly supervisor: MessagePort;
}

/** Page → host worker, on the host port. */
export type HostInput =
  /** The whole app folder (app-relative paths, text): replaces the previous map. */
  | { readonly t: 'files'; readonly files: Readonly<Record<string, string>> }
  /** Starts the host on the files last sent (once per host worker). */
  | { readonly t: 'run'; readonly env: Readonly<Record<string, string>> }
  /** Control text for the host's input (framed commands), as written to the CLI's stdin. */
  | { readonly t: 'input'; readonly text: string };

/** Host worker → page, on the host port. */
export type HostOutput =
  /** Control text from the host (framed events and log lines), as on the CLI's stdout. */
  | { readonly t: 'output'; readonly text: string }
  /** The host stopped by itself (fatal error, handler failing for good). */
  | { readonly t: 'exit'; readonly code: number };

/** Host worker → iframe, on the supervisor port. */
export type SupervisorRequest =
  /** Starts a handler worker and hands it `port`, its process port (HandlerBoot). */
  | { readonly t: 'spawn'; readonly pid: number; readonly port: MessagePort }
  | { readonly t: 'kill'; readonly pid: number };

/** Iframe → host worker, on the supervisor port. */
export type SupervisorEvent =
  /** A handler worker failed outside the handler's own handling (load or uncaught error). */
  {
    readonly t: 'worker-error';
    readonly pid: number;
    readonly message: string;
    readonly filename?: string;
    readonly lineno?: number;
    readonly colno?: number;
  };

/** Iframe → handler worker (worker message, once): its process port (ToHandler / FromHandler). */
export interface HandlerBoot {
  readonly t: 'boot';
  readonly port: MessagePort;
}
