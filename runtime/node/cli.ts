import { resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { createNodeHost } from './nodeHost';
import { attachStdioChannel } from './control/stdioChannel';
import { consolePrinter } from '../host/console/consoleOutput';
import { asciiJson } from '../core/control/framing';
import { HOST_VERSION } from '../host/constants';
import { looksLikeStorageValue, prepareStorage, storageOptionFrom } from './storage/storageOption';
import type { PreparedStorage, StorageOption } from './storage/storageOption';

const USAGE = `Usage: npm run host -- <appDir> [options]

Runs the Azure Functions host (custom handler mode) on a function app folder, like \`func start\`.

Options:
  -p, --port <n>     Front door port (default: local.settings.json Host.LocalHttpPort, then 7071)
  --enable-auth      Enforce function keys (x-functions-key or ?code=); the keys are printed
  --storage [value]  Real Azure Storage queues instead of the in-memory ones:
                       "<connection string>"  an account, or Azurite (UseDevelopmentStorage=true)
                       azurite                start Azurite from this project on 127.0.0.1
                       (no value)             each binding's connection setting
                                              (AzureWebJobsStorage by default)
  --json             Print every host event (logs, exchanges, status) as one JSON line each
  --control          Speak the framed control protocol on stdio (used by the playground)
  --verbose          Print debug lines too (the handler's command line, ...)
  -h, --help         Show this help`;

interface CliOptions {
  appDir: string;
  port?: number;
  enableAuth: boolean;
  json: boolean;
  control: boolean;
  verbose: boolean;
  storage?: StorageOption;
}

function parseArgs(argv: string[]): CliOptions | string {
  const options: Partial<CliOptions> = { enableAuth: false, json: false, control: false, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return USAGE;
    if (arg === '-p' || arg === '--port') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0 || value > 65535)
        return `error: ${arg} needs a port number (0-65535)`;
      options.port = value;
    } else if (arg === '--enable-auth' || arg === '--enableAuth') options.enableAuth = true;
    else if (arg === '--json') options.json = true;
    else if (arg === '--control') options.control = true;
    else if (arg === '--verbose') options.verbose = true;
    else if (arg === '--storage') {
      // The value is optional: a connection string always holds '=', and the app folder is never 'azurite'.
      options.storage = storageOptionFrom(looksLikeStorageValue(argv[i + 1]) ? argv[++i] : undefined);
    } else if (arg.startsWith('--storage='))
      options.storage = storageOptionFrom(arg.slice('--storage='.length));
    else if (arg.startsWith('-')) return `error: unknown option ${arg}\n\n${USAGE}`;
    else if (options.appDir === undefined) options.appDir = arg;
    else return `error: only one app folder may be given (got ${options.appDir} and ${arg})`;
  }
  if (options.appDir === undefined) return `error: give the function app folder\n\n${USAGE}`;
  return options as CliOptions;
}

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2));
  if (typeof parsed === 'string') {
    (parsed === USAGE ? process.stdout : process.stderr).write(parsed + '\n');
    return parsed === USAGE ? 0 : 2;
  }
  const appRoot = resolve(parsed.appDir);
  if (!existsSync(appRoot) || !statSync(appRoot).isDirectory()) {
    process.stderr.write(`error: ${appRoot} is not a folder\n`);
    return 2;
  }
  let storage: PreparedStorage | undefined;
  if (parsed.storage) {
    try {
      storage = await prepareStorage(parsed.storage);
    } catch (e) {
      process.stderr.write(`error: ${(e as Error).message}\n`);
      return 2;
    }
  }
  const host = createNodeHost({
    appRoot,
    ...(parsed.port !== undefined && { port: parsed.port }),
    enableAuth: parsed.enableAuth,
    ...(storage && { queueBackend: storage.queueBackend }),
  });
  const out = (text: string) => process.stdout.write(text);
  if (parsed.json) host.subscribe((event) => out(asciiJson(event) + '\n'));
  else host.subscribe(consolePrinter(out, process.stdout.isTTY === true || parsed.control, parsed.verbose));
  if (parsed.control) attachStdioChannel(host, out);

  let exitCode: number | undefined;
  host.subscribe((event) => {
    // Without a controller to fix and reload the app, a host that cannot run exits, like func start.
    if (
      event.type === 'host.status' &&
      event.state === 'Error' &&
      !parsed.control &&
      exitCode === undefined
    ) {
      exitCode = 1;
      setTimeout(() => void shutdown(1), 50);
    }
  });
  const shutdown = async (code: number) => {
    await host.stop();
    await storage?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(130));
  process.on('SIGTERM', () => void shutdown(143));
  process.on('SIGHUP', () => void shutdown(129));
  // The handler runs in its own process group (so its children can be ended together); make
  // sure it never outlives the host, whatever ends the host.
  process.on('exit', () => {
    host.killHandlerNow();
    storage?.killNow();
  });
  process.on('uncaughtException', (err) => {
    process.stderr.write(`The host failed: ${err.stack ?? err.message}\n`);
    host.killHandlerNow();
    process.exit(70);
  });

  if (!parsed.json)
    out(`\nAzure Functions host for custom handlers (TypeScript port of host ${HOST_VERSION})\n`);
  try {
    await host.start();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
  if (storage) host.log('information', 'Host.Startup', storage.description);
  if (parsed.enableAuth && !parsed.json) {
    out(`\nKeys (--enable-auth): master=${host.hostKeys.master} default=${host.hostKeys.functionDefault}\n`);
  }
  return new Promise<number>(() => undefined);
}

void main().then((code) => {
  if (code !== undefined) process.exit(code);
});
