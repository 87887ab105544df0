import type { HttpHead } from '../../core/http1/parser';
import { Http1ParseError, Http1Parser } from '../../core/http1/parser';
import { encodeChunk, encodeHead, LAST_CHUNK } from '../../core/http1/writer';
import type { ByteStream, Platform, StreamError } from '../platform';
import type { BodySource } from './body';
import { concat } from './body';
import { HeaderMap } from './headerMap';
import { buildRequestHead } from './requestHead';

export interface ClientCall {
  readonly method: string;
  readonly path: string;
  /** Header lines in the order they go out (names keep their case). */
  readonly headers: readonly (readonly [string, string])[];
  /** The whole body, handed over at once. */
  readonly body?: Uint8Array;
  /** Or a body that streams in (proxying): sent as it arrives. */
  readonly bodyStream?: BodySource;
  /** Close after the answer instead of keeping the connection (Node's client without an agent). */
  readonly connectionClose?: boolean;
  /** Streams the answer instead of collecting it: the head, then each body chunk. */
  readonly onHead?: (head: HttpHead) => void;
  readonly onBody?: (chunk: Uint8Array) => void;
  /** Watches each piece of the answer's body as it arrives, streamed or collected. */
  readonly onBodyChunk?: (chunk: Uint8Array) => void;
  /** Receives a function that cancels the call (a function timeout). */
  readonly onCancel?: (cancel: () => void) => void;
  /** Learns the connection before anything is written (its local port names the caller). */
  readonly onConnect?: (stream: ByteStream) => void;
}

export interface ClientResult {
  readonly status: number;
  readonly reason: string;
  readonly rawHeaders: readonly string[];
  /** Empty when the body was streamed to onBody. */
  readonly body: Uint8Array;
  /** The request and the answer exactly as they crossed the wire. */
  readonly sent: Uint8Array;
  readonly received: Uint8Array;
}

export class ClientError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly sent: Uint8Array,
    readonly received: Uint8Array,
  ) {
    super(message);
  }
}

/**
 * HTTP/1.1 client over the platform's connections, with a keep-alive pool per port: the host's
 * HttpClient to the handler, and the loopback caller of the front door. Requests are framed as
 * Node's ClientRequest frames them; every byte is captured.
 */
export class HttpClient {
  private readonly idle = new Map<number, ByteStream[]>();
  private readonly open = new Set<ByteStream>();

  constructor(private readonly platform: Platform) {}

  async call(port: number, call: ClientCall): Promise<ClientResult> {
    const reused = this.takeIdle(port);
    let stream: ByteStream;
    if (reused) stream = reused;
    else {
      try {
        stream = await this.platform.connect(port, '127.0.0.1');
      } catch (e) {
        const err = e as StreamError;
        throw new ClientError(err.message, err.code, new Uint8Array(0), new Uint8Array(0));
      }
      this.open.add(stream);
      stream.onClose(() => {
        this.open.delete(stream);
        this.dropIdle(port, stream);
      });
    }
    return new Promise<ClientResult>((resolve, reject) => runCall(stream, port, call, this, resolve, reject));
  }

  /** @internal a connection answered in full and may carry another request. */
  release(port: number, stream: ByteStream): void {
    const list = this.idle.get(port) ?? [];
    list.push(stream);
    this.idle.set(port, list);
  }

  destroy(): void {
    for (const s of this.open) s.destroy();
    this.open.clear();
    this.idle.clear();
  }

  private takeIdle(port: number): ByteStream | undefined {
    const list = this.idle.get(port);
    return list?.pop();
  }

  private dropIdle(port: number, stream: ByteStream): void {
    const list = this.idle.get(port);
    if (!list) return;
    const i = list.indexOf(stream);
    if (i >= 0) list.splice(i, 1);
  }
}

// A connection serves one call at a time; these listeners are swapped per call. Its parser
// lives as long as the connection: responses on a keep-alive connection follow one another.
interface Slot {
  readonly parser: Http1Parser;
  data?: (chunk: Uint8Array) => void;
  end?: () => void;
  close?: (error?: StreamError) => void;
  head?: (head: HttpHead) => void;
  body?: (chunk: Uint8Array) => void;
  complete?: () => void;
}
const slots = new WeakMap<ByteStream, Slot>();

