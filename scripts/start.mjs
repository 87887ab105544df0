// `npm start`: builds the site and the host bundle when they are missing or older than the
// sources, then serves the playground with the local engine on 127.0.0.1.
//
//   PORT=4281 npm start        another port (default 4280)
//   BROWSER=none npm start     do not open a browser
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILT_PAGE = join(ROOT, 'dist', 'index.html');
const BUILT_HOST = join(ROOT, 'build', 'host.mjs');
const SOURCES = ['web', 'runtime', 'examples', 'index.html', 'vite.config.ts'];

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

function whyBuild() {
  if (!existsSync(BUILT_PAGE)) return 'dist/index.html is missing';
  if (!existsSync(BUILT_HOST)) return 'build/host.mjs is missing';
  const built = statSync(BUILT_PAGE).mtimeMs;
  const changed = SOURCES.find((source) => newest(join(ROOT, source)) > built);
  return changed && `${changed} changed since the last build`;
}

function npmRun(script) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['run', script], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (run.status !== 0) {
    console.error(run.error ? `error: ${run.error.message}` : `error: npm run ${script} failed.`);
    process.exit(run.status ?? 1);
  }
}

const reason = whyBuild();
if (reason) {
  console.log(`Building (${reason})...`);
  npmRun('build');
}

try {
  const { runLocalEngine, optionsFromEnvironment } = await tsImport(
    '../runtime/node/localEngine/main.ts',
    import.meta.url,
  );
  await runLocalEngine(optionsFromEnvironment());
} catch (e) {
  console.error(`error: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
