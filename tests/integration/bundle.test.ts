import { spawn, execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { builtinModules } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HostEvent } from '../../runtime/core/control/protocol';
import { alive } from '../support/processes';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

type StatusEvent = Extract<HostEvent, { type: 'host.status' }>;

/** True while any process is left in process group `pgid` (zombies count as gone). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .some((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return fields[0] !== 'Z' && Number(fields[2]) === pgid;
      } catch {
        return false;
      }
    });
}

async function until(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the bundled host (build/host.mjs) on its own', () => {
  const temp = mkdtempSync(join(tmpdir(), 'fchp-bundle-'));
  const buildDir = join(temp, 'build');
  const runDir = join(temp, 'run');
  const appDir = join(temp, 'app');
  const events: HostEvent[] = [];
  const stderr: string[] = [];
  let host: ChildProcess | undefined;
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
  let handlerPid: number | undefined;

  beforeAll(async () => {
    const outfile = join(buildDir, 'host.mjs');
    await run(process.execPath, [join(ROOT, 'scripts', 'build-host.mjs')], {
      cwd: ROOT,
      env: { ...process.env, HOST_BUNDLE_OUTFILE: outfile },
    });
    mkdirSync(runDir);
    copyFileSync(outfile, join(runDir, 'host.mjs'));
    cpSync(join(ROOT, 'examples', 'order'), appDir, { recursive: true });
  });

  afterAll(() => {
    // Leave nothing running, whatever happened above.
    for (const pid of [host?.pid, handlerPid]) {
      if (pid !== undefined && groupAlive(pid)) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    rmSync(temp, { recursive: true, force: true });
  });

  test('is one file that runs with plain node from an empty folder', () => {
    expect(readdirSync(runDir)).toEqual(['host.mjs']);
    expect(existsSync(join(runDir, 'node_modules'))).toBe(false);
    const text = readFileSync(join(runDir, 'host.mjs'), 'utf8');
    expect(text.startsWith("import { createRequire as __cr } from 'node:module';")).toBe(true);
    // Nothing outside node's built-ins is imported.
    const imports = [...text.matchAll(/^import .* from ["']([^"']+)["'];?$/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((s) => !s!.startsWith('node:') && !builtinModules.includes(s!))).toEqual([]);
  });

  test('serves the order example end to end, then leaves no process behind on SIGTERM', async () => {
    const child = spawn(process.execPath, ['host.mjs', appDir, '--port', '0', '--json'], {
      cwd: runDir,
      env: { ...process.env, NODE_PATH: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so the test can signal the group
    });
    host = child;
    exited = new Promise((r) => child.on('exit', (code, signal) => r({ code, signal })));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      events.push(JSON.parse(line) as HostEvent);
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));

    const running = (): StatusEvent | undefined =>
      events.find((e): e is StatusEvent => e.type === 'host.status' && e.state === 'Running');
    await until(
      () => running() !== undefined || child.exitCode !== null,
      15_000,
      'host.status Running',
    ).catch((err: Error) => {
      throw new Error(`${err.message}\nstderr: ${stderr.join('')}\nevents: ${JSON.stringify(events)}`);
    });
    const status = running();
    expect(status, `host exited early: ${stderr.join('')}`).toBeDefined();
    handlerPid = status!.handler.pid;
    expect(handlerPid).toBeTypeOf('number');
    expect(alive(handlerPid!)).toBe(true);

    // --port 0 is an ephemeral port, and the event reports the real one.
    const frontDoor = new URL(status!.frontDoorUrl!);
    expect(Number(frontDoor.port)).toBeGreaterThan(0);

    const res = await fetch(new URL('/api/order', frontDoor), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"id":1005,"quantity":2,"color":"black"}',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('Order enqueued');

    const done = () =>
      events.find(
        (e): e is Extract<HostEvent, { type: 'exchange' }> =>
          e.type === 'exchange' &&
          e.exchange.title === 'POST /api/order' &&
          e.exchange.state !== 'in-progress',
      );
    await until(() => done() !== undefined, 5_000, 'the exchange event');
    const exchange = done()!.exchange;
    expect(exchange.state).toBe('succeeded');
    expect(exchange.status).toBe(200);
    expect(exchange.functionName).toBe('order');
    const message = exchange.outputs.find((o) => o.binding === 'message');
    expect(message?.type).toBe('queue');
    expect(JSON.parse(message!.value)).toEqual({ id: 1005, quantity: 2, color: 'black' });

    // The handler runs detached in its own group: the host must end it on SIGTERM.
    process.kill(-child.pid!, 'SIGTERM');
    const exit = await exited;
    expect(exit).toEqual({ code: 143, signal: null });
    await until(() => !groupAlive(handlerPid!), 3_000, `handler pid ${handlerPid} to be gone`);
    expect(alive(handlerPid!)).toBe(false);
    expect(groupAlive(child.pid!)).toBe(false);
  });
});
