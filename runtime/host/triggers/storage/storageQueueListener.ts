import type { FunctionDef } from '../../../core/app/functionJson';
import { MIN_POLL_DELAY_MS, PollingBackoff } from '../../../core/queues/pollingDelays';
import { afterProcessing, beforeProcessing, poisonWarning } from '../../../core/queues/queueProcessor';
import type { QueueProcessingPolicy } from '../../../core/queues/queueProcessor';
import { poisonQueueName } from '../../../core/queues/queueName';
import type { QueuesOptions } from '../../../core/queues/queueOptions';
import type { QueueMessage } from '../../../core/queues/queueStore';
import type { QueueInvoker } from '../queueBackend';
import { LeaseRenewal } from './leaseRenewal';
import { applyStorageAction } from './messageActions';
import type { ActionContext } from './messageActions';
import type { QueueStorage } from './queueStorage';
import { describeFailure, failureOf, isTransient } from './queueStorage';
import type { StorageHealth } from './storageHealth';

/** The lease the extension takes on each message it runs (and renews while it runs). */
export const LEASE_MS = 10 * 60 * 1000;
/** Renewals never come closer together than this, even after failures. */
export const MIN_RENEWAL_MS = 60 * 1000;

export interface ListenerDeps {
  readonly storage: QueueStorage;
  readonly health: StorageHealth;
  readonly fn: FunctionDef;
  readonly queue: string;
  readonly options: QueuesOptions;
  readonly invoke: QueueInvoker;
  /** The message content as text, or undefined when the stored text does not decode (messageEncoding). */
  decode(stored: string): string | undefined;
  log(level: 'warning' | 'error' | 'information', message: string): void;
  /** This host added a message to `queue`: its listeners poll at once (the extension's shared watcher). */
  added(queue: string): void;
  /** A message of this queue starts (+1) or ends (-1) running. */
  running(delta: number): void;
  readonly leaseMs?: number;
  readonly minRenewalMs?: number;
  readonly random?: () => number;
}

/**
 * The queue trigger's listener against real storage, as the extension's QueueListener runs: it
 * checks that the queue exists (and keeps checking while it does not), receives up to `batchSize`
 * messages with a 10-minute lease, runs them concurrently, and polls again at once while it
 * finds messages, once no more than `newBatchThreshold` are still running. An empty poll, a
 * missing queue or a transient failure backs off exponentially from 100 ms up to
 * `maxPollingInterval`; a message this host adds to the queue cuts the wait short.
 */
export class StorageQueueListener {
  private stopped = false;
  private queueExists = false;
  private foundSinceLastDelay = false;
  private readonly processing = new Set<Promise<void>>();
  private readonly backoff: PollingBackoff;
  private readonly policy: QueueProcessingPolicy;
  private readonly actions: ActionContext;
  private cutWaitShort: (() => void) | undefined;

  constructor(private readonly deps: ListenerDeps) {
    this.backoff = new PollingBackoff(MIN_POLL_DELAY_MS, deps.options.maxPollingIntervalMs, deps.random);
    this.policy = {
      queueName: deps.queue,
      maxDequeueCount: deps.options.maxDequeueCount,
      visibilityTimeoutMs: deps.options.visibilityTimeoutMs,
    };
    this.actions = { storage: deps.storage, queue: deps.queue, log: deps.log, added: deps.added };
  }

  get queue(): string {
    return this.deps.queue;
  }

  get storage(): QueueStorage {
    return this.deps.storage;
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.cutWaitShort?.();
  }

  /** A message was just added to this queue by this host. */
  notify(): void {
    this.cutWaitShort?.();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const found = await this.poll();
      if (this.stopped) return;
      if (found) {
        this.foundSinceLastDelay = true;
        await this.waitForNewBatchThreshold();
      } else {
        await this.backOff();
      }
    }
  }

  /** One poll; true when it found messages. */
  private async poll(): Promise<boolean> {
    const { storage, queue, health } = this.deps;
    let batch: QueueMessage[];
    try {
      // The existence check spares the service a failing receive on every poll of a missing queue.
      if (!this.queueExists) this.queueExists = await storage.exists(queue);
      if (!this.queueExists) {
        health.answered();
        return false;
      }
      batch = await storage.receive(queue, this.deps.options.batchSize, this.leaseMs);
      health.answered();
    } catch (error) {
      this.queueExists = false;
      const failure = failureOf(error);
      if (failure === 'unreachable') health.unreachable(error);
      else if (!isTransient(failure))
        this.deps.log('error', `Polling queue '${queue}' failed: ${describeFailure(error)}`);
      return false;
    }
    if (this.stopped) return false;
    for (const message of batch) {
      const task = this.process(message).finally(() => this.processing.delete(task));
      this.processing.add(task);
    }
    return batch.length > 0;
  }

  private async waitForNewBatchThreshold(): Promise<void> {
    while (this.processing.size > this.deps.options.newBatchThreshold) await Promise.race(this.processing);
  }

  private async backOff(): Promise<void> {
    const delay = this.backoff.nextDelay(this.foundSinceLastDelay);
    this.foundSinceLastDelay = false;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.cutWaitShort = undefined;
        resolve();
      };
      const timer = setTimeout(done, delay);
      this.cutWaitShort = done;
    });
  }

  private get leaseMs(): number {
    return this.deps.leaseMs ?? LEASE_MS;
  }

  private async process(stored: QueueMessage): Promise<void> {
    const { fn, queue } = this.deps;
    this.deps.running(1);
    try {
      const text = this.deps.decode(stored.text);
      if (text === undefined) {
        await this.poisonUndecodable(stored);
        return;
      }
      const before = beforeProcessing(stored, this.policy);
      if (!before.run) {
        await applyStorageAction(this.actions, stored, before.action);
        return;
      }
      const lease = new LeaseRenewal(
        this.deps.storage,
        queue,
        stored,
        this.leaseMs,
        this.deps.minRenewalMs ?? MIN_RENEWAL_MS,
      );
      let ok: boolean;
      try {
        ok = await this.deps.invoke(fn, queue, { ...stored, text }).catch(() => false);
      } finally {
        await lease.stop();
      }
      const action = afterProcessing(stored, ok, this.policy);
      await applyStorageAction(this.actions, { ...stored, popReceipt: lease.popReceipt }, action);
    } catch (error) {
      this.deps.log('error', `Queue message ${stored.id} on '${queue}': ${describeFailure(error)}`);
    } finally {
      this.deps.running(-1);
    }
  }

  /**
   * A message whose text is not valid for the messageEncoding never reaches the function: the
   * extension's decoding-failure handler moves it to the poison queue as it is.
   */
  private async poisonUndecodable(stored: QueueMessage): Promise<void> {
    const poisonQueue = poisonQueueName(this.deps.queue);
    this.deps.log(
      'warning',
      `Message ${stored.id} on '${this.deps.queue}' is not valid base64 (messageEncoding is base64), so it cannot be decoded.`,
    );
    if (poisonQueue === undefined) return;
    await applyStorageAction(this.actions, stored, {
      kind: 'poison',
      poisonQueue,
      warning: poisonWarning(this.deps.options.maxDequeueCount, poisonQueue),
    });
  }
}
