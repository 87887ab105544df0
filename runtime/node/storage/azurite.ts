import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

/** Azurite's well-known development account (the same in every Azurite and in the Storage Emulator). */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const STARTUP_TIMEOUT_MS = 60_000;

/**
 * Runs Azurite's queue program (argv[1]) with the remaining arguments, and exits when its input
 * closes: the host holds the other end, so even a host that is killed outright takes Azurite with it.
 */
const EXIT_WITH_PARENT = [
  'const main = process.argv[1];',
  'process.argv = [process.argv[0], main, ...process.argv.slice(2)];',
  // The working folder goes too, since a host killed outright cannot remove it.
  "const leave = () => { require('fs').rmSync(process.env.FCHP_AZURITE_DIR, { recursive: true, force: true }); process.exit(0); };",
  "process.stdin.on('end', leave);",
  "process.stdin.on('error', leave);",
  'process.stdin.resume();',
  'require(main);',
].join('\n');
const STOP_GRACE_MS = 5_000;

export interface RunningAzurite {
  /** The queue endpoint, e.g. http://127.0.0.1:10001/devstoreaccount1. */
  readonly queueEndpoint: string;
  readonly port: number;
  readonly connectionString: string;
  readonly pid: number | undefined;
  /** Stops it and removes its working folder. */
  stop(): Promise<void>;
  /** Kills it at once, for a process that is exiting. */
  killNow(): void;
}

/** A full connection string for Azurite's queue service on `port` of 127.0.0.1. */
export function azuriteConnectionString(port: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_ACCOUNT_KEY};` +
    `QueueEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`
  );
}

/**
 * Starts Azurite's queue service from the project's dependencies on 127.0.0.1 (a free port when
 * `port` is 0 or absent): in memory, without telemetry, quiet, accepting any API version. Its
 * working folder (its cwd) is a fresh temporary one, removed when it stops.
 */
export async function startAzurite(options: { port?: number } = {}): Promise<RunningAzurite> {
  const main = azuriteQueueMain();
  const workDir = mkdtempSync(join(tmpdir(), 'fchp-azurite-'));
  const child = spawn(
    process.execPath,
    [
      '-e',
      EXIT_WITH_PARENT,
      main,
      '--disableTelemetry',
      '--inMemoryPersistence',
      '--extentMemoryLimit',
      '64',
      '--skipApiVersionCheck',
      '--silent',
      '--queueHost',
      '127.0.0.1',
      '--queuePort',
      String(options.port ?? 0),
    ],
    { cwd: workDir, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, FCHP_AZURITE_DIR: workDir } },
  );
  const stop = () => stopChild(child).finally(() => rmSync(workDir, { recursive: true, force: true }));
  try {
    const port = await listeningPort(child);
    return {
      port,
      queueEndpoint: `http://127.0.0.1:${port}/${DEV_ACCOUNT}`,
      connectionString: azuriteConnectionString(port),
      pid: child.pid,
      stop,
      killNow: () => {
        child.kill('SIGKILL');
        rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

function azuriteQueueMain(): string {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve('azurite/package.json');
  } catch {
    throw new Error(
      '--storage azurite needs the azurite package (a dependency of this project); run the host from the repository after npm install.',
    );
  }
  const bin = (require(packageJson) as { bin: Record<string, string> }).bin['azurite-queue'];
  if (!bin) throw new Error(`${packageJson} names no azurite-queue program.`);
  return join(dirname(packageJson), bin);
}

/** Resolves with the port from Azurite's "successfully listens on http://127.0.0.1:N" line. */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const timer = setTimeout(
      () => fail(`Azurite did not start within ${STARTUP_TIMEOUT_MS / 1000} s`),
      STARTUP_TIMEOUT_MS,
    );
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`${why}.${output.length ? `\n${output.slice(-10).join('\n')}` : ''}`));
    };
    const onLine = (line: string) => {
      output.push(line);
      const match = /listens on https?:\/\/[^:\s]+:(\d+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('error', (e) => fail(`Azurite could not be started: ${e.message}`));
    child.once('exit', (code, signal) =>
      fail(`Azurite exited (${signal ?? `code ${code}`}) before listening`),
    );
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
