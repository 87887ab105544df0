import type { ByteStream } from '../../host/platform';
import { noNetworkFetch, type ConnectionSink, type HttpContext } from './http';
import { createBuiltins } from './modules/builtins';
import { ModuleLoader } from './modules/loader';
import { createConsole } from './node/console';
import { createProcess, NODE_VERSION, type OutputStream } from './node/process';
import { createTimers } from './node/timers';
import { Buffer, path } from './polyfills';
import { Supervisor } from './supervisor';
import { installNodeStackFormat } from './stackFormat';
import { formatUncaught, type SourceFiles } from './uncaughtReport';

/** What a handler process starts with (the fields of protocol.ts's HandlerStart). */
export interface HandlerStartOptions {
  /** App files by app-relative path ('/'-separated). */
  readonly files: Readonly<Record<string, string>>;
  /** The app root as the handler sees it, e.g. '/app'. */
  readonly appRoot: string;
  /** The script node would run, absolute under appRoot. */
  readonly entry: string;
  /** process.argv: ['node', entry, ...args]. */
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** process.pid (any positive number; the host may pass its own). */
  readonly pid?: number;
}

/** What the handler process needs from whoever runs it (the worker glue, or a test). */
export interface HandlerHost {
  /** stdout / stderr text, in order. */
  output(stream: OutputStream, text: string): void;
  /** The process ended with `code`; nothing of the handler runs after this. */
  exit(code: number): void;
  /** server.listen(port): resolves with the port bound, rejects with an error whose `code` is Node's (EADDRINUSE). */
  listen(port: number): Promise<number>;
  /** server.close(): the port is free again. */
  unlisten(port: number): void;
}

/** A running handler process. */
export interface HandlerRuntime {
  /**
   * A connection to `port` (the host's side connected): handed to the server listening there.
   * Returns false, and destroys the stream, when nothing listens on that port.
   */
  connect(port: number, stream: ByteStream): boolean;
  /** An error nobody caught (the glue's 'error' / 'unhandledrejection' events call this). */
  uncaught(error: unknown, fromPromise?: boolean, promise?: Promise<unknown>): void;
  /** The ports servers listen on now. */
  readonly ports: readonly number[];
  readonly exited: boolean;
  readonly exitCode: number | undefined;
  /** The user's files, as error reports read them. */
  readonly sources: SourceFiles;
  /** The Node globals modules see (process, Buffer, global, setImmediate…). */
  readonly globals: Readonly<Record<string, unknown>>;
  /** Settles when the entry script has run (an ES entry may await at top level). */
  readonly loaded: Promise<void>;
}

/**
 * Starts a handler as `node <entry>` would, inside this JavaScript realm: its own `process`,
 * module system, timers and http servers, which reach the outside only through `host`.
 */
export interface HandlerSettings {
  /**
   * Format every stack of this realm as Node shows the user's frames (Error.prepareStackTrace).
   * For a realm that runs this one handler only: the handler worker sets it.
   */
  readonly nodeStackFormat?: boolean;
}

export function startHandler(
  options: HandlerStartOptions,
  host: HandlerHost,
  settings: HandlerSettings = {},
): HandlerRuntime {
  const files = new Map<string, string>();
  for (const [relative, text] of Object.entries(options.files)) {
    files.set(path.join(options.appRoot, relative.replace(/^\/+/, '')), text);
  }
  // Filled in once the loader exists (the supervisor, made first, reports through it).
  const late: { loader?: ModuleLoader; restoreStacks?: () => void } = {};
  const supervisor = new Supervisor({
    exited: (code) => {
      late.restoreStacks?.();
      host.exit(code);
    },
    report: (error, fromPromise) => {
      const text = formatUncaught(
        error,
        late.loader ?? { text: () => undefined, wrapperLength: () => 0 },
        NODE_VERSION,
        fromPromise,
      );
      host.output('stderr', text);
    },
  });
  const timers = createTimers(supervisor);
  supervisor.afterCallback = timers.drainTicks;
  const process = createProcess({
    argv: options.argv,
    env: options.env,
    cwd: options.cwd,
    pid: options.pid ?? 42,
    supervisor,
    timers,
    output: (stream, text) => host.output(stream, text),
  });
  supervisor.process = process;
  const console = createConsole(process.stdout, process.stderr);

  const servers = new Map<number, ConnectionSink>();
  const httpContext: HttpContext = {
    nextTick: (callback) => timers.nextTick(callback),
    guard: (callback) => supervisor.guard(callback),
    ref: () => supervisor.ref(),
    unref: () => supervisor.unref(),
    listen: async (port, server) => {
      const bound = await host.listen(port);
      servers.set(bound, server);
      return bound;
    },
    unlisten: (port) => {
      servers.delete(port);
      host.unlisten(port);
    },
  };

  const globals = {
    process,
    Buffer,
    global: globalThis,
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    setInterval: timers.setInterval,
    clearInterval: timers.clearInterval,
    setImmediate: timers.setImmediate,
    clearImmediate: timers.clearImmediate,
    queueMicrotask: timers.queueMicrotask,
    console,
    fetch: noNetworkFetch,
  };
  const activeLoader: ModuleLoader = new ModuleLoader({
    files,
    builtins: createBuiltins({
      process,
      timers,
      http: httpContext,
      console,
      createRequire: (filename): unknown => activeLoader.createRequire(filename),
      files,
    }),
    globals,
  });
  late.loader = activeLoader;
  late.restoreStacks = settings.nodeStackFormat ? installNodeStackFormat(activeLoader) : undefined;

  // The entry runs while "something is pending", so an ES entry awaiting at top level is not
  // taken for a finished program.
  supervisor.ref();
  let loaded: Promise<void>;
  try {
    const pending = activeLoader.runMain(path.resolve(options.cwd, options.entry));
    timers.drainTicks();
    loaded = pending
      ? pending.then(
          () => supervisor.unref(),
          (error: unknown) => {
            supervisor.uncaught(error);
            supervisor.unref();
          },
        )
      : Promise.resolve(supervisor.unref());
  } catch (error) {
    supervisor.uncaught(error);
    supervisor.unref();
    loaded = Promise.resolve();
  }

  return {
    connect(port, stream) {
      const server = servers.get(port);
      if (!server || supervisor.exited) {
        stream.destroy(
          Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:${port}`), { code: 'ECONNREFUSED' }),
        );
        return false;
      }
      supervisor.guard(() => server.acceptConnection(stream))();
      return true;
    },
    globals,
    sources: activeLoader,
    uncaught: (error, fromPromise = false, promise) => supervisor.uncaught(error, fromPromise, promise),
    get ports() {
      return [...servers.keys()];
    },
    get exited() {
      return supervisor.exited;
    },
    get exitCode() {
      return supervisor.exitCode;
    },
    loaded,
  };
}
