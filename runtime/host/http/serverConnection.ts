import type { HttpHead } from '../../core/http1/parser';
import { Http1ParseError, Http1Parser } from '../../core/http1/parser';
import { encodeChunk, encodeMessage, LAST_CHUNK, latin1Encode } from '../../core/http1/writer';
import type { ByteStream } from '../platform';
import { BodySource, concat } from './body';
import { HeaderMap, rawHeader } from './headerMap';
import { httpDate } from './httpDate';
import { buildResponseHead } from './responseHead';

export interface ServerRequest {
  readonly method: string;
  readonly url: string;
  readonly versionMinor: number;
  readonly rawHeaders: readonly string[];
  readonly body: BodySource;
  /** First value of a header, by lower-case name. */
  header(lowerName: string): string | undefined;
}

class IncomingRequest implements ServerRequest {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly versionMinor: number,
    readonly rawHeaders: readonly string[],
    readonly body: BodySource,
  ) {}

  header(lowerName: string): string | undefined {
    return rawHeader(this.rawHeaders, lowerName);
  }
}

export interface ServerOptions {
  /** Idle keep-alive connections close after this (Node's keepAliveTimeout). */
  readonly keepAliveTimeoutMs: number;
  /**
   * A request whose head has not fully arrived this long after its first byte is answered 408
   * and the connection closed (Kestrel's RequestHeadersTimeout, 30 s). Absent: no limit.
   */
  readonly requestHeadersTimeoutMs?: number;
  readonly now: () => number;
  readonly onRequest: (req: ServerRequest, res: ServerResponse, conn: ServerConnection) => void;
}

interface Pending {
  readonly req: ServerRequest;
  readonly head: HttpHead;
}

const CONTINUE = latin1Encode('HTTP/1.1 100 Continue\r\n\r\n');
const CLOSE_GRACE_MS = 1000;
const HEADERS_TIMEOUT = latin1Encode('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');

/**
 * HTTP/1.1 server side of one connection, as Node's http server behaves on it: requests are
 * answered one at a time in order, keep-alive per the request, 100-continue sent at once, a
 * malformed request answered 400 (431 for oversized headers) and the connection closed. Every
 * byte read and written is kept until `takeCaptured()`, so an exchange is recorded exactly.
 */
export class ServerConnection {
  private readonly parser: Http1Parser;
  private readonly queue: Pending[] = [];
  private current: ServerResponse | undefined;
  private inbound: Uint8Array[] = [];
  private outbound: Uint8Array[] = [];
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private headersTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private parsing: { req: ServerRequest; head: HttpHead; body: BodySource } | undefined;

  constructor(
    readonly stream: ByteStream,
    private readonly options: ServerOptions,
  ) {
    this.parser = new Http1Parser('request', {
      onHead: (head) => {
        this.disarmHeadersTimer();
        const body = new BodySource();
        const req = new IncomingRequest(head.method, head.url, head.versionMinor, head.rawHeaders, body);
        this.parsing = { req, head, body };
        this.queue.push({ req, head });
        if (head.versionMinor >= 1 && /^100-continue$/i.test(req.header('expect') ?? '')) this.send(CONTINUE);
        this.next();
      },
      onBody: (chunk) => this.parsing?.body.push(chunk),
      onComplete: () => {
        this.parsing?.body.end();
        this.parsing = undefined;
      },
    });
    stream.onData((chunk) => this.onData(chunk));
    stream.onEnd(() => {
      try {
        this.parser.finish();
      } catch {
        // A request cut off by the caller: nothing to answer.
      }
      if (!this.current) this.stream.end();
    });
    stream.onClose(() => this.onClose());
    this.armIdle();
  }

  get remotePort(): number {
    return this.stream.remotePort;
  }

  get remoteAddress(): string {
    return this.stream.remoteAddress;
  }

