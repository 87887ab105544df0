import type { ByteStream } from '../../../host/platform';
import { EventEmitter } from '../polyfills';
import { nodeError } from '../nodeErrors';
import { HttpConnection, type ConnectionOwner } from './connection';
import type { ConnectionSink, HttpContext } from './context';

type RequestListener = (...args: unknown[]) => void;

interface ListenOptions {
  port?: number | string;
  host?: string;
  backlog?: number;
}

interface ListenArguments {
  port: number;
  host: string | undefined;
  callback: (() => void) | undefined;
}

/** listen()'s many shapes: (port, host, backlog, cb), ({port, host}, cb), (cb), (). */
function listenArguments(args: unknown[]): ListenArguments {
  const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as () => void) : undefined;
  const [first, second] = args;
  let port: unknown = first;
  let host: unknown = second;
  if (typeof first === 'object' && first !== null) {
    port = (first as ListenOptions).port;
    host = (first as ListenOptions).host;
  }
  if (port === undefined || port === null) port = 0;
  const number = typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : port;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0 || number > 65535) {
    throw nodeError(
      RangeError,
      'ERR_SOCKET_BAD_PORT',
      `options.port should be >= 0 and < 65536. Received type ${typeof port} (${String(port)}).`,
    );
  }
  return { port: number, host: typeof host === 'string' ? host : undefined, callback };
}

/** The address Node reports for a host name: the ones a handler would use. */
function boundAddress(host: string | undefined): { address: string; family: string } {
  if (host === undefined || host === '::' || host === '') return { address: '::', family: 'IPv6' };
  if (host === 'localhost') return { address: '127.0.0.1', family: 'IPv4' };
  return { address: host, family: host.includes(':') ? 'IPv6' : 'IPv4' };
}

/** http.Server: listens through the host, and runs one HttpConnection per connection. */
export class Server extends EventEmitter implements ConnectionOwner, ConnectionSink {
  listening = false;
  keepAliveTimeout = 5000;
  headersTimeout = 60000;
  requestTimeout = 300000;
  timeout = 0;
  maxHeadersCount: number | null = null;
  maxRequestsPerSocket = 0;
  httpAllowHalfOpen = false;
  private port: number | undefined;
  private host: string | undefined;
  private readonly connections = new Set<HttpConnection>();
  private referenced = true;
  private holdsRef = false;

  constructor(
    private readonly context: HttpContext,
    options?: unknown,
    requestListener?: RequestListener,
  ) {
    super();
    if (typeof options === 'function') requestListener = options as RequestListener;
    else if (options && typeof options === 'object') {
      const { keepAliveTimeout, requestTimeout, headersTimeout } = options as Record<string, unknown>;
      if (typeof keepAliveTimeout === 'number') this.keepAliveTimeout = keepAliveTimeout;
      if (typeof requestTimeout === 'number') this.requestTimeout = requestTimeout;
      if (typeof headersTimeout === 'number') this.headersTimeout = headersTimeout;
    }
    if (requestListener) this.on('request', requestListener);
  }

  listen(...args: unknown[]): this {
    const { port, host, callback } = listenArguments(args);
    if (callback) this.once('listening', callback);
    this.host = host;
    this.hold(true);
    this.context.listen(port, this).then(
      this.context.guard((bound: number) => {
        this.port = bound;
        this.listening = true;
        this.emit('listening');
      }),
      this.context.guard((error: unknown) => {
        this.hold(false);
        const code = (error as { code?: string })?.code ?? String(error);
        const { address } = boundAddress(host);
        const shown = address.includes(':') ? `${address}:${port}` : `${address}:${port}`;
        const failure = Object.assign(
          new Error(
            `listen ${code}: ${code === 'EADDRINUSE' ? 'address already in use' : 'cannot listen'} ${shown}`,
          ),
          { code, errno: code === 'EADDRINUSE' ? -98 : -1, syscall: 'listen', address, port },
        );
        this.emit('error', failure);
      }),
    );
    return this;
  }

  address(): { address: string; family: string; port: number } | null {
    if (!this.listening || this.port === undefined) return null;
    return { ...boundAddress(this.host), port: this.port };
  }

  close(callback?: (error?: Error) => void): this {
    if (!this.listening) {
      const error = nodeError(Error, 'ERR_SERVER_NOT_RUNNING', 'Server is not running.');
      if (callback) this.context.nextTick(() => callback(error));
      return this;
    }
    this.listening = false;
    if (this.port !== undefined) this.context.unlisten(this.port);
    if (callback) this.once('close', callback);
    // Node 19+ drops idle keep-alive connections on close; active ones finish first.
    this.closeIdleConnections();
    this.hold(false);
    this.maybeEmitClose();
    return this;
  }

  closeAllConnections(): void {
    for (const connection of [...this.connections]) connection.destroy();
  }

  closeIdleConnections(): void {
    for (const connection of [...this.connections]) if (connection.idle) connection.destroy();
  }

  setTimeout(ms: number, callback?: () => void): this {
    this.timeout = ms;
    if (callback) this.on('timeout', callback);
    return this;
  }

  ref(): this {
    this.referenced = true;
    this.hold(this.listening);
    return this;
  }

  unref(): this {
    this.referenced = false;
    this.hold(false);
    return this;
  }

  getConnections(callback: (error: Error | null, count: number) => void): this {
    this.context.nextTick(() => callback(null, this.connections.size));
    return this;
  }

  /** A connection made to our port (from the host, through the worker glue). */
  acceptConnection(stream: ByteStream): void {
    if (!this.listening) {
      stream.destroy(Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' }));
      return;
    }
    const connection = new HttpConnection(this, stream, this.context);
    this.connections.add(connection);
    if (this.timeout) connection.socket.setTimeout(this.timeout);
    connection.socket.on('timeout', () => {
      // With no 'timeout' listener of its own, an idle socket is closed (Node's socketOnTimeout).
      if (connection.socket.listenerCount('timeout') <= 1 && !this.emit('timeout', connection.socket)) {
        connection.destroy();
      }
    });
    this.emit('connection', connection.socket);
  }

  connectionClosed(connection: HttpConnection): void {
    this.connections.delete(connection);
    this.maybeEmitClose();
  }

  private maybeEmitClose(): void {
    if (!this.listening && this.connections.size === 0 && this.port !== undefined) {
      this.port = undefined;
      this.context.nextTick(() => this.emit('close'));
    }
  }

  /** Keeps the process alive while listening (unless unref'd), as a Node server does. */
  private hold(wanted: boolean): void {
    const want = wanted && this.referenced;
    if (want === this.holdsRef) return;
    this.holdsRef = want;
    if (want) this.context.ref();
    else this.context.unref();
  }
}
