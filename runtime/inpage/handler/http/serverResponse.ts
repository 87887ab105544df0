import { Buffer, stream } from '../polyfills';
import { invalidArgType, nodeError } from '../nodeErrors';
import type { HttpContext } from './context';
import type { IncomingMessage } from './incomingMessage';
import {
  eachTrailerLine,
  headersSentError,
  validateHeaderName,
  validateHeaderValue,
  type HeaderValue,
  type HeadersArgument,
} from './outgoingHeaders';
import { buildHead, prepareHead } from './responseHead';
import type { Socket } from './socket';

type WriteCallback = (error?: Error | null) => void;

// Header checks live in outgoingHeaders.ts and the framing rules in responseHead.ts; this
// file keeps the response's state, its header store and the Writable body path.
const CRLF = Buffer.from('\r\n', 'latin1');

function byteLength(chunk: string | Uint8Array, encoding?: BufferEncoding): number {
  return typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.byteLength;
}

/** What the connection does with a response's bytes (see connection.ts). */
export interface ResponseSink {
  /** The response's bytes, in order; only called while the response owns the socket. */
  write(bytes: Uint8Array): void;
  /** Every byte of the response is written. */
  finished(response: ServerResponse): void;
}

export class ServerResponse extends stream.Stream {
  statusCode = 200;
  statusMessage: string | undefined = undefined;
  sendDate = true;
  chunkedEncoding = false;
  shouldKeepAlive = true;
  useChunkedEncodingByDefault = true;
  finished = false;
  writable = true;
  destroyed = false;
  writableFinished = false;
  strictContentLength = false;
  socket: Socket | null = null;
  _header: string | null = null;
  _headerSent = false;
  _hasBody = true;
  _last = false;
  _contentLength: number | null = null;
  _removedConnection = false;
  _removedContLen = false;
  _removedTE = false;
  _defaultKeepAlive = true;
  _keepAliveTimeout = 0;
  _expect_continue = false;
  _sent100 = false;
  private _trailer = '';
  private outHeaders: Map<string, [string, HeaderValue]> | null = null;
  // Bytes produced before the response owns the socket (a pipelined response waits its turn).
  private pending: { bytes: Uint8Array; callback: WriteCallback | undefined }[] = [];
  private sink: ResponseSink | null = null;
  private ended = false;

  constructor(
    readonly req: IncomingMessage,
    private readonly context: HttpContext,
  ) {
    super();
    if (req.method === 'HEAD') this._hasBody = false;
    if (req.httpVersionMajor < 1 || req.httpVersionMinor < 1) {
      this.useChunkedEncodingByDefault = /(?:^|\W)chunked(?:$|\W)/i.test(String(req.headers.te ?? ''));
      this.shouldKeepAlive = false;
    }
  }

  get connection(): Socket | null {
    return this.socket;
  }

  get headersSent(): boolean {
    return this._header !== null;
  }

  get writableEnded(): boolean {
    return this.finished;
  }

  get writableLength(): number {
    return 0;
  }

  get writableHighWaterMark(): number {
    return 16384;
  }

  get writableCorked(): number {
    return 0;
  }

  get writableObjectMode(): boolean {
    return false;
  }

  get writableNeedDrain(): boolean {
    return false;
  }

  // ---- headers -------------------------------------------------------------------------------

  setHeader(name: string, value: HeaderValue): this {
    if (this._header) throw headersSentError('set');
    validateHeaderName(name);
    validateHeaderValue(name, value);
    this.outHeaders ??= new Map();
    // Map#set keeps the first position of a name, as Node's object of headers does.
    this.outHeaders.set(name.toLowerCase(), [name, value]);
    return this;
  }

  setHeaders(headers: Iterable<[string, HeaderValue]>): this {
    for (const [name, value] of headers) this.setHeader(name, value);
    return this;
  }

  appendHeader(name: string, value: HeaderValue): this {
    if (this._header) throw headersSentError('append');
    validateHeaderName(name);
    validateHeaderValue(name, value);
    const key = name.toLowerCase();
    const existing = this.outHeaders?.get(key);
    if (!existing) return this.setHeader(name, value);
    const values = Array.isArray(existing[1]) ? [...existing[1]] : [existing[1] as string];
    existing[1] = values.concat(value);
    return this;
  }

