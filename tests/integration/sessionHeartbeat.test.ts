import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startPlaygroundServer } from '../../runtime/node/playgroundServer/server';
import type { PlaygroundServer } from '../../runtime/node/playgroundServer/server';
import { buildHost } from '../../scripts/build-host.mjs';
import { alive } from '../support/processes';

// The local engine frees the session of a tab that died: no heartbeat and no open output stream
// for the idle limit (a short one here; 45 s by default), and its host, handler and folder go.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HELLO = join(ROOT, 'examples', 'hello');
const IDLE_MS = 1500;

const temp = mkdtempSync(join(tmpdir(), 'fchp-heartbeat-test-'));
let server: PlaygroundServer;
let origin: string;

beforeAll(async () => {
  const distDir = join(temp, 'dist');
  const hostBundle = join(temp, 'host', 'host.mjs');
  await buildHost({ outfile: hostBundle, quiet: true });
  mkdirSync(distDir, { recursive: true });
  writeFileSync(join(distDir, 'index.html'), '<!doctype html>\n<title>t</title>\n');
  mkdirSync(join(temp, 'engine'));
  server = await startPlaygroundServer({
    distDir,
    hostBundle,
    port: 0,
    tempDir: join(temp, 'engine'),
    limits: { idleMs: IDLE_MS },
  });
  origin = `http://127.0.0.1:${server.port}`;
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(temp, { recursive: true, force: true });
});

const engine = (method: string, path: string, body?: unknown) =>
  fetch(`${origin}${path}`, {
    method,
    headers: {
      'X-Engine-Token': server.token,
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

function readApp(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name !== 'README.md' && entry.name !== 'playground.json')
        files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

async function until(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens a host's output stream with a raw socket, as a tab's EventSource holds it. */
function openStream(id: string, host: number) {
  const req = request(`${origin}/engine/sessions/${id}/hosts/${host}/output?token=${server.token}`);
  req.on('error', () => undefined);
  req.end();
  return req;
}

test("heartbeats keep a page's session; once they stop, it is freed with its host", async () => {
  const created = await engine('POST', '/engine/sessions');
  const { id } = (await created.json()) as { id: string };
  expect((await engine('POST', `/engine/sessions/${id}/files`, { write: readApp(HELLO) })).status).toBe(204);
  const { host, pid } = (await (await engine('POST', `/engine/sessions/${id}/hosts`)).json()) as {
    host: number;
    pid: number;
  };
  expect(alive(pid)).toBe(true);

  // A live page without a stream open: its heartbeats carry it well past the idle limit.
  for (let i = 0; i < 8; i++) {
    expect((await engine('POST', `/engine/sessions/${id}/heartbeat`)).status).toBe(204);
    await sleep(IDLE_MS / 3);
  }
  expect(alive(pid)).toBe(true);

  // A page with its stream open and then killed: the socket closes, the heartbeats stop.
  const stream = openStream(id, host);
  await sleep(IDLE_MS * 2);
  expect(alive(pid)).toBe(true); // an open stream is a live tab
  stream.destroy();
  await until(() => !alive(pid), 'the host of the dead tab to stop', IDLE_MS * 6);
  expect((await engine('POST', `/engine/sessions/${id}/heartbeat`)).status).toBe(404);
}, 60_000);

test('a heartbeat needs the token, like every engine request', async () => {
  const { id } = (await (await engine('POST', '/engine/sessions')).json()) as { id: string };
  const refused = await fetch(`${origin}/engine/sessions/${id}/heartbeat`, { method: 'POST' });
  expect(refused.status).toBe(401);
  expect((await engine('GET', `/engine/sessions/${id}/heartbeat`)).status).toBe(405);
  await engine('DELETE', `/engine/sessions/${id}`);
});
