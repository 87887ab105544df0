import type * as SdkModule from '@azure/storage-queue';
import type { QueueClient, QueueServiceClient } from '@azure/storage-queue';
import type { QueueMessage } from '../../core/queues/queueStore';
import type { OpenQueueStorage } from '../../host/triggers/storage/connections';
import type { QueueStorage, QueueStorageFailure } from '../../host/triggers/storage/queueStorage';
import { QueueStorageError } from '../../host/triggers/storage/queueStorage';

type Sdk = typeof SdkModule;

/**
 * The SDK's own retries stay short: the listener's back-off is the long-term retry, and a person
 * waiting on an HTTP function with a queue output should get an answer in seconds.
 */
const RETRY_OPTIONS = { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 2000, tryTimeoutInMs: 30_000 };

/**
 * Loads the Azure Storage SDK (only when `--storage` is used: the bundled host that ships into a
 * WebContainer leaves it out) and returns a way to open an account from a connection string.
 */
export async function loadAzureQueueStorage(): Promise<OpenQueueStorage> {
  let sdk: Sdk;
  try {
    sdk = await import('@azure/storage-queue');
  } catch (e) {
    throw new Error(
      `--storage needs the @azure/storage-queue package, which this copy of the host cannot load (${(e as Error).message}). Run the host from the repository: npm run host -- <app> --storage ...`,
      { cause: e },
    );
  }
  return (connectionString) =>
    new AzureQueueStorage(
      sdk.QueueServiceClient.fromConnectionString(connectionString, { retryOptions: RETRY_OPTIONS }),
    );
}

/** One account's queue service through the SDK; message text goes through untouched. */
class AzureQueueStorage implements QueueStorage {
  readonly endpoint: string;

  constructor(private readonly client: QueueServiceClient) {
    // Never show a SAS token: the endpoint is printed in logs.
    this.endpoint = client.url.replace(/[?#].*$/, '').replace(/\/+$/, '');
  }

  exists(queue: string): Promise<boolean> {
    return this.run(queue, (q) => q.exists());
  }

  async createIfNotExists(queue: string): Promise<void> {
    await this.run(queue, (q) => q.createIfNotExists());
  }

  receive(queue: string, max: number, visibilityTimeoutMs: number): Promise<QueueMessage[]> {
    return this.run(queue, async (q) => {
      const response = await q.receiveMessages({
        numberOfMessages: max,
        visibilityTimeout: seconds(visibilityTimeoutMs),
      });
      return response.receivedMessageItems.map((m) => ({
        id: m.messageId,
        text: m.messageText,
        insertionTime: m.insertedOn.getTime(),
        expirationTime: m.expiresOn.getTime(),
        dequeueCount: m.dequeueCount,
        nextVisibleTime: m.nextVisibleOn.getTime(),
        popReceipt: m.popReceipt,
      }));
    });
  }

  peek(queue: string, max: number): Promise<QueueMessage[]> {
    return this.run(queue, async (q) => {
      const response = await q.peekMessages({ numberOfMessages: max });
      const now = Date.now();
      return response.peekedMessageItems.map((m) => ({
        id: m.messageId,
        text: m.messageText,
        insertionTime: m.insertedOn.getTime(),
        expirationTime: m.expiresOn.getTime(),
        dequeueCount: m.dequeueCount,
        nextVisibleTime: now,
        popReceipt: null,
      }));
    });
  }

  approximateCount(queue: string): Promise<number> {
    return this.run(queue, async (q) => (await q.getProperties()).approximateMessagesCount ?? 0);
  }

  send(queue: string, text: string): Promise<QueueMessage> {
    return this.run(queue, async (q) => {
      const m = await q.sendMessage(text);
      return {
        id: m.messageId,
        text,
        insertionTime: m.insertedOn.getTime(),
        expirationTime: m.expiresOn.getTime(),
        dequeueCount: 0,
        nextVisibleTime: m.nextVisibleOn.getTime(),
        popReceipt: m.popReceipt,
      };
    });
  }

  async delete(queue: string, id: string, popReceipt: string): Promise<void> {
    await this.run(queue, (q) => q.deleteMessage(id, popReceipt));
  }

  updateVisibility(
    queue: string,
    id: string,
    popReceipt: string,
    visibilityTimeoutMs: number,
  ): Promise<{ popReceipt: string; nextVisibleTime: number }> {
    return this.run(queue, async (q) => {
      // No message text: only the visibility changes, the content stays.
      const r = await q.updateMessage(id, popReceipt, undefined, seconds(visibilityTimeoutMs));
      return {
        popReceipt: r.popReceipt ?? popReceipt,
        nextVisibleTime: r.nextVisibleOn?.getTime() ?? Date.now(),
      };
    });
  }

  async clear(queue: string): Promise<void> {
    await this.run(queue, (q) => q.clearMessages());
  }

  private async run<T>(queue: string, call: (q: QueueClient) => Promise<T>): Promise<T> {
    try {
      return await call(this.client.getQueueClient(queue));
    } catch (error) {
      throw toStorageError(error);
    }
  }
}

function seconds(ms: number): number {
  return Math.max(0, Math.round(ms / 1000));
}

interface SdkError {
  readonly statusCode?: number;
  readonly code?: string;
  readonly message?: string;
  readonly details?: { readonly errorCode?: string };
}

/** The SDK's RestError as the failure kinds the listener tells apart. */
export function toStorageError(error: unknown): QueueStorageError {
  const e = (error ?? {}) as SdkError;
  const status = e.statusCode;
  const code = e.details?.errorCode ?? e.code ?? '';
  const firstLine = (e.message ?? String(error)).split('\n')[0]!.trim();
  let failure: QueueStorageFailure;
  if (status === undefined || status === 0) failure = 'unreachable';
  else if (code === 'QueueNotFound') failure = 'queueNotFound';
  else if (code === 'MessageNotFound' || status === 404) failure = 'messageNotFound';
  else if (code === 'PopReceiptMismatch') failure = 'popReceiptMismatch';
  else if (code === 'QueueBeingDeleted' || code === 'QueueDisabled') failure = 'queueUnavailable';
  else if (status >= 500) failure = 'server';
  else failure = 'rejected';
  const detail = status === undefined ? firstLine : `${status} ${code}: ${firstLine}`.replace(/ : /, ': ');
  return new QueueStorageError(failure, detail);
}
