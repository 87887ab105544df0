import type { HostEvent } from '../core/control/protocol';
import type { LogFields, LogLevel } from './hostContext';

type Listener = (event: HostEvent) => void;
type LogEvent = Extract<HostEvent, { type: 'log' }>;

/** The host's event bus: logs, status, exchanges and trigger state go out through it. */
export class HostEvents {
  private readonly listeners = new Set<Listener>();
  private readonly pending = new Map<string, () => HostEvent>();

  constructor(private readonly now: () => number) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: HostEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  log(level: LogLevel, category: string, message: string, fields: LogFields = {}, hidden = false): void {
    // Field by field, in the protocol's order: two of these go out for every invocation.
    const event: { -readonly [K in keyof LogEvent]: LogEvent[K] } = {
      type: 'log',
      time: this.isoTime(this.now()),
      level,
      category,
      message,
    };
    if (fields.functionName !== undefined) event.functionName = fields.functionName;
    if (fields.invocationId !== undefined) event.invocationId = fields.invocationId;
    if (hidden) event.hidden = true;
    this.emit(event);
  }

  // Log lines come in bursts within one millisecond (two per invocation): its text is made once.
  private lastMs = NaN;
  private lastIso = '';

  private isoTime(ms: number): string {
    if (ms !== this.lastMs) {
      this.lastIso = new Date(ms).toISOString();
      this.lastMs = ms;
    }
    return this.lastIso;
  }

  /**
   * Emits `make()` once after `delayMs`, however often it is asked for meanwhile: a burst of
   * queue changes becomes one event.
   */
  coalesce(key: string, delayMs: number, make: () => HostEvent): void {
    if (this.pending.has(key)) return;
    this.pending.set(key, make);
    setTimeout(() => {
      const latest = this.pending.get(key);
      this.pending.delete(key);
      if (latest) this.emit(latest());
    }, delayMs);
  }
}
