import { Buffer, stream } from '../polyfills';
import { describeReceived, nodeError } from '../nodeErrors';
import type { HttpContext } from './context';
import type { IncomingMessage } from './incomingMessage';
import { STATUS_CODES } from './statusCodes';
import type { Socket } from './socket';

type HeaderValue = string | number | readonly (string | number)[];
type HeadersArgument =
  Record<string, HeaderValue> | readonly (string | number)[] | readonly (readonly [string, HeaderValue])[];
type WriteCallback = (error?: Error | null) => void;

// The rules below are Node 20's (lib/_http_outgoing.js, lib/_http_server.js), ported so the
// bytes on the wire are the same: header order and case, the defaults Node adds after the
// handler's headers, and when the body is framed by Content-Length, chunks or the close.
const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
const INVALID_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/;
const CONNECTION_CLOSE = /(?:^|\W)close(?:$|\W)/i;
const TE_CHUNKED = /(?:^|\W)chunked(?:$|\W)/i;
const CRLF = Buffer.from('\r\n', 'latin1');

function validateHeaderName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !name || !TOKEN.test(name)) {
    throw nodeError(
      TypeError,
      'ERR_INVALID_HTTP_TOKEN',
      `Header name must be a valid HTTP token ["${String(name)}"]`,
    );
  }
}

function validateHeaderValue(name: string, value: unknown): void {
  if (value === undefined) {
    throw nodeError(
      TypeError,
      'ERR_HTTP_INVALID_HEADER_VALUE',
      `Invalid value "${String(value)}" for header "${name}"`,
    );
  }
  const values = Array.isArray(value) ? value : [value];
  if (values.some((one) => INVALID_HEADER_CHAR.test(String(one)))) {
    throw nodeError(TypeError, 'ERR_INVALID_CHAR', `Invalid character in header content ["${name}"]`);
  }
}

function headersSentError(action: string): Error {
  return nodeError(
    Error,
    'ERR_HTTP_HEADERS_SENT',
    `Cannot ${action} headers after they are sent to the client`,
  );
}

function byteLength(chunk: string | Uint8Array, encoding?: BufferEncoding): number {
  return typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.byteLength;
}

