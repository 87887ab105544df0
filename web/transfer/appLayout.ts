import { MAX_APP_FILES, decodeFileBytes, fileSetProblem, pathProblem, shorten } from '../files/fileRules';

/**
 * The rules shared by zip and folder import: which entries are junk, where the app is (the one
 * folder holding host.json), and the limits that keep a hostile or mistaken upload (a zip bomb, a
 * folder with node_modules) from swamping the page. Which names and texts an app may hold is the
 * file rules' (files/fileRules.ts), the same as for a share link or the editor.
 */

export const MAX_FILES = MAX_APP_FILES;
export const MAX_BYTES = 5 * 1024 * 1024;

/** Folders that belong to tools, not to the app; their files are never read. */
export const IGNORED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', '.vscode']);

/** What an archiver or an OS adds on its own; dropped silently, since nobody put it there. */
function isJunk(path: string): boolean {
  const segments = path.split('/');
  const base = segments[segments.length - 1] ?? '';
  return (
    segments.includes('__MACOSX') ||
    base === '.DS_Store' ||
    base === 'Thumbs.db' ||
    base === 'desktop.ini' ||
    base.startsWith('._')
  );
}

/** Paths that try to leave the folder they are unpacked into: the whole upload is refused. */
export function unsafePath(path: string): string | undefined {
  if (path.includes('\\'))
    return `'${path}' uses backslashes; zip and folder paths must use '/'. Nothing was loaded.`;
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path))
    return `'${path}' is an absolute path. Nothing was loaded.`;
  if (path.split('/').includes('..'))
    return `'${path}' points outside the app with '..'. Nothing was loaded.`;
  return undefined;
}

export interface Listed {
  /** The path as the zip or the folder gives it. */
  readonly path: string;
  /** Declared size in bytes. */
  readonly size: number;
}

export interface Plan<T extends Listed> {
  /** The app's name: its folder's name, or the fallback when the app sits at the top. */
  readonly name: string;
  /** Entries to read, with their app-relative paths. */
  readonly take: readonly { readonly entry: T; readonly path: string }[];
  readonly skipped: string[];
  readonly warnings: string[];
}

/** Decides what to load, before any content is read, so limits are checked on declared sizes. */
export function planImport<T extends Listed>(
  listed: readonly T[],
  fallbackName: string,
): Plan<T> | { error: string } {
  const files: T[] = [];
  for (const entry of listed) {
    const problem = unsafePath(entry.path);
    if (problem) return { error: problem };
    if (!entry.path.endsWith('/') && !isJunk(entry.path)) files.push(entry);
  }
  const seen = new Set<string>();
  for (const { path } of files) {
    if (seen.has(path)) return { error: `'${path}' appears twice. Nothing was loaded.` };
    seen.add(path);
  }

  const hosts = files
    .map((f) => f.path)
    .filter((p) => (p === 'host.json' || p.endsWith('/host.json')) && ignoredFolder(p) === undefined);
  if (hosts.length === 0)
    return { error: 'No host.json found: a function app has host.json in its top folder.' };
  if (hosts.length > 1)
    return {
      error: `Found ${hosts.length} apps (${hosts.sort().join(', ')}); import one app at a time.`,
    };
  const root = hosts[0]!.slice(0, -'host.json'.length);
  const name = safeName(root === '' ? fallbackName : root.slice(0, -1).split('/').pop()!);

  const take: { entry: T; path: string }[] = [];
  const skipped = new Set<string>();
  const outside: string[] = [];
  const invalid: string[] = [];
  for (const entry of files) {
    if (!entry.path.startsWith(root)) {
      const folder = ignoredFolder(entry.path);
      if (folder === undefined) outside.push(entry.path);
      else skipped.add(folder);
      continue;
    }
    const path = entry.path.slice(root.length);
    const folder = ignoredFolder(path);
    if (folder !== undefined) {
      skipped.add(folder);
      continue;
    }
    const problem = pathProblem(path);
    if (problem) {
      skipped.add(path);
      invalid.push(`Skipped '${shorten(path)}': ${problem}`);
      continue;
    }
    take.push({ entry, path });
  }

  if (take.length > MAX_FILES)
    return { error: `The app has ${take.length} files; at most ${MAX_FILES} can be loaded.` };
  const clash = fileSetProblem(take.map((t) => t.path));
  if (clash) return { error: `${clash} Nothing was loaded.` };
  const declared = take.reduce((sum, t) => sum + t.entry.size, 0);
  if (declared > MAX_BYTES)
    return { error: `The app's files add up to ${mb(declared)}; at most ${mb(MAX_BYTES)} can be loaded.` };

  const warnings: string[] = [];
  for (const folder of [...skipped].filter((s) => s.endsWith('/')))
    warnings.push(`Left out ${folder}: it belongs to tools, not to the app.`);
  warnings.push(...invalid);
  if (outside.length > 0)
    warnings.push(`Left out ${outside.length} file(s) outside the app folder: ${briefly(outside)}.`);
  return { name, take, skipped: [...skipped, ...outside], warnings };
}

