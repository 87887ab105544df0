/**
 * Entry of the handler worker: a CLASSIC worker (module workers fail in the sandboxed iframe),
 * built from this file as an IIFE bundle (buildOptions.mjs) and started from a blob: URL.
 *
 * How it gets its process port (protocol.ts), either way works:
 *  - the starter posts to the worker `worker.postMessage(start, [processPort])`: the first
 *    'message' event's data is the HandlerStart and its `ports[0]` the process port; or
 *  - the starter posts only the port (`worker.postMessage(null, [processPort])`) and then sends
 *    the HandlerStart as the first message on that port.
 * A bootstrap of its own can instead import this module and call `runHandler(port)`.
 * After that every ToHandler message comes on the process port, every FromHandler goes out on it.
 */
import type { FromHandler, HandlerStart, ToHandler } from '../protocol';
// The same stream as the host's side of the connection (one protocol, one module).
import { portStream } from '../platform/portStream';
import { noNetworkFetch } from './http';
import { randomUUID } from './node/crypto';
import { createSubtle } from './node/subtle';
import { startHandler, type HandlerRuntime } from './runtime';

function isHandlerStart(value: unknown): value is HandlerStart {
  if (typeof value !== 'object' || value === null) return false;
  const start = value as Partial<HandlerStart>;
  return (
    start.t === 'start' &&
    typeof start.files === 'object' &&
    start.files !== null &&
    typeof start.appRoot === 'string' &&
    typeof start.entry === 'string' &&
    Array.isArray(start.argv) &&
    typeof start.cwd === 'string' &&
    typeof start.env === 'object' &&
    start.env !== null
  );
}

function isToHandler(value: unknown): value is ToHandler {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { t?: unknown; port?: unknown; id?: unknown; stream?: unknown };
  switch (message.t) {
    case 'start':
      return isHandlerStart(value);
    case 'connection':
      return (
        typeof message.port === 'number' &&
        typeof (value as { remotePort?: unknown }).remotePort === 'number' &&
        typeof message.stream === 'object' &&
        message.stream !== null
      );
    case 'listen-result':
      return typeof message.id === 'number' && typeof message.port === 'number';
    default:
      return false;
  }
}

export interface RunHandlerOptions {
  /** The HandlerStart, if it came with the port rather than on it. */
  readonly start?: HandlerStart;
  /** Called once the process has exited and said so (the worker closes itself by default). */
  readonly onExit?: (code: number) => void;
  /** Format this realm's stacks as Node's (default true: the worker runs this handler only). */
  readonly nodeStackFormat?: boolean;
  /** Where uncaught errors and rejections of this realm are heard (the worker scope by default). */
  readonly scope?: Pick<EventTarget, 'addEventListener'>;
}

/** Runs one handler process speaking protocol.ts on `port`. */
export function runHandler(port: MessagePort, options: RunHandlerOptions = {}): void {
  let runtime: HandlerRuntime | undefined;
  const early: ToHandler[] = [];
  const listens = new Map<number, { resolve: (port: number) => void; reject: (e: Error) => void }>();
  let nextListenId = 1;
  let exited = false;

  const send = (message: FromHandler) => {
    if (!exited) port.postMessage(message);
  };

  const handle = (message: ToHandler) => {
    if (!runtime) return;
    if (message.t === 'connection') {
      const stream = portStream(message.stream, {
        localPort: message.port,
        remotePort: message.remotePort,
      });
      runtime.connect(message.port, stream);
    } else if (message.t === 'listen-result') {
      const pending = listens.get(message.id);
      listens.delete(message.id);
      if (!pending) return;
      if (message.error) pending.reject(Object.assign(new Error(message.error), { code: message.error }));
      else pending.resolve(message.port);
    }
  };

  const start = (handlerStart: HandlerStart) => {
    if (runtime) return;
    runtime = startHandler(
      handlerStart,
      {
        output: (stream, text) => send({ t: 'output', stream, text }),
        exit: (code) => {
          send({ t: 'exit', code });
          exited = true;
          // Nothing of the handler may run after exit: stop listening, then end the worker
          // (the host terminates it too; closing ourselves stops timers at once).
          port.onmessage = null;
          if (options.onExit) options.onExit(code);
          else if (typeof close === 'function') close();
        },
        listen: (wanted) =>
          new Promise<number>((resolve, reject) => {
            const id = nextListenId++;
            listens.set(id, { resolve, reject });
            send({ t: 'listen', id, port: wanted });
          }),
        unlisten: (freed) => send({ t: 'unlisten', port: freed }),
      },
      { nodeStackFormat: options.nodeStackFormat ?? true },
    );
    // Code that reaches Node's globals through globalThis (or a library bundled by the user)
    // finds them too; the page's own objects stay as they are.
    const realm = globalThis as Record<string, unknown>;
    for (const [name, value] of Object.entries(runtime.globals)) {
      if (name !== 'fetch' && !(name in realm)) realm[name] = value;
    }
    realm.process ??= runtime.globals.process;
    for (const message of early.splice(0)) handle(message);
  };

  const scope = options.scope ?? (globalThis as unknown as Pick<EventTarget, 'addEventListener'>);
  scope.addEventListener('error', (event) => {
    const errorEvent = event as ErrorEvent;
    if (!runtime) return;
    errorEvent.preventDefault();
    runtime.uncaught(errorEvent.error ?? new Error(errorEvent.message));
  });
  scope.addEventListener('unhandledrejection', (event) => {
    const rejection = event as PromiseRejectionEvent;
    if (!runtime) return;
    rejection.preventDefault();
    runtime.uncaught(rejection.reason, true, rejection.promise);
  });

  port.onmessage = (event: MessageEvent) => {
    const message: unknown = event.data;
    if (!isToHandler(message)) return; // not ours: ignore rather than crash the handler
    if (message.t === 'start') start(message);
    else if (runtime) handle(message);
    else early.push(message);
  };
  if (options.start) start(options.start);
}

/** In a worker: wait for the process port (see the top of this file). */
function bootstrapWorker(): void {
  const scope = globalThis as unknown as {
    addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
    removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
    fetch: unknown;
    crypto?: { randomUUID?: unknown; subtle?: unknown };
  };
  // The handler has no network (the sandbox's policy refuses every connection): the worker's
  // own fetch says why, as the fetch of a module's scope does, instead of a bare "Failed to fetch".
  scope.fetch = noNetworkFetch;
  // Node's global crypto has randomUUID and subtle; the browser's has them only in a secure
  // context, which the opaque-origin sandbox is not.
  if (scope.crypto && typeof scope.crypto.randomUUID !== 'function') scope.crypto.randomUUID = randomUUID;
  if (scope.crypto && !scope.crypto.subtle) scope.crypto.subtle = createSubtle();
  const first = (event: MessageEvent) => {
    const port = event.ports[0];
    if (!port) return;
    scope.removeEventListener('message', first);
    runHandler(port, isHandlerStart(event.data) ? { start: event.data } : {});
  };
  scope.addEventListener('message', first);
}

const workerScope = (globalThis as { WorkerGlobalScope?: new () => unknown }).WorkerGlobalScope;
if (workerScope && globalThis instanceof workerScope) bootstrapWorker();
