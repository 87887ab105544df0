import type { QueueBackendFactory } from '../../host/triggers/queueBackend';
import type { ConnectionSource } from '../../host/triggers/storage/connections';
import { StorageConnections } from '../../host/triggers/storage/connections';
import { StorageQueueService } from '../../host/triggers/storage/storageQueueService';
import { loadAzureQueueStorage } from './azureQueueStorage';
import { startAzurite } from './azurite';

/** The CLI's `--storage`: a connection string, `azurite`, or (no value) each binding's connection setting. */
export type StorageOption =
  | { readonly kind: 'connectionString'; readonly value: string }
  | { readonly kind: 'azurite' }
  | { readonly kind: 'settings' };

export interface PreparedStorage {
  readonly queueBackend: QueueBackendFactory;
  /** One line saying where the queues are. */
  readonly description: string;
  /** Stops what was started for the session (Azurite). */
  stop(): Promise<void>;
  killNow(): void;
}

/** Reads `--storage`'s value: `azurite`, anything holding `=` (a connection string), or none. */
export function storageOptionFrom(value: string | undefined): StorageOption {
  if (value === undefined) return { kind: 'settings' };
  if (value.trim().toLowerCase() === 'azurite') return { kind: 'azurite' };
  return { kind: 'connectionString', value: value.trim() };
}

/** Whether a command-line word is `--storage`'s value rather than the app folder. */
export function looksLikeStorageValue(word: string | undefined): word is string {
  return word !== undefined && (word.trim().toLowerCase() === 'azurite' || word.includes('='));
}

/** Loads the SDK, starts Azurite when asked, and makes the storage queue backend. Throws with a clear message. */
export async function prepareStorage(option: StorageOption): Promise<PreparedStorage> {
  const open = await loadAzureQueueStorage();
  let source: ConnectionSource;
  let description: string;
  let stop = (): Promise<void> => Promise.resolve();
  let killNow = (): void => undefined;
  if (option.kind === 'azurite') {
    const azurite = await startAzurite();
    source = { kind: 'fixed', connectionString: azurite.connectionString, label: '--storage azurite' };
    description =
      `Queues: Azurite, started for this session at ${azurite.queueEndpoint} (stops with the host). ` +
      `Connection string: ${azurite.connectionString}`;
    stop = () => azurite.stop();
    killNow = () => azurite.killNow();
  } else if (option.kind === 'connectionString') {
    let endpoint: string;
    try {
      endpoint = open(option.value).endpoint;
    } catch (e) {
      throw new Error(`--storage: the connection string is not valid: ${(e as Error).message}`, { cause: e });
    }
    source = { kind: 'fixed', connectionString: option.value, label: '--storage' };
    description = `Queues: Azure Storage at ${endpoint}`;
  } else {
    source = { kind: 'settings' };
    description =
      "Queues: Azure Storage, through each binding's connection setting (AzureWebJobsStorage when none is named)";
  }
  const queueBackend: QueueBackendFactory = (services) =>
    new StorageQueueService({
      connections: new StorageConnections(source, open),
      processorCount: services.processorCount,
      log: services.log,
    });
  return { queueBackend, description, stop, killNow };
}
