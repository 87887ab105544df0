import { QueueStore } from '../../core/queues/queueStore';
import type { QueueMessage } from '../../core/queues/queueStore';
import type { QueueStorage } from '../triggers/storage/queueStorage';
import { QueueStorageError } from '../triggers/storage/queueStorage';

/**
 * A storage account's queue service kept in memory (the in-memory store's service rules, behind
 * the asynchronous storage interface), with every call counted, for listener tests. Queues exist
 * only once created, as in real storage; `down` makes every call fail as an unreachable service.
 */
export class FakeQueueStorage implements QueueStorage {
  readonly endpoint = 'http://fake.queue.test/account';
  readonly calls: string[] = [];
  down = false;
  private ids = 0;
  private receipts = 0;
  readonly store = new QueueStore({
    now: () => Date.now(),
    newId: () => `m${++this.ids}`,
    newPopReceipt: () => `r${++this.receipts}`,
  });

  async exists(queue: string): Promise<boolean> {
    this.enter('exists', queue);
    return this.store.exists(queue);
  }

  async createIfNotExists(queue: string): Promise<void> {
    this.enter('create', queue);
    this.store.createIfNotExists(queue);
  }

  async receive(queue: string, max: number, visibilityTimeoutMs: number): Promise<QueueMessage[]> {
    this.enter('receive', queue);
    this.need(queue);
    return this.store.receive(queue, max, visibilityTimeoutMs);
  }

  async peek(queue: string, max: number): Promise<QueueMessage[]> {
    this.enter('peek', queue);
    this.need(queue);
    return this.store.peek(queue, max);
  }

  async approximateCount(queue: string): Promise<number> {
    this.enter('count', queue);
    this.need(queue);
    return this.store.count(queue);
  }

  async send(queue: string, text: string): Promise<QueueMessage> {
    this.enter('send', queue);
    this.need(queue);
    return this.store.enqueue(queue, text);
  }

  async delete(queue: string, id: string, popReceipt: string): Promise<void> {
    this.enter('delete', queue);
    const result = this.store.delete(queue, id, popReceipt);
    if (!result.ok) throw new QueueStorageError(result.reason, result.error);
  }

  async updateVisibility(queue: string, id: string, popReceipt: string, visibilityTimeoutMs: number) {
    this.enter('update', queue);
    const result = this.store.updateVisibility(queue, id, popReceipt, visibilityTimeoutMs);
    if (!result.ok) throw new QueueStorageError(result.reason, result.error);
    return { popReceipt: result.popReceipt, nextVisibleTime: result.nextVisibleTime };
  }

  async clear(queue: string): Promise<void> {
    this.enter('clear', queue);
    this.store.clear(queue);
  }

  count(kind: string, queue?: string): number {
    return this.calls.filter((c) =>
      queue === undefined ? c.startsWith(`${kind} `) : c === `${kind} ${queue}`,
    ).length;
  }

  private enter(kind: string, queue: string): void {
    this.calls.push(`${kind} ${queue}`);
    if (this.down) throw new QueueStorageError('unreachable', 'connect ECONNREFUSED 192.0.2.1:443');
  }

  private need(queue: string): void {
    if (!this.store.exists(queue))
      throw new QueueStorageError('queueNotFound', 'The specified queue does not exist.');
  }
}
