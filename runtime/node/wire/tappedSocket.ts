import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';

/**
 * A socket wrapper that records every byte read and written, so exchanges are captured as they
 * were on the wire. Node's http server and client both run over it unchanged (it answers the
 * socket methods they call). HTTP/1.1 without pipelining uses a connection for one message pair
 * at a time, so `takeCaptured()` after a response completes returns exactly that request and response.
 */
export class TappedSocket extends Duplex {
  private inbound: Buffer[] = [];
  private outbound: Buffer[] = [];

  constructor(readonly socket: Socket) {
    super({ allowHalfOpen: false });
    socket.on('data', (chunk: Buffer) => {
      this.inbound.push(chunk);
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => this.push(null));
    socket.on('close', () => this.destroy());
    socket.on('error', (err) => this.destroy(err));
    socket.on('connect', () => this.emit('connect'));
    socket.on('timeout', () => this.emit('timeout'));
  }

  /** Bytes read and written since the last call. */
  takeCaptured(): { inbound: Buffer; outbound: Buffer } {
    const result = { inbound: Buffer.concat(this.inbound), outbound: Buffer.concat(this.outbound) };
    this.inbound = [];
    this.outbound = [];
    return result;
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.outbound.push(chunk);
    this.socket.write(chunk, callback);
  }

  // Node corks the head and body of a message; taking them together keeps it to one syscall.
  override _writev(
    chunks: { chunk: Buffer; encoding: BufferEncoding }[],
    callback: (error?: Error | null) => void,
  ): void {
    const data = chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map((c) => c.chunk));
    this.outbound.push(data);
    this.socket.write(data, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end(callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }

  setTimeout(ms: number, callback?: () => void): this {
    this.socket.setTimeout(ms);
    if (callback) this.once('timeout', callback);
    return this;
  }

  setNoDelay(noDelay?: boolean): this {
    this.socket.setNoDelay(noDelay);
    return this;
  }

  setKeepAlive(enable?: boolean, delay?: number): this {
    this.socket.setKeepAlive(enable, delay);
    return this;
  }

  ref(): this {
    this.socket.ref();
    return this;
  }

  unref(): this {
    this.socket.unref();
    return this;
  }

  get remoteAddress(): string | undefined {
    return this.socket.remoteAddress;
  }

  get remotePort(): number | undefined {
    return this.socket.remotePort;
  }

  get localAddress(): string | undefined {
    return this.socket.localAddress;
  }

  get localPort(): number | undefined {
    return this.socket.localPort;
  }

  address() {
    return this.socket.address();
  }
}
