import type { DirEnt, FileSystemTree } from '@webcontainer/api';

/**
 * The test double's file system: the part of `@webcontainer/api`'s `fs` (and `mount`) that the
 * WebContainer engine uses, in memory, failing where Node's `fs.promises` fails (ENOENT, EISDIR,
 * ENOTDIR, ENOTEMPTY, EEXIST), because the engine's sync logic exists to avoid exactly those.
 * Paths are relative to the workdir, or absolute under it (`/home/<workdirName>/…`). Text only:
 * the playground writes nothing else.
 */
export class MemoryFileSystem {
  /** Normalised path → the file's text, or DIRECTORY. The workdir itself is ''. */
  private readonly entries = new Map<string, string | typeof DIRECTORY>([['', DIRECTORY]]);
  private readonly changeListeners = new Set<() => void>();

  constructor(readonly workdir: string) {}

  /** Called after every change, synchronously, before the operation's promise settles. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  async readFile(path: string, encoding?: string | null): Promise<string | Uint8Array> {
    const at = this.resolve(path);
    const entry = this.entries.get(at);
    if (entry === undefined) throw fsError('ENOENT', 'open', path);
    if (entry === DIRECTORY) throw fsError('EISDIR', 'read', path);
    return encoding ? entry : new TextEncoder().encode(entry);
  }

  async writeFile(path: string, data: string | Uint8Array): Promise<void> {
    const at = this.resolve(path);
    this.requireParentFolder(at, 'open', path);
    if (this.entries.get(at) === DIRECTORY) throw fsError('EISDIR', 'open', path);
    this.entries.set(at, typeof data === 'string' ? data : new TextDecoder().decode(data));
    this.changed();
  }

  async mkdir(path: string, options?: { recursive?: boolean }): Promise<string | undefined> {
    const at = this.resolve(path);
    const existing = this.entries.get(at);
    if (existing !== undefined) {
      if (options?.recursive && existing === DIRECTORY) return undefined;
      throw fsError(existing === DIRECTORY ? 'EEXIST' : 'ENOTDIR', 'mkdir', path);
    }
    if (!options?.recursive) {
      this.requireParentFolder(at, 'mkdir', path);
      this.entries.set(at, DIRECTORY);
      this.changed();
      return undefined;
    }
    const segments = at.split('/');
    let first: string | undefined;
    segments.forEach((_, i) => {
      const prefix = segments.slice(0, i + 1).join('/');
      const entry = this.entries.get(prefix);
      if (entry === undefined) {
        this.entries.set(prefix, DIRECTORY);
        first ??= prefix;
      } else if (entry !== DIRECTORY) throw fsError('ENOTDIR', 'mkdir', path);
    });
    this.changed();
    return first;
  }

  async rm(path: string, options?: { force?: boolean; recursive?: boolean }): Promise<void> {
    const at = this.resolve(path);
    const entry = this.entries.get(at);
    if (entry === undefined) {
      if (options?.force) return;
      throw fsError('ENOENT', 'rm', path);
    }
    if (at === '') throw fsError('EPERM', 'rm', path);
    if (entry === DIRECTORY && !options?.recursive) throw fsError('ERR_FS_EISDIR', 'rm', path);
    for (const key of [...this.entries.keys()])
      if (key === at || key.startsWith(`${at}/`)) this.entries.delete(key);
    this.changed();
  }

  async readdir(path: string, options?: { withFileTypes?: boolean } | string | null): Promise<unknown[]> {
    const at = this.resolve(path);
    const entry = this.entries.get(at);
    if (entry === undefined) throw fsError('ENOENT', 'scandir', path);
    if (entry !== DIRECTORY) throw fsError('ENOTDIR', 'scandir', path);
    const prefix = at === '' ? '' : `${at}/`;
    const names = [...this.entries.keys()]
      .filter((key) => key !== at && key.startsWith(prefix) && !key.slice(prefix.length).includes('/'))
      .map((key) => key.slice(prefix.length))
      .sort();
    if (typeof options !== 'object' || !options?.withFileTypes) return names;
    return names.map((name): DirEnt<string> => {
      const isDirectory = this.entries.get(`${prefix}${name}`) === DIRECTORY;
      return { name, isFile: () => !isDirectory, isDirectory: () => isDirectory };
    });
  }

  async rename(oldPath: string, newPath: string): Promise<void> {
    const from = this.resolve(oldPath);
    const to = this.resolve(newPath);
    const entry = this.entries.get(from);
    if (entry === undefined) throw fsError('ENOENT', 'rename', oldPath);
    this.requireParentFolder(to, 'rename', newPath);
    const target = this.entries.get(to);
    if (target === DIRECTORY && entry !== DIRECTORY) throw fsError('EISDIR', 'rename', newPath);
    if (target === DIRECTORY && this.holdsAnything(to)) throw fsError('ENOTEMPTY', 'rename', newPath);
    if (target !== undefined && target !== DIRECTORY && entry === DIRECTORY)
      throw fsError('ENOTDIR', 'rename', newPath);
    const moved = [...this.entries].filter(([key]) => key === from || key.startsWith(`${from}/`));
    for (const [key] of moved) this.entries.delete(key);
    for (const [key, value] of moved) this.entries.set(to + key.slice(from.length), value);
    this.changed();
  }

  /** `mount(tree)` at the workdir (or under `mountPoint`): merges, as the library's mount does. */
  mount(tree: FileSystemTree, mountPoint = ''): void {
    const base = this.resolve(mountPoint);
    if (this.entries.get(base) !== DIRECTORY) throw fsError('ENOENT', 'mount', mountPoint);
    const walk = (node: FileSystemTree, at: string) => {
      // As the library copies the tree into plain objects: inherited names are not entries, and
      // a `__proto__` entry sets the copy's prototype instead of adding a file, so it is lost.
      for (const name of Object.keys(node)) {
        if (name === '__proto__') continue;
        const child = node[name]!;
        const path = at === '' ? name : `${at}/${name}`;
        if ('directory' in child) {
          if (this.entries.get(path) === undefined) this.entries.set(path, DIRECTORY);
          else if (this.entries.get(path) !== DIRECTORY) throw fsError('ENOTDIR', 'mount', path);
          walk(child.directory, path);
        } else if ('contents' in child.file) {
          const { contents } = child.file;
          if (this.entries.get(path) === DIRECTORY) throw fsError('EISDIR', 'mount', path);
          this.entries.set(
            path,
            typeof contents === 'string' ? contents : new TextDecoder().decode(contents),
          );
        } else {
          throw new Error(`The WebContainer double does not model symlinks (${path}).`);
        }
      }
    };
    walk(tree, base);
    this.changed();
  }

