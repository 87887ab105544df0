import type { QueueMessageAction } from '../../../core/queues/queueProcessor';
import type { QueueMessage } from '../../../core/queues/queueStore';
import type { QueueStorage } from './queueStorage';
import { describeFailure, failureOf, sendCreatingQueue } from './queueStorage';

export interface ActionContext {
  readonly storage: QueueStorage;
  readonly queue: string;
  log(level: 'warning' | 'error' | 'information', message: string): void;
  /** A message was added to `queue` by this host (a poison move), so its listeners can look now. */
  added(queue: string): void;
}

/**
 * Carries out a message's fate against real storage, tolerating what the queue extension
 * tolerates: a lost lease (pop receipt mismatch), a message or queue already gone, or a queue
 * being deleted. `message` holds the raw stored text and its latest pop receipt.
 */
export async function applyStorageAction(
  ctx: ActionContext,
  message: QueueMessage,
  action: QueueMessageAction,
): Promise<void> {
  switch (action.kind) {
    case 'leaveInvisible':
      return;
    case 'delete':
      return deleteMessage(ctx, message);
    case 'release':
      try {
        await ctx.storage.updateVisibility(
          ctx.queue,
          message.id,
          message.popReceipt ?? '',
          action.visibilityTimeoutMs,
        );
      } catch (error) {
        if (!ownershipLost(error))
          ctx.log('warning', `Could not release message ${message.id}: ${describeFailure(error)}`);
      }
      return;
    case 'poison':
      ctx.log('warning', action.warning);
      // Copied before the original is deleted, so a failure leaves it in both queues, never in neither.
      await sendCreatingQueue(ctx.storage, action.poisonQueue, message.text);
      ctx.added(action.poisonQueue);
      return deleteMessage(ctx, message);
  }
}

async function deleteMessage(ctx: ActionContext, message: QueueMessage): Promise<void> {
  try {
    await ctx.storage.delete(ctx.queue, message.id, message.popReceipt ?? '');
  } catch (error) {
    if (!ownershipLost(error))
      ctx.log('warning', `Could not delete message ${message.id}: ${describeFailure(error)}`);
  }
}

/** Someone else holds the message now, or it (or its queue) is gone: nothing more to do with it. */
export function ownershipLost(error: unknown): boolean {
  const failure = failureOf(error);
  return (
    failure === 'popReceiptMismatch' ||
    failure === 'messageNotFound' ||
    failure === 'queueNotFound' ||
    failure === 'queueUnavailable'
  );
}
