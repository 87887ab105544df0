/**
 * The delays a queue listener waits between polls and between lease renewals, as the storage
 * queue extension computes them (`RandomizedExponentialBackoffStrategy` and
 * `LinearSpeedupStrategy`). The random source is injected so tests can pin it.
 */

/** Where the polling back-off starts, and the delay after a poll that found messages. */
export const MIN_POLL_DELAY_MS = 100;
/** The extension's randomization of each back-off step: ±20 %. */
export const BACKOFF_RANDOMIZATION = 0.2;

/**
 * A randomized exponential back-off from `minMs` up to `maxMs`. After a poll that found
 * messages the next delay is the minimum again; after an empty poll it grows by
 * `minMs × 2^(n-1)` (randomized), until it reaches `maxMs` and stays there.
 */
export class PollingBackoff {
  private current = 0;
  private exponent = 0;

  constructor(
    private readonly minMs: number,
    private readonly maxMs: number,
    private readonly random: () => number = Math.random,
  ) {
    if (!(minMs >= 0) || !(maxMs >= minMs)) throw new RangeError(`bad back-off range ${minMs}..${maxMs} ms`);
  }

  nextDelay(foundMessages: boolean): number {
    if (foundMessages) {
      this.current = this.minMs;
      this.exponent = 1;
      return this.current;
    }
    if (this.current === this.maxMs) return this.current;
    let delay = this.minMs;
    if (this.exponent > 0) {
      const factor = 1 - BACKOFF_RANDOMIZATION + this.random() * 2 * BACKOFF_RANDOMIZATION;
      delay += factor * 2 ** (this.exponent - 1) * this.minMs;
    }
    if (delay < this.maxMs) {
      this.current = delay;
      this.exponent++;
    } else {
      this.current = this.maxMs;
    }
    return this.current;
  }
}

/**
 * The lease renewal schedule: every `normalMs` while renewals succeed; each failure halves the
 * wait (never below `minimumMs`), so the lease is renewed again before it runs out.
 */
export class RenewalSpeedup {
  private current: number;

  constructor(
    private readonly normalMs: number,
    private readonly minimumMs: number,
  ) {
    this.current = normalMs;
  }

  nextDelay(succeeded: boolean): number {
    this.current = succeeded ? this.normalMs : Math.max(this.current / 2, this.minimumMs);
    return this.current;
  }
}
