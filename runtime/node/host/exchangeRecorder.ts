import type { Exchange, ExchangeTrigger, Hop, HttpMode, Party } from '../../core/exchange/exchange';
import { toWireMessage } from '../../core/exchange/wireMessage';
import type { Hint } from '../../core/invocation/hints';
import { nodeByteCodec } from '../wire/byteCodec';
import { EXCHANGE_BODY_LIMIT } from './constants';

let sequence = 0;

/** Collects one exchange as it happens and publishes snapshots of it. */
export class ExchangeRecorder {
  readonly id = `x${++sequence}`;
  private readonly started = performance.now();
  readonly startedAt = Date.now();
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
    private readonly publish: (exchange: Exchange) => void,
  ) {}

  /** Milliseconds since the exchange started. */
  elapsed(): number {
    return Math.round((performance.now() - this.started) * 100) / 100;
  }

  /** Records a hop; `atMs` places one whose bytes are known only later (the caller's request). */
  hop(from: Party, to: Party, raw?: Uint8Array, note?: string, atMs = this.elapsed()): void {
    this.hops.push({
      from,
      to,
      atMs,
      ...(raw && raw.length > 0 && { message: toWireMessage(raw, EXCHANGE_BODY_LIMIT, nodeByteCodec) }),
      ...(note !== undefined && { note }),
    });
  }

  addHints(hints: readonly Hint[]): void {
    for (const h of hints)
      if (!this.hints.some((x) => x.code === h.code && x.message === h.message)) this.hints.push(h);
  }

  addLogs(lines: readonly string[]): void {
    this.logs.push(...lines);
  }

  addOutput(binding: string, type: string, value: string): void {
    this.outputs.push({ binding, type, value });
  }

  /** Publishes the exchange as it stands, e.g. while the handler is still working. */
  update(): void {
    this.publish(this.snapshot());
  }

  finish(state: 'succeeded' | 'failed', error?: string): Exchange {
    this.state = state;
    if (error !== undefined) this.error = error;
    this.durationMs = Math.round((performance.now() - this.started) * 100) / 100;
    const snapshot = this.snapshot();
    this.publish(snapshot);
    return snapshot;
  }

  snapshot(): Exchange {
    return {
      id: this.id,
      ...(this.invocationId !== undefined && { invocationId: this.invocationId }),
      ...(this.functionName !== undefined && { functionName: this.functionName }),
      trigger: this.trigger,
      ...(this.mode !== undefined && { mode: this.mode }),
      startedAt: this.startedAt,
      ...(this.durationMs !== undefined && { durationMs: this.durationMs }),
      state: this.state,
      title: this.title,
      ...(this.status !== undefined && { status: this.status }),
      hops: [...this.hops].sort((a, b) => a.atMs - b.atMs),
      hints: [...this.hints],
      logs: [...this.logs],
      outputs: [...this.outputs],
      ...(this.error !== undefined && { error: this.error }),
      ...(this.causedBy !== undefined && { causedBy: this.causedBy }),
    };
  }
}
