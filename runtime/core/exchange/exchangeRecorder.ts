import type { BodyChunk, Exchange, ExchangeTrigger, Hop, HttpMode, Party, WireMessage } from './exchange';
import { toWireMessage } from './wireMessage';
import type { Hint } from '../invocation/hints';
import { byteCodec } from './byteCodec';

/** Where an exchange reads the time: wall clock for its start, a monotonic one for durations. */
export interface RecorderClock {
  now(): number;
  monotonic(): number;
}

export interface RecorderOptions {
  readonly clock: RecorderClock;
  /** Body bytes kept per message. */
  readonly bodyLimit: number;
  readonly publish: (exchange: Exchange) => void;
}

let sequence = 0;

/** Pieces kept per hop; later ones are added to the last, so a long download stays bounded. */
export const MAX_CHUNKS_PER_HOP = 500;

/** A body still arriving between two parties: its pieces, and its first bytes for a live view. */
interface Stream {
  readonly chunks: BodyChunk[];
  readonly head: Uint8Array[];
  headBytes: number;
}

/**
 * Collects one exchange as it happens and publishes snapshots of it. Captured bytes are kept as
 * they came; their text form is built only when something reads the hop (a viewer, or the
 * control channel serialising it), so a run nobody watches pays nothing for it.
 */
export class ExchangeRecorder {
  readonly id = `x${++sequence}`;
  private readonly started: number;
  readonly startedAt: number;
  private hops: Hop[] = [];
  private hints: Hint[] = [];
  private logs: string[] = [];
  private outputs: Exchange['outputs'][number][] = [];
  invocationId: string | undefined;
  functionName: string | undefined;
  mode: HttpMode | undefined;
  status: number | undefined;
  error: string | undefined;
  causedBy: string | undefined;
  private state: Exchange['state'] = 'in-progress';
  private durationMs: number | undefined;
  private readonly streams = new Map<string, Stream>();

  constructor(
    readonly trigger: ExchangeTrigger,
    public title: string,
    private readonly options: RecorderOptions,
  ) {
    this.started = options.clock.monotonic();
    this.startedAt = options.clock.now();
  }

  /** Milliseconds since the exchange started. */
  elapsed(): number {
    return Math.round((this.options.clock.monotonic() - this.started) * 100) / 100;
  }

  /** Records a hop; `atMs` places one whose bytes are known only later (the caller's request). */
  hop(from: Party, to: Party, raw?: Uint8Array, note?: string, atMs = this.elapsed()): void {
    let chunks: BodyChunk[] | undefined;
    if (this.streams.size > 0) {
      const key = streamKey(from, to);
      chunks = this.streams.get(key)?.chunks;
      this.streams.delete(key);
    }
    const hop: Hop =
      raw && raw.length > 0
        ? new CapturedHop(from, to, atMs, raw, this.options.bodyLimit, note, chunks)
        : note === undefined
          ? { from, to, atMs }
          : { from, to, atMs, note };
    // Kept in time order as they come (the caller's request is known last but happened first).
    let at = this.hops.length;
    while (at > 0 && this.hops[at - 1]!.atMs > atMs) at--;
    this.hops.splice(at, 0, hop);
  }

  /**
   * Notes a piece of body passing from one party to another, as it arrives: the hop recorded for
   * them later carries the pieces with their times, and until then a snapshot shows the body so far.
   */
  noteChunk(from: Party, to: Party, body: Uint8Array): void {
    if (body.length === 0 || this.finished) return;
    const key = streamKey(from, to);
    let stream = this.streams.get(key);
    if (!stream) this.streams.set(key, (stream = { chunks: [], head: [], headBytes: 0 }));
    const chunks = stream.chunks;
    if (chunks.length < MAX_CHUNKS_PER_HOP) chunks.push({ atMs: this.elapsed(), size: body.length });
    else {
      const last = chunks[chunks.length - 1]!;
      chunks[chunks.length - 1] = { atMs: last.atMs, size: last.size + body.length };
    }
    const room = this.options.bodyLimit - stream.headBytes;
    if (room > 0) {
      // A reference, not a copy: platforms never reuse a buffer they delivered.
      const kept = room >= body.length ? body : body.subarray(0, room);
      stream.head.push(kept);
      stream.headBytes += kept.length;
    }
  }

  addHints(hints: readonly Hint[]): void {
    for (const h of hints)
      if (!this.hints.some((x) => x.code === h.code && x.message === h.message)) this.hints.push(h);
  }

  addLogs(lines: readonly string[]): void {
    for (const line of lines) this.logs.push(line);
  }

