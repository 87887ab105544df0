import { stream } from '../polyfills';
import type { Socket } from './socket';
import { distinctIncomingHeaders, joinIncomingHeaders, type IncomingHeaders } from './incomingHeaders';

/** The request as the handler reads it: a Readable of the body, with Node's fields. */
export class IncomingMessage extends stream.Readable {
  httpVersionMajor = 1;
  httpVersionMinor = 1;
  httpVersion = '1.1';
  method: string | undefined = undefined;
  url = '';
  statusCode: number | null = null;
  statusMessage: string | null = null;
  complete = false;
  aborted = false;
  upgrade = false;
  rawHeaders: string[] = [];
  rawTrailers: string[] = [];
  trailers: IncomingHeaders = {};
  private joinedHeaders: IncomingHeaders | undefined;
  private distinctHeaders: Record<string, string[]> | undefined;
  /** Set by the server: resumes the connection when the body is read again. */
  onRead: (() => void) | undefined;

  constructor(readonly socket: Socket) {
    super();
  }

  get connection(): Socket {
    return this.socket;
  }

  get headers(): IncomingHeaders {
    // Built on first use, as Node does, so handlers that only read rawHeaders pay nothing.
    this.joinedHeaders ??= joinIncomingHeaders(this.rawHeaders);
    return this.joinedHeaders;
  }

  set headers(value: IncomingHeaders) {
    this.joinedHeaders = value;
  }

  get headersDistinct(): Record<string, string[]> {
    this.distinctHeaders ??= distinctIncomingHeaders(this.rawHeaders);
    return this.distinctHeaders;
  }

  override _read(): void {
    this.onRead?.();
  }

  setTimeout(ms: number, callback?: () => void): this {
    this.socket.setTimeout(ms, callback);
    return this;
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.readableEnded || !this.complete) {
      this.aborted = true;
      this.emit('aborted');
    }
    // Node reports the error only to a handler that listens for it; otherwise the request just
    // closes (an aborted request is not a crash of the handler).
    callback(error && this.listenerCount('error') > 0 ? error : null);
  }
}
