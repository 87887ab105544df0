// `npm start`: builds the site and the host bundle when they are missing or older than the
// sources, then serves the playground with the local engine on 127.0.0.1.
//
//   PORT=4281 npm start        another port (default 4280)
//   BROWSER=none npm start     do not open a browser
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

import { whyBuild } from './buildState.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

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

const reason = whyBuild(ROOT);
if (reason) {
  console.log(`Building (${reason})...`);
  npmRun('build');
}

try {
  const { runLocalEngine, optionsFromEnvironment } = await tsImport(
    '../runtime/node/playgroundServer/main.ts',
    import.meta.url,
  );
  await runLocalEngine(optionsFromEnvironment());
} catch (e) {
  console.error(`error: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
