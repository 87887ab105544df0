import type { FunctionDef } from '../../../core/app/functionJson';
import type { Settings } from '../../../core/app/settings';
import { utf8Decode, utf8Encode } from '../../../core/bytes/utf8';
import type { QueueState } from '../../../core/control/protocol';
import { decodeMessageBody, encodeMessageBody } from '../../../core/queues/messageEncoding';
import { poisonQueueName } from '../../../core/queues/queueName';
import type { QueuesOptions } from '../../../core/queues/queueOptions';
import { readQueuesOptions } from '../../../core/queues/queueOptions';
import { MAX_MESSAGES_PER_CALL } from '../../../core/queues/queueStore';
import type { OutgoingMessage, QueueBackend, QueueInvoker } from '../queueBackend';
import type { StorageConnections } from './connections';
import { bindingConnection } from './connections';
import type { QueueStorage } from './queueStorage';
import { describeFailure, failureOf, sendCreatingQueue } from './queueStorage';
import { QueueSnapshots } from './queueSnapshots';
import { StorageHealth } from './storageHealth';
import { StorageQueueListener } from './storageQueueListener';

export type StorageLog = (level: 'warning' | 'error' | 'information', message: string, fn?: string) => void;

export interface StorageQueueServiceDeps {
  readonly connections: StorageConnections;
  readonly processorCount: number;
  readonly log: StorageLog;
  /** For the listeners' lease and back-off; the extension's values when absent (tests shorten them). */
  readonly leaseMs?: number;
  readonly random?: () => number;
}

/**
 * Queues in real Azure Storage (an account or Azurite): one polling listener per queue-triggered
 * function, outputs written as real messages with the queue's messageEncoding, and a snapshot of
 * the queues for the playground panel.
 */
export class StorageQueueService implements QueueBackend {
  private listeners: StorageQueueListener[] = [];
  private options: QueuesOptions;
  private settings: Settings = {};
  private readonly health = new Map<QueueStorage, StorageHealth>();
  private readonly known = new Map<string, QueueStorage>();
  private readonly inFlight = new Map<string, number>();
  private readonly snapshots: QueueSnapshots;

  constructor(private readonly deps: StorageQueueServiceDeps) {
    this.options = readQueuesOptions(undefined, deps.processorCount).options;
    this.snapshots = new QueueSnapshots(
      () => this.known,
      (queue) => this.inFlight.get(queue) ?? 0,
      (stored) => this.decode(stored) ?? stored,
    );
  }

  configure(
    functions: readonly FunctionDef[],
    queuesSection: unknown,
    invoke: QueueInvoker,
    settings: Settings,
  ): string[] {
    this.stop();
    const { options, errors } = readQueuesOptions(queuesSection, this.deps.processorCount);
    this.options = options;
    this.settings = settings;
    for (const fn of functions) {
      const queue = fn.trigger.typeLower === 'queuetrigger' ? fn.trigger.queueName : undefined;
      if (!queue || fn.disabled) continue;
      const storage = this.storageFor(bindingConnection(fn.trigger), fn, queue);
      if (!storage) continue;
      const poison = poisonQueueName(queue);
      if (poison) this.known.set(poison, storage);
      this.listeners.push(this.listener(fn, queue, storage, invoke));
    }
    for (const fn of functions)
      for (const b of fn.outputs) {
        if (!b.queueName || b.typeLower !== 'queue') continue;
        const resolved = this.deps.connections.resolve(bindingConnection(b), settings);
        if (resolved.ok) this.known.set(b.queueName, resolved.storage);
      }
    for (const l of this.listeners) l.start();
    this.snapshots.refreshSoon();
    return errors;
  }

  stop(): void {
    for (const l of this.listeners) l.stop();
    this.listeners = [];
    this.snapshots.stop();
  }

  async enqueue(queue: string, message: OutgoingMessage): Promise<string> {
    const resolved = this.deps.connections.resolve(message.connection, this.settings);
    if (!resolved.ok) throw new Error(resolved.error);
    const storage = resolved.storage;
    const text = encodeMessageBody(message.bytes ?? utf8Encode(message.text), this.options.messageEncoding);
    const stored = await this.call(storage, `add a message to queue '${queue}'`, () =>
      sendCreatingQueue(storage, queue, text),
    );
    this.known.set(queue, storage);
    this.added(storage, queue);
    return stored.id;
  }

