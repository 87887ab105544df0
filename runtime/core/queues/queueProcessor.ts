import { poisonQueueName } from './queueName';
import type { QueueMessage, QueueStore } from './queueStore';

/** What the listener needs to decide a message's fate. */
export interface QueueProcessingPolicy {
  /** The (resolved, validated) queue the trigger listens on. */
  readonly queueName: string;
  readonly maxDequeueCount: number;
  /** Visibility given to a failed message that will be retried. */
  readonly visibilityTimeoutMs: number;
}

/** What to do with a message after (or instead of) running the function. */
export type QueueMessageAction =
  | { kind: 'delete' }
  /** Copy the body to the poison queue (creating it) as a new message, then delete the original. */
  | { kind: 'poison'; poisonQueue: string; warning: string }
  /** Make the message visible again after `visibilityTimeoutMs`, for a retry. */
  | { kind: 'release'; visibilityTimeoutMs: number }
  /**
   * Do nothing: the message stays invisible until its lease runs out. Used for queues without a
   * poison queue, so a failing message cannot spin in a fast loop.
   */
  | { kind: 'leaveInvisible' };

/** The warning the queue extension logs when it moves a message to the poison queue. */
export function poisonWarning(maxDequeueCount: number, poisonQueue: string): string {
  return `Message has reached MaxDequeueCount of ${maxDequeueCount}. Moving message to queue '${poisonQueue}'.`;
}

/**
 * Whether a freshly received message should run. One already received more than
 * `maxDequeueCount` times (say, its earlier attempts' host died mid-run) is poisoned without
 * running, or, with no poison queue, left invisible.
 */
export function beforeProcessing(
  message: Pick<QueueMessage, 'dequeueCount'>,
  policy: QueueProcessingPolicy,
): { run: true } | { run: false; action: QueueMessageAction } {
  if (message.dequeueCount <= policy.maxDequeueCount) return { run: true };
  return { run: false, action: poisonOrLeave(policy) };
}

/**
 * The fate of a message after its invocation: deleted on success; on failure, poisoned once
 * `dequeueCount >= maxDequeueCount`, otherwise released with the visibility timeout for a retry.
 * Without a poison queue a failed message is never released, only left invisible.
 */
export function afterProcessing(
  message: Pick<QueueMessage, 'dequeueCount'>,
  succeeded: boolean,
  policy: QueueProcessingPolicy,
): QueueMessageAction {
  if (succeeded) return { kind: 'delete' };
  if (poisonQueueName(policy.queueName) === undefined) return { kind: 'leaveInvisible' };
  if (message.dequeueCount >= policy.maxDequeueCount) return poisonOrLeave(policy);
  return { kind: 'release', visibilityTimeoutMs: policy.visibilityTimeoutMs };
}

function poisonOrLeave(policy: QueueProcessingPolicy): QueueMessageAction {
  const poisonQueue = poisonQueueName(policy.queueName);
  if (poisonQueue === undefined) return { kind: 'leaveInvisible' };
  return { kind: 'poison', poisonQueue, warning: poisonWarning(policy.maxDequeueCount, poisonQueue) };
}

/** The store's answer when an action was carried out; `ok: false` when the lease had been lost. */
export type ApplyActionResult =
  | { ok: true; action: QueueMessageAction['kind']; poisonMessageId?: string }
  | { ok: false; action: QueueMessageAction['kind']; error: string };

/**
 * Carries out `action` on `message` (which must hold its latest pop receipt). For `poison` the
 * copy is added before the delete, as in the extension, so a lost lease can leave the message in
 * both queues rather than in neither.
 */
export function applyQueueMessageAction(
  store: QueueStore,
  queue: string,
  message: Pick<QueueMessage, 'id' | 'text' | 'popReceipt'>,
  action: QueueMessageAction,
): ApplyActionResult {
  const kind = action.kind;
  if (kind === 'leaveInvisible') return { ok: true, action: kind };
  if (message.popReceipt === null)
    return { ok: false, action: kind, error: 'The message has no pop receipt.' };
  let poisonMessageId: string | undefined;
  if (kind === 'poison') poisonMessageId = store.enqueue(action.poisonQueue, message.text).id;
  const result =
    kind === 'release'
      ? store.updateVisibility(queue, message.id, message.popReceipt, action.visibilityTimeoutMs)
      : store.delete(queue, message.id, message.popReceipt);
  if (!result.ok) return { ok: false, action: kind, error: result.error };
  return poisonMessageId === undefined
    ? { ok: true, action: kind }
    : { ok: true, action: kind, poisonMessageId };
}

/**
 * How many messages to fetch now. The listener fetches a full batch only once the number still
 * running has dropped to `newBatchThreshold` or below, so at most batchSize + newBatchThreshold
 * messages run at once.
 */
export function messagesToFetch(inFlight: number, batchSize: number, newBatchThreshold: number): number {
  return inFlight <= newBatchThreshold ? batchSize : 0;
}
