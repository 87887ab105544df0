import { HTTPParser, type HeadersInfo } from 'http-parser-js';
import type { ByteStream, StreamError } from '../../../host/platform';
import { Buffer } from '../polyfills';
import type { HttpContext } from './context';
import { IncomingMessage } from './incomingMessage';
import { ServerResponse, type ResponseSink } from './serverResponse';
import { Socket } from './socket';

/** The server settings a connection reads (Server in server.ts). */
export interface ConnectionOwner {
  readonly keepAliveTimeout: number;
  readonly httpAllowHalfOpen: boolean;
  listenerCount(event: string): number;
  emit(event: string, ...args: unknown[]): boolean;
  connectionClosed(connection: HttpConnection): void;
}

/**
 * A request has a body only with Content-Length or chunked Transfer-Encoding (RFC 9112 6.3).
 * http-parser-js would otherwise read to the end of the connection, so we tell it to skip.
 */
function hasBody(rawHeaders: readonly string[]): boolean {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    if (name === 'content-length') return true;
    if (name === 'transfer-encoding' && /chunked/i.test(rawHeaders[i + 1] as string)) return true;
  }
  return false;
}

const BAD_REQUEST = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n';

/**
 * One client connection to the server: parses requests off the byte stream, emits 'request'
 * for each, and writes the responses back one after the other, in request order (pipelining),
 * as Node's server does (lib/_http_server.js).
 */
export class HttpConnection {
  readonly socket: Socket;
  private readonly parser = new HTTPParser(HTTPParser.REQUEST);
  /** Requests whose body is still being read, oldest first. */
  private readonly incoming: IncomingMessage[] = [];
  /** Responses waiting for the one before them to finish. */
  private readonly outgoing: ServerResponse[] = [];
  private current: ServerResponse | null = null;
  /** The request whose body the parser is reading now (pipelined ones follow it). */
  private parsing: IncomingMessage | null = null;
  private closedAlready = false;

  constructor(
    private readonly owner: ConnectionOwner,
    private readonly stream: ByteStream,
    private readonly context: HttpContext,
  ) {
    this.socket = new Socket(stream, context);
    this.parser[HTTPParser.kOnHeadersComplete] = (info) => this.onHeadersComplete(info);
    this.parser[HTTPParser.kOnBody] = (chunk, start, length) => this.onBody(chunk, start, length);
    this.parser[HTTPParser.kOnMessageComplete] = () => this.onMessageComplete();
    this.parser[HTTPParser.kOnHeaders] = (trailers) => {
      this.parsing?.rawTrailers.push(...trailers);
    };
    stream.onData(context.guard((chunk) => this.onData(chunk)));
    stream.onEnd(context.guard(() => this.onEnd()));
    stream.onClose(context.guard((error) => this.onClose(error)));
  }

