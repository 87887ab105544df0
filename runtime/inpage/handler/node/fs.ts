// `fs` and `fs/promises` for a handler in the page: the app's own files, as the handler process
// sees its folder under Node. Handlers read their files (a page to serve, a JSON of data, their
// package.json) far more than anything else, so reading is whole. Writes work too, and later
// reads see them, but they stay in this handler process's memory: the editor's files are what
// the person saved, and a restart starts again from them (docs/deviations.md).
import { describeReceived } from '../nodeErrors';
import { Buffer, path, stream } from '../polyfills';
import { fileURLToPath } from './fileUrl';

export interface FsContext {
  /** The app's files by absolute path, as the handler was started with them. */
  readonly files: ReadonlyMap<string, string>;
  readonly cwd: () => string;
  readonly nextTick: (callback: () => void) => void;
}

/** Node's error numbers (Linux) for the codes used here. */
const ERRNO = { ENOENT: -2, EISDIR: -21, ENOTDIR: -20, EEXIST: -17, ENOTEMPTY: -39, EINVAL: -22 } as const;
const DESCRIPTION = {
  ENOENT: 'no such file or directory',
  EISDIR: 'illegal operation on a directory',
  ENOTDIR: 'not a directory',
  EEXIST: 'file already exists',
  ENOTEMPTY: 'directory not empty',
  EINVAL: 'invalid argument',
} as const;
type Code = keyof typeof ERRNO;

/** Node's shape for a failed call: `ENOENT: no such file or directory, open '/app/x'`, errno, code, syscall, path. */
function fsError(code: Code, syscall: string, file?: string, dest?: string): Error {
  const where = file === undefined ? '' : ` '${file}'${dest === undefined ? '' : ` -> '${dest}'`}`;
  const error = new Error(`${code}: ${DESCRIPTION[code]}, ${syscall}${where}`);
  return Object.assign(error, {
    errno: ERRNO[code],
    code,
    syscall,
    ...(file !== undefined && { path: file }),
    ...(dest !== undefined && { dest }),
  });
}

const FILE_MODE = 0o100644;
const DIR_MODE = 0o40755;

/** What the app's files never are: links, devices, pipes or sockets. */
abstract class PlainEntry {
  abstract isFile(): boolean;
  abstract isDirectory(): boolean;
  isSymbolicLink() {
    return false;
  }
  isBlockDevice() {
    return false;
  }
  isCharacterDevice() {
    return false;
  }
  isFIFO() {
    return false;
  }
  isSocket() {
    return false;
  }
}

class Stats extends PlainEntry {
  readonly dev = 1;
  readonly nlink = 1;
  readonly uid = 1000;
  readonly gid = 1000;
  readonly rdev = 0;
  readonly blksize = 4096;
  readonly blocks: number;
  readonly atimeMs: number;
  readonly ctimeMs: number;
  readonly birthtimeMs: number;
  readonly atime: Date;
  readonly mtime: Date;
  readonly ctime: Date;
  readonly birthtime: Date;
  constructor(
    readonly mode: number,
    readonly size: number,
    readonly ino: number,
    readonly mtimeMs: number,
  ) {
    super();
    this.blocks = Math.ceil(size / 512);
    this.atimeMs = this.ctimeMs = this.birthtimeMs = mtimeMs;
    this.atime = new Date(mtimeMs);
    this.mtime = new Date(mtimeMs);
    this.ctime = new Date(mtimeMs);
    this.birthtime = new Date(mtimeMs);
  }
  isFile() {
    return (this.mode & 0o170000) === 0o100000;
  }
  isDirectory() {
    return (this.mode & 0o170000) === 0o40000;
  }
}

class Dirent extends PlainEntry {
  constructor(
    readonly name: string,
    readonly parentPath: string,
    private readonly directory: boolean,
  ) {
    super();
  }
  get path() {
    return this.parentPath;
  }
  isFile() {
    return !this.directory;
  }
  isDirectory() {
    return this.directory;
  }
}

type PathLike = string | URL | Uint8Array;
type Options = string | { readonly encoding?: string | null; readonly flag?: string } | null | undefined;
interface Entry {
  bytes: Uint8Array;
  mtimeMs: number;
  readonly ino: number;
}

const encodingOf = (options: Options): string | undefined =>
  (typeof options === 'string' ? options : (options?.encoding ?? undefined)) || undefined;