  getHeader(name: string): HeaderValue | undefined {
    return this.outHeaders?.get(String(name).toLowerCase())?.[1];
  }

  getHeaders(): Record<string, HeaderValue> {
    const headers = Object.create(null) as Record<string, HeaderValue>;
    for (const [key, [, value]] of this.outHeaders ?? []) headers[key] = value;
    return headers;
  }

  getHeaderNames(): string[] {
    return [...(this.outHeaders?.keys() ?? [])];
  }

  getRawHeaderNames(): string[] {
    return [...(this.outHeaders?.values() ?? [])].map(([name]) => name);
  }

  hasHeader(name: string): boolean {
    return this.outHeaders?.has(String(name).toLowerCase()) ?? false;
  }

  removeHeader(name: string): void {
    if (this._header) throw headersSentError('remove');
    const key = String(name).toLowerCase();
    if (key === 'connection') this._removedConnection = true;
    else if (key === 'content-length') this._removedContLen = true;
    else if (key === 'transfer-encoding') this._removedTE = true;
    else if (key === 'date') this.sendDate = false;
    this.outHeaders?.delete(key);
  }

  addTrailers(headers: Record<string, string> | readonly [string, string][]): void {
    eachTrailerLine(headers, (line) => (this._trailer += line));
  }

  writeHead(statusCode: number, reason?: string | HeadersArgument, headers?: HeadersArgument): this {
    if (this._header) throw headersSentError('write');
    const { firstLine, block } = prepareHead(this, statusCode, reason, headers, this.outHeaders);
    // Node's _storeHeader (see responseHead.ts); the head goes out at once after an Expect.
    const { header, expect } = buildHead(this, firstLine, block);
    this._header = header;
    this._headerSent = false;
    if (expect) this.send('');
    return this;
  }

  private implicitHeader(): void {
    this.writeHead(this.statusCode);
  }

  flushHeaders(): void {
    if (!this._header) this.implicitHeader();
    this.send('');
  }

  writeContinue(callback?: () => void): void {
    this.writeRaw(Buffer.from('HTTP/1.1 100 Continue\r\n\r\n', 'latin1'), callback);
    this._sent100 = true;
  }

  writeProcessing(callback?: () => void): void {
    this.writeRaw(Buffer.from('HTTP/1.1 102 Processing\r\n\r\n', 'latin1'), callback);
  }

  writeEarlyHints(): void {}

  // ---- body ----------------------------------------------------------------------------------