function slotOf(stream: ByteStream): Slot {
  let slot = slots.get(stream);
  if (!slot) {
    const s: Slot = {
      parser: new Http1Parser('response', {
        onHead: (h) => s.head?.(h),
        onBody: (chunk) => s.body?.(chunk),
        onComplete: () => s.complete?.(),
      }),
    };
    slot = s;
    slots.set(stream, s);
    stream.onData((c) => s.data?.(c));
    stream.onEnd(() => s.end?.());
    stream.onClose((e) => s.close?.(e));
  }
  return slot;
}

function runCall(
  stream: ByteStream,
  port: number,
  call: ClientCall,
  client: HttpClient,
  resolve: (r: ClientResult) => void,
  reject: (e: ClientError) => void,
): void {
  const sent: Uint8Array[] = [];
  const received: Uint8Array[] = [];
  const body: Uint8Array[] = [];
  let head: HttpHead | undefined;
  let settled = false;
  const slot = slotOf(stream);
  const clear = () => {
    slot.data = undefined;
    slot.end = undefined;
    slot.close = undefined;
    slot.head = undefined;
    slot.body = undefined;
    slot.complete = undefined;
  };
  const fail = (message: string, code: string | undefined) => {
    if (settled) return;
    settled = true;
    clear();
    stream.destroy();
    reject(new ClientError(message, code, concat(sent), concat(received)));
  };
  slot.head = (h) => {
    head = h;
    call.onHead?.(h);
  };
  slot.body = (chunk) => {
    call.onBodyChunk?.(chunk);
    if (call.onBody) call.onBody(chunk);
    else body.push(chunk);
  };
  slot.complete = () => {
    if (settled || !head) return;
    settled = true;
    clear();
    const h = head;
    if (h.keepAlive && !call.connectionClose && !closedByPeer) client.release(port, stream);
    else stream.destroy();
    resolve({
      status: h.status,
      reason: h.reason,
      rawHeaders: h.rawHeaders,
      body: concat(body),
      sent: concat(sent),
      received: concat(received),
    });
  };
  const parser = slot.parser;
  parser.expectResponseTo(call.method);
  let closedByPeer = false;
  slot.data = (chunk) => {
    received.push(chunk);
    try {
      parser.execute(chunk);
    } catch (e) {
      const err = e as Http1ParseError;
      fail(err.message, err instanceof Http1ParseError ? err.code : undefined);
    }
  };
  slot.end = () => {
    closedByPeer = true;
    try {
      parser.finish();
    } catch (e) {
      // A message cut off by the peer is a reset, as Node's client reports it, not a parse error.
      if ((e as Http1ParseError).code === 'HPE_INVALID_EOF_STATE')
        fail(head ? 'aborted' : 'socket hang up', 'ECONNRESET');
      else fail((e as Error).message, (e as Http1ParseError).code);
      return;
    }
    if (!settled) fail('socket hang up', 'ECONNRESET');
  };
  slot.close = (error) => {
    if (!settled) fail(error?.message ?? 'socket hang up', error?.code ?? 'ECONNRESET');
  };
  call.onCancel?.(() => fail('cancelled', 'ABORT_ERR'));
  call.onConnect?.(stream);

  const headers = new HeaderMap();
  for (const [name, value] of call.headers) headers.set(name, value);
  const streaming = call.bodyStream !== undefined;
  const whole = call.body ?? (streaming ? undefined : new Uint8Array(0));
  const built = buildRequestHead({
    method: call.method,
    path: call.path,
    headers,
    bodyLength: streaming ? undefined : call.body === undefined ? 0 : whole!.length,
    ...(call.connectionClose && { connectionClose: true }),
  });
  const write = (bytes: Uint8Array) => {
    if (bytes.length === 0) return;
    sent.push(bytes);
    stream.write(bytes);
  };
  const headBytes = encodeHead(built.startLine, built.lines);
  if (!streaming) {
    const parts = [headBytes];
    if (whole && whole.length) parts.push(built.chunked ? encodeChunk(whole) : whole);
    if (built.chunked) parts.push(LAST_CHUNK);
    write(concat(parts));
    return;
  }
  write(headBytes);
  call.bodyStream!.stream(
    (chunk) => {
      if (!settled) write(built.chunked ? encodeChunk(chunk) : chunk);
    },
    (error) => {
      if (error) fail(error.message, 'ECONNRESET');
      else if (built.chunked && !settled) write(LAST_CHUNK);
    },
  );
}
