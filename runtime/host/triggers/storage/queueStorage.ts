import type { QueueMessage } from '../../../core/queues/queueStore';

/**
 * One storage account's queue service, as the storage queue backend needs it: the operations of
 * the Queue service REST API, with message text exactly as stored (the backend applies
 * `messageEncoding`). The Node platform implements it with the Azure Storage SDK.
 */
export interface QueueStorage {
  /** The queue endpoint, for messages a person reads (never holds the key). */
  readonly endpoint: string;
  exists(queue: string): Promise<boolean>;
  createIfNotExists(queue: string): Promise<void>;
  /** Up to `max` (1-32) visible messages, each hidden for `visibilityTimeoutMs` with a new pop receipt. */
  receive(queue: string, max: number, visibilityTimeoutMs: number): Promise<QueueMessage[]>;
  /** Up to `max` (1-32) visible messages without changing them. */
  peek(queue: string, max: number): Promise<QueueMessage[]>;
  /** The service's approximate message count (visible or not). */
  approximateCount(queue: string): Promise<number>;
  /** Adds a message; fails with `queueNotFound` when the queue does not exist. */
  send(queue: string, text: string): Promise<QueueMessage>;
  delete(queue: string, id: string, popReceipt: string): Promise<void>;
  /** Hides a received message for `visibilityTimeoutMs` more; returns the new receipt. */
  updateVisibility(
    queue: string,
    id: string,
    popReceipt: string,
    visibilityTimeoutMs: number,
  ): Promise<{ popReceipt: string; nextVisibleTime: number }>;
  clear(queue: string): Promise<void>;
}

/** The failures the listener tells apart, as the queue extension does. */
export type QueueStorageFailure =
  | 'queueNotFound'
  | 'messageNotFound'
  | 'popReceiptMismatch'
  /** 409 QueueBeingDeleted or QueueDisabled. */
  | 'queueUnavailable'
  /** A 5xx answer. */
  | 'server'
  /** No answer at all: refused, reset, timed out, unknown host. */
  | 'unreachable'
  /** Any other 4xx: bad credentials, a bad request. */
  | 'rejected';

export class QueueStorageError extends Error {
  constructor(
    readonly failure: QueueStorageFailure,
    message: string,
  ) {
    super(message);
    this.name = 'QueueStorageError';
  }
}

/** The failure kind of anything a QueueStorage call threw. */
export function failureOf(error: unknown): QueueStorageFailure {
  return error instanceof QueueStorageError ? error.failure : 'unreachable';
}

/** Failures that say nothing about the message: poll again later (the extension backs off). */
export function isTransient(failure: QueueStorageFailure): boolean {
  return (
    failure === 'queueNotFound' ||
    failure === 'queueUnavailable' ||
    failure === 'server' ||
    failure === 'unreachable'
  );
}

/** Adds a message, creating the queue first if it is missing (as outputs and poison moves do). */
export async function sendCreatingQueue(
  storage: QueueStorage,
  queue: string,
  text: string,
): Promise<QueueMessage> {
  try {
    return await storage.send(queue, text);
  } catch (error) {
    if (failureOf(error) !== 'queueNotFound') throw error;
    await storage.createIfNotExists(queue);
    return storage.send(queue, text);
  }
}

/** A message for a log line: the failure as the storage service described it. */
export function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