  /** The files under `folder` by path relative to it (what the host reads as its app folder). */
  filesUnder(folder: string): Map<string, string> {
    const at = this.resolve(folder);
    const prefix = at === '' ? '' : `${at}/`;
    const files = new Map<string, string>();
    for (const [key, value] of this.entries) {
      if (value !== DIRECTORY && key.startsWith(prefix)) files.set(key.slice(prefix.length), value);
    }
    return files;
  }

  exists(path: string): boolean {
    return this.entries.has(this.resolve(path));
  }

  isFile(path: string): boolean {
    const entry = this.entries.get(this.resolve(path));
    return entry !== undefined && entry !== DIRECTORY;
  }

  /** Relative to the workdir; `..` may not leave it (the library's fs is scoped to it). */
  resolve(path: string, from = ''): string {
    const absolute = path.startsWith('/');
    if (absolute && path !== this.workdir && !path.startsWith(`${this.workdir}/`)) {
      throw fsError('EACCES', 'resolve', path);
    }
    const relative = absolute ? path.slice(this.workdir.length) : `${from}/${path}`;
    const out: string[] = [];
    for (const segment of relative.split('/')) {
      if (segment === '' || segment === '.') continue;
      if (segment === '..') {
        if (out.pop() === undefined) throw fsError('EACCES', 'resolve', path);
      } else out.push(segment);
    }
    return out.join('/');
  }

  private requireParentFolder(at: string, op: string, path: string): void {
    const parent = at.slice(0, Math.max(0, at.lastIndexOf('/')));
    const entry = this.entries.get(parent);
    if (entry === undefined) throw fsError('ENOENT', op, path);
    if (entry !== DIRECTORY) throw fsError('ENOTDIR', op, path);
  }

  private holdsAnything(folder: string): boolean {
    for (const key of this.entries.keys()) if (key.startsWith(`${folder}/`)) return true;
    return false;
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }
}

const DIRECTORY = Symbol('directory');

/** Errors shaped as Node's: the message starts with the code, and `code` says it. */
function fsError(code: string, op: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${op} '${path}'`), { code });
}
