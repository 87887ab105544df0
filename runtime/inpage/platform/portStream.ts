import type { ByteStream, StreamError } from '../../host/platform';
import type { StreamMessage } from '../protocol';
import { streamError } from './streamError';

/** The addresses a stream reports, as a socket's would. */
export interface StreamAddresses {
  readonly localPort: number;
  readonly remotePort: number;
  readonly remoteAddress?: string;
}

/** What the stream needs of a MessagePort (the DOM's and Node's both fit). */
export interface PortLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
}

type Incoming =
  { kind: 'data'; bytes: Uint8Array } | { kind: 'end' } | { kind: 'close'; error?: StreamError };

/**
 * One end of a connection: a ByteStream over a MessagePort speaking StreamMessage. Bytes travel
 * as transferred ArrayBuffers. Incoming events queue in arrival order and are delivered while
 * someone reads and nobody paused, so `end` and `close` always come after the last data, as
 * on a socket.
 */
export function portStream(
  port: PortLike,
  addresses: StreamAddresses,
): ByteStream & {
  /** True once closed (either side). */
  readonly closed: boolean;
} {
  const dataListeners: ((chunk: Uint8Array) => void)[] = [];
  const endListeners: (() => void)[] = [];
  const closeListeners: ((error?: StreamError) => void)[] = [];
  const queue: Incoming[] = [];
  let paused = false;
  let ended = false; // we sent `end`
  let peerEnded = false; // the peer's `end` was delivered
  let closed = false;
  let delivering = false;

  const shutPort = () => {
    port.onmessage = null;
    port.close();
  };

  const finish = (error?: StreamError) => {
    if (closed) return;
    closed = true;
    queue.length = 0;
    shutPort();
    for (const listener of closeListeners) listener(error);
  };

  const deliver = () => {
    if (delivering) return; // a listener that resumes or writes re-enters here: the loop goes on
    delivering = true;
    try {
      while (queue.length > 0 && !closed) {
        const next = queue[0]!;
        if (next.kind === 'data' && (paused || dataListeners.length === 0)) return;
        queue.shift();
        if (next.kind === 'data') {
          for (const listener of dataListeners) listener(next.bytes);
        } else if (next.kind === 'end') {
          if (peerEnded) continue;
          peerEnded = true;
          for (const listener of endListeners) listener();
          // Both halves done: the connection is over, as a socket closes after FIN both ways.
          if (ended) finish();
        } else {
          if (!next.error && !peerEnded) {
            peerEnded = true;
            for (const listener of endListeners) listener();
          }
          finish(next.error);
        }
      }
    } finally {
      delivering = false;
    }
  };

  port.onmessage = (event: MessageEvent) => {
    if (closed) return;
    const message = readStreamMessage(event.data);
    if (!message) {
      // A peer that speaks something else is a broken connection, not a crash.
      queue.push({
        kind: 'close',
        error: streamError('EPROTO', 'A connection received a malformed message.'),
      });
    } else if (message.t === 'data') {
      queue.push({ kind: 'data', bytes: new Uint8Array(message.bytes) });
    } else if (message.t === 'end') {
      queue.push({ kind: 'end' });
    } else {
      const error =
        message.code === undefined ? undefined : streamError(message.code, describeClose(message.code));
      queue.push(error ? { kind: 'close', error } : { kind: 'close' });
    }
    deliver();
  };

  return {
    get closed() {
      return closed;
    },
    remoteAddress: addresses.remoteAddress ?? '127.0.0.1',
    remotePort: addresses.remotePort,
    localPort: addresses.localPort,
    write(chunk) {
      if (closed || ended) return false;
      if (chunk.byteLength === 0) return true;
      // A copy: the caller may reuse its buffer, and a transferred buffer is gone from this side.
      // Uint8Array's own slice, because a Buffer's slice is a view of its (shared) pool.
      const bytes = Uint8Array.prototype.slice.call(chunk).buffer as ArrayBuffer;
      port.postMessage({ t: 'data', bytes } satisfies StreamMessage, [bytes]);
      return true;
    },
    end() {
      if (closed || ended) return;
      ended = true;
      port.postMessage({ t: 'end' } satisfies StreamMessage, []);
      if (peerEnded) finish();
    },
    destroy(error) {
      if (closed) return;
      const code = (error as StreamError | undefined)?.code;
      // Our own error stays ours; the peer sees a reset when we fail, an orderly close otherwise.
      const message: StreamMessage = error ? { t: 'close', code: code ?? 'ECONNRESET' } : { t: 'close' };
      port.postMessage(message, []);
      finish(error as StreamError | undefined);
    },
    onData(listener) {
      dataListeners.push(listener);
      queueMicrotask(deliver);
    },
    onEnd(listener) {
      endListeners.push(listener);
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
    pause() {
      paused = true;
    },
    resume() {
      if (!paused) return;
      paused = false;
      queueMicrotask(deliver);
    },
  };
}

/** Checks a message on arrival: anything else on a connection port is treated as a broken peer. */
export function readStreamMessage(value: unknown): StreamMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as { t?: unknown; bytes?: unknown; code?: unknown };
  if (message.t === 'data')
    return message.bytes instanceof ArrayBuffer ? (value as StreamMessage) : undefined;
  if (message.t === 'end') return { t: 'end' };
  if (message.t === 'close') {
    if (message.code === undefined) return { t: 'close' };
    return typeof message.code === 'string' ? { t: 'close', code: message.code } : undefined;
  }
  return undefined;
}

function describeClose(code: string): string {
  return code === 'ECONNRESET' ? 'read ECONNRESET' : `The peer closed the connection (${code}).`;
}
