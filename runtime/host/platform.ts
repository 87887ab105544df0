import type { AppFiles } from '../core/app/appModel';
import type { HandlerCommand } from '../core/process/commandLine';
import type { RegexPattern } from '../core/routing/routeConstraints';

/**
 * A bidirectional byte stream: a TCP socket on Node, a pair of message ports in the page.
 * Chunks are delivered in order; `onClose` fires once, after the last `onData`.
 */
export interface ByteStream {
  /** Queues bytes for the peer. Returns false when the stream is closed (the bytes are dropped). */
  write(chunk: Uint8Array): boolean;
  /** Half-closes: the peer sees the end after every byte written so far. */
  end(): void;
  /** Closes both ways at once, dropping anything unsent. */
  destroy(error?: Error): void;
  /** Each chunk is the receiver's to keep: platforms never reuse a buffer they delivered. */
  onData(listener: (chunk: Uint8Array) => void): void;
  /** The peer ended its side (EOF). The stream may still be written until closed. */
  onEnd(listener: () => void): void;
  onClose(listener: (error?: StreamError) => void): void;
  /** Stops delivering `onData` until `resume()` (backpressure towards the peer). */
  pause(): void;
  resume(): void;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly localPort: number;
}

/** Why a stream closed or could not open; `code` is Node's (ECONNREFUSED, ECONNRESET, …). */
export interface StreamError extends Error {
  readonly code?: string;
}

export interface Listener {
  readonly port: number;
  /** Stops accepting and destroys every open connection. */
  close(): Promise<void>;
}

/** The handler's process: its output as lines, its end. */
export interface HandlerProcess {
  readonly pid: number | undefined;
  onLine(listener: (line: string, stream: 'stdout' | 'stderr') => void): void;
  /** Once: the exit code, or the signal that ended it. */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** Fails to start (executable missing, not executable…): `code` as Node's ENOENT/EACCES. */
  onError(listener: (error: StreamError) => void): void;
  /** Ends the process (and anything it started) at once. */
  kill(): void;
  readonly exited: boolean;
}

export interface SpawnRequest {
  readonly command: HandlerCommand;
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Everything the host needs from its surroundings. The Node platform (runtime/node/platform)
 * uses sockets, child processes and the file system; the in-page platform (runtime/inpage)
 * uses message ports and Web Workers. Nothing above this interface imports either.
 */
export interface Platform {
  /** Short name for messages: 'node' or 'in-page'. */
  readonly name: string;
  /** Accepts connections on `host:port` (0: any free port). Rejects with EADDRINUSE as Node does. */
  listen(port: number, host: string, onConnection: (stream: ByteStream) => void): Promise<Listener>;
  /** Opens a connection; rejects with a StreamError (ECONNREFUSED when nothing listens). */
  connect(port: number, host: string): Promise<ByteStream>;
  /** A port nothing listens on now, as the host picks the handler's once per start. */
  pickFreePort(): Promise<number>;
  canBind(port: number): Promise<boolean>;
  /** Starts the handler. Errors surface through `onError`, never as a throw. */
  spawn(request: SpawnRequest): HandlerProcess;
  fileExists(path: string): boolean;
  /** host.json, local.settings.json and each `<folder>/function.json` of the app. */
  readAppFiles(appRoot: string): Promise<AppFiles>;
  /** The process environment the host starts from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Wall-clock milliseconds since the epoch. */
  now(): number;
  /** A monotonic clock in milliseconds, for durations. */
  monotonic(): number;
  randomUUID(): string;
  randomBytes(length: number): Uint8Array;
  hostname(): string;
  /** Processors available (Node's availableParallelism); queue batch sizes scale with it. */
  processorCount(): number;
  /** The zone timers use when none is configured. */
  defaultTimeZone(): string;
  /**
   * Runs a route constraint's regex off the host's thread (a RegexPool of workers), so other
   * requests are answered while it runs; rejects with RegexTimeoutError past `timeoutMs`.
   */
  testRegex(pattern: RegexPattern, input: string, timeoutMs: number): Promise<boolean>;
}
