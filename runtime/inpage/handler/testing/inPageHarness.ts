import type { ByteStream } from '../../../host/platform';
import { portStream } from '../../platform/portStream';
import { startHandler, type HandlerRuntime } from '../runtime';

export interface Exchange {
  /** Every byte the server sent, in order. */
  readonly bytes: Buffer;
  /** The server ended or closed the connection. */
  readonly closedByServer: boolean;
}

/** Bytes to send, or a pause (ms) between sends so they arrive as separate chunks. */
export type Send = string | Uint8Array | number;

/**
 * Sends `sends` on a connection and collects the answer until the server closes, or has
 * answered and then stayed quiet for `quietMs` (a keep-alive server does not close). Waits at
 * most `limitMs` for a first byte, so a slow machine is not taken for a silent server.
 */
export async function exchange(
  stream: {
    write(bytes: Uint8Array): void;
    onData(listener: (bytes: Uint8Array) => void): void;
    onEnd(listener: () => void): void;
    destroy(): void;
  },
  sends: readonly Send[],
  quietMs = 400,
  limitMs = 10_000,
): Promise<Exchange> {
  const chunks: Buffer[] = [];
  let closedByServer = false;
  let lastActivity = Date.now();
  stream.onData((bytes) => {
    chunks.push(Buffer.from(bytes));
    lastActivity = Date.now();
  });
  stream.onEnd(() => {
    closedByServer = true;
  });
  for (const send of sends) {
    if (typeof send === 'number') await new Promise((resolve) => setTimeout(resolve, send));
    else stream.write(typeof send === 'string' ? Buffer.from(send, 'latin1') : send);
    lastActivity = Date.now();
  }
  const started = Date.now();
  while (!closedByServer && Date.now() - started < limitMs) {
    if (chunks.length > 0 && Date.now() - lastActivity >= quietMs) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  stream.destroy();
  return { bytes: Buffer.concat(chunks), closedByServer };
}

export interface InPageProcess {
  readonly runtime: HandlerRuntime;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves with the first port a server listens on. */
  readonly listening: Promise<number>;
  /** Resolves with the exit code. */
  readonly exited: Promise<number>;
  /** Opens a connection to `port` and returns the client's end. */
  connect(port: number): ByteStream;
}

let nextPort = 41000;

/** Runs a handler in this realm with a fake host: ports are numbers, connections channels. */
export function runInPage(
  files: Record<string, string>,
  options: {
    entry?: string;
    env?: Record<string, string>;
    args?: string[];
    busyPorts?: number[];
    /** Format stacks as the worker does (a global hook, removed when the process exits). */
    nodeStackFormat?: boolean;
  } = {},
): InPageProcess {
  let stdout = '';
  let stderr = '';
  let onListening: (port: number) => void = () => {};
  let onExit: (code: number) => void = () => {};
  const listening = new Promise<number>((resolve) => (onListening = resolve));
  const exited = new Promise<number>((resolve) => (onExit = resolve));
  const used = new Set(options.busyPorts ?? []);
  const entry = options.entry ?? '/app/handler.js';
  const runtime = startHandler(
    {
      files,
      appRoot: '/app',
      entry,
      argv: ['node', entry, ...(options.args ?? [])],
      cwd: '/app',
      env: options.env ?? {},
    },
    {
      output: (stream, text) => {
        if (stream === 'stdout') stdout += text;
        else stderr += text;
      },
      exit: (code) => onExit(code),
      listen: async (port) => {
        const bound = port === 0 ? nextPort++ : port;
        if (used.has(bound)) throw Object.assign(new Error('in use'), { code: 'EADDRINUSE' });
        used.add(bound);
        setTimeout(() => onListening(bound), 0);
        return bound;
      },
      unlisten: (port) => used.delete(port),
    },
    { nodeStackFormat: options.nodeStackFormat ?? false },
  );
  let nextRemotePort = 50000;
  return {
    runtime,
    stdout: () => stdout,
    stderr: () => stderr,
    listening,
    exited,
    connect(port) {
      const channel = new MessageChannel();
      const remotePort = nextRemotePort++;
      const server = portStream(channel.port1, { localPort: port, remotePort });
      const client = portStream(channel.port2, { localPort: remotePort, remotePort: port });
      runtime.connect(port, server);
      return client;
    },
  };
}