  async clear(queue: string): Promise<number> {
    const storage = this.existingStorage(queue);
    return this.call(storage, `clear queue '${queue}'`, async () => {
      try {
        const count = await storage.approximateCount(queue);
        await storage.clear(queue);
        return count;
      } catch (error) {
        if (failureOf(error) === 'queueNotFound') return 0;
        throw error;
      } finally {
        this.snapshots.refreshSoon();
      }
    });
  }

  async movePoisonBack(queue: string): Promise<number> {
    const poison = `${queue}-poison`;
    const storage = this.existingStorage(queue);
    const moved = await this.call(storage, `move messages from '${poison}' to '${queue}'`, async () => {
      let count = 0;
      for (;;) {
        let batch;
        try {
          batch = await storage.receive(poison, MAX_MESSAGES_PER_CALL, 60_000);
        } catch (error) {
          if (failureOf(error) === 'queueNotFound') return count;
          throw error;
        }
        if (batch.length === 0) return count;
        for (const m of batch) {
          await sendCreatingQueue(storage, queue, m.text);
          await storage.delete(poison, m.id, m.popReceipt ?? '');
          count++;
        }
      }
    });
    this.known.set(queue, storage);
    this.added(storage, queue);
    return moved;
  }

  snapshot(maxMessages?: number): QueueState[] {
    return this.snapshots.current(maxMessages);
  }

  subscribe(listener: () => void): () => void {
    return this.snapshots.subscribe(listener);
  }

  private listener(fn: FunctionDef, queue: string, storage: QueueStorage, invoke: QueueInvoker) {
    const log = (level: 'warning' | 'error' | 'information', message: string) =>
      this.deps.log(level, message, fn.name);
    return new StorageQueueListener({
      storage,
      health: this.healthOf(storage),
      fn,
      queue,
      options: this.options,
      invoke,
      decode: (stored) => this.decode(stored),
      log,
      added: (q) => this.added(storage, q),
      running: (delta) => {
        this.inFlight.set(queue, (this.inFlight.get(queue) ?? 0) + delta);
        this.snapshots.refreshSoon();
      },
      ...(this.deps.leaseMs !== undefined && { leaseMs: this.deps.leaseMs }),
      ...(this.deps.random !== undefined && { random: this.deps.random }),
    });
  }

  private storageFor(
    connection: string | undefined,
    fn: FunctionDef,
    queue: string,
  ): QueueStorage | undefined {
    const resolved = this.deps.connections.resolve(connection, this.settings);
    if (resolved.ok) {
      this.known.set(queue, resolved.storage);
      return resolved.storage;
    }
    this.deps.log(
      'error',
      `Function '${fn.name}' cannot listen on queue '${queue}': ${resolved.error}`,
      fn.name,
    );
    return undefined;
  }

  /** The storage a queue was seen in, or the default connection's. */
  private existingStorage(queue: string): QueueStorage {
    const seen = this.known.get(queue);
    if (seen) return seen;
    const resolved = this.deps.connections.resolve(undefined, this.settings);
    if (!resolved.ok) throw new Error(resolved.error);
    return resolved.storage;
  }

  /** Runs a storage call, reporting an unreachable service once and naming the endpoint in the error. */
  private async call<T>(storage: QueueStorage, what: string, run: () => Promise<T>): Promise<T> {
    const health = this.healthOf(storage);
    try {
      const result = await run();
      health.answered();
      return result;
    } catch (error) {
      if (failureOf(error) === 'unreachable') health.unreachable(error);
      throw new Error(`Could not ${what} at ${storage.endpoint}: ${describeFailure(error)}`, {
        cause: error,
      });
    }
  }

  /** This host added a message: the listeners of that queue poll now, and the panel refreshes. */
  private added(storage: QueueStorage, queue: string): void {
    for (const l of this.listeners) if (l.queue === queue && l.storage === storage) l.notify();
    this.snapshots.refreshSoon();
  }

  private healthOf(storage: QueueStorage): StorageHealth {
    let health = this.health.get(storage);
    if (!health) {
      health = new StorageHealth(storage.endpoint, (level, message) => this.deps.log(level, message));
      this.health.set(storage, health);
    }
    return health;
  }

  private decode(stored: string): string | undefined {
    const bytes = decodeMessageBody(stored, this.options.messageEncoding);
    return bytes && utf8Decode(bytes);
  }
}