/** The bits of a header block that decide the framing (Node's `state` in _storeHeader). */
interface HeaderState {
  connection: boolean;
  contLen: boolean;
  te: boolean;
  date: boolean;
  expect: boolean;
  trailer: boolean;
  header: string;
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
    const entries = Array.isArray(headers) ? headers : Object.entries(headers);
    for (const [name, value] of entries) {
      validateHeaderName(name);
      validateHeaderValue(name, value);
      this._trailer += `${name}: ${value}\r\n`;
    }
  }

  writeHead(statusCode: number, reason?: string | HeadersArgument, headers?: HeadersArgument): this {
    if (this._header) throw headersSentError('write');
    const original = statusCode;
    statusCode |= 0;
    if (statusCode < 100 || statusCode > 999) {
      throw nodeError(RangeError, 'ERR_HTTP_INVALID_STATUS_CODE', `Invalid status code: ${original}`);
    }
    let fields = headers;
    if (typeof reason === 'string') {
      this.statusMessage = reason;
    } else {
      this.statusMessage ||= STATUS_CODES[statusCode] || 'unknown';
      fields ??= reason;
    }
    this.statusCode = statusCode;
    let block: HeadersArgument | Map<string, [string, HeaderValue]> | undefined;
    if (this.outHeaders) {
      // Headers given to writeHead join those from setHeader: same names replaced in place
      // (Node 20 sets each pair in turn, so in the flat-array form the last of a name wins).
      if (Array.isArray(fields)) {
        const flat = fields as readonly (string | number)[];
        for (let n = 0; n < flat.length; n += 2) {
          if (flat[n]) this.setHeader(String(flat[n]), flat[n + 1] as HeaderValue);
        }
      } else if (fields) {
        for (const [name, value] of Object.entries(fields as Record<string, HeaderValue>)) {
          if (name) this.setHeader(name, value);
        }
      }
      block = this.outHeaders;
    } else {
      block = fields;
    }
    if (INVALID_HEADER_CHAR.test(this.statusMessage)) {
      throw nodeError(TypeError, 'ERR_INVALID_CHAR', 'Invalid character in statusMessage');
    }
    if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) {
      this._hasBody = false;
    }
    if (this._expect_continue && !this._sent100) this.shouldKeepAlive = false;
    this.storeHeader(`HTTP/1.1 ${statusCode} ${this.statusMessage}\r\n`, block);
    return this;
  }

  /** Node's _storeHeader: the header block, with the defaults after the handler's headers. */
  private storeHeader(
    firstLine: string,
    headers: HeadersArgument | Map<string, [string, HeaderValue]> | undefined,
  ): void {
    const state: HeaderState = {
      connection: false,
      contLen: false,
      te: false,
      date: false,
      expect: false,
      trailer: false,
      header: firstLine,
    };
    if (headers instanceof Map) {
      for (const [name, value] of headers.values()) this.processHeader(state, name, value, false);
    } else if (Array.isArray(headers)) {
      if (headers.length > 0 && Array.isArray(headers[0])) {
        for (const entry of headers as readonly (readonly [string, HeaderValue])[]) {
          this.processHeader(state, entry[0], entry[1], true);
        }
      } else {
        const flat = headers as readonly (string | number)[];
        if (flat.length % 2 !== 0) {
          throw nodeError(
            TypeError,
            'ERR_INVALID_ARG_VALUE',
            "The argument 'headers' is invalid. Received " + JSON.stringify(flat),
          );
        }
        for (let n = 0; n < flat.length; n += 2) {
          this.processHeader(state, flat[n] as string, flat[n + 1] as HeaderValue, true);
        }
      }
    } else if (headers) {
      for (const name of Object.keys(headers)) {
        this.processHeader(state, name, (headers as Record<string, HeaderValue>)[name], true);
      }
    }

    let { header } = state;
    if (this.sendDate && !state.date) header += `Date: ${new Date().toUTCString()}\r\n`;

    // A 204/304 with the handler's own chunked encoding: no zero chunk, and close instead.
    if (this.chunkedEncoding && (this.statusCode === 204 || this.statusCode === 304)) {
      this.chunkedEncoding = false;
      this.shouldKeepAlive = false;
    }

    if (this._removedConnection) {
      this._last = !this.shouldKeepAlive;
    } else if (!state.connection) {
      const sendKeepAlive = this.shouldKeepAlive && (state.contLen || this.useChunkedEncodingByDefault);
      if (sendKeepAlive) {
        header += 'Connection: keep-alive\r\n';
        if (this._keepAliveTimeout && this._defaultKeepAlive) {
          header += `Keep-Alive: timeout=${Math.floor(this._keepAliveTimeout / 1000)}\r\n`;
        }
      } else {
        this._last = true;
        header += 'Connection: close\r\n';
      }
    }

    if (!state.contLen && !state.te) {
      if (!this._hasBody) {
        this.chunkedEncoding = false;
      } else if (!this.useChunkedEncodingByDefault) {
        this._last = true;
      } else if (!state.trailer && !this._removedContLen && this._contentLength !== null) {
        header += `Content-Length: ${this._contentLength}\r\n`;
      } else if (!this._removedTE) {
        header += 'Transfer-Encoding: chunked\r\n';
        this.chunkedEncoding = true;
      } else {
        this._last = true;
      }
    }

    if (this.chunkedEncoding !== true && state.trailer) {
      throw nodeError(Error, 'ERR_HTTP_TRAILER_INVALID', 'Trailers are invalid with this transfer encoding');
    }
    this._header = header + '\r\n';
    this._headerSent = false;
    if (state.expect) this.send('');
  }

  private processHeader(
    state: HeaderState,
    name: string,
    value: HeaderValue | undefined,
    validate: boolean,
  ): void {
    if (validate) validateHeaderName(name);
    if (Array.isArray(value)) {
      if (value.length < 2 || name.toLowerCase() !== 'cookie') {
        for (const one of value) this.storeHeaderLine(state, name, one, validate);
        return;
      }
      value = value.join('; ');
    }
    this.storeHeaderLine(state, name, value as string | number | undefined, validate);
  }

  private storeHeaderLine(
    state: HeaderState,
    name: string,
    value: string | number | undefined,
    validate: boolean,
  ): void {
    if (validate) validateHeaderValue(name, value);
    state.header += `${name}: ${value}\r\n`;
    if (name.length < 4 || name.length > 17) return;
    switch (name.toLowerCase()) {
      case 'connection':
        state.connection = true;
        this._removedConnection = false;
        if (CONNECTION_CLOSE.test(String(value))) this._last = true;
        else this.shouldKeepAlive = true;
        break;
      case 'transfer-encoding':
        state.te = true;
        this._removedTE = false;
        if (TE_CHUNKED.test(String(value))) this.chunkedEncoding = true;
        break;
      case 'content-length':
        state.contLen = true;
        this._contentLength = Number(value);
        this._removedContLen = false;
        break;
      case 'date':
        state.date = true;
        break;
      case 'expect':
        state.expect = true;
        break;
      case 'trailer':
        state.trailer = true;
        break;
      case 'keep-alive':
        this._defaultKeepAlive = false;
        break;
    }
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
      throw nodeError(
        TypeError,
        'ERR_INVALID_ARG_TYPE',
        `The "chunk" argument must be of type string or an instance of Buffer or Uint8Array. ${describeReceived(chunk)}`,
      );
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