  write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    if (typeof encoding === 'function') {
      callback = encoding;
      encoding = undefined;
    }
    return this.writeChunk(
      chunk,
      encoding as BufferEncoding | undefined,
      callback as WriteCallback | undefined,
      false,
    );
  }

  end(chunk?: unknown, encoding?: unknown, callback?: unknown): this {
    if (typeof chunk === 'function') {
      callback = chunk;
      chunk = undefined;
      encoding = undefined;
    } else if (typeof encoding === 'function') {
      callback = encoding;
      encoding = undefined;
    }
    const done = callback as WriteCallback | undefined;
    if (chunk) {
      if (this.finished) {
        this.failWrite(this.writeAfterEnd(), done);
        return this;
      }
      this.writeChunk(chunk, encoding as BufferEncoding | undefined, undefined, true);
    } else if (this.finished) {
      if (typeof done === 'function') {
        if (!this.writableFinished) this.once('finish', done);
        else
          done(
            nodeError(Error, 'ERR_STREAM_ALREADY_FINISHED', 'Cannot call end after a stream was finished'),
          );
      }
      return this;
    } else if (!this._header) {
      this._contentLength = 0;
      this.implicitHeader();
    }
    if (typeof done === 'function') this.once('finish', done);
    if (this._hasBody && this.chunkedEncoding) {
      this.send(`0\r\n${this._trailer}\r\n`, 'latin1');
    } else if (!this._headerSent || chunk) {
      this.send('', 'latin1');
    }
    this.finished = true;
    this.ended = true;
    this.writable = false;
    if (this.sink) this.finishWhenWritten();
    return this;
  }

  private writeAfterEnd(): Error {
    return nodeError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
  }

  /** As Node's onError: the callback gets the error, then 'error' (uncaught if unheard). */
  private failWrite(error: Error, callback: WriteCallback | undefined): void {
    this.context.nextTick(() => {
      callback?.(error);
      if (!this.destroyed) this.emit('error', error);
    });
  }

  private writeChunk(
    chunk: unknown,
    encoding: BufferEncoding | undefined,
    callback: WriteCallback | undefined,
    fromEnd: boolean,
  ): boolean {
    if (chunk === null) {
      throw nodeError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
    }
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
      throw invalidArgType('chunk', 'of type string or an instance of Buffer or Uint8Array', chunk);
    }
    if (this.finished || this.destroyed) {
      const error = this.finished
        ? this.writeAfterEnd()
        : nodeError(Error, 'ERR_STREAM_DESTROYED', 'Cannot call write after a stream was destroyed');
      if (!this.destroyed) this.failWrite(error, callback);
      else this.context.nextTick(() => callback?.(error));
      return false;
    }
    if (!this._header) {
      // Only a body given whole to end() is known in advance: Content-Length, else chunks.
      if (fromEnd) this._contentLength = byteLength(chunk, encoding);
      this.implicitHeader();
    }
    if (!this._hasBody) {
      // HEAD, 204, 304: Node drops the body quietly.
      if (callback) this.context.nextTick(() => callback());
      return true;
    }
    if (this.chunkedEncoding && chunk.length !== 0) {
      const length = byteLength(chunk, encoding);
      this.send(length.toString(16), 'latin1');
      this.send(CRLF);
      this.send(chunk, encoding);
      this.send(CRLF, undefined, callback);
      return true;
    }
    this.send(chunk, encoding, callback);
    return true;
  }

  /**
   * Node's _send: the header goes out with the first bytes. Node prepends it to a string body
   * and writes both in the body's encoding (utf8 unless given), else writes it as latin1.
   */
  private send(data: string | Uint8Array, encoding?: BufferEncoding, callback?: WriteCallback): void {
    if (!this._headerSent && this._header !== null) {
      const header = this._header;
      this._headerSent = true;
      if (
        typeof data === 'string' &&
        (encoding === 'utf8' || encoding === 'latin1' || encoding === undefined)
      ) {
        data = header + data;
      } else {
        this.writeRaw(Buffer.from(header, 'latin1'));
      }
    }
    const bytes = typeof data === 'string' ? Buffer.from(data, encoding ?? 'utf8') : data;
    this.writeRaw(bytes, callback);
  }

  private writeRaw(bytes: Uint8Array, callback?: WriteCallback): void {
    if (this.destroyed) return;
    if (this.sink) {
      if (bytes.byteLength > 0) this.sink.write(bytes);
      if (callback) this.context.nextTick(() => callback());
    } else {
      this.pending.push({ bytes, callback });
    }
  }

  // ---- connection plumbing (connection.ts) ---------------------------------------------------

  /** This response now owns the socket: its waiting bytes go out, and whatever follows. */
  attach(socket: Socket, sink: ResponseSink): void {
    this.socket = socket;
    this.sink = sink;
    const waiting = this.pending;
    this.pending = [];
    for (const { bytes, callback } of waiting) this.writeRaw(bytes, callback);
    if (this.ended) this.finishWhenWritten();
  }

  private finishWhenWritten(): void {
    const sink = this.sink;
    this.sink = null;
    this.context.nextTick(() => {
      this.writableFinished = true;
      sink?.finished(this);
      this.emit('finish');
      this.context.nextTick(() => this.closed());
    });
  }

  /** The connection closed (or the response is done): 'close', once. */
  closed(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.writable = false;
    this.emit('close');
  }

  destroy(error?: Error): this {
    if (this.destroyed) return this;
    if (this.socket) this.socket.destroy(error);
    else this.closed();
    return this;
  }

  setTimeout(ms: number, callback?: () => void): this {
    if (callback) this.on('timeout', callback);
    this.socket?.setTimeout(ms, () => this.emit('timeout'));
    return this;
  }

  cork(): void {}

  uncork(): void {}
}
