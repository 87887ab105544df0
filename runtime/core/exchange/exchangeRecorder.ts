import type { Exchange, ExchangeTrigger, Hop, HttpMode, Party, WireMessage } from './exchange';
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
    const hop: Hop =
      raw && raw.length > 0
        ? new CapturedHop(from, to, atMs, raw, this.options.bodyLimit, note)
        : note === undefined
          ? { from, to, atMs }
          : { from, to, atMs, note };
    // Kept in time order as they come (the caller's request is known last but happened first).
    let at = this.hops.length;
    while (at > 0 && this.hops[at - 1]!.atMs > atMs) at--;
    this.hops.splice(at, 0, hop);
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
    x.hops = this.hops.slice();
    x.hints = this.hints.slice();
    x.logs = this.logs.slice();
    x.outputs = this.outputs.slice();
    if (this.error !== undefined) x.error = this.error;
    if (this.causedBy !== undefined) x.causedBy = this.causedBy;
    return x;
  }
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
    };
  }
}
