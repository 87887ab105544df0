import { HttpError } from './httpResponses';

const MAX_PATH_LENGTH = 1024;
const MAX_FILES = 5000;

/**
 * Whether `path` is a plain app-relative file path: '/'-separated names, no absolute path, no
 * drive, no '.' or '..' step, no backslash (a separator on Windows), no control character (NUL
 * cuts a path short in C), no ':' (drives, and alternate streams on NTFS). Returns why not.
 */
export function appPathProblem(path: string): string | undefined {
  if (path.length === 0) return 'is empty';
  if (path.length > MAX_PATH_LENGTH) return `is longer than ${MAX_PATH_LENGTH} characters`;
  if (path.startsWith('/')) return 'is absolute';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'holds a control character';
  if (path.includes('\\')) return 'holds a backslash';
  if (path.includes(':')) return 'holds a colon';
  for (const segment of path.split('/')) {
    if (segment === '') return 'has an empty step';
    if (segment === '.' || segment === '..') return `has a "${segment}" step`;
  }
  return undefined;
}

export interface FileSync {
  readonly write: ReadonlyMap<string, string>;
  readonly remove: readonly string[];
}

/** Checks a sync body `{write?: {path: text}, remove?: [path]}` whole, before anything is written. */
export function parseFileSync(body: unknown): FileSync {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, 'Expected {"write": {path: text}, "remove": [path]}.');
  const { write = {}, remove = [] } = body as { write?: unknown; remove?: unknown };
  if (typeof write !== 'object' || write === null || Array.isArray(write))
    throw new HttpError(400, '"write" must be an object of path → text.');
  if (!Array.isArray(remove)) throw new HttpError(400, '"remove" must be an array of paths.');
  const entries = Object.entries(write as Record<string, unknown>);
  if (entries.length + remove.length > MAX_FILES)
    throw new HttpError(400, `At most ${MAX_FILES} files may change at once.`);
  const files = new Map<string, string>();
  for (const [path, text] of entries) {
    checkPath(path);
    if (typeof text !== 'string') throw new HttpError(400, `The content of "${path}" must be a string.`);
    files.set(path, text);
  }
  for (const path of remove as unknown[]) {
    if (typeof path !== 'string') throw new HttpError(400, '"remove" must hold strings only.');
    checkPath(path);
  }
  return { write: files, remove: remove as string[] };
}

function checkPath(path: string): void {
  const problem = appPathProblem(path);
  // JSON.stringify shows the path as given, control characters and all, without echoing them raw.
  if (problem) throw new HttpError(400, `Refused path ${JSON.stringify(path)}: it ${problem}.`);
}
