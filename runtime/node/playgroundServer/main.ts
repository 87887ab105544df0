import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openBrowser } from './openBrowser';
import { startPlaygroundServer } from './server';
import type { PlaygroundServer } from './server';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const DEFAULT_PORT = 4280;

export interface RunOptions {
  readonly port?: number;
  /** Open the default browser on the page once it is served. */
  readonly open?: boolean;
  readonly distDir?: string;
  readonly hostBundle?: string;
}

/**
 * Serves the built playground with the local engine until SIGINT, SIGTERM or SIGHUP, then stops
 * every host and removes every app folder before exiting. What `npm start` runs.
 */
export async function runLocalEngine(options: RunOptions = {}): Promise<PlaygroundServer> {
  const distDir = options.distDir ?? join(ROOT, 'dist');
  const hostBundle = options.hostBundle ?? join(ROOT, 'build', 'host.mjs');
  for (const needed of [join(distDir, 'index.html'), hostBundle]) {
    if (!existsSync(needed)) throw new Error(`${needed} is missing: run npm run build first.`);
  }
  const port = options.port ?? DEFAULT_PORT;
  let server: PlaygroundServer;
  try {
    server = await startPlaygroundServer({ distDir, hostBundle, port });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(`Port ${port} is in use: set PORT to another one (PORT=${port + 1} npm start).`, {
        cause: e,
      });
    throw e;
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals, code: number) => {
    // A second Ctrl+C does not wait: the server's exit hook still kills every host.
    if (stopping) process.exit(code);
    stopping = true;
    console.log(`\n${signal}: stopping the hosts and removing their app folders...`);
    void server.close().then(
      () => process.exit(code),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT', 130));
  process.on('SIGTERM', () => stop('SIGTERM', 143));
  process.on('SIGHUP', () => stop('SIGHUP', 129));

  console.log(`\nFunctions Custom Handler Playground (local engine): ${server.url}`);
  console.log('Serving on 127.0.0.1 only. Press Ctrl+C to stop.\n');
  if (options.open && !(await openBrowser(server.url)))
    console.log(`Could not open a browser: open ${server.url} yourself.`);
  return server;
}

/** Reads PORT (default 4280) and BROWSER (none: do not open one) from the environment. */
export function optionsFromEnvironment(env: NodeJS.ProcessEnv = process.env): RunOptions {
  const text = env.PORT?.trim();
  const port = text ? Number(text) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number (0-65535), not "${env.PORT}".`);
  return { port, open: env.BROWSER?.trim().toLowerCase() !== 'none' };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    await runLocalEngine(optionsFromEnvironment());
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    process.exit(1);
  }
}
