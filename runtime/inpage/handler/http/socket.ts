import type { ByteStream, StreamError } from '../../../host/platform';
import { Buffer, EventEmitter } from '../polyfills';
import type { HttpContext } from './context';

/**
 * `req.socket` / `res.socket`: the connection as a net.Socket-like emitter over a ByteStream.
 * The server reads the stream itself (the parser); this object is what the handler sees and
 * what writes the response bytes.
 */
export class Socket extends EventEmitter {
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly remoteFamily = 'IPv4';
  readonly localAddress = '127.0.0.1';
  readonly localPort: number;
  bytesRead = 0;
  bytesWritten = 0;
  readable = true;
  writable = true;
  destroyed = false;
  timeout: number | undefined = undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingError: Error | undefined;

  constructor(
    private readonly stream: ByteStream,
    private readonly context: HttpContext,
  ) {
    super();
    this.remoteAddress = stream.remoteAddress;
    this.remotePort = stream.remotePort;
    this.localPort = stream.localPort;
  }

  get connecting(): boolean {
    return false;
  }

  get writableLength(): number {
    return 0;
  }

  address(): { address: string; family: string; port: number } {
    return { address: this.localAddress, family: 'IPv4', port: this.localPort };
  }

  write(data: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean {
    const bytes =
      typeof data === 'string'
        ? Buffer.from(data, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : data;
    const done = typeof encoding === 'function' ? encoding : callback;
    if (!this.writable) return false;
    this.bytesWritten += bytes.byteLength;
    this.touch();
    const written = this.stream.write(bytes);
    if (typeof done === 'function') this.context.nextTick(() => (done as () => void)());
    return written;
  }

  end(data?: string | Uint8Array, encoding?: unknown, callback?: unknown): this {
    if (data !== undefined && data !== null && typeof data !== 'function') {
      this.write(data, encoding);
    }
    if (!this.writable) return this;
    this.writable = false;
    this.stream.end();
    const done = [data, encoding, callback].find((value) => typeof value === 'function');
    if (typeof done === 'function') this.context.nextTick(() => (done as () => void)());
    return this;
  }

  /** Ends our side and closes once it is written (net.Socket#destroySoon): the writes are
   * already handed to the stream, so that is at once. */
  destroySoon(): void {
    this.end();
    this.destroy();
  }

  /**
   * Closes the connection. `error` is ours to report, not the peer's: over TCP the peer just
   * sees the connection end, so the stream is closed without it.
   */
  destroy(error?: Error): this {
    if (this.destroyed) return this;
    this.pendingError = error;
    this.stream.destroy();
    return this;
  }

  /** Closes with a reset: the peer sees ECONNRESET. */
  resetAndDestroy(): this {
    if (this.destroyed) return this;
    this.stream.destroy(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
    return this;
  }

  /** net.Socket#setTimeout: 'timeout' after `ms` without traffic; 0 turns it off. */
  setTimeout(ms: number, callback?: () => void): this {
    this.timeout = ms;
    if (callback) {
      if (ms === 0) this.removeListener('timeout', callback);
      else this.once('timeout', callback);
    }
    this.touch();
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  pause(): this {
    this.stream.pause();
    return this;
  }

  resume(): this {
    this.stream.resume();
    return this;
  }

  cork(): void {}

  uncork(): void {}

  /** Called by the connection for traffic in either direction: restarts the idle timer. */
  touch(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (!this.timeout || this.destroyed) return;
    this.idleTimer = setTimeout(
      this.context.guard(() => {
        this.idleTimer = undefined;
        this.emit('timeout');
      }),
      this.timeout,
    );
  }

  /** The stream closed: the socket's 'close' (with hadError as Node's). */
  closed(streamError?: StreamError): void {
    if (this.destroyed) return;
    const error = streamError ?? this.pendingError;
    this.destroyed = true;
    this.readable = false;
    this.writable = false;
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (error && this.listenerCount('error') > 0) this.emit('error', error);
    this.emit('close', error !== undefined);
  }
}
