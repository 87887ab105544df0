import { constants } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import type { AppFiles } from '../../core/app/appModel';
import { decodeTextFile } from '../../core/bytes/textFile';

/** Config files are small; one this big is a mistake, and reading it would hold the host up. */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

type Read = { text: string } | { problem: string } | undefined;

/** Reads host.json, local.settings.json and each `<folder>/function.json` under the app root. */
export async function readAppFiles(appRoot: string): Promise<AppFiles> {
  const unreadable: { file: string; message: string }[] = [];
  const text = (file: string, read: Read): string | undefined => {
    if (read && 'problem' in read) unreadable.push({ file, message: read.problem });
    return read && 'text' in read ? read.text : undefined;
  };
  const [hostJson, localSettingsJson] = await Promise.all([
    readConfig(join(appRoot, 'host.json'), 'host.json'),
    readConfig(join(appRoot, 'local.settings.json'), 'local.settings.json'),
  ]);
  const entries = await readdir(appRoot, { withFileTypes: true });
  const folders = await Promise.all(
    entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
      .map(async (e) => ({
        name: e.name,
        functionJson: await readConfig(join(appRoot, e.name, 'function.json'), `${e.name}/function.json`),
      })),
  );
  const host = text('host.json', hostJson);
  const local = text('local.settings.json', localSettingsJson);
  const functionFolders = folders.flatMap((f) => {
    const functionJson = text(`${f.name}/function.json`, f.functionJson);
    return functionJson === undefined ? [] : [{ name: f.name, functionJson }];
  });
  return {
    ...(host !== undefined && { hostJson: host }),
    ...(local !== undefined && { localSettingsJson: local }),
    functionFolders,
    ...(unreadable.length > 0 && { unreadable }),
  };
}

/**
 * A config file's text, decoded by its byte order mark as .NET reads it. Opened without blocking
 * and checked on the open handle, so a named pipe cannot hold the host up waiting for a writer.
 */
async function readConfig(path: string, label: string): Promise<Read> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    return { problem: `${label} cannot be read (${code ?? (e as Error).message}).` };
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return undefined;
    if (!info.isFile())
      return {
        problem: `${label} is ${kindOf(info)}, not a regular file: the host reads its config only from regular files. Replace it with a file.`,
      };
    if (info.size > MAX_CONFIG_BYTES)
      return {
        problem: `${label} is ${(info.size / 1024 / 1024).toFixed(0)} MB: config files over ${MAX_CONFIG_BYTES / 1024 / 1024} MB are not read.`,
      };
    return { text: decodeTextFile(await handle.readFile()) };
  } catch (e) {
    return {
      problem: `${label} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
    };
  } finally {
    await handle.close();
  }
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a file';
}
