// The CLI host as a real process under hostile input: a catastrophic route regex, a killed host,
// a closed controller. Nothing freezes the host and nothing outlives it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CliProcessGroup } from '../support/cliProcessGroup';
import { FIXTURES, HTTP_IN, HTTP_OUT, handlerDescription } from '../support/testApp';

const roots: string[] = [];
const hosts: CliProcessGroup[] = [];
afterAll(() => {
  for (const h of hosts) h.kill();
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** An app folder with the recorder handler and these functions (name → function.json). */
function writeApp(functions: Record<string, unknown>, hostJson?: unknown): string {
  const root = mkdtempSync(join(tmpdir(), 'fchp-rel-'));
  roots.push(root);
  const write = (path: string, content: unknown) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content));
  };
  write(
    'host.json',
    hostJson ?? { version: '2.0', customHandler: { description: handlerDescription('node') } },
  );
  write('local.settings.json', { IsEncrypted: false, Values: { FUNCTIONS_WORKER_RUNTIME: 'custom' } });
  for (const [name, def] of Object.entries(functions)) write(`${name}/function.json`, def);
  copyFileSync(join(FIXTURES, 'handlers', 'recorder.cjs'), join(root, 'recorder.cjs'));
  return root;
}

function startCli(root: string, args: string[] = []): CliProcessGroup {
  const host = new CliProcessGroup(root, args);
  hosts.push(host);
  return host;
}

const httpFunction = (route: string) => ({
  bindings: [{ ...HTTP_IN, route, methods: ['get'], authLevel: 'anonymous' }, HTTP_OUT],
});

async function timed(request: Promise<Response>): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const res = await request;
  await res.arrayBuffer();
  return { status: res.status, ms: Date.now() - started };
}

describe('a catastrophic route regex', () => {
  test('runs off the host thread: a ping is answered at once, the match ends at 10 s with 500', async () => {
    const root = writeApp({
      redos: httpFunction('redos/{v:regex(^(a+)+$)}'),
      ping: httpFunction('ping'),
    });
    const host = startCli(root);
    const base = await host.running();
    await expect(timed(fetch(new URL('/api/redos/aaaa', base)))).resolves.toMatchObject({ status: 204 });

    const evil = timed(fetch(new URL(`/api/redos/${'a'.repeat(40)}!`, base)));
    await new Promise((r) => setTimeout(r, 500));
    // The CLI host answers a concurrent ping within 2 s during any single request.
    const ping = await timed(fetch(new URL('/api/ping', base)));
    expect(ping.status).toBe(204);
    expect(ping.ms).toBeLessThan(2000);

    const slow = await evil;
    expect(slow.status).toBe(500);
    // ASP.NET's RegexRouteConstraint gives up after 10 s; 40 characters would otherwise take hours.
    expect(slow.ms).toBeGreaterThanOrEqual(9_000);
    expect(slow.ms).toBeLessThan(60_000);
    expect(host.logs().join('\n')).toMatch(
      /The route constraint regex\(\^\(a\+\)\+\$\) of function 'redos' ran longer than 10 s and was stopped/,
    );
    // The pool recovered: the same route still matches and refuses as before.
    await expect(timed(fetch(new URL('/api/redos/aaaa', base)))).resolves.toMatchObject({ status: 204 });
    await expect(timed(fetch(new URL('/api/redos/b', base)))).resolves.toMatchObject({ status: 404 });
  }, 90_000);
});

describe('config files that are not plain UTF-8 text files', () => {
  const goodHostJson = JSON.stringify({
    version: '2.0',
    customHandler: { description: handlerDescription('node') },
  });

  test('a host.json in UTF-16 with a BOM is read as .NET reads it', async () => {
    const root = writeApp({ ping: httpFunction('ping') });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(goodHostJson, 'utf16le')]);
    writeFileSync(join(root, 'host.json'), utf16);
    const host = startCli(root);
    const base = await host.running();
    await expect(timed(fetch(new URL('/api/ping', base)))).resolves.toMatchObject({ status: 204 });
  }, 60_000);

  test('a host.json that is a named pipe is refused with a message instead of hanging the host', async () => {
    const root = writeApp({ ping: httpFunction('ping') });
    unlinkSync(join(root, 'host.json'));
    execFileSync('mkfifo', [join(root, 'host.json')]);
    const host = startCli(root);
    const { code } = await host.exited;
    expect(code).toBe(1);
    expect(host.logs().join('\n')).toContain(
      'host.json: host.json is a named pipe (FIFO), not a regular file: the host reads its config only from regular files.',
    );
  }, 60_000);

  test('a function.json that is a named pipe refuses that function by name; the others run', async () => {
    const root = writeApp({ ping: httpFunction('ping') });
    mkdirSync(join(root, 'piped'));
    execFileSync('mkfifo', [join(root, 'piped', 'function.json')]);
    const host = startCli(root);
    const base = await host.running();
    expect(host.logs().join('\n')).toContain(
      'piped/function.json: piped/function.json is a named pipe (FIFO), not a regular file',
    );
    await expect(timed(fetch(new URL('/api/ping', base)))).resolves.toMatchObject({ status: 204 });
  }, 60_000);
});
