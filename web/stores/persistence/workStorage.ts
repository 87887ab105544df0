import type { WorkSnapshot } from './workSnapshot';
import { readWork } from './workSnapshot';

/**
 * The saved work of every tab and history entry, in localStorage: one key per workspace and an
 * index of them, newest first. localStorage is read synchronously in a millisecond for the few
 * hundred kB an app can hold, so a reload restores before the first request without waiting on
 * IndexedDB's open; its ~5 MB per origin is ample for a handful of apps, and the oldest are let go.
 */

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface WorkIndexEntry {
  readonly id: string;
  readonly savedAt: number;
  /** The app's name, to choose what a fresh tab adopts. */
  readonly name: string;
  readonly example?: string;
}

const INDEX_KEY = 'fchp.work.index';
const workKey = (id: string) => `fchp.work.${id}`;
/** Workspaces kept: this tab's history entries and other tabs' work, newest first. */
export const MAX_WORKSPACES = 12;

export function readIndex(storage: KeyValueStorage): WorkIndexEntry[] {
  try {
    const value: unknown = JSON.parse(storage.getItem(INDEX_KEY) ?? '[]');
    if (!Array.isArray(value)) return [];
    return value
      .filter(
        (e): e is WorkIndexEntry =>
          typeof e === 'object' &&
          e !== null &&
          typeof (e as WorkIndexEntry).id === 'string' &&
          typeof (e as WorkIndexEntry).savedAt === 'number' &&
          typeof (e as WorkIndexEntry).name === 'string',
      )
      .sort((a, b) => b.savedAt - a.savedAt);
  } catch {
    return [];
  }
}

export function loadWork(storage: KeyValueStorage, id: string): WorkSnapshot | undefined {
  try {
    return readWork(storage.getItem(workKey(id)));
  } catch {
    return undefined;
  }
}

function writeIndex(storage: KeyValueStorage, index: readonly WorkIndexEntry[]): void {
  storage.setItem(INDEX_KEY, JSON.stringify(index));
}

/**
 * Saves one workspace and lets the oldest others go beyond MAX_WORKSPACES; when storage is full,
 * lets more of the oldest go and tries again. Returns why it could not save, or undefined.
 */
export function saveWork(storage: KeyValueStorage, id: string, work: WorkSnapshot): string | undefined {
  const entry: WorkIndexEntry = {
    id,
    savedAt: work.savedAt,
    name: work.origin.name,
    ...(work.origin.example !== undefined && { example: work.origin.example }),
  };
  let others = readIndex(storage).filter((e) => e.id !== id);
  const text = JSON.stringify(work);
  for (;;) {
    const dropped = others.slice(MAX_WORKSPACES - 1);
    others = others.slice(0, MAX_WORKSPACES - 1);
    for (const old of dropped) storage.removeItem(workKey(old.id));
    try {
      storage.setItem(workKey(id), text);
      writeIndex(storage, [entry, ...others]);
      return undefined;
    } catch (e) {
      if (others.length === 0) {
        return `Your work could not be kept in this browser's storage (${e instanceof Error ? e.message : String(e)}).`;
      }
      // Full: let the oldest other workspace go and try again.
      storage.removeItem(workKey(others[others.length - 1]!.id));
      others = others.slice(0, -1);
      try {
        writeIndex(storage, [...others]);
      } catch {
        // The index is rewritten with the save anyway.
      }
    }
  }
}

export function newWorkId(random: () => number = Math.random): string {
  return `${Date.now().toString(36)}${Math.floor(random() * 36 ** 6).toString(36)}`;
}
