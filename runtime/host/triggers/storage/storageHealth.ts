import { describeFailure } from './queueStorage';

export type HealthLog = (level: 'warning' | 'error' | 'information', message: string) => void;

/**
 * Whether a storage account answers, so an outage is reported once (naming the endpoint) and its
 * end once, however many listeners poll it meanwhile.
 */
export class StorageHealth {
  private down = false;

  constructor(
    readonly endpoint: string,
    private readonly log: HealthLog,
  ) {}

  unreachable(error: unknown): void {
    if (this.down) return;
    this.down = true;
    this.log(
      'error',
      `Cannot reach the storage queue service at ${this.endpoint}: ${describeFailure(error)}. ` +
        'The queue listeners keep retrying with their polling back-off.',
    );
  }

  answered(): void {
    if (!this.down) return;
    this.down = false;
    this.log('information', `The storage queue service at ${this.endpoint} answers again.`);
  }
}
