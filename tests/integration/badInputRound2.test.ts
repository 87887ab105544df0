// Round 2 of hostile input against the CLI host as a real process: catastrophic route regexes,
// half-sent requests, oversized queue messages, foreign Origins, config files that nest deep,
// are not text or not files, timer schedules that would never pause, a killed host.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HostEvent } from '../../runtime/core/control/protocol';
import { CliProcessGroup } from '../support/cliProcessGroup';
import { alive } from '../support/processes';
import { FIXTURES, HTTP_IN, HTTP_OUT, handlerDescription } from '../support/testApp';

const roots: string[] = [];
const hosts: CliProcessGroup[] = [];
afterAll(() => {
  for (const h of hosts) h.kill();
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

const HOST_JSON = JSON.stringify({
  version: '2.0',
  customHandler: { description: handlerDescription('node') },
});
const SETTINGS = JSON.stringify({ IsEncrypted: false, Values: { FUNCTIONS_WORKER_RUNTIME: 'custom' } });
const http = (route: string, extra: unknown[] = []) => ({
  bindings: [{ ...HTTP_IN, route, authLevel: 'anonymous' }, HTTP_OUT, ...extra],
});
const timer = (schedule: string) => ({
  bindings: [{ type: 'timerTrigger', direction: 'in', name: 't', schedule }],
});

function writeApp(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'fchp-bad2-'));
  roots.push(root);
  const all = { 'host.json': HOST_JSON, 'local.settings.json': SETTINGS, ...files };
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  copyFileSync(join(FIXTURES, 'handlers', 'recorder.cjs'), join(root, 'recorder.cjs'));
  return root;
}

function cli(root: string): CliProcessGroup {
  const host = new CliProcessGroup(root);
  hosts.push(host);
  return host;
}

/** Starts the CLI and waits until it is Running or has exited; never hangs the test. */
async function settle(root: string): Promise<{ host: CliProcessGroup; log: string; exit: number | null }> {
  const host = cli(root);
  let exit: number | null = null;
  void host.exited.then((e) => (exit = e.code));
  await host.waitFor(() => host.status('Running') !== undefined || exit !== null, 'Running or exit', 30_000);
  if (exit === null && !host.status('Running')) await host.exited;
  return { host, log: `${host.logs().join('\n')}\n${host.stderr}`, exit };
}

function queueCount(host: CliProcessGroup, name: string): number {
  const last = host.events
    .filter((e): e is Extract<HostEvent, { type: 'queues' }> => e.type === 'queues')
    .pop();
  return last?.queues.find((q) => q.name === name)?.count ?? 0;
}

async function timed(url: URL | string, init?: RequestInit): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  return { status: res.status, ms: Date.now() - started };
}

