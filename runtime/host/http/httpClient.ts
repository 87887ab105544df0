import type { HttpHead } from '../../core/http1/parser';
import { Http1ParseError, Http1Parser } from '../../core/http1/parser';
import { encodeChunk, encodeHead, encodeMessage, LAST_CHUNK } from '../../core/http1/writer';
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

  call(port: number, call: ClientCall): Promise<ClientResult> {
    const reused = this.takeIdle(port);
    // A kept connection starts the call at once, without a turn of the event loop.
    if (reused)
      return new Promise<ClientResult>((resolve, reject) =>
        startCall(reused, port, call, this, resolve, reject),
      );
    return this.callNew(port, call);
  }

  private async callNew(port: number, call: ClientCall): Promise<ClientResult> {
    let stream: ByteStream;
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
    return new Promise<ClientResult>((resolve, reject) =>
      startCall(stream, port, call, this, resolve, reject),
    );
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

// A connection serves one call at a time: its slot names the call now running. Its parser lives
// as long as the connection: responses on a keep-alive connection follow one another.
interface Slot {
  readonly parser: Http1Parser;
  current: OpenCall | undefined;
}
const slots = new WeakMap<ByteStream, Slot>();

function slotOf(stream: ByteStream): Slot {
  let slot = slots.get(stream);
  if (!slot) {
    const s: Slot = {
      parser: new Http1Parser('response', {
        onHead: (h) => s.current?.onHead(h),
        onBody: (chunk) => s.current?.onBody(chunk),
        onComplete: () => s.current?.onComplete(),
      }),
      current: undefined,
    };
    slot = s;
    slots.set(stream, s);
    stream.onData((c) => s.current?.onData(c));
    stream.onEnd(() => s.current?.onEnd());
    stream.onClose((e) => s.current?.onClose(e));
  }
  return slot;
}

function startCall(
  stream: ByteStream,
  port: number,
  call: ClientCall,
  client: HttpClient,
  resolve: (r: ClientResult) => void,
  reject: (e: ClientError) => void,
): void {
  const slot = slotOf(stream);
  const open = new OpenCall(stream, port, call, client, slot, resolve, reject);
  slot.current = open;
  slot.parser.expectResponseTo(call.method);
  call.onCancel?.(() => open.fail('cancelled', 'ABORT_ERR'));
  call.onConnect?.(stream);
  open.send();
}

/** One call on a connection: one object rather than a closure per event, as it runs per invocation. */
class OpenCall {
  private readonly sent: Uint8Array[] = [];
  private readonly received: Uint8Array[] = [];
  private readonly body: Uint8Array[] = [];
  private head: HttpHead | undefined;
  private settled = false;
  private closedByPeer = false;
  private chunked = false;

  constructor(
    private readonly stream: ByteStream,
    private readonly port: number,
    private readonly call: ClientCall,
    private readonly client: HttpClient,
    private readonly slot: Slot,
    private readonly resolve: (r: ClientResult) => void,
    private readonly reject: (e: ClientError) => void,
  ) {}

  fail(message: string, code: string | undefined): void {
    if (this.settled) return;
    this.settled = true;
    this.slot.current = undefined;
    this.stream.destroy();
    this.reject(new ClientError(message, code, concat(this.sent), concat(this.received)));
  }

  onHead(h: HttpHead): void {
    this.head = h;
    this.call.onHead?.(h);
  }

  onBody(chunk: Uint8Array): void {
    this.call.onBodyChunk?.(chunk);
    if (this.call.onBody) this.call.onBody(chunk);
    else this.body.push(chunk);
  }

  onComplete(): void {
    const h = this.head;
    if (this.settled || !h) return;
    this.settled = true;
    this.slot.current = undefined;
    if (h.keepAlive && !this.call.connectionClose && !this.closedByPeer)
      this.client.release(this.port, this.stream);
    else this.stream.destroy();
    this.resolve({
      status: h.status,
      reason: h.reason,
      rawHeaders: h.rawHeaders,
      body: concat(this.body),
      sent: concat(this.sent),
      received: concat(this.received),
    });
  }

  onData(chunk: Uint8Array): void {
    this.received.push(chunk);
    try {
      this.slot.parser.execute(chunk);
    } catch (e) {
      const err = e as Http1ParseError;
      this.fail(err.message, err instanceof Http1ParseError ? err.code : undefined);
    }
  }

  onEnd(): void {
    this.closedByPeer = true;
    try {
      this.slot.parser.finish();
    } catch (e) {
      // A message cut off by the peer is a reset, as Node's client reports it, not a parse error.
      if ((e as Http1ParseError).code === 'HPE_INVALID_EOF_STATE')
        this.fail(this.head ? 'aborted' : 'socket hang up', 'ECONNRESET');
      else this.fail((e as Error).message, (e as Http1ParseError).code);
      return;
    }
    if (!this.settled) this.fail('socket hang up', 'ECONNRESET');
  }

  onClose(error?: StreamError): void {
    if (!this.settled) this.fail(error?.message ?? 'socket hang up', error?.code ?? 'ECONNRESET');
  }

  /** Writes the request: whole in one buffer, or the head and then the body as it streams in. */
  send(): void {
    const call = this.call;
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
    if (!streaming) {
      this.write(encodeMessage(built.startLine, built.lines, whole, built.chunked));
      return;
    }
    this.chunked = built.chunked;
    this.write(encodeHead(built.startLine, built.lines));
    call.bodyStream!.stream(
      (chunk) => {
        if (!this.settled) this.write(this.chunked ? encodeChunk(chunk) : chunk);
      },
      (error) => {
        if (error) this.fail(error.message, 'ECONNRESET');
        else if (this.chunked && !this.settled) this.write(LAST_CHUNK);
      },
    );
  }

  private write(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.sent.push(bytes);
    this.stream.write(bytes);
  }
}
