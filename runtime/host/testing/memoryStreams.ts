/**
 * Test doubles for the platform seam: an in-memory ByteStream pair that behaves like a loopback
 * TCP connection (ordered, asynchronous delivery, half-close, close after the last byte), and a
 * fake Platform whose `connect` reaches `listen`ers registered on it. For unit tests only.
 */
import type { AppFiles } from '../../core/app/appModel';
import type { ByteStream, HandlerProcess, Listener, Platform, StreamError } from '../platform';

/** One end of a MemoryStream pair, with a few test-only controls. */
export interface MemoryEnd extends ByteStream {
  /** Every byte written to this end, in order, as one Latin-1 string. */
  readonly written: () => string;
  /** The peer sees the connection torn down (no end, a close with ECONNRESET), as after a TCP reset. */
  reset(): void;
  readonly ended: boolean;
  readonly closed: boolean;
  readonly paused: boolean;
}

type Event =
  { kind: 'data'; chunk: Uint8Array } | { kind: 'end' } | { kind: 'close'; error: StreamError | undefined };

class End implements MemoryEnd {
  peer!: End;
  private readonly dataListeners: ((chunk: Uint8Array) => void)[] = [];
  private readonly endListeners: (() => void)[] = [];
  private readonly closeListeners: ((error?: StreamError) => void)[] = [];
  private readonly inbox: Event[] = [];
  private readonly writes: Uint8Array[] = [];
  private scheduled = false;
  private writeEnded = false;
  private readEnded = false;
  private closeQueued = false;
  closed = false;
  paused = false;

  constructor(
    readonly localPort: number,
    readonly remotePort: number,
    readonly remoteAddress: string,
  ) {}

  get ended(): boolean {
    return this.writeEnded;
  }

  written = (): string => {
    let s = '';
    for (const w of this.writes) for (const b of w) s += String.fromCharCode(b);
    return s;
  };

  write(chunk: Uint8Array): boolean {
    if (this.closed || this.closeQueued || this.writeEnded) return false;
    const copy = chunk.slice();
    this.writes.push(copy);
    this.peer.enqueue({ kind: 'data', chunk: copy });
    return true;
  }

  end(): void {
    if (this.closed || this.closeQueued || this.writeEnded) return;
    this.writeEnded = true;
    this.peer.enqueue({ kind: 'end' });
    this.closeIfDone();
  }

  destroy(error?: Error): void {
    if (this.closed || this.closeQueued) return;
    this.closeQueued = true;
    // Anything not yet delivered to this end is dropped; the peer sees a graceful end.
    this.inbox.length = 0;
    this.inbox.push({ kind: 'close', error: error as StreamError | undefined });
    this.schedule();
    if (!this.writeEnded) {
      this.writeEnded = true;
      this.peer.enqueue({ kind: 'end' });
    }
    this.peer.enqueue({ kind: 'close', error: undefined });
  }

  reset(): void {
    if (this.closed || this.closeQueued) return;
    this.closeQueued = true;
    this.inbox.length = 0;
    this.inbox.push({ kind: 'close', error: undefined });
    this.schedule();
    const error: StreamError = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    this.peer.enqueue({ kind: 'close', error });
  }

  onData(listener: (chunk: Uint8Array) => void): void {
    this.dataListeners.push(listener);
  }

  onEnd(listener: () => void): void {
    this.endListeners.push(listener);
  }

  onClose(listener: (error?: StreamError) => void): void {
    this.closeListeners.push(listener);
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.schedule();
  }

  enqueue(event: Event): void {
    if (this.closed) return;
    if (event.kind === 'close') this.closeQueued = true;
    this.inbox.push(event);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    while (this.inbox.length > 0 && !this.closed) {
      const event = this.inbox[0]!;
      if (event.kind === 'data' && this.paused) return;
      this.inbox.shift();
      if (event.kind === 'data') for (const l of this.dataListeners) l(event.chunk);
      else if (event.kind === 'end') {
        this.readEnded = true;
        for (const l of this.endListeners) l();
        this.closeIfDone();
      } else {
        this.closed = true;
        for (const l of this.closeListeners) l(event.error);
      }
    }
  }

  /** Both directions ended: the connection closes, after whatever is still queued. */
  private closeIfDone(): void {
    if (this.readEnded && this.writeEnded && !this.closeQueued) {
      this.closeQueued = true;
      this.inbox.push({ kind: 'close', error: undefined });
      this.schedule();
      this.peer.enqueue({ kind: 'close', error: undefined });
    }
  }
}

let nextEphemeralPort = 50_000;

/** A connected pair: what one end writes the other reads. */
export function memoryStreamPair(serverPort = 7071): { client: MemoryEnd; server: MemoryEnd } {
  const clientPort = nextEphemeralPort++;
  const client = new End(clientPort, serverPort, '127.0.0.1');
  const server = new End(serverPort, clientPort, '127.0.0.1');
  client.peer = server;
  server.peer = client;
  return { client, server };
}

export function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

export function bytesOf(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** Resolves after pending microtask deliveries (and the timers already due) have run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export interface FakePlatform extends Platform {
  /** The client ends of every connection `connect` opened, in order. */
  readonly connections: MemoryEnd[];
  /** Wall and monotonic clocks, both in ms; tests move them. */
  clock: { now: number; monotonic: number };
}

/**
 * A Platform for the host layer's unit tests: in-memory connections between `connect` and
 * `listen`, controllable clocks, sequential ids. Processes and files are not part of it.
 */
export function fakePlatform(): FakePlatform {
  const listeners = new Map<number, (stream: ByteStream) => void>();
  const connections: MemoryEnd[] = [];
  let uuid = 0;
  const clock = { now: Date.UTC(2024, 4, 1, 10, 0, 0), monotonic: 1000 };
  const unsupported = (what: string): never => {
    throw new Error(`fakePlatform: ${what} is not part of this fake`);
  };
  return {
    name: 'fake',
    connections,
    clock,
    listen(port: number, _host: string, onConnection: (stream: ByteStream) => void): Promise<Listener> {
      if (listeners.has(port))
        return Promise.reject(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }));
      listeners.set(port, onConnection);
      return Promise.resolve({
        port,
        close: () => {
          listeners.delete(port);
          return Promise.resolve();
        },
      });
    },
    connect(port: number): Promise<ByteStream> {
      const onConnection = listeners.get(port);
      if (!onConnection) {
        const error: StreamError = Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:${port}`), {
          code: 'ECONNREFUSED',
        });
        return Promise.reject(error);
      }
      const { client, server } = memoryStreamPair(port);
      connections.push(client);
      onConnection(server);
      return Promise.resolve(client);
    },
    pickFreePort: () => Promise.resolve(40_000),
    canBind: (port: number) => Promise.resolve(!listeners.has(port)),
    spawn: (): HandlerProcess => unsupported('spawn'),
    fileExists: () => false,
    readAppFiles: (): Promise<AppFiles> => unsupported('readAppFiles'),
    env: {},
    now: () => clock.now,
    monotonic: () => clock.monotonic,
    randomUUID: () => `00000000-0000-4000-8000-${String(++uuid).padStart(12, '0')}`,
    randomBytes: (length: number) => new Uint8Array(length),
    hostname: () => 'fakehost',
    processorCount: () => 4,
    defaultTimeZone: () => 'UTC',
    testRegex: (pattern, input) => Promise.resolve(new RegExp(pattern.source, pattern.flags).test(input)),
  };
}
