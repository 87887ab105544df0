// Killing the host or the local engine server outright (SIGKILL: no handler runs) leaves no
// process behind, and the next server run removes the temp folders of dead ones.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FrameDecoder } from '../../runtime/core/control/framing';
import type { HostEvent } from '../../runtime/core/control/protocol';
import { buildHost } from '../../scripts/build-host.mjs';
import { CliProcessGroup } from '../support/cliProcessGroup';
import { alive } from '../support/processes';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ORDER = join(ROOT, 'examples', 'order');
const temp = mkdtempSync(join(tmpdir(), 'fchp-orphans-'));
const killLater: number[] = [];

afterAll(() => {
  for (const pid of killLater) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone, as it should be
    }
  }
  rmSync(temp, { recursive: true, force: true });
});

async function until(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function readApp(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name !== 'README.md') files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

/** A pid that certainly belongs to no process now. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => child.on('exit', r));
  return child.pid!;
}

describe('SIGKILL of the CLI host', () => {
  test('ends its handler, which runs in a process group of its own', async () => {
    const app = join(temp, 'cli-app');
    mkdirSync(app);
    for (const [path, text] of Object.entries(readApp(ORDER))) {
      mkdirSync(dirname(join(app, path)), { recursive: true });
      writeFileSync(join(app, path), text);
    }
    writeFileSync(join(app, 'package.json'), '{"type":"commonjs"}');
    const host = new CliProcessGroup(app);
    killLater.push(host.pid);
    await host.running();
    const handlerPid = host.status('Running')!.handler.pid!;
    killLater.push(handlerPid);
    expect(alive(handlerPid)).toBe(true);

    host.kill('SIGKILL');
    await host.exited;
    await until(() => !alive(handlerPid), `handler ${handlerPid} to end`, 10_000);
  }, 60_000);
});

class ServerProcess {
  readonly child: ChildProcess;
  readonly ready: Promise<{ port: number; token: string }>;
  constructor(options: { distDir: string; hostBundle: string; tempDir: string }) {
    this.child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'tests/support/runPlaygroundServer.ts'), JSON.stringify(options)],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], detached: true },
    );
    killLater.push(this.child.pid!);
    this.ready = new Promise((resolve) =>
      createInterface({ input: this.child.stdout! }).once('line', (line) => resolve(JSON.parse(line))),
    );
  }
}

describe('SIGKILL of the local engine server', () => {
  const distDir = join(temp, 'dist');
  const hostBundle = join(temp, 'host', 'host.mjs');
  const engineTemp = join(temp, 'engine');

  beforeAll(async () => {
    await buildHost({ outfile: hostBundle, quiet: true });
    mkdirSync(distDir, { recursive: true });
    mkdirSync(engineTemp);
    writeFileSync(
      join(distDir, 'index.html'),
      '<!doctype html>\n<html><head><title>t</title></head></html>\n',
    );
  }, 90_000);

  test('its hosts and their handlers end, and the next run removes its temp folder', async () => {
    // Left by earlier runs: one of a dead server, one of a live one, one that is not a server's.
    const dead = join(engineTemp, 'fchp-local-dEAd01');
    mkdirSync(join(dead, 'app-x'), { recursive: true });
    writeFileSync(join(dead, 'server.pid'), `${await deadPid()}\n`);
    const live = join(engineTemp, 'fchp-local-LIVE01');
    mkdirSync(live);
    writeFileSync(join(live, 'server.pid'), `${process.pid}\n`);
    const other = join(engineTemp, 'fchp-local-notes');
    mkdirSync(other);

    const first = new ServerProcess({ distDir, hostBundle, tempDir: engineTemp });
    const { port, token } = await first.ready;
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(other)).toBe(true);
    const ours = readdirSync(engineTemp).filter((n) => ![live, other].includes(join(engineTemp, n)));
    expect(ours).toHaveLength(1);
    expect(readFileSync(join(engineTemp, ours[0]!, 'server.pid'), 'utf8').trim()).toBe(
      String(first.child.pid),
    );

    const engine = (method: string, path: string, body?: unknown) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: {
          'X-Engine-Token': token,
          ...(body !== undefined && { 'Content-Type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    const { id } = (await (await engine('POST', '/engine/sessions')).json()) as { id: string };
    expect((await engine('POST', `/engine/sessions/${id}/files`, { write: readApp(ORDER) })).status).toBe(
      204,
    );
    const started = await engine('POST', `/engine/sessions/${id}/hosts`);
    const { host, pid: hostPid } = (await started.json()) as { host: number; pid: number };
    killLater.push(hostPid);

    const events: HostEvent[] = [];
    const decoder = new FrameDecoder();
    const output = await fetch(
      `http://127.0.0.1:${port}/engine/sessions/${id}/hosts/${host}/output?token=${token}`,
    );
    const reader = output.body!.getReader();
    void (async () => {
      const text = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (done) return;
        for (const line of text.decode(value).split('\n')) {
          if (line.startsWith('data: ') && line.length > 6) {
            const chunk = JSON.parse(line.slice(6)) as unknown;
            if (typeof chunk === 'string') events.push(...(decoder.push(chunk).messages as HostEvent[]));
          }
        }
      }
    })();
    await until(
      () => events.some((e) => e.type === 'host.status' && e.state === 'Running'),
      'the host to be Running',
      30_000,
    );
    const status = events.find((e) => e.type === 'host.status' && e.state === 'Running');
    const handlerPid = status?.type === 'host.status' ? status.handler.pid! : -1;
    killLater.push(handlerPid);
    expect(alive(hostPid)).toBe(true);
    expect(alive(handlerPid)).toBe(true);

    first.child.kill('SIGKILL');
    // The host sees its input close and stops its handler; nothing else is left to do it.
    await until(() => !alive(hostPid) && !alive(handlerPid), 'the host and its handler to end', 20_000);
    expect(existsSync(join(engineTemp, ours[0]!))).toBe(true);

    const second = new ServerProcess({ distDir, hostBundle, tempDir: engineTemp });
    await second.ready;
    expect(existsSync(join(engineTemp, ours[0]!))).toBe(false);
    expect(existsSync(live)).toBe(true);
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.on('exit', r));
  }, 120_000);
});