  addOutput(binding: string, type: string, value: string): void {
    this.outputs.push({ binding, type, value });
  }

  /** Publishes the exchange as it stands, e.g. while the handler is still working. */
  update(): void {
    if (!this.finished) this.options.publish(this.snapshot());
  }

  get finished(): boolean {
    return this.state !== 'in-progress';
  }

  finish(state: 'succeeded' | 'failed', error?: string): Exchange {
    this.state = state;
    if (error !== undefined) this.error = error;
    this.durationMs = this.elapsed();
    const snapshot = this.snapshot();
    this.options.publish(snapshot);
    return snapshot;
  }

  snapshot(): Exchange {
    // Built field by field, in the protocol's key order, rather than with conditional spreads:
    // this runs for every exchange.
    const x: { -readonly [K in keyof Exchange]: Exchange[K] } = { id: this.id } as Exchange;
    if (this.invocationId !== undefined) x.invocationId = this.invocationId;
    if (this.functionName !== undefined) x.functionName = this.functionName;
    x.trigger = this.trigger;
    if (this.mode !== undefined) x.mode = this.mode;
    x.startedAt = this.startedAt;
    if (this.durationMs !== undefined) x.durationMs = this.durationMs;
    x.state = this.state;
    x.title = this.title;
    if (this.status !== undefined) x.status = this.status;
    x.hops =
      this.streams.size === 0
        ? this.hops.slice()
        : [...this.hops, ...this.streamingHops()].sort((a, b) => a.atMs - b.atMs);
    // Most exchanges have none of these: their snapshots share one frozen empty list.
    x.hints = this.hints.length > 0 ? this.hints.slice() : NONE;
    x.logs = this.logs.length > 0 ? this.logs.slice() : NONE;
    x.outputs = this.outputs.length > 0 ? this.outputs.slice() : NONE;
    if (this.error !== undefined) x.error = this.error;
    if (this.causedBy !== undefined) x.causedBy = this.causedBy;
    return x;
  }

  /** Bodies still arriving, as hops without a message yet: what a live view shows. */
  private streamingHops(): Hop[] {
    const hops: Hop[] = [];
    for (const [key, stream] of this.streams) {
      const [from, to] = key.split('>') as [Party, Party];
      const bytes = joinBytes(stream.head);
      hops.push({
        from,
        to,
        atMs: stream.chunks[0]!.atMs,
        chunks: [...stream.chunks],
        partial: utf8Prefix(bytes),
      });
    }
    return hops;
  }
}

const NONE: readonly never[] = Object.freeze([]);

// Made once per pair of parties rather than per body piece.
const streamKeys = new Map<Party, Map<Party, string>>();

function streamKey(from: Party, to: Party): string {
  let byTo = streamKeys.get(from);
  if (!byTo) streamKeys.set(from, (byTo = new Map()));
  let key = byTo.get(to);
  if (key === undefined) byTo.set(to, (key = `${from}>${to}`));
  return key;
}

function joinBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The bytes as UTF-8, leaving out a character cut at the end; Latin-1 when they are not UTF-8. */
function utf8Prefix(bytes: Uint8Array): string {
  for (let cut = 0; cut <= 3 && cut <= bytes.length; cut++) {
    const text = byteCodec.utf8(bytes.subarray(0, bytes.length - cut));
    if (text !== undefined) return text;
  }
  return byteCodec.latin1(bytes);
}

/** Bytes a hop holds, for bounding the exchange log without decoding the hop. */
export const WIRE_BYTES = Symbol('wireBytes');

/**
 * A hop whose message is decoded from its bytes on first read. `toJSON` gives the plain hop, so
 * the control channel and viewers see the message as data.
 */
class CapturedHop implements Hop {
  private decoded: WireMessage | undefined;
  readonly [WIRE_BYTES]: number;

  constructor(
    readonly from: Party,
    readonly to: Party,
    readonly atMs: number,
    private readonly raw: Uint8Array,
    private readonly bodyLimit: number,
    readonly note?: string,
    readonly chunks?: readonly BodyChunk[],
  ) {
    this[WIRE_BYTES] = Math.min(raw.length, bodyLimit);
  }

  get message(): WireMessage {
    return (this.decoded ??= toWireMessage(this.raw, this.bodyLimit, byteCodec));
  }

  toJSON(): Hop {
    return {
      from: this.from,
      to: this.to,
      atMs: this.atMs,
      message: this.message,
      ...(this.note !== undefined && { note: this.note }),
      ...(this.chunks !== undefined && { chunks: this.chunks }),
    };
  }
}
