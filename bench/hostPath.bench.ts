// The host's own cost per request, with no sockets and no other process: caller, front door,
// payload invocation and a canned handler all run on this thread over in-memory streams. It
// isolates the JavaScript work that `bench:host` measures through the kernel, so a change on
// the hot path shows as microseconds per request even on a busy machine. A report, not a test.
//
//   npm run bench:hostpath
//   BENCH_N=20000 BENCH_ROUNDS=5 npm run bench:hostpath
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { HostEvent } from '../runtime/core/control/protocol';
import { FunctionHost } from '../runtime/host/functionHost';
import type { ByteStream, HandlerProcess, Listener, Platform } from '../runtime/host/platform';
import { createNodePlatform } from '../runtime/node/platform/nodePlatform';

const N = envInt('BENCH_N', 20_000);
const ROUNDS = envInt('BENCH_ROUNDS', 5);
const CLIENTS = envInt('BENCH_CLIENTS', 16);
const ANSWER = '{"Outputs":{"res":{"body":"ok"}}}';
const CALLER_BODY = '{"id":1005,"quantity":2,"color":"black"}';
const te = new TextEncoder();

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function write(root: string, path: string, content: unknown): void {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
}

/** Answers every complete chunked request on a connection with the same bytes, as Node would. */
function cannedHandler(stream: ByteStream): void {
  const response = te.encode(
    'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ' +
      `${ANSWER.length}\r\nDate: Sun, 06 Dec 2026 03:00:00 GMT\r\nConnection: keep-alive\r\n` +
      `Keep-Alive: timeout=5\r\n\r\n${ANSWER}`,
  );
  let tail = '';
  let inRequest = false;
  let chunked = true;
  stream.onData((chunk) => {
    if (!inRequest) {
      inRequest = true;
      // Readiness pings are GETs without a body; payloads are chunked POSTs.
      chunked = chunk[0] !== 0x47;
    }
    tail = (tail + String.fromCharCode(...chunk.subarray(Math.max(0, chunk.length - 5)))).slice(-5);
    if (chunked ? tail === '0\r\n\r\n' : tail.endsWith('\r\n\r\n')) {
      tail = '';
      inRequest = false;
      stream.write(response);
    }
  });
}

/**
 * A connected pair of streams that keeps nothing: a write reaches the peer on the next
 * microtask, as a socket's data arrives on a later turn. (The unit tests' memory streams keep
 * every byte for their assertions, which would dominate this measurement.)
 */
function streamPair(serverPort: number, clientPort: number): [ByteStream, ByteStream] {
  const make = (localPort: number, remotePort: number) => {
    const data: ((chunk: Uint8Array) => void)[] = [];
    const stream: ByteStream & {
      deliver(chunk: Uint8Array): void;
      peer?: ByteStream & { deliver(c: Uint8Array): void };
    } = {
      write: (chunk) => {
        queueMicrotask(() => stream.peer!.deliver(chunk));
        return true;
      },
      deliver: (chunk) => {
        for (const l of data) l(chunk);
      },
      end: () => undefined,
      destroy: () => undefined,
      onData: (l) => data.push(l),
      onEnd: () => undefined,
      onClose: () => undefined,
      pause: () => undefined,
      resume: () => undefined,
      remoteAddress: '127.0.0.1',
      remotePort,
      localPort,
    };
    return stream;
  };
  const client = make(clientPort, serverPort);
  const server = make(serverPort, clientPort);
  client.peer = server;
  server.peer = client;
  return [client, server];
}

