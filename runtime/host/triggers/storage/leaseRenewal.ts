import { RenewalSpeedup } from '../../../core/queues/pollingDelays';
import type { QueueMessage } from '../../../core/queues/queueStore';
import { ownershipLost } from './messageActions';
import type { QueueStorage } from './queueStorage';

/**
 * Keeps a running message hidden: halfway through its lease the lease is renewed for another
 * full term, and again each half term after; failures renew sooner (never more often than
 * `minimumMs`). Renewal ends for good once the message is someone else's or gone. Every renewal
 * issues a new pop receipt, which the final delete or release must use.
 */
export class LeaseRenewal {
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: Promise<void> = Promise.resolve();
  private readonly speedup: RenewalSpeedup;
  popReceipt: string;

  constructor(
    private readonly storage: QueueStorage,
    private readonly queue: string,
    private readonly message: QueueMessage,
    private readonly leaseMs: number,
    minimumMs: number,
  ) {
    this.popReceipt = message.popReceipt ?? '';
    const half = leaseMs / 2;
    this.speedup = new RenewalSpeedup(half, Math.min(minimumMs, half));
    this.schedule(half);
  }

  /** Stops renewing; resolves once a renewal under way has finished, so `popReceipt` is final. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pending;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.pending = this.renew();
    }, delayMs);
  }

  private async renew(): Promise<void> {
    let next: number | undefined;
    try {
      const receipt = await this.storage.updateVisibility(
        this.queue,
        this.message.id,
        this.popReceipt,
        this.leaseMs,
      );
      this.popReceipt = receipt.popReceipt;
      next = this.speedup.nextDelay(true);
    } catch (error) {
      next = ownershipLost(error) ? undefined : this.speedup.nextDelay(false);
    }
    if (next !== undefined) this.schedule(next);
  }
}
