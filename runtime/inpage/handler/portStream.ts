import type { ByteStream, StreamError } from '../../host/platform';
import type { StreamMessage } from '../protocol';

export interface PortStreamAddress {
  /** The port the connection was made to (the listening side's). */
  readonly localPort: number;
  /** The connecting side's port, as a socket would report it. */
  readonly remotePort: number;
  readonly remoteAddress?: string;
}

/** Node-like codes for the error a stream closes with, readable by callers. */
function streamError(code: string, message: string): StreamError {
  return Object.assign(new Error(message), { code });
}

function isStreamMessage(value: unknown): value is StreamMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { t?: unknown; bytes?: unknown; code?: unknown };
  switch (message.t) {
    case 'data':
      return message.bytes instanceof ArrayBuffer;
    case 'end':
      return true;
    case 'close':
      return message.code === undefined || typeof message.code === 'string';
    default:
      return false;
  }
}

/**
 * One end of a connection carried by a MessagePort (see StreamMessage in protocol.ts). Both ends
 * of a MessageChannel wrapped this way behave like the two ends of a TCP socket: data in order,
 * half-close with `end()`, and the stream closes once both sides have ended or either destroys.
 */
export function messagePortStream(port: MessagePort, address: PortStreamAddress): ByteStream {
  const dataListeners: ((chunk: Uint8Array) => void)[] = [];
  const endListeners: (() => void)[] = [];
  const closeListeners: ((error?: StreamError) => void)[] = [];
  // Chunks that arrived while paused, and the peer's end if it came after them.
  const held: Uint8Array[] = [];
  let paused = false;
  let endHeld = false;
  let localEnded = false;
  let remoteEnded = false;
  let closed = false;

  const close = (error?: StreamError): void => {
    if (closed) return;
    closed = true;
    held.length = 0;
    port.onmessage = null;
    port.close();
    for (const listener of closeListeners) listener(error);
  };

  const deliverEnd = (): void => {
    if (remoteEnded) return;
    remoteEnded = true;
    for (const listener of endListeners) listener();
    if (localEnded) close();
  };

  const deliver = (chunk: Uint8Array): void => {
    for (const listener of dataListeners) listener(chunk);
  };

  port.onmessage = (event: MessageEvent) => {
    if (closed) return;
    const message: unknown = event.data;
    if (!isStreamMessage(message)) {
      // A peer that breaks the protocol is a broken connection, not a crash of the handler.
      close(streamError('EPROTO', 'unexpected message on a connection port'));
      return;
    }
    if (message.t === 'data') {
      const chunk = new Uint8Array(message.bytes);
      if (paused) held.push(chunk);
      else deliver(chunk);
    } else if (message.t === 'end') {
      if (paused) endHeld = true;
      else deliverEnd();
    } else if (message.code) {
      close(streamError(message.code, `connection closed by peer (${message.code})`));
    } else {
      // A plain destroy on the other side: what a socket sees is the end, then the close.
      deliverEnd();
      close();
    }
  };

  const post = (message: StreamMessage, transfer: Transferable[] = []): void => {
    port.postMessage(message, transfer);
  };

  return {
    write(chunk: Uint8Array): boolean {
      if (closed || localEnded) return false;
      if (chunk.byteLength === 0) return true;
      // A copy: the caller may reuse its buffer, and the copy can be transferred, not cloned.
      // (Uint8Array's own slice: a Buffer's slice is a view on a possibly shared pool.)
      const bytes = Uint8Array.prototype.slice.call(chunk).buffer as ArrayBuffer;
      post({ t: 'data', bytes }, [bytes]);
      return true;
    },
    end(): void {
      if (closed || localEnded) return;
      localEnded = true;
      post({ t: 'end' });
      if (remoteEnded) close();
    },
    destroy(error?: Error): void {
      if (closed) return;
      const code = (error as StreamError | undefined)?.code;
      post(code ? { t: 'close', code } : { t: 'close' });
      close(error);
    },
    onData(listener) {
      dataListeners.push(listener);
    },
    onEnd(listener) {
      endListeners.push(listener);
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
    pause(): void {
      paused = true;
    },
    resume(): void {
      if (!paused) return;
      paused = false;
      while (held.length > 0 && !paused && !closed) deliver(held.shift() as Uint8Array);
      if (!paused && endHeld) {
        endHeld = false;
        deliverEnd();
      }
    },
    remoteAddress: address.remoteAddress ?? '127.0.0.1',
    remotePort: address.remotePort,
    localPort: address.localPort,
  };
}