function platformFor(handlerPort: number): Platform {
  const node = createNodePlatform(process.env);
  const listeners = new Map<number, (stream: ByteStream) => void>();
  let nextPort = 50_000;
  let exitListener: ((code: number | null, signal: string | null) => void) | undefined;
  const listen = (port: number, _host: string, onConnection: (s: ByteStream) => void): Promise<Listener> => {
    listeners.set(port, onConnection);
    return Promise.resolve({ port, close: () => Promise.resolve(void listeners.delete(port)) });
  };
  return {
    ...node,
    name: 'bench',
    listen,
    connect: (port) => {
      const onConnection = listeners.get(port);
      if (!onConnection) return Promise.reject(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
      const [client, server] = streamPair(port, nextPort++);
      onConnection(server);
      return Promise.resolve(client);
    },
    pickFreePort: () => Promise.resolve(handlerPort),
    canBind: (port) => Promise.resolve(!listeners.has(port)),
    spawn: (): HandlerProcess => {
      void listen(handlerPort, '127.0.0.1', cannedHandler);
      return {
        pid: 1,
        exited: false,
        onLine: () => undefined,
        onExit: (l) => (exitListener = l),
        onError: () => undefined,
        kill: () => exitListener?.(null, 'SIGKILL'),
      };
    },
  };
}

async function main(): Promise<void> {
  const appRoot = mkdtempSync(join(tmpdir(), 'fchp-hostpath-'));
  write(appRoot, 'host.json', {
    version: '2.0',
    customHandler: { description: { defaultExecutablePath: 'node', defaultWorkerPath: 'handler.js' } },
  });
  write(appRoot, 'local.settings.json', {
    IsEncrypted: false,
    Values: { FUNCTIONS_WORKER_RUNTIME: 'custom' },
  });
  write(appRoot, 'handler.js', '');
  write(appRoot, 'fn/function.json', {
    bindings: [
      { type: 'httpTrigger', direction: 'in', name: 'req', methods: ['post'], authLevel: 'anonymous' },
      { type: 'http', direction: 'out', name: 'res' },
    ],
  });
  const platform = platformFor(40_123);
  const host = new FunctionHost({ platform, appRoot, port: 7071, env: { ...process.env } });
  const running = new Promise<void>((resolve, reject) => {
    host.subscribe((e: HostEvent) => {
      if (process.env.BENCH_DEBUG) console.log(JSON.stringify(e).slice(0, 300));
      if (e.type !== 'host.status') return;
      if (e.state === 'Running' && e.handler.port !== undefined) resolve();
      if (e.state === 'Error') reject(new Error(e.errors.join('; ')));
    });
  });
  await host.start();
  await running;

  const request = te.encode(
    `POST /api/fn HTTP/1.1\r\nHost: localhost:7071\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${CALLER_BODY.length}\r\nConnection: keep-alive\r\n\r\n${CALLER_BODY}`,
  );
  const callers = await Promise.all(
    Array.from({ length: CLIENTS }, () => platform.connect(7071, '127.0.0.1')),
  );

  /** Sends `count` requests over the callers, each waiting for its answer (its body is "ok"). */
  const run = (count: number) =>
    new Promise<void>((resolve) => {
      let sent = 0;
      let done = 0;
      for (const caller of callers) {
        const send = () => {
          if (sent < count) {
            sent++;
            caller.write(request);
          }
        };
        (caller as ByteStream & { bench?: () => void }).bench = () => {
          if (++done === count) resolve();
          else send();
        };
        send();
      }
    });
  for (const caller of callers) {
    let tail = '';
    caller.onData((chunk) => {
      tail = (tail + String.fromCharCode(...chunk.subarray(Math.max(0, chunk.length - 4)))).slice(-4);
      if (tail === '\r\nok') (caller as ByteStream & { bench?: () => void }).bench?.();
    });
  }

  await run(Math.min(5000, N));
  const perRequest: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const before = process.cpuUsage();
    await run(N);
    const used = process.cpuUsage(before);
    perRequest.push((used.user + used.system) / N);
  }
  perRequest.sort((a, b) => a - b);
  console.log(
    `host path (in memory, ${CLIENTS} callers, ${N} requests x ${ROUNDS} rounds): ` +
      `median ${perRequest[perRequest.length >> 1]!.toFixed(1)} µs CPU per request ` +
      `(min ${perRequest[0]!.toFixed(1)}, max ${perRequest.at(-1)!.toFixed(1)})`,
  );
  await host.stop();
  rmSync(appRoot, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
