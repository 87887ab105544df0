import { lstat, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Each server run's temp folder is `<temp>/fchp-local-XXXXXX`, holding its app folders. */
export const SERVER_FOLDER_PREFIX = 'fchp-local-';
/** mkdtemp's six random characters: anything else under that prefix is not a server's. */
const SERVER_FOLDER = /^fchp-local-[A-Za-z0-9]{6}$/;
const OWNER_FILE = 'server.pid';
/**
 * A folder without an owner file is a server's between creating and marking it, or one of a
 * server from before the marks, which may still be running: only a day-old one is surely stale.
 */
const UNMARKED_GRACE_MS = 24 * 60 * 60_000;

/** Records which process owns a server folder, so a later run can tell whether it is stale. */
export async function markServerFolder(root: string): Promise<void> {
  await writeFile(join(root, OWNER_FILE), `${process.pid}\n`);
}

/**
 * Removes the temp folders of servers that died without cleaning up (SIGKILL, a crash, a power
 * cut): their owner process is gone. Folders of live servers, other users' folders and anything
 * not ours are left alone. Returns the folders removed.
 */
export async function sweepStaleServerFolders(tempDir: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  const entries = await readdir(tempDir).catch(() => [] as string[]);
  for (const name of entries) {
    if (!SERVER_FOLDER.test(name)) continue;
    const folder = join(tempDir, name);
    try {
      const info = await lstat(folder);
      if (!info.isDirectory() || (process.getuid && info.uid !== process.getuid())) continue;
      const owner = Number((await readFile(join(folder, OWNER_FILE), 'utf8').catch(() => '')).trim());
      const stale =
        Number.isInteger(owner) && owner > 0 ? !isAlive(owner) : now - info.mtimeMs > UNMARKED_GRACE_MS;
      if (!stale) continue;
      await rm(folder, { recursive: true, force: true });
      removed.push(folder);
    } catch {
      // Gone meanwhile, or not ours to remove: leave it.
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: a live process of another user holds that pid.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