describe('one running CLI host under hostile requests', () => {
  let host: CliProcessGroup;
  let base: URL;
  beforeAll(async () => {
    const root = writeApp({
      'r2/function.json': JSON.stringify(http('r2/{v:regex((a|a)*b)}')),
      'r3/function.json': JSON.stringify(http('r3/{v:regex(^(\\w+\\s?)*$)}')),
      'br/function.json': JSON.stringify(http('br/{v:regex(^(\\w+)-\\1$)}')),
      'ping/function.json': JSON.stringify(http('ping')),
      'many/function.json': JSON.stringify(
        http('many', [{ type: 'queue', direction: 'out', name: 'out', queueName: 'fits' }]),
      ),
      'responses.json': JSON.stringify({
        '/many': {
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ Outputs: { out: ['a', 'b', 'c'].map((c) => c.repeat(40_000)) } }),
        },
      }),
    });
    host = cli(root);
    base = await host.running();
  }, 60_000);

  const url = (path: string) => new URL(path, base);
  const ping = () => timed(url('/api/ping'));

  test('half-sent heads are answered 408 at 30 s; catastrophic regexes end at 10 s; pings stay quick', async () => {
    // 50 connections that never finish their request head, opened first: the clock is Kestrel's 30 s.
    const slow = Array.from({ length: 50 }, () => {
      const s = net.connect(Number(base.port), '127.0.0.1');
      const seen = { text: '', closed: false };
      s.on('data', (c) => (seen.text += c.toString('latin1')));
      s.on('close', () => (seen.closed = true));
      s.on('error', () => undefined);
      s.write('GET /api/ping HTTP/1.1\r\nHost: x\r\n');
      return seen;
    });
    const opened = Date.now();

    // (a|a)*b on 30 a's and ^(\w+\s?)*$ on 30 a's and a '!': both exponential.
    const evil = [
      timed(url(`/api/r2/${'a'.repeat(30)}`)),
      timed(url(`/api/r3/${'a'.repeat(30)}!`)),
      ...Array.from({ length: 4 }, () => timed(url(`/api/r2/${'a'.repeat(32)}`))),
    ];
    // A caller that gives up does not leave the host stuck either.
    const aborted = fetch(url(`/api/r2/${'a'.repeat(31)}`), { signal: AbortSignal.timeout(1000) }).catch(
      (e: Error) => e.name,
    );
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 1500));
      const p = await ping();
      expect(p.status).toBe(204);
      expect(p.ms).toBeLessThan(2000);
    }
    expect(await aborted).toBe('TimeoutError');
    for (const r of await Promise.all(evil)) expect(r.status).toBe(500);
    expect(
      host.logs().filter((l) => l.includes('ran longer than 10 s and was stopped')).length,
    ).toBeGreaterThanOrEqual(6);
    // Good inputs still match and refuse as the patterns say, backreference included.
    expect((await timed(url(`/api/r2/${'a'.repeat(8000)}b`))).status).toBe(204);
    expect((await timed(url('/api/br/abc-abc'))).status).toBe(204);
    expect((await timed(url('/api/br/abc-abd'))).status).toBe(404);

    await host.waitFor(() => slow.every((s) => s.closed), 'the half-sent connections to close', 60_000);
    expect(Date.now() - opened).toBeGreaterThanOrEqual(29_000);
    for (const s of slow) expect(s.text).toBe('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
  }, 120_000);

  test('three 40 KB queue messages from one output go through', async () => {
    expect((await timed(url('/api/many'), { method: 'POST' })).status).toBe(200);
    await host.waitFor(() => queueCount(host, 'fits') === 3, 'three messages in fits');
    expect((await ping()).status).toBe(204);
  }, 60_000);

  test.each([
    ['the host itself', (port: string) => `http://localhost:${port}`, 202],
    ['the host, upper case', (port: string) => `HTTP://LOCALHOST:${port}`, 202],
    ['a look-alike suffix', (port: string) => `http://localhost:${port}.evil.example`, 403],
    ['another port', () => 'http://127.0.0.1:1', 403],
    ['a file page', () => 'file://', 403],
  ])('admin invoke with the Origin of %s: %i', async (_name, origin, status) => {
    const res = await timed(url('/admin/functions/ping'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin(base.port) },
      body: '{"input":""}',
    });
    expect(res.status).toBe(status);
  });

  test('a read-only admin call with a foreign Origin is refused too', async () => {
    const res = await timed(url('/admin/host/status'), { headers: { Origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
  });
});

test('a 20 MB queue output fails its invocation with the 413 message; the host keeps answering', async () => {
  // A handler of its own: the recorder would re-read a 20 MB script on every request.
  const root = writeApp({
    'produce/function.json': JSON.stringify(
      http('produce', [{ type: 'queue', direction: 'out', name: 'out', queueName: 'big' }]),
    ),
    'ping/function.json': JSON.stringify(http('ping')),
    'big.cjs':
      "const body = JSON.stringify({ Outputs: { out: 'x'.repeat(20 * 1024 * 1024) } });\n" +
      "require('node:http').createServer((req, res) => { req.resume(); req.on('end', () => {\n" +
      "  res.setHeader('Content-Type', 'application/json');\n" +
      "  res.end(req.url === '/produce' ? body : '{}'); }); }).listen(process.env.FUNCTIONS_CUSTOMHANDLER_PORT);\n",
    'host.json': JSON.stringify({
      version: '2.0',
      customHandler: { description: { defaultExecutablePath: 'node', defaultWorkerPath: 'big.cjs' } },
    }),
  });
  const host = cli(root);
  const base = await host.running();
  expect((await timed(new URL('/api/produce', base), { method: 'POST' })).status).toBe(200);
  await host.waitFor(
    () => host.logs().some((l) => l.startsWith("Output 'out' of produce: The request body is too large")),
    'the 413 message',
    30_000,
  );
  expect(queueCount(host, 'big')).toBe(0);
  expect((await timed(new URL('/api/ping', base))).status).toBe(204);
}, 90_000);

describe('config files', () => {
  const deep = (n: number, open: string, close: string) => `${open.repeat(n)}${close.repeat(n)}`;

  test.each([
    [
      'host.json nested 5,000 arrays',
      { 'host.json': `{"version":"2.0","x":${deep(5000, '[', ']')}}` },
      1,
      "host.json:1:85: The reader's MaxDepth of 64 has been exceeded",
    ],
    [
      'host.json padded to 20 MB',
      { 'host.json': `${' '.repeat(20 * 1024 * 1024)}${HOST_JSON}` },
      1,
      'host.json: host.json is 20 MB: config files over 16 MB are not read.',
    ],
    [
      'host.json in UTF-16 without a BOM',
      { 'host.json': Buffer.from(HOST_JSON, 'utf16le') },
      1,
      'host.json:1:',
    ],
    [
      'a route holding U+0001',
      {
        'ctl/function.json': JSON.stringify(http('a\u0001b')),
        'ping/function.json': JSON.stringify(http('ping')),
      },
      null,
      '',
    ],
  ])(
    '%s',
    async (_name, files, exitCode, message) => {
      const { log, exit } = await settle(writeApp(files as Record<string, string | Buffer>));
      expect(exit).toBe(exitCode);
      expect(log).toContain(message);
    },
    60_000,
  );

  test.each([
    [
      'function.json nested 100,000 objects',
      { 'deep/function.json': `{"bindings":${deep(100_000, '{"a":', '}')}}` },
      'deep/function.json:1:',
    ],
    [
      'local.settings.json nested 65 arrays',
      { 'local.settings.json': `{"Values":${deep(65, '[', ']')}}` },
      "local.settings.json:1:74: The reader's MaxDepth of 64",
    ],
    [
      'a route holding NUL',
      { 'nul/function.json': JSON.stringify(http('a\u0000b')) },
      "nul/function.json: route: The route 'a\\u0000b' holds a NUL character",
    ],
    [
      'timer schedule 00:00:00',
      { 'z/function.json': JSON.stringify(timer('00:00:00')) },
      "The schedule '00:00:00' is a zero interval",
    ],
    [
      'timer schedule -1 (minus one day)',
      { 'n/function.json': JSON.stringify(timer('-1')) },
      "The schedule '-1' is a negative interval",
    ],
    [
      'timer schedule of one tick',
      { 't/function.json': JSON.stringify(timer('00:00:00.0000001')) },
      "The schedule '00:00:00.0000001' is a shorter than one second interval",
    ],
    [
      'timer schedule %S% set to 00:00:00',
      {
        's/function.json': JSON.stringify(timer('%S%')),
        'local.settings.json': JSON.stringify({
          Values: { FUNCTIONS_WORKER_RUNTIME: 'custom', S: '00:00:00' },
        }),
      },
      "The schedule '00:00:00' is a zero interval",
    ],
    [
      'WEBSITE_TIME_ZONE Mars/Olympus',
      {
        'c/function.json': JSON.stringify(timer('0 0 * * * *')),
        'local.settings.json': JSON.stringify({
          Values: { FUNCTIONS_WORKER_RUNTIME: 'custom', WEBSITE_TIME_ZONE: 'Mars/Olympus' },
        }),
      },
      "The time zone 'Mars/Olympus' (WEBSITE_TIME_ZONE/TZ) is not a known IANA zone; timers use UTC.",
    ],
    [
      'WEBSITE_TIME_ZONE of 10,000 characters',
      {
        'c/function.json': JSON.stringify(timer('0 0 * * * *')),
        'local.settings.json': JSON.stringify({
          Values: { FUNCTIONS_WORKER_RUNTIME: 'custom', WEBSITE_TIME_ZONE: 'Z'.repeat(10_000) },
        }),
      },
      'is not a known IANA zone; timers use UTC.',
    ],
  ])(
    '%s: the host runs and says so',
    async (_name, files, message) => {
      const root = writeApp({ 'ping/function.json': JSON.stringify(http('ping')), ...files });
      const { host, log, exit } = await settle(root);
      expect(exit).toBeNull();
      expect(log).toContain(message);
      const base = new URL(host.status('Running')!.frontDoorUrl!);
      expect((await timed(new URL('/api/ping', base))).status).toBe(204);
    },
    60_000,
  );

  test('cron */0 and 59-0 load as NCrontab reads them (a step of 0 is 1, a backwards range is swapped)', async () => {
    const root = writeApp({
      'ping/function.json': JSON.stringify(http('ping')),
      'a/function.json': JSON.stringify(timer('*/0 59-0 * * * *')),
    });
    const { host, exit, log } = await settle(root);
    expect(exit).toBeNull();
    expect(log).not.toContain('a/function.json');
    const timers = host.events
      .filter((e): e is Extract<HostEvent, { type: 'timers' }> => e.type === 'timers')
      .pop();
    const a = timers?.timers.find((t) => t.functionName === 'a');
    const [first = 0, second = 0] = a?.next ?? [];
    expect(second - first).toBe(1000);
  }, 60_000);

  test('host.json as a link to /dev/zero is refused as a device, at once', async () => {
    const root = writeApp({});
    unlinkSync(join(root, 'host.json'));
    symlinkSync('/dev/zero', join(root, 'host.json'));
    const { log, exit } = await settle(root);
    expect(exit).toBe(1);
    expect(log).toContain('host.json: host.json is a device, not a regular file');
  }, 60_000);

  test('host.json in UTF-16 BE and UTF-32 LE with their marks run', async () => {
    const be = Buffer.from(HOST_JSON, 'utf16le').swap16();
    const utf32 = Buffer.alloc(4 * (HOST_JSON.length + 1));
    [0xfeff, ...[...HOST_JSON].map((c) => c.codePointAt(0)!)].forEach((p, i) =>
      utf32.writeUInt32LE(p, i * 4),
    );
    for (const bytes of [Buffer.concat([Buffer.from([0xfe, 0xff]), be]), utf32]) {
      const { exit, host } = await settle(
        writeApp({ 'host.json': bytes, 'ping/function.json': JSON.stringify(http('ping')) }),
      );
      expect(exit).toBeNull();
      host.kill();
    }
  }, 60_000);
});

describe('killing the host', () => {
  test('SIGKILL ends the handler and what the handler started (its whole group)', async () => {
    const root = writeApp({
      'ping/function.json': JSON.stringify(http('ping')),
      'start.cjs':
        "require('node:child_process').spawn('sleep', ['1000'], { stdio: 'ignore' });\nrequire('./recorder.cjs');\n",
      'host.json': JSON.stringify({
        version: '2.0',
        customHandler: { description: { defaultExecutablePath: 'node', defaultWorkerPath: 'start.cjs' } },
      }),
    });
    const host = cli(root);
    await host.running();
    const handlerPid = host.status('Running')!.handler.pid!;
    const sleeper = Number(
      execFileSync('pgrep', ['-g', String(handlerPid), 'sleep'])
        .toString()
        .trim(),
    );
    expect(alive(sleeper)).toBe(true);
    host.kill('SIGKILL');
    await host.exited;
    await host.waitFor(
      () => !alive(handlerPid) && !alive(sleeper),
      'the handler and its child to end',
      10_000,
    );
  }, 60_000);

  test('SIGKILL while the handler is still starting leaves nothing either', async () => {
    const root = writeApp({
      'ping/function.json': JSON.stringify(http('ping')),
      'slow.cjs': "setTimeout(() => require('./recorder.cjs'), 3000);\n",
      'host.json': JSON.stringify({
        version: '2.0',
        customHandler: { description: { defaultExecutablePath: 'node', defaultWorkerPath: 'slow.cjs' } },
      }),
    });
    const host = cli(root);
    await host.waitFor(() => host.status()?.handler.pid !== undefined, 'a handler pid', 30_000);
    const handlerPid = host.status()!.handler.pid!;
    host.kill('SIGKILL');
    await host.exited;
    await host.waitFor(() => !alive(handlerPid), 'the starting handler to end', 10_000);
  }, 60_000);
});
