import { compareNames } from './nameOrder';

/** A file or folder in the app, as the file tree shows it. */
export interface TreeNode {
  readonly name: string;
  /** App-relative path, '/'-separated. */
  readonly path: string;
  readonly kind: 'file' | 'folder';
  readonly children: readonly TreeNode[];
}

interface MutableFolder {
  readonly folders: Map<string, MutableFolder>;
  readonly files: Set<string>;
}

const byName = (a: string, b: string) => compareNames(a, b) || (a < b ? -1 : 1);

/** Builds the folder tree of a set of paths: folders first, then files, each sorted by name. */
export function buildTree(paths: Iterable<string>): TreeNode[] {
  const root: MutableFolder = { folders: new Map(), files: new Set() };
  for (const path of paths) {
    const parts = path.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      let next = folder.folders.get(part);
      if (!next) folder.folders.set(part, (next = { folders: new Map(), files: new Set() }));
      folder = next;
    }
    folder.files.add(parts[parts.length - 1]!);
  }
  const toNodes = (folder: MutableFolder, prefix: string): TreeNode[] => [
    ...[...folder.folders.keys()].sort(byName).map((name) => ({
      name,
      path: prefix + name,
      kind: 'folder' as const,
      children: toNodes(folder.folders.get(name)!, `${prefix}${name}/`),
    })),
    ...[...folder.files].sort(byName).map((name) => ({
      name,
      path: prefix + name,
      kind: 'file' as const,
      children: [],
    })),
  ];
  return toNodes(root, '');
}

/** Whether `path` is `folder` itself or inside it. */
export function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`);
}

/** Top-level folders holding a function.json: the app's functions. */
export function functionFolders(paths: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const path of paths) {
    const match = /^([^/]+)\/function\.json$/.exec(path);
    if (match) out.add(match[1]!);
  }
  return out;
}

/**
 * The worst problem of each path, set on every folder above it too, so a collapsed folder shows
 * it: 'error' wins over 'warning'.
 */
export function problemLevels(
  problems: Iterable<{ readonly file: string; readonly severity: 'error' | 'warning' }>,
): Map<string, 'error' | 'warning'> {
  const out = new Map<string, 'error' | 'warning'>();
  for (const { file, severity } of problems) {
    const parts = file.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const path = parts.slice(0, i).join('/');
      if (out.get(path) !== 'error') out.set(path, severity);
    }
  }
  return out;
}