export type ImportResult =
  | {
      readonly ok: true;
      /** App-relative path → text, sorted by path. */
      readonly files: Record<string, string>;
      /** A folder-safe name for the app: its folder's name, or the zip's. */
      readonly name: string;
      /** What was not loaded: app-relative paths (folders end with '/') or paths outside the app. */
      readonly skipped: string[];
      /** Sentences for the person importing, e.g. which binary files were skipped. */
      readonly warnings: string[];
    }
  | { readonly ok: false; readonly error: string };

/** Warnings about the loaded app as a whole, and the result's final shape. */
export function finish(
  name: string,
  read: { files: ReadonlyMap<string, string>; notes: readonly string[]; binary: readonly string[] },
  skipped: readonly string[],
  warnings: readonly string[],
): ImportResult {
  const { files, binary } = read;
  const notes = [...warnings, ...read.notes];
  if (binary.length > 0)
    notes.push(`Skipped ${binary.length} binary file(s) the editor cannot hold: ${briefly(binary)}.`);
  if (!files.has('local.settings.json')) notes.push('No local.settings.json: a default one will be used.');
  if (![...files.keys()].some((p) => /^[^/]+\/function\.json$/.test(p)))
    notes.push('No function folders (<name>/function.json) yet: the app has no functions.');
  // fromEntries defines own properties: a file named __proto__ stays a file.
  const sorted = Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    ok: true,
    name,
    files: sorted,
    skipped: [...skipped, ...binary].sort(),
    warnings: notes,
  };
}

/** A read file's text into `files` (a note into `notes` when it was converted), or its path into `binary`. */
export function takeFile(
  path: string,
  bytes: Uint8Array,
  into: { files: Map<string, string>; notes: string[]; binary: string[] },
): void {
  const decoded = decodeFileBytes(bytes);
  if ('binary' in decoded) {
    into.binary.push(path);
    return;
  }
  into.files.set(path, decoded.text);
  if (decoded.note) into.notes.push(`${path} ${decoded.note}.`);
}

/** A name usable as the app's folder: letters, digits, '.', '_' and '-'. */
export function safeName(name: string): string {
  const cleaned = name
    .replace(/\.zip$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return cleaned === '' ? 'app' : cleaned;
}

function ignoredFolder(path: string): string | undefined {
  const segments = path.split('/').slice(0, -1);
  const at = segments.findIndex((s) => IGNORED_FOLDERS.has(s));
  return at < 0 ? undefined : `${segments.slice(0, at + 1).join('/')}/`;
}

/** A short list for a message: the first few names, then a count. */
function briefly(names: readonly string[]): string {
  const sorted = [...names].sort();
  const shown = sorted.slice(0, 8).map(shorten).join(', ');
  return sorted.length > 8 ? `${shown} and ${sorted.length - 8} more` : shown;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