  /** Bytes read and written since the last call: one request and its answer, on a keep-alive connection. */
  takeCaptured(): { inbound: Uint8Array; outbound: Uint8Array } {
    const result = { inbound: concat(this.inbound), outbound: concat(this.outbound) };
    this.inbound = [];
    this.outbound = [];
    return result;
  }

  /** @internal used by ServerResponse */
  send(bytes: Uint8Array): void {
    if (this.closed || bytes.length === 0) return;
    this.outbound.push(bytes);
    this.stream.write(bytes);
  }

  /** @internal a response finished: close, or answer the next request. */
  done(res: ServerResponse, keepAlive: boolean): void {
    if (res !== this.current) return;
    this.current = undefined;
    if (!keepAlive) {
      this.stream.end();
      this.closed = true;
      return;
    }
    this.next();
    this.armIdle();
  }

  private onData(chunk: Uint8Array): void {
    this.inbound.push(chunk);
    this.disarmIdle();
    try {
      this.parser.execute(chunk);
    } catch (e) {
      this.onParseError(e);
      return;
    }
    // Part of a head is buffered: it must be complete in time, however slowly it trickles in.
    if (!this.parser.idle && this.parsing === undefined) this.armHeadersTimer();
  }

  private armHeadersTimer(): void {
    const limit = this.options.requestHeadersTimeoutMs;
    if (limit === undefined || this.headersTimer !== undefined || this.closed) return;
    this.headersTimer = setTimeout(() => {
      this.headersTimer = undefined;
      if (this.closed) return;
      if (this.current) this.stream.destroy();
      else {
        this.send(HEADERS_TIMEOUT);
        this.stream.end();
        // A peer that never closes its side must not keep the connection: give the answer a moment.
        setTimeout(() => this.stream.destroy(), CLOSE_GRACE_MS);
      }
      this.closed = true;
    }, limit);
  }

  private disarmHeadersTimer(): void {
    if (this.headersTimer !== undefined) clearTimeout(this.headersTimer);
    this.headersTimer = undefined;
  }

  private onParseError(e: unknown): void {
    this.parsing?.body.end(e as Error);
    if (!this.current && !this.closed) {
      const code = e instanceof Http1ParseError ? e.code : '';
      const answer =
        code === 'HPE_HEADER_OVERFLOW'
          ? 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n'
          : 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n';
      this.send(latin1Encode(answer));
      this.stream.end();
    } else this.stream.destroy();
    this.closed = true;
  }

  private next(): void {
    if (this.current || this.closed) return;
    const pending = this.queue.shift();
    if (!pending) return;
    const { req, head } = pending;
    const res = new ServerResponse(this, req.method, head.versionMinor === 0, head.keepAlive, this.options);
    this.current = res;
    if (head.versionMinor >= 1 && req.header('host') === undefined) {
      // Node's server refuses an HTTP/1.1 request without Host before any handler sees it.
      res.writeHead(400, undefined, ['Connection', 'close']);
      res.end();
      return;
    }
    this.options.onRequest(req, res, this);
  }

  private onClose(): void {
    this.closed = true;
    this.disarmIdle();
    this.disarmHeadersTimer();
    this.parsing?.body.end(new Error('The connection closed before the request body ended.'));
    this.current?.aborted();
    for (const p of this.queue) p.req.body.end(new Error('closed'));
    this.queue.length = 0;
  }

  private armIdle(): void {
    this.disarmIdle();
    if (this.current || this.closed) return;
    this.idleTimer = setTimeout(() => this.stream.destroy(), this.options.keepAliveTimeoutMs);
  }

  private disarmIdle(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}

/** One answer, written as Node's ServerResponse writes it. */
export class ServerResponse {
  statusCode = 200;
  private readonly headers = new HeaderMap();
  private reason: string | undefined;
  private headDecided = false;
  private headWritten = false;
  private chunked = false;
  private bodyless = false;
  private keepAlive: boolean;
  private finished = false;
  private readonly doneListeners: ((aborted: boolean) => void)[] = [];
  private bodyListener: ((chunk: Uint8Array, last: boolean) => void) | undefined;

