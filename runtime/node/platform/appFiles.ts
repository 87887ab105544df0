import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppFiles } from '../../core/app/appModel';

/** Reads host.json, local.settings.json and each `<folder>/function.json` under the app root. */
export async function readAppFiles(appRoot: string): Promise<AppFiles> {
  const [hostJson, localSettingsJson] = await Promise.all([
    readOptional(join(appRoot, 'host.json')),
    readOptional(join(appRoot, 'local.settings.json')),
  ]);
  const entries = await readdir(appRoot, { withFileTypes: true });
  const folders = await Promise.all(
    entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
      .map(async (e) => ({
        name: e.name,
        functionJson: await readOptional(join(appRoot, e.name, 'function.json')),
      })),
  );
  return {
    ...(hostJson !== undefined && { hostJson }),
    ...(localSettingsJson !== undefined && { localSettingsJson }),
    functionFolders: folders.flatMap((f) =>
      f.functionJson === undefined ? [] : [{ name: f.name, functionJson: f.functionJson }],
    ),
  };
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR')
      return undefined;
    throw e;
  }
}
