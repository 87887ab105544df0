// `node <entry>` through the in-page layer, in a Node process of its own: for the tests of what
// happens to errors nobody catches (the realm's unhandled rejections reach the runtime as the
// worker's 'unhandledrejection' event would). Usage: tsx runInPageCli.ts <appDir> <entry> [args]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { startHandler, type HandlerRuntime } from '../runtime';

function readTree(
  root: string,
  directory = root,
  files: Record<string, string> = {},
): Record<string, string> {
  for (const name of readdirSync(directory)) {
    const file = join(directory, name);
    if (statSync(file).isDirectory()) readTree(root, file, files);
    else files[relative(root, file)] = readFileSync(file, 'utf8');
  }
  return files;
}

const [root, entry, ...args] = process.argv.slice(2) as [string, string, ...string[]];
const started: { runtime?: HandlerRuntime } = {};
process.on('unhandledRejection', (reason, promise) => started.runtime?.uncaught(reason, true, promise));
process.on('uncaughtException', (error) => started.runtime?.uncaught(error));
started.runtime = startHandler(
  {
    files: readTree(root),
    appRoot: '/app',
    entry: `/app/${entry}`,
    argv: ['node', `/app/${entry}`, ...args],
    cwd: '/app',
    env: {},
  },
  {
    output: (stream, text) => process[stream].write(text),
    exit: (code) => process.exit(code),
    listen: async (port) => port,
    unlisten: () => {},
  },
  { nodeStackFormat: true },
);
