// Whether the built site (dist/) and the bundles (build/host.mjs, build/inpage/) are missing or older than
// their sources; shared by `npm start` and the browser tests.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['web', 'runtime', 'examples', 'index.html', 'vite.config.ts', 'public'];

/** The newest modification time under `path` (a file or a folder), skipping node_modules. */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // a removed file changes only its folder
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

/** Why a build is needed, or undefined when the build is up to date. */
export function whyBuild(root) {
  const page = join(root, 'dist', 'index.html');
  if (!existsSync(page)) return 'dist/index.html is missing';
  if (!existsSync(join(root, 'build', 'host.mjs'))) return 'build/host.mjs is missing';
  if (!existsSync(join(root, 'build', 'inpage', 'host-worker.js'))) return 'build/inpage is missing';
  const built = statSync(page).mtimeMs;
  const changed = SOURCES.find((source) => newest(join(root, source)) > built);
  return changed && `${changed} changed since the last build`;
}
