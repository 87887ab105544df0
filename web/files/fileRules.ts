/**
 * The one set of rules for app files, whichever way they arrive: a zip or a folder, a share link
 * or file, the embed message API, the editor's "new file" and rename. Each entry point calls
 * these and words the consequence its own way (refuse the link, skip the zip entry, show the
 * form error), but what counts as a good name, a clash or text is decided here only.
 *
 * Files are keyed by name in plain records across the page; a name such as `toString` or
 * `__proto__` must never be taken for what every object inherits, so presence is asked with
 * `hasFile` / `fileText` (own properties only), never `files[path] !== undefined`.
 */

/** Longest app-relative path, as Windows tools still expect (MAX_PATH). */
export const MAX_PATH_LENGTH = 260;
/** Most files in one app. */
export const MAX_APP_FILES = 300;

type Files = Readonly<Record<string, string>>;

/** Why `path` is not a safe app-relative file path, or undefined when it is. */
export function pathProblem(path: string): string | undefined {
  if (path === '' || path.startsWith('/') || path.endsWith('/'))
    return 'A path must name a file inside the app.';
  if (path.length > MAX_PATH_LENGTH)
    return `A path may be at most ${MAX_PATH_LENGTH} characters (this one has ${path.length}).`;
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.' || segment === '..')
      return `'${shorten(path)}' has an empty, '.' or '..' segment.`;
    if (!/^[A-Za-z0-9._@ -]+$/.test(segment))
      return `'${shorten(segment)}' may only use letters, digits, '.', '_', '-', '@' and spaces.`;
    // Windows drops these when it writes the file, so 'a.js ' would become (and clash with) 'a.js'.
    if (/^ | $|\.$/.test(segment)) return `'${segment}' starts or ends with a space, or ends with a '.'.`;
  }
  return undefined;
}

/** True when `files` holds `path` itself (not something every object inherits). */
export function hasFile(files: Files, path: string): boolean {
  return Object.hasOwn(files, path);
}

/** The text of `path`, or undefined when `files` does not hold it. */
export function fileText(files: Files, path: string): string | undefined {
  return Object.hasOwn(files, path) ? files[path] : undefined;
}

/**
 * Why adding `path` next to `existing` would clash, or undefined: the same name, a name that
 * differs only in case (one file on Windows and macOS), or a file where a folder is (or the
 * reverse). `replacing` is left out of the comparison (the old name in a rename).
 */
export function clashProblem(
  existing: Iterable<string>,
  path: string,
  replacing?: string,
): string | undefined {
  const lower = path.toLowerCase();
  for (const other of existing) {
    if (other === replacing || (replacing !== undefined && other.startsWith(`${replacing}/`))) continue;
    if (other === path) return `'${path}' already exists.`;
    const otherLower = other.toLowerCase();
    if (otherLower === lower) return `'${path}' differs from '${other}' only in case.`;
    if (otherLower.startsWith(`${lower}/`)) return `'${path}' is already a folder (it holds '${other}').`;
    if (lower.startsWith(`${otherLower}/`))
      return `'${other}' is a file, so it cannot be a folder of '${path}'.`;
  }
  return undefined;
}

/** Why a whole set of paths cannot be one app (each path already good; the count is the caller's), or undefined. */
export function fileSetProblem(paths: readonly string[]): string | undefined {
  const byLower = new Map<string, string>();
  // Sorted, so the message names the same two files whatever order they came in.
  for (const path of [...paths].sort()) {
    const twin = byLower.get(path.toLowerCase());
    if (twin !== undefined) return `'${twin}' and '${path}' differ only in case.`;
    byLower.set(path.toLowerCase(), path);
  }
  for (const path of [...paths].sort()) {
    const segments = path.split('/');
    for (let i = 1; i < segments.length; i++) {
      const file = byLower.get(segments.slice(0, i).join('/').toLowerCase());
      if (file !== undefined) return `'${file}' is a file, so it cannot be a folder of '${path}'.`;
    }
  }
  return undefined;
}

/** Text as an editor writes it: no NUL or other control characters, no lone surrogates. */
export function isText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Tab, line feed, vertical tab, form feed, carriage return and escape occur in real sources.
    if (c < 0x20 && !(c >= 0x09 && c <= 0x0d) && c !== 0x1b) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/** A file's bytes as the editor's text, and a note when they were converted to get there. */
export type DecodedFile = { readonly text: string; readonly note?: string } | { readonly binary: true };

/**
 * Decodes a file's bytes: UTF-8 (a leading byte order mark is kept, so exporting writes the same
 * bytes back), or UTF-16 when a byte order mark says so, as .NET's File.ReadAllText reads it;
 * that text is kept as UTF-8 from then on, which the note says. Anything else is binary.
 */
export function decodeFileBytes(bytes: Uint8Array): DecodedFile {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : undefined;
  let text: string;
  try {
    text =
      utf16 !== undefined
        ? new TextDecoder(utf16, { fatal: true }).decode(bytes)
        : new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { binary: true };
  }
  if (!isText(text)) return { binary: true };
  if (utf16 === undefined) return { text };
  return { text, note: `was ${utf16 === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE'}; it is kept as UTF-8` };
}

/** A name or path short enough to quote in a message (a hostile one may be thousands long). */
export function shorten(text: string): string {
  // Control characters are shown as escapes: a raw NUL or escape code in a notice helps nobody.
  const shown = text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return shown.length > 80 ? `${shown.slice(0, 60)}…${shown.slice(-12)}` : shown;
}