/** The files and folders of one handler process, and Node's `fs` over them. */
export function createFsModule(context: FsContext) {
  const started = Date.now();
  let nextIno = 1;
  const entries = new Map<string, Entry>();
  const folders = new Map<string, { readonly ino: number; mtimeMs: number }>();
  const addFolders = (file: string) => {
    for (let dir = path.dirname(file); !folders.has(dir); dir = path.dirname(dir)) {
      folders.set(dir, { ino: nextIno++, mtimeMs: started });
      if (dir === '/') break;
    }
  };
  folders.set('/', { ino: nextIno++, mtimeMs: started });
  for (const [file, text] of context.files) {
    entries.set(file, { bytes: Buffer.from(text, 'utf8'), mtimeMs: started, ino: nextIno++ });
    addFolders(file);
  }
  addFolders(path.join(context.cwd(), '.'));

  /** The path each absolute path was last given as: Node's errors name it so (relative stays relative). */
  const given = new Map<string, string>();
  const resolve = (target: PathLike): string => {
    let text: string;
    if (target instanceof URL) text = fileURLToPath(target);
    else if (typeof target === 'string') text = target;
    else if (ArrayBuffer.isView(target)) text = Buffer.from(target).toString('utf8');
    else {
      throw Object.assign(
        new TypeError(
          `The "path" argument must be of type string or an instance of Buffer or URL. ${describeReceived(target)}`,
        ),
        { code: 'ERR_INVALID_ARG_TYPE' },
      );
    }
    const file = path.resolve(context.cwd(), text);
    if (given.size > 1000) given.clear();
    given.set(file, text);
    return file;
  };
  const fail = (code: Code, syscall: string, file?: string, dest?: string) =>
    fsError(
      code,
      syscall,
      file === undefined ? undefined : (given.get(file) ?? file),
      dest === undefined ? undefined : (given.get(dest) ?? dest),
    );

  const parentMustBeFolder = (file: string, syscall: string) => {
    const parent = path.dirname(file);
    if (folders.has(parent)) return;
    throw fail(entries.has(parent) ? 'ENOTDIR' : 'ENOENT', syscall, file);
  };
  const read = (target: PathLike): Entry => {
    const file = resolve(target);
    const entry = entries.get(file);
    if (entry) return entry;
    if (folders.has(file)) throw fail('EISDIR', 'read');
    throw fail('ENOENT', 'open', file);
  };
  const toBytes = (data: unknown, options: Options): Uint8Array => {
    if (typeof data === 'string') return Buffer.from(data, (encodingOf(options) ?? 'utf8') as BufferEncoding);
    if (ArrayBuffer.isView(data))
      return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
    throw Object.assign(
      new TypeError(
        'The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView.',
      ),
      { code: 'ERR_INVALID_ARG_TYPE' },
    );
  };
  const write = (target: PathLike, bytes: Uint8Array, append: boolean) => {
    const file = resolve(target);
    if (folders.has(file)) throw fail('EISDIR', 'open', file);
    parentMustBeFolder(file, 'open');
    const now = Date.now();
    const old = entries.get(file);
    if (old && append) {
      const joined = new Uint8Array(old.bytes.length + bytes.length);
      joined.set(old.bytes);
      joined.set(bytes, old.bytes.length);
      old.bytes = joined;
      old.mtimeMs = now;
    } else if (old) {
      old.bytes = bytes;
      old.mtimeMs = now;
    } else entries.set(file, { bytes, mtimeMs: now, ino: nextIno++ });
  };
  const children = (dir: string): { name: string; folder: boolean }[] => {
    const prefix = dir === '/' ? '/' : `${dir}/`;
    const found = new Map<string, boolean>();
    for (const file of entries.keys()) {
      if (file.startsWith(prefix) && !file.slice(prefix.length).includes('/'))
        found.set(file.slice(prefix.length), false);
    }
    for (const folder of folders.keys()) {
      if (folder !== dir && folder.startsWith(prefix) && !folder.slice(prefix.length).includes('/')) {
        found.set(folder.slice(prefix.length), true);
      }
    }
    return [...found]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, folder]) => ({ name, folder }));
  };
  const remove = (file: string) => {
    const prefix = `${file}/`;
    for (const key of [...entries.keys()]) if (key.startsWith(prefix)) entries.delete(key);
    for (const key of [...folders.keys()]) if (key === file || key.startsWith(prefix)) folders.delete(key);
    entries.delete(file);
  };

  const sync = {
    existsSync(target: PathLike): boolean {
      try {
        const file = resolve(target);
        return entries.has(file) || folders.has(file);
      } catch {
        return false;
      }
    },
    readFileSync(target: PathLike | number, options?: Options): Buffer | string {
      if (typeof target === 'number') throw fail('EINVAL', 'read');
      const bytes = Buffer.from(read(target).bytes);
      const encoding = encodingOf(options);
      return encoding ? bytes.toString(encoding as BufferEncoding) : bytes;
    },
    writeFileSync(target: PathLike, data: unknown, options?: Options): void {
      const flag = typeof options === 'object' && options !== null ? options.flag : undefined;
      write(target, toBytes(data, options), flag?.startsWith('a') ?? false);
    },
    appendFileSync(target: PathLike, data: unknown, options?: Options): void {
      write(target, toBytes(data, options), true);
    },
    statSync(target: PathLike, options?: { readonly throwIfNoEntry?: boolean }): Stats | undefined {
      const file = resolve(target);
      const entry = entries.get(file);
      if (entry) return new Stats(FILE_MODE, entry.bytes.length, entry.ino, entry.mtimeMs);
      const folder = folders.get(file);
      if (folder) return new Stats(DIR_MODE, 4096, folder.ino, folder.mtimeMs);
      if (options?.throwIfNoEntry === false) return undefined;
      throw fail('ENOENT', 'stat', file);
    },
    lstatSync(target: PathLike, options?: { readonly throwIfNoEntry?: boolean }): Stats | undefined {
      try {
        return sync.statSync(target, options);
      } catch (e) {
        throw Object.assign(e as Error, {
          message: (e as Error).message.replace(', stat ', ', lstat '),
          syscall: 'lstat',
        });
      }
    },
    readdirSync(
      target: PathLike,
      options?: Options | { readonly withFileTypes?: boolean },
    ): (string | Dirent)[] {
      const dir = resolve(target);
      if (!folders.has(dir)) throw fail(entries.has(dir) ? 'ENOTDIR' : 'ENOENT', 'scandir', dir);
      const list = children(dir);
      if (
        typeof options === 'object' &&
        options !== null &&
        'withFileTypes' in options &&
        options.withFileTypes
      ) {
        return list.map(({ name, folder }) => new Dirent(name, dir, folder));
      }
      return list.map(({ name }) => name);
    },
    mkdirSync(target: PathLike, options?: number | { readonly recursive?: boolean }): string | undefined {
      const dir = resolve(target);
      const recursive = typeof options === 'object' && options !== null && options.recursive === true;
      if (entries.has(dir)) throw fail('EEXIST', 'mkdir', dir);
      if (folders.has(dir)) {
        if (recursive) return undefined;
        throw fail('EEXIST', 'mkdir', dir);
      }
      if (!recursive) {
        parentMustBeFolder(dir, 'mkdir');
        folders.set(dir, { ino: nextIno++, mtimeMs: Date.now() });
        return undefined;
      }
      // The first folder made, as Node returns it: the given path cut to that folder.
      let first = given.get(dir) ?? dir;
      for (let at = dir; !folders.has(path.dirname(at)); at = path.dirname(at)) {
        if (entries.has(path.dirname(at))) throw fail('ENOTDIR', 'mkdir', dir);
        first = path.dirname(first);
      }
      addFolders(path.join(dir, 'x'));
      return first;
    },
    unlinkSync(target: PathLike): void {
      const file = resolve(target);
      if (folders.has(file)) throw fail('EISDIR', 'unlink', file);
      if (!entries.delete(file)) throw fail('ENOENT', 'unlink', file);
    },
    rmSync(target: PathLike, options?: { readonly recursive?: boolean; readonly force?: boolean }): void {
      const file = resolve(target);
      if (folders.has(file)) {
        if (!options?.recursive)
          throw Object.assign(new Error(`Path is a directory: rm returned EISDIR (is a directory) ${file}`), {
            code: 'ERR_FS_EISDIR',
          });
        remove(file);
      } else if (entries.has(file)) entries.delete(file);
      else if (!options?.force) throw fail('ENOENT', 'stat', file);
    },
    rmdirSync(target: PathLike, options?: { readonly recursive?: boolean }): void {
      const dir = resolve(target);
      if (entries.has(dir)) throw fail('ENOTDIR', 'rmdir', dir);
      if (!folders.has(dir)) throw fail('ENOENT', 'rmdir', dir);
      if (!options?.recursive && children(dir).length > 0) throw fail('ENOTEMPTY', 'rmdir', dir);
      remove(dir);
    },
    renameSync(from: PathLike, to: PathLike): void {
      const source = resolve(from);
      const dest = resolve(to);
      const entry = entries.get(source);
      if (!entry) throw fail('ENOENT', 'rename', source, dest);
      if (folders.has(dest)) throw fail('EISDIR', 'rename', source, dest);
      if (!folders.has(path.dirname(dest))) throw fail('ENOENT', 'rename', source, dest);
      entries.delete(source);
      entries.set(dest, entry);
    },
    copyFileSync(from: PathLike, to: PathLike): void {
      const source = resolve(from);
      const entry = entries.get(source);
      if (!entry) throw fail(folders.has(source) ? 'EISDIR' : 'ENOENT', 'copyfile', source, resolve(to));
      write(to, entry.bytes.slice(), false);
    },
    accessSync(target: PathLike): void {
      const file = resolve(target);
      if (!entries.has(file) && !folders.has(file)) throw fail('ENOENT', 'access', file);
    },
    realpathSync(target: PathLike): string {
      const file = resolve(target);
      if (!entries.has(file) && !folders.has(file)) throw fail('ENOENT', 'lstat', file);
      return file;
    },
  };
  (sync.realpathSync as unknown as { native: unknown }).native = sync.realpathSync;

  /** The same call, answered on a later turn: a callback (err, value) or a promise. */
  const later = <A extends unknown[], R>(call: (...args: A) => R) => ({
    callback: (...args: unknown[]) => {
      const callback = args.pop();
      if (typeof callback !== 'function') {
        throw Object.assign(
          new TypeError(`The "cb" argument must be of type function. Received ${typeof callback}`),
          {
            code: 'ERR_INVALID_ARG_TYPE',
          },
        );
      }
      let result: R;
      try {
        result = call(...(args as A));
      } catch (error) {
        context.nextTick(() => callback(error));
        return;
      }
      context.nextTick(() => callback(null, result));
    },
    promise: (...args: A): Promise<R> =>
      new Promise<R>((resolvePromise, reject) => {
        try {
          const result = call(...args);
          context.nextTick(() => resolvePromise(result));
        } catch (error) {
          context.nextTick(() => reject(error));
        }
      }),
  });
  const pairs = {
    readFile: later(sync.readFileSync),
    writeFile: later(sync.writeFileSync),
    appendFile: later(sync.appendFileSync),
    stat: later(sync.statSync),
    lstat: later(sync.lstatSync),
    readdir: later(sync.readdirSync),
    mkdir: later(sync.mkdirSync),
    unlink: later(sync.unlinkSync),
    rm: later(sync.rmSync),
    rmdir: later(sync.rmdirSync),
    rename: later(sync.renameSync),
    copyFile: later(sync.copyFileSync),
    access: later(sync.accessSync),
    realpath: later(sync.realpathSync),
  };
  const callbacks = Object.fromEntries(Object.entries(pairs).map(([name, pair]) => [name, pair.callback]));
  const promises = Object.fromEntries(Object.entries(pairs).map(([name, pair]) => [name, pair.promise]));
  const constants = { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, COPYFILE_EXCL: 1 };

  const createReadStream = (
    target: PathLike,
    options?: Options & { readonly start?: number; readonly end?: number; readonly highWaterMark?: number },
  ) => {
    const encoding = encodingOf(options);
    const opts = typeof options === 'object' && options !== null ? options : {};
    const chunkSize = (opts as { highWaterMark?: number }).highWaterMark ?? 64 * 1024;
    let at = (opts as { start?: number }).start ?? 0;
    // Opened at once, as Node opens the file when the stream is made: a missing file is an
    // 'error' event even for a stream nobody reads yet.
    let bytes: Uint8Array | undefined;
    let failure: unknown;
    try {
      bytes = read(target).bytes;
    } catch (error) {
      failure = error;
    }
    const readable = new stream.Readable({
      read() {
        if (!bytes) return;
        const end = Math.min(bytes.length, ((opts as { end?: number }).end ?? Infinity) + 1);
        if (at >= end) {
          this.push(null);
          return;
        }
        const chunk = Buffer.from(bytes.subarray(at, Math.min(end, at + chunkSize)));
        at += chunk.length;
        this.push(encoding ? chunk.toString(encoding as BufferEncoding) : chunk);
      },
    });
    if (failure) context.nextTick(() => readable.destroy(failure as Error));
    return Object.assign(readable, { path: typeof target === 'string' ? target : resolve(target) });
  };
  const createWriteStream = (target: PathLike, options?: Options) => {
    const flag = typeof options === 'object' && options !== null ? options.flag : undefined;
    let opened = false;
    const writable = new stream.Writable({
      write(chunk: Uint8Array | string, encoding: string, done: (error?: Error | null) => void) {
        try {
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding as BufferEncoding) : chunk;
          write(target, bytes, opened || (flag?.startsWith('a') ?? false));
          opened = true;
          done();
        } catch (error) {
          done(error as Error);
        }
      },
    });
    return Object.assign(writable, { path: typeof target === 'string' ? target : resolve(target) });
  };

  const fs = {
    ...sync,
    ...callbacks,
    exists: (target: PathLike, callback: (exists: boolean) => void) => {
      const found = sync.existsSync(target);
      context.nextTick(() => callback(found));
    },
    createReadStream,
    createWriteStream,
    promises: { ...promises, constants },
    constants,
    Stats,
    Dirent,
  };
  return fs;
}
