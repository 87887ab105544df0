import { lstat, mkdir, realpath, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { FileSync } from './appPaths';
import { HttpError } from './httpResponses';

/**
 * Applies a checked sync to the app folder `root` (a real path). The paths are already plain
 * relative ones; the folder is also checked after resolving links, because the user's own code
 * runs in it and may have made a link that points out of it.
 */
export async function applyFileSync(root: string, sync: FileSync): Promise<void> {
  for (const path of sync.remove) {
    const target = join(root, path);
    await ensureInside(root, dirname(target), path, false);
    await rm(target, { force: true, recursive: true });
    await pruneEmptyFolders(root, dirname(target));
  }
  for (const [path, text] of sync.write) {
    const target = join(root, path);
    await ensureInside(root, dirname(target), path, true);
    // Writing through a link would write wherever it points: replace the link instead.
    const existing = await lstat(target).catch(() => undefined);
    if (existing?.isSymbolicLink()) await rm(target);
    try {
      await writeFile(target, text);
    } catch (e) {
      throw new HttpError(409, `Cannot write "${path}": ${(e as NodeJS.ErrnoException).code ?? 'error'}.`);
    }
  }
}

/**
 * Checks that `folder` lies inside `root` once links are resolved, and only then (when `create`)
 * makes the folders it lacks: the deepest part that exists already is resolved first, so a link
 * out of the app folder (even a dangling one) is refused before anything is created through it.
 */
async function ensureInside(root: string, folder: string, path: string, create: boolean): Promise<void> {
  try {
    let existing = folder;
    while (existing !== root && !(await lstat(existing).catch(() => undefined))) existing = dirname(existing);
    // realpath fails on a dangling link: it points somewhere that cannot be vouched for.
    const real = await realpath(existing).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    });
    if (real === undefined && !create) return; // nothing there to remove
    if (real === undefined || !isInside(root, real)) throw outside(path);
    if (!create || existing === folder) return;
    await mkdir(folder, { recursive: true });
    // Made under a folder checked just now; checked again in case a link was swapped in meanwhile.
    if (!isInside(root, await realpath(folder))) throw outside(path);
  } catch (e) {
    if (e instanceof HttpError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new HttpError(409, `Cannot write "${path}": ${code ?? 'error'}.`);
  }
}

const isInside = (root: string, real: string) => real === root || real.startsWith(root + sep);

function outside(path: string): HttpError {
  return new HttpError(400, `Refused path ${JSON.stringify(path)}: it leads out of the app folder.`);
}

/** Removes folders left empty by a removal, so the folder holds exactly the synced files. */
async function pruneEmptyFolders(root: string, folder: string): Promise<void> {
  let current = folder;
  while (current !== root && relative(root, current) && !relative(root, current).startsWith('..')) {
    try {
      await rmdir(current);
    } catch {
      return; // not empty, or already gone
    }
    current = dirname(current);
  }
}