  private onData(chunk: Uint8Array): void {
    if (this.closedAlready) return;
    this.socket.bytesRead += chunk.byteLength;
    this.socket.touch();
    const result = this.parser.execute(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (result instanceof Error) this.onParseError(result);
  }

  private onParseError(error: Error): void {
    const clientError = Object.assign(error, {
      code: (error as { code?: string }).code ?? 'HPE_INVALID',
    });
    if (this.owner.listenerCount('clientError') > 0) {
      this.owner.emit('clientError', clientError, this.socket);
      return;
    }
    // Node's default answer to bytes that are not HTTP: a bare 400, then the connection closes.
    if (this.socket.writable && !this.current?.headersSent) {
      this.socket.write(Buffer.from(BAD_REQUEST, 'latin1'));
    }
    this.socket.destroy(clientError);
  }

  private onHeadersComplete(info: HeadersInfo): number {
    const request = new IncomingMessage(this.socket);
    request.httpVersionMajor = info.versionMajor;
    request.httpVersionMinor = info.versionMinor;
    request.httpVersion = `${info.versionMajor}.${info.versionMinor}`;
    request.method = HTTPParser.methods[info.method];
    request.url = info.url;
    request.rawHeaders = info.headers;
    request.upgrade = info.upgrade;
    request.onRead = () => this.stream.resume();
    this.incoming.push(request);
    this.parsing = request;

    const response = new ServerResponse(request, this.context);
    response._keepAliveTimeout = this.owner.keepAliveTimeout;
    response.shouldKeepAlive = info.shouldKeepAlive;
    if (this.current) this.outgoing.push(response);
    else this.assign(response);

    const expect = request.headers.expect;
    if (expect !== undefined && info.versionMajor === 1 && info.versionMinor === 1) {
      if (/(?:^|\W)100-continue(?:$|\W)/i.test(String(expect))) {
        response._expect_continue = true;
        if (this.owner.listenerCount('checkContinue') > 0) {
          this.owner.emit('checkContinue', request, response);
        } else {
          response.writeContinue();
          this.owner.emit('request', request, response);
        }
      } else if (this.owner.listenerCount('checkExpectation') > 0) {
        this.owner.emit('checkExpectation', request, response);
      } else {
        response.writeHead(417);
        response.end();
      }
    } else {
      this.owner.emit('request', request, response);
    }
    return hasBody(info.headers) ? 0 : 1;
  }

  private onBody(chunk: Uint8Array, start: number, length: number): void {
    const request = this.parsing;
    if (!request || request.destroyed) return;
    // A copy: the parser's buffer is the stream's chunk, and a reader may keep what it gets.
    const body = Buffer.from(chunk.subarray(start, start + length));
    if (!request.push(body)) this.stream.pause();
  }

  private onMessageComplete(): void {
    const request = this.parsing;
    if (!request) return;
    this.parsing = null;
    request.complete = true;
    if (request.rawTrailers.length > 0) {
      request.trailers = Object.fromEntries(
        request.rawTrailers.flatMap((name, i, all) =>
          i % 2 === 0 ? [[name.toLowerCase(), all[i + 1] as string]] : [],
        ),
      );
    }
    request.push(null);
    // The request stays in `incoming` until its response is done (Node's order).
  }

  private assign(response: ServerResponse): void {
    this.current = response;
    const sink: ResponseSink = {
      write: (bytes) => this.socket.write(bytes),
      finished: (done) => this.onResponseFinished(done),
    };
    response.attach(this.socket, sink);
  }

  /** Node's resOnFinish: drain the request, then the next response or keep-alive / close. */
  private onResponseFinished(response: ServerResponse): void {
    const index = this.incoming.indexOf(response.req);
    if (index >= 0) this.incoming.splice(index, 1);
    const request = response.req;
    // A body nobody read is read and dropped, so the next request on the connection is seen.
    if (!request.readableEnded && request.listenerCount('data') === 0) request.resume();
    this.current = null;
    if (response._last) {
      this.socket.destroySoon();
    } else if (this.outgoing.length === 0) {
      if (this.owner.keepAliveTimeout) this.socket.setTimeout(this.owner.keepAliveTimeout);
    } else {
      this.assign(this.outgoing.shift() as ServerResponse);
    }
  }

  private onEnd(): void {
    const result = this.parser.finish();
    if (result instanceof Error) {
      this.onParseError(result);
      return;
    }
    if (!this.owner.httpAllowHalfOpen) {
      // As Node: a client that half-closes gets no further answers; requests still being
      // read are aborted and our side ends as soon as what is written is out.
      this.abortIncoming();
      if (this.socket.writable) this.socket.end();
    } else if (this.outgoing.length > 0) {
      (this.outgoing[this.outgoing.length - 1] as ServerResponse)._last = true;
    } else if (this.current) {
      this.current._last = true;
    } else if (this.socket.writable) {
      this.socket.end();
    }
  }

  private abortIncoming(): void {
    for (const request of this.incoming.splice(0)) {
      if (!request.complete) {
        request.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      }
    }
  }

  private onClose(error?: StreamError): void {
    if (this.closedAlready) return;
    this.closedAlready = true;
    this.abortIncoming();
    for (const response of [this.current, ...this.outgoing.splice(0)]) {
      if (response && !response.writableFinished) response.closed();
    }
    this.current = null;
    this.socket.closed(error);
    this.owner.connectionClosed(this);
  }

  /** True while no request is in flight: what server.closeIdleConnections() may drop. */
  get idle(): boolean {
    return this.current === null && this.incoming.length === 0;
  }

  destroy(): void {
    this.socket.destroy();
  }
}
