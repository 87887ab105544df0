import type { Exchange } from './exchange';
import { WIRE_BYTES } from './exchangeRecorder';

export interface ExchangeLogLimits {
  /** Most exchanges kept. */
  readonly maxExchanges: number;
  /** Most body bytes kept across all exchanges. */
  readonly maxBodyBytes: number;
}

export const DEFAULT_EXCHANGE_LOG_LIMITS: ExchangeLogLimits = {
  maxExchanges: 500,
  maxBodyBytes: 16 * 1024 * 1024,
};

/** A bounded log: the oldest exchanges go first when either limit is passed. */
export class ExchangeLog {
  private readonly items = new Map<string, Exchange>();
  private bodyBytes = 0;
  private evicted = 0;

  constructor(private readonly limits: ExchangeLogLimits = DEFAULT_EXCHANGE_LOG_LIMITS) {}

  /** Adds or replaces an exchange (an in-progress one is replaced when it completes). */
  put(exchange: Exchange): void {
    const previous = this.items.get(exchange.id);
    if (previous) {
      this.bodyBytes -= bodyBytesOf(previous);
      this.items.delete(exchange.id);
    }
    this.items.set(exchange.id, exchange);
    this.bodyBytes += bodyBytesOf(exchange);
    while (
      this.items.size > 1 &&
      (this.items.size > this.limits.maxExchanges || this.bodyBytes > this.limits.maxBodyBytes)
    ) {
      const [oldestId, oldest] = this.items.entries().next().value as [string, Exchange];
      this.items.delete(oldestId);
      this.bodyBytes -= bodyBytesOf(oldest);
      this.evicted++;
    }
  }

  get(id: string): Exchange | undefined {
    return this.items.get(id);
  }

  list(): Exchange[] {
    return [...this.items.values()];
  }

  stats(): { count: number; bodyBytes: number; evicted: number } {
    return { count: this.items.size, bodyBytes: this.bodyBytes, evicted: this.evicted };
  }

  clear(): void {
    this.items.clear();
    this.bodyBytes = 0;
  }
}

function bodyBytesOf(exchange: Exchange): number {
  let n = 0;
  for (const hop of exchange.hops) {
    const held = (hop as { [WIRE_BYTES]?: number })[WIRE_BYTES];
    n += held ?? hop.message?.body.data.length ?? 0;
  }
  return n;
}