  constructor(
    private readonly conn: ServerConnection,
    private readonly method: string,
    private readonly http10: boolean,
    requestKeepAlive: boolean,
    private readonly options: ServerOptions,
  ) {
    this.keepAlive = requestKeepAlive;
  }

  get headersSent(): boolean {
    return this.headWritten;
  }

  get ended(): boolean {
    return this.finished;
  }

  setHeader(name: string, value: string): void {
    this.headers.set(name, value);
  }

  /** As Node's writeHead: the framing is decided now, the bytes go with the first write. */
  writeHead(status: number, reason: string | undefined, headers: readonly string[] = []): void {
    if (this.headDecided) return;
    this.statusCode = status;
    this.reason = reason;
    this.headers.setAll(headers);
    this.decide(undefined);
  }

  write(chunk: Uint8Array): void {
    if (this.finished) return;
    if (!this.headDecided) this.decide(undefined);
    if (chunk.length && !this.bodyless) this.bodyListener?.(chunk, false);
    this.flushHead(chunk.length ? this.frame(chunk) : undefined);
  }

  end(chunk?: Uint8Array): void {
    if (this.finished) return;
    if (!this.headDecided) this.decide(chunk?.length ?? 0);
    const parts: Uint8Array[] = [];
    if (chunk && chunk.length && !this.bodyless) {
      this.bodyListener?.(chunk, true);
      parts.push(this.frame(chunk));
    }
    if (this.chunked) parts.push(LAST_CHUNK);
    this.flushHead(parts.length ? concat(parts) : undefined);
    this.finish(false);
  }

  /** Ends the connection without a proper answer (a failure after the head went out). */
  destroy(): void {
    if (this.finished) return;
    this.conn.stream.destroy();
    this.finish(true);
  }

  /** Watches each piece of body as it goes out (unframed), for recording when it went; `last` from end(). */
  onBodyChunk(listener: (chunk: Uint8Array, last: boolean) => void): void {
    this.bodyListener = listener;
  }

  /** Called once the answer is complete (false) or the connection was lost first (true). */
  onDone(listener: (aborted: boolean) => void): void {
    if (this.finished) listener(false);
    else this.doneListeners.push(listener);
  }

  /** @internal the connection closed under this response. */
  aborted(): void {
    this.finish(true);
  }

  private decide(knownLength: number | undefined): void {
    this.headDecided = true;
    const head = buildResponseHead({
      status: this.statusCode,
      ...(this.reason !== undefined && { reason: this.reason }),
      headers: this.headers,
      requestMethod: this.method,
      http10: this.http10,
      keepAlive: this.keepAlive,
      keepAliveTimeoutSeconds: Math.floor(this.options.keepAliveTimeoutMs / 1000),
      date: httpDate(this.options.now()),
      ...(knownLength !== undefined && { knownLength }),
    });
    this.chunked = head.chunked;
    this.bodyless = head.bodyless;
    this.keepAlive = head.keepAlive;
    this.pendingHead = head;
  }

  // Decided but not yet written: encoded with the first body bytes, into one buffer.
  private pendingHead: { readonly startLine: string; readonly lines: readonly string[] } | undefined;

  private flushHead(body: Uint8Array | undefined): void {
    if (!this.headWritten && this.pendingHead) {
      this.headWritten = true;
      const head = this.pendingHead;
      this.pendingHead = undefined;
      this.conn.send(encodeMessage(head.startLine, head.lines, body, false));
      return;
    }
    if (body) this.conn.send(body);
  }

  private frame(chunk: Uint8Array): Uint8Array {
    if (this.bodyless) return new Uint8Array(0);
    return this.chunked ? encodeChunk(chunk) : chunk;
  }

  private finish(aborted: boolean): void {
    if (this.finished) return;
    this.finished = true;
    for (const l of this.doneListeners) l(aborted);
    this.doneListeners.length = 0;
    if (!aborted) this.conn.done(this, this.keepAlive);
  }
}
