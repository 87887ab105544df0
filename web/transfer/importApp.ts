import { MAX_BYTES, finish, planImport, takeFile, type ImportResult } from './appLayout';
import { listZip, readEntry } from './readZip';

export type { ImportResult } from './appLayout';
export { MAX_BYTES, MAX_FILES } from './appLayout';

/** A file of a picked or dropped folder; the caller adapts File objects (see pickers.ts). */
export interface FolderEntry {
  /** '/'-separated and relative, e.g. a File's webkitRelativePath (`order/host.json`). */
  readonly path: string;
  readonly size: number;
  /** The raw bytes: decoded here, by the same rules as a zip entry (UTF-8, or UTF-16 by its BOM). */
  readonly bytes: () => Promise<Uint8Array>;
}

/** What was read so far: texts by app path (a Map: any name is a key), notes, binary paths. */
const emptyRead = () => ({ files: new Map<string, string>(), notes: [] as string[], binary: [] as string[] });

/**
 * Loads an app from a zip: the app is wherever the one host.json is (the zip's top, or a folder).
 * `fileName` names an app that sits at the top of the zip (`order.zip` → `order`).
 */
export function importZip(bytes: Uint8Array, fileName = 'app'): ImportResult {
  const entries = listZip(bytes);
  if (typeof entries === 'string') return { ok: false, error: entries };
  const plan = planImport(
    entries.map((e) => ({ ...e, path: e.name })),
    fileName,
  );
  if ('error' in plan) return { ok: false, error: plan.error };

  // Declared sizes passed the limits; readEntry keeps no more than each declares, so the actual
  // total cannot pass MAX_BYTES either, and an entry that lies is refused.
  const read = emptyRead();
  for (const { entry, path } of plan.take) {
    const content = readEntry(bytes, entry);
    if (typeof content === 'string') return { ok: false, error: `${content} Nothing was loaded.` };
    takeFile(path, content, read);
  }
  return finish(plan.name, read, plan.skipped, plan.warnings);
}

/** Loads an app from a picked or dropped folder, by the same rules as a zip. */
export async function importFolder(
  entries: readonly FolderEntry[],
  fallbackName = 'app',
): Promise<ImportResult> {
  const plan = planImport(entries, fallbackName);
  if ('error' in plan) return { ok: false, error: plan.error };

  const read = emptyRead();
  let total = 0;
  for (const { entry, path } of plan.take) {
    let bytes: Uint8Array;
    try {
      bytes = await entry.bytes();
    } catch {
      return { ok: false, error: `'${entry.path}' could not be read. Nothing was loaded.` };
    }
    // A File's size may change between picking and reading; count what was actually read.
    total += bytes.length;
    if (total > MAX_BYTES)
      return {
        ok: false,
        error: `The app's files add up to more than ${MAX_BYTES / 1024 / 1024} MB. Nothing was loaded.`,
      };
    takeFile(path, bytes, read);
  }
  return finish(plan.name, read, plan.skipped, plan.warnings);
}
