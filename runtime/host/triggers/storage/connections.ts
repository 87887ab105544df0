import type { BindingDef } from '../../../core/app/functionJson';
import type { Settings } from '../../../core/app/settings';
import { lookupSetting } from '../../../core/app/settings';
import { getProp } from '../../../core/json/jsonNode';
import type { QueueStorage } from './queueStorage';

/**
 * Where connection strings come from: one for every binding (`--storage "<connection string>"`,
 * `--storage azurite`), or each binding's `connection` setting (`--storage` alone).
 */
export type ConnectionSource =
  | { readonly kind: 'fixed'; readonly connectionString: string; readonly label: string }
  | { readonly kind: 'settings' };

/** Opens a storage account's queue service; throws when the connection string is not valid. */
export type OpenQueueStorage = (connectionString: string) => QueueStorage;

/** The storage for a binding, or why there is none (the message names the setting). */
export type ResolvedStorage = { ok: true; storage: QueueStorage } | { ok: false; error: string };

const DEFAULT_CONNECTION = 'Storage';
const PREFIX = 'AzureWebJobs';

/** A binding's `connection` property, as written (resolved for `%Setting%` tokens). */
export function bindingConnection(binding: BindingDef): string | undefined {
  const node = getProp(binding.props, 'connection');
  return node?.kind === 'string' && node.value.trim() !== '' ? node.value.trim() : undefined;
}

/**
 * The connection string a binding's `connection` names, looked up as the WebJobs SDK does: the
 * name prefixed with `AzureWebJobs` first, then the name itself; no name means `Storage`, that
 * is `AzureWebJobsStorage`.
 */
export function connectionStringFor(
  connection: string | undefined,
  settings: Settings,
): { ok: true; value: string; setting: string } | { ok: false; error: string } {
  const name = connection ?? DEFAULT_CONNECTION;
  // A name that already carries the prefix (connection: "AzureWebJobsStorage") is found unprefixed.
  const tried = name.toLowerCase().startsWith(PREFIX.toLowerCase()) ? [name] : [`${PREFIX}${name}`, name];
  for (const setting of tried) {
    const value = lookupSetting(settings, setting);
    if (value !== undefined && value.trim() !== '') return { ok: true, value: value.trim(), setting };
  }
  return {
    ok: false,
    error: `Storage account connection string '${tried[0]}' does not exist. Make sure that it is a defined App Setting (local.settings.json Values or the environment).`,
  };
}

/** Resolves bindings to storage accounts, opening each distinct connection string once. */
export class StorageConnections {
  private readonly opened = new Map<string, ResolvedStorage>();

  constructor(
    private readonly source: ConnectionSource,
    private readonly open: OpenQueueStorage,
  ) {}

  resolve(connection: string | undefined, settings: Settings): ResolvedStorage {
    let connectionString: string;
    let from: string;
    if (this.source.kind === 'fixed') {
      connectionString = this.source.connectionString;
      from = this.source.label;
    } else {
      const found = connectionStringFor(connection, settings);
      if (!found.ok) return found;
      connectionString = found.value;
      from = `the setting ${found.setting}`;
    }
    let resolved = this.opened.get(connectionString);
    if (!resolved) {
      try {
        resolved = { ok: true, storage: this.open(connectionString) };
      } catch (e) {
        resolved = {
          ok: false,
          error: `The storage connection string from ${from} is not valid: ${e instanceof Error ? e.message : String(e)}`,
        };
      }
      this.opened.set(connectionString, resolved);
    }
    return resolved;
  }
}
