import type { AppFiles } from '../../core/app/appModel';

/** Where the app folder appears to the host and the handler (process.cwd(), paths in messages). */
export const APP_ROOT = '/app';

/**
 * The app folder as the page last sent it: app-relative '/'-separated paths to text. Reads are
 * answered from memory; the page replaces the whole map on every sync.
 */
export class AppFileMap {
  private files = new Map<string, string>();

  constructor(readonly root: string = APP_ROOT) {}

  replace(files: Readonly<Record<string, string>>): void {
    this.files = new Map(Object.entries(files));
  }

  /** A copy for a handler start, so later syncs do not change what a running handler sees. */
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.files);
  }

  /** The app-relative path of an absolute one under the root, or undefined outside it. */
  relative(path: string): string | undefined {
    const normal = normalize(path);
    const prefix = this.root.endsWith('/') ? this.root : `${this.root}/`;
    return normal.startsWith(prefix) ? normal.slice(prefix.length) : undefined;
  }

  /** True for a file; false for a folder or nothing, as `File.Exists`. */
  fileExists(path: string): boolean {
    const relative = this.relative(path);
    return relative !== undefined && this.files.has(relative);
  }

  readText(path: string): string | undefined {
    const relative = this.relative(path);
    return relative === undefined ? undefined : this.files.get(relative);
  }

  /** host.json, local.settings.json and each top-level `<folder>/function.json`, as on disk. */
  readAppFiles(appRoot: string): AppFiles {
    const read = (name: string) => this.readText(`${appRoot}/${name}`);
    const hostJson = read('host.json');
    const localSettingsJson = read('local.settings.json');
    const folders = new Set<string>();
    for (const path of this.files.keys()) {
      const slash = path.indexOf('/');
      if (slash > 0) folders.add(path.slice(0, slash));
    }
    const functionFolders = [...folders]
      // The Node platform skips hidden folders and node_modules too.
      .filter((name) => !name.startsWith('.') && name !== 'node_modules')
      .flatMap((name) => {
        const functionJson = read(`${name}/function.json`);
        return functionJson === undefined ? [] : [{ name, functionJson }];
      });
    return {
      ...(hostJson !== undefined && { hostJson }),
      ...(localSettingsJson !== undefined && { localSettingsJson }),
      functionFolders,
    };
  }
}

/** Resolves `.`, `..` and repeated slashes in an absolute POSIX path. */
export function normalize(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}`;
}

/** `path.posix.resolve(from, path)` for the two-argument case. */
export function resolvePath(from: string, path: string): string {
  return normalize(path.startsWith('/') ? path : `${from}/${path}`);
}
