import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { whyBuild } from '../../../scripts/buildState.mjs';
import { startPlaygroundServer } from '../../../runtime/node/playgroundServer/server';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Builds the site if it is stale, then serves it with the local engine for every browser test. */
export default async function setup(project: TestProject) {
  const reason = whyBuild(ROOT);
  if (reason) {
    // Vitest sets NODE_ENV=test, which would make the build compile JSX for development (source
    // paths and line numbers in every element): the tests must see the site as it ships.
    const run = spawnSync('npm', ['run', 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (run.status !== 0) throw new Error(`npm run build failed (${reason})`);
  }
  const server = await startPlaygroundServer({
    distDir: join(ROOT, 'dist'),
    hostBundle: join(ROOT, 'build', 'host.mjs'),
    port: 0,
  });
  project.provide('baseUrl', server.url);
  return async () => {
    await server.close();
  };
}
