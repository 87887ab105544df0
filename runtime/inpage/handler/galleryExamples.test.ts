// The gallery's JavaScript handlers (examples/*/ whose host.json runs node) under the in-page
// layer and under real Node, answering the same requests: `GET /`, and for each function
// `POST /<name>` with an invocation payload and `GET /api/<name>`. Same bytes expected.
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exchange, runInPage, type Send } from './testing/inPageHarness';
import { nodeExchange, writeApp } from './testing/realNode';
import { spawn } from 'node:child_process';
import { freePort } from '../../../tests/support/freePort';

const EXAMPLES = join(__dirname, '../../../examples');

interface Example {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly entry: string;
  readonly args: string[];
  readonly portVariable: string;
  readonly functions: string[];
}

function readTree(root: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(join(root, prefix))) {
    const relative = prefix ? `${prefix}/${name}` : name;
    if (statSync(join(root, relative)).isDirectory()) Object.assign(files, readTree(root, relative));
    else files[relative] = readFileSync(join(root, relative), 'utf8');
  }
  return files;
}

/** host.json allows comments (the legacy example has one). */
function parseHostJson(text: string): Record<string, unknown> {
  return JSON.parse(text.replace(/\/\/[^\n"]*$/gm, '')) as Record<string, unknown>;
}

function nodeExamples(): Example[] {
  const examples: Example[] = [];
  for (const name of readdirSync(EXAMPLES)) {
    const folder = join(EXAMPLES, name);
    if (!statSync(folder).isDirectory()) continue;
    const files = readTree(folder);
    if (!files['host.json']) continue;
    const host = parseHostJson(files['host.json']);
    const worker = (host.customHandler ?? host.httpWorker) as
      | { description: { defaultExecutablePath: string; defaultWorkerPath?: string; arguments?: string[] } }
      | undefined;
    if (worker?.description.defaultExecutablePath !== 'node') continue;
    const settings = JSON.parse(files['local.settings.json'] ?? '{"Values":{}}') as {
      Values: Record<string, string>;
    };
    const portVariable = host.httpWorker ? 'FUNCTIONS_HTTPWORKER_PORT' : 'FUNCTIONS_CUSTOMHANDLER_PORT';
    const values: Record<string, string> = { ...settings.Values, [portVariable]: 'PORT' };
    const argv = (worker.description.arguments ?? []).map((arg) =>
      arg.replace(/%([^%]+)%/g, (_, key: string) => values[key] ?? ''),
    );
    const entry = worker.description.defaultWorkerPath ?? (argv.shift() as string);
    const functions = Object.keys(files)
      .filter((file) => file.endsWith('/function.json'))
      .map((file) => file.split('/')[0] as string);
    examples.push({ name, files, entry, args: argv, portVariable, functions });
  }
  return examples;
}

const payload = JSON.stringify({
  Data: {
    req: {
      Url: 'http://localhost:7071/api/x',
      Method: 'POST',
      Query: { name: 'Ada' },
      Headers: { 'Content-Type': ['application/json'] },
      Params: { id: '7', category: 'toys', path: 'a/b.txt' },
      Body: '{"id":1,"quantity":2,"name":"Ada"}',
    },
    order: JSON.stringify(JSON.stringify({ id: 1, quantity: 2 })),
    myQueueItem: '"hello"',
    job: '"job-1"',
    myTimer: { Schedule: {}, IsPastDue: false },
  },
  Metadata: {
    DequeueCount: 1,
    Id: 'm1',
    sys: { MethodName: 'x', UtcNow: '2026-01-01T00:00:00Z', RandGuid: 'g' },
  },
});

function requestsFor(example: Example): Send[][] {
  const close = 'Host: localhost\r\nConnection: close\r\n';
  const requests: Send[][] = [[`GET / HTTP/1.1\r\n${close}\r\n`]];
  for (const name of example.functions) {
    requests.push([
      `POST /${name} HTTP/1.1\r\n${close}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
    ]);
    requests.push([`GET /api/${name}?name=Ada HTTP/1.1\r\n${close}\r\n`]);
  }
  return requests;
}

function normalise(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/Date: [^\r]*\r\n/g, 'Date: <date>\r\n');
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill();
});

async function startRealNode(example: Example, port: number): Promise<ChildProcess> {
  const root = writeApp(example.files);
  const args = example.args.map((arg) => (arg === 'PORT' ? String(port) : arg));
  const child = spawn(process.execPath, [example.entry, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', [example.portVariable]: String(port) },
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => resolve());
    child.on('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
  return child;
}

describe('the gallery handlers under the in-page layer', () => {
  const examples = nodeExamples();

  it('finds the JavaScript examples', () => {
    expect(examples.map((example) => example.name)).toEqual(
      expect.arrayContaining(['hello', 'order', 'routes']),
    );
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });

  it.each(examples)('$name answers as under Node', async (example) => {
    const port = await freePort();
    const child = await startRealNode(example, port);
    const page = runInPage(example.files, {
      entry: `/app/${example.entry}`,
      args: example.args.map((arg) => (arg === 'PORT' ? String(port) : arg)),
      env: { [example.portVariable]: String(port) },
    });
    expect(await page.listening).toBe(port);
    for (const sends of requestsFor(example)) {
      const expected = await nodeExchange(port, sends);
      const actual = await exchange(page.connect(port), sends);
      expect(normalise(actual.bytes), String(sends[0]).split('\r\n')[0]).toBe(normalise(expected.bytes));
      expect(actual.bytes.length).toBeGreaterThan(0);
    }
    child.kill();
    expect(page.stderr()).toBe('');
    expect(page.stdout()).toMatch(/listening/i);
  });
});
