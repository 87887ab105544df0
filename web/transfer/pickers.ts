import { IGNORED_FOLDERS, MAX_FILES } from './appLayout';
import { importFolder, importZip, type FolderEntry, type ImportResult } from './importApp';

/**
 * Adapters from what the browser hands over (a picked zip, a `webkitdirectory` pick, a drop) to
 * importZip and importFolder.
 */

/** A zip this large is not an app the playground could hold, whatever is inside. */
export const MAX_ZIP_BYTES = 50 * 1024 * 1024;
/** A drop of a huge tree (a home folder) stops here instead of walking for minutes. */
const MAX_WALKED = MAX_FILES * 10;

/** `<input type="file" accept=".zip">`: the file's name names an app sitting at the zip's top. */
export async function importZipFile(file: File): Promise<ImportResult> {
  if (!/\.zip$/i.test(file.name)) return { ok: false, error: `'${file.name}' is not a .zip file.` };
  if (file.size > MAX_ZIP_BYTES)
    return {
      ok: false,
      error: `'${file.name}' is ${Math.round(file.size / 1024 / 1024)} MB; too large to import.`,
    };
  return importZip(new Uint8Array(await file.arrayBuffer()), file.name);
}

/** `<input type="file" webkitdirectory>`: each File knows its path under the picked folder. */
export function folderEntriesFromFiles(files: Iterable<File>): FolderEntry[] {
  return Array.from(files, (file) => ({
    path: file.webkitRelativePath || file.name,
    size: file.size,
    bytes: async () => new Uint8Array(await file.arrayBuffer()),
  }));
}

/** Whatever an `<input type="file">` gave: one zip, or the files of a picked folder. */
export function importPickedFiles(files: FileList | readonly File[]): Promise<ImportResult> {
  const list = Array.from(files);
  const only = list.length === 1 ? list[0] : undefined;
  if (only && /\.zip$/i.test(only.name) && !only.webkitRelativePath) return importZipFile(only);
  return importFolder(folderEntriesFromFiles(list));
}

/**
 * A drop of a zip file or a folder. Call it inside the drop handler, not after an await: the
 * browser empties `dataTransfer` once the handler returns, so the entries are taken at once.
 */
export function importDrop(data: DataTransfer): Promise<ImportResult> {
  const roots = Array.from(data.items).flatMap((item) => {
    const entry = item.kind === 'file' ? item.webkitGetAsEntry() : null;
    return entry ? [entry] : [];
  });
  const files = Array.from(data.files);
  return importDropped(roots, files);
}

async function importDropped(roots: FileSystemEntry[], files: File[]): Promise<ImportResult> {
  const only = files.length === 1 ? files[0] : undefined;
  if (only && /\.zip$/i.test(only.name) && !roots.some((r) => r.isDirectory)) return importZipFile(only);
  if (!roots.some((r) => r.isDirectory))
    return { ok: false, error: 'Drop a .zip file or a folder that holds host.json.' };
  const entries: FolderEntry[] = [];
  try {
    for (const root of roots) await walk(root, entries);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : 'The dropped folder could not be read.' };
  }
  const single = roots.length === 1 && roots[0]?.isDirectory ? roots[0].name : 'app';
  return importFolder(entries, single);
}

/** Collects the files under an entry, without descending into node_modules or .git. */
async function walk(entry: FileSystemEntry, into: FolderEntry[]): Promise<void> {
  const path = entry.fullPath.replace(/^\/+/, '');
  if (isFile(entry)) {
    if (into.length >= MAX_WALKED) throw new Error(`The dropped folder has more than ${MAX_WALKED} files.`);
    const file = await new Promise<File>((resolve, reject) => entry.file(resolve, reject));
    into.push({ path, size: file.size, bytes: async () => new Uint8Array(await file.arrayBuffer()) });
    return;
  }
  if (!isDirectory(entry)) return;
  if (IGNORED_FOLDERS.has(entry.name)) {
    // A stand-in that is never read, so the import still says the folder was left out.
    into.push({ path: `${path}/(not read)`, size: 0, bytes: () => Promise.resolve(new Uint8Array()) });
    return;
  }
  const reader = entry.createReader();
  for (;;) {
    // readEntries hands over a batch at a time (100 in Chrome) until it returns none.
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return;
    for (const child of batch) await walk(child, into);
  }
}

const isFile = (e: FileSystemEntry): e is FileSystemFileEntry => e.isFile;
const isDirectory = (e: FileSystemEntry): e is FileSystemDirectoryEntry => e.isDirectory;
