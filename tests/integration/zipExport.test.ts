import { unzipSync } from 'fflate';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { HostEvent } from '../../runtime/core/control/protocol';
import type { FunctionHost } from '../../runtime/node/nodeHost';
import { exportAppZip } from '../../web/transfer/exportZip';
import { COMMONJS_PACKAGE_JSON } from '../../web/transfer/generated';
import { startHostOn } from '../support/startHost';

// The exported zip must be a complete app on its own: unzipped outside this repository (so no
// examples/package.json is anywhere above it), it runs in the real host and answers.

const ORDER = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'order');

/** The example's files as the site holds them: app-relative '/' paths → text. */
function readApp(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    // playground.json tells the page how to open the example; it is not one of the app's files.
    if (!entry.isFile() || entry.name === 'playground.json') continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(root, path).split(sep).join('/')] = readFileSync(path, 'utf8');
  }
  return files;
}

const files = readApp(ORDER);
let temp: string;
let host: FunctionHost;
let events: HostEvent[] = [];

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'fchp-zip-export-'));
  for (const [name, data] of Object.entries(unzipSync(exportAppZip(files, { name: 'order' })))) {
    mkdirSync(dirname(join(temp, name)), { recursive: true });
    writeFileSync(join(temp, name), data);
  }
  const started = await startHostOn(join(temp, 'order'));
  host = started.host;
  events = started.events;
});

afterAll(async () => {
  await host?.stop();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

test('the zip holds the app folder: its files plus the package.json that keeps handler.js CommonJS', () => {
  expect(readApp(temp)).toEqual(
    Object.fromEntries(
      Object.entries({ ...files, 'package.json': COMMONJS_PACKAGE_JSON }).map(([p, t]) => [`order/${p}`, t]),
    ),
  );
});

test('the unzipped app runs in the real host and takes an order', async () => {
  const states = events.flatMap((e) => (e.type === 'host.status' ? [e.state] : []));
  expect(states).toContain('Running');
  expect(states).not.toContain('Error');

  const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port: host.frontDoorPort,
      method: 'POST',
      path: '/api/order',
      headers: { 'Content-Type': 'application/json' },
      agent: false,
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end('{"id":1005,"quantity":2,"color":"black"}');
  });
  expect(answer).toEqual({ status: 200, body: 'Order enqueued' });
});
