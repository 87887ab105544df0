import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSyntaxError } from './syntaxLocation';
import { runInPage } from './testing/inPageHarness';
import { runNodeToExit, writeApp, type NodeRun } from './testing/realNode';

const REPO = join(__dirname, '../../..');
const CLI = join(__dirname, 'testing/runInPageCli.ts');

/** The same app through the in-page layer, in a process of its own (see runInPageCli.ts). */
function runInPageProcess(root: string, entry: string): Promise<NodeRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, root, entry], { cwd: REPO });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface ErrorCase {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly entry?: string;
  /** Node's `file:line`, source and caret lines are known to be missing from ours. */
  readonly noLocation?: boolean;
}

const errorCases: ErrorCase[] = [
  { name: 'a throw while loading', files: { 'handler.js': `const x = 1;\n  throw new Error('boom');\n` } },
  {
    name: 'a TypeError in a timer callback',
    files: { 'handler.js': `setTimeout(() => {\n  null.foo;\n}, 1);\n` },
  },
  {
    name: 'an unhandled rejection with an Error',
    files: { 'handler.js': `async function go() {\n  throw new Error('rejected');\n}\ngo();\n` },
  },
  { name: 'an unhandled rejection with a string', files: { 'handler.js': `Promise.reject('str');\n` } },
  {
    name: 'an error with own properties',
    files: { 'handler.js': `throw Object.assign(new Error('coded'), { code: 'E_CODE', extra: 2 });\n` },
  },
  {
    name: 'a SyntaxError in the entry',
    files: { 'handler.js': `const http = require('http');\nlet a = 1;\nconst b = ;\n` },
  },
  {
    name: 'a SyntaxError in a required file',
    files: {
      'handler.js': `require('./lib/broken');\n`,
      'lib/broken.js': `// fine\nfunction ok() {\n  return 1;\n}\nif (ok() {\n}\n`,
    },
  },
  {
    name: 'a SyntaxError in an ES module',
    files: {
      'main.mjs': `import http from 'http';\nconst s = http.createServer();\nexport const x = [1, 2;\n`,
    },
    entry: 'main.mjs',
  },
  {
    name: 'process.exit(3) stops everything',
    files: {
      'handler.js': `process.on('exit', (code) => console.log('exit event', code));\nconsole.log('before');\nsetTimeout(() => console.log('timer'), 1);\nprocess.exit(3);\nconsole.log('after');\n`,
    },
  },
  {
    name: 'process.exitCode and a natural end',
    files: { 'handler.js': `process.exitCode = 5;\nsetTimeout(() => console.log('last timer'), 5);\n` },
  },
  {
    name: "an 'uncaughtException' listener keeps the process",
    files: {
      'handler.js': `process.on('uncaughtException', (e, origin) => console.log('caught', e.message, origin));\nsetTimeout(() => { throw new Error('late'); }, 1);\nsetTimeout(() => console.log('still here'), 20);\n`,
    },
  },
  // A thrown value that is not an Error has no stack: the page cannot say where it was thrown.
  { name: 'a thrown string', files: { 'handler.js': `throw 'plain';\n` }, noLocation: true },
];

/** Node's report, with the app's folder as /app and its internal frames (not ours) left out. */
function comparable(text: string, root: string): string {
  const kept: string[] = [];
  for (const line of text.replaceAll(root, '/app').split('\n')) {
    if (/^\s+at .*(node:|<anonymous>\))/.test(line)) {
      // The last frame carries the opening of the error's properties: keep that.
      if (line.endsWith(' {') && kept.length > 0) kept[kept.length - 1] += ' {';
      continue;
    }
    kept.push(line);
  }
  return kept.join('\n');
}

describe('uncaught errors, exit codes and output, against real Node 20', () => {
  it.concurrent.each(errorCases)(
    '$name',
    async ({ files, entry = 'handler.js', noLocation }) => {
      const root = writeApp(files);
      const [expected, actual] = await Promise.all([
        runNodeToExit(root, entry),
        runInPageProcess(root, entry),
      ]);
      expect(actual.code).toBe(expected.code);
      expect(actual.stdout).toBe(expected.stdout);
      let want = comparable(expected.stderr, root).replace(/Node\.js v[\d.]+/, 'Node.js v20');
      if (noLocation) want = want.replace(/^\n\/app\/[^\n]*\n[^\n]*\n *\^\n/, '\n');
      const got = comparable(actual.stderr, root).replace(/Node\.js v[\d.]+/, 'Node.js v20');
      // The same report: header (file:line, source, caret), message, user frames, footer. Node's
      // internal frames (node:…) have no counterpart in the page and are left out of both.
      expect(got).toBe(want);
    },
    60_000,
  );
});

describe('findSyntaxError', () => {
  it('finds the line and column V8 reports', () => {
    const code = 'const a = 1;\nfunction f() {\n  return a +* 2;\n}\n';
    let message = '';
    try {
      new Function(code);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(findSyntaxError(code, message)).toEqual({ line: 3, column: 13 });
    // Both at the end of the file, where Node points too (checked with node 20).
    expect(findSyntaxError('let x = `open\n\n', 'Unterminated template literal')?.line).toBe(3);
    expect(findSyntaxError('if (a) {\n  b();\n', 'Unexpected end of input')).toEqual({ line: 3, column: 1 });
  });
});

describe('the process object and built-ins', () => {
  it('has argv, env, cwd, platform, version, hrtime, memoryUsage, nextTick order', async () => {
    const page = runInPage(
      {
        'handler.js': `console.log(JSON.stringify(process.argv), process.env.GREETING, process.cwd(), process.platform);
console.log(/^v20\\.\\d+\\.\\d+$/.test(process.version), process.versions.node === process.version.slice(1), typeof process.pid);
console.log(Array.isArray(process.hrtime()), typeof process.hrtime.bigint(), typeof process.memoryUsage().heapUsed, process.uptime() >= 0);
process.chdir('sub'); console.log(process.cwd(), require('path').resolve('x'));
Promise.resolve().then(() => console.log('promise'));
process.nextTick(() => console.log('tick'));
setImmediate(() => console.log('immediate'));
process.stdout.write(Buffer.from([0xe2, 0x9c]));
process.stdout.write(Buffer.from([0x93, 0x0a]));
process.stderr.write('to stderr\\n');
console.error(new Error('logged'));`,
      },
      { args: ['--port', '1'], env: { GREETING: 'hi' } },
    );
    expect(await page.exited).toBe(0);
    expect(page.stdout()).toBe(
      '["node","/app/handler.js","--port","1"] hi /app linux\ntrue true number\ntrue bigint number true\n' +
        '/app/sub /app/sub/x\n✓\ntick\npromise\nimmediate\n',
    );
    expect(page.stderr()).toMatch(/^to stderr\nError: logged\n {4}at /);
  });

  it('hashes as node:crypto does, and makes UUIDs and random bytes', async () => {
    const inputs = ['', 'abc', 'héllo wörld ✓', 'x'.repeat(1000)];
    const page = runInPage({
      'handler.js': `const crypto = require('crypto');
const inputs = ${JSON.stringify(inputs)};
const out = [];
for (const algorithm of ['md5', 'sha1', 'sha256', 'sha512']) {
  for (const input of inputs) {
    out.push(crypto.createHash(algorithm).update(input).digest('hex'));
    out.push(crypto.createHash(algorithm).update(input.slice(0, 2)).update(Buffer.from(input.slice(2))).digest('base64'));
    out.push(crypto.createHash(algorithm.toUpperCase()).update(input).digest().toString('hex'));
  }
}
out.push(crypto.createHmac('sha256', 'key').update('data').digest('hex'));
console.log(JSON.stringify(out));
console.log(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()));
console.log(crypto.randomBytes(70000).length, Buffer.isBuffer(crypto.randomBytes(4)), crypto.randomUUID() !== crypto.randomUUID());`,
    });
    expect(await page.exited).toBe(0);
    const expected: string[] = [];
    for (const algorithm of ['md5', 'sha1', 'sha256', 'sha512']) {
      for (const input of inputs) {
        expected.push(createHash(algorithm).update(input).digest('hex'));
        expected.push(createHash(algorithm).update(input).digest('base64'));
        expected.push(createHash(algorithm).update(input).digest('hex'));
      }
    }
    const { createHmac } = await import('node:crypto');
    expected.push(createHmac('sha256', 'key').update('data').digest('hex'));
    const [hashes, uuid, random] = page.stdout().trim().split('\n');
    expect(JSON.parse(hashes as string)).toEqual(expected);
    expect(uuid).toBe('true');
    expect(random).toBe('70000 true true');
  });

  it("reports EADDRINUSE on the server's 'error', and crashes without a listener", async () => {
    const handled = runInPage(
      {
        'handler.js': `const server = require('http').createServer();
server.on('error', (e) => { console.log(e.code, e.syscall, e.port, e.message); process.exit(0); });
server.listen(8080, '127.0.0.1');`,
      },
      { busyPorts: [8080] },
    );
    expect(await handled.exited).toBe(0);
    expect(handled.stdout()).toBe(
      'EADDRINUSE listen 8080 listen EADDRINUSE: address already in use 127.0.0.1:8080\n',
    );

    const crashed = runInPage(
      { 'handler.js': `require('http').createServer().listen(8080);` },
      { busyPorts: [8080] },
    );
    expect(await crashed.exited).toBe(1);
    expect(crashed.stderr()).toMatch(/Error: listen EADDRINUSE: address already in use :::8080/);
  });

  it('says there is no network for http.request and fetch', async () => {
    const page = runInPage({
      'handler.js': `const http = require('http');
http.get('http://example.com/x', () => {}).on('error', (e) => console.log(e.code, e.message));
fetch('https://example.com/').catch((e) => console.log(e.name, e.message));`,
    });
    expect(await page.exited).toBe(0);
    expect(page.stdout()).toMatch(
      /^ERR_INPAGE_NO_NETWORK http\.request to http:\/\/example\.com\/x cannot be made: the in-page engine runs the handler with no network/,
    );
    expect(page.stdout()).toMatch(/TypeError fetch to https:\/\/example\.com\/ cannot be made/);
  });

  it('loads https: its client has no network either, and a server says why the host cannot call it', async () => {
    const page = runInPage({
      'handler.js': `const https = require('node:https');
https.get('https://api.example/v1?q=1', () => {}).on('error', (e) => console.log(e.code, e.message));
https.request({ hostname: 'api.example', port: 8443, path: '/v2', method: 'POST' }).on('error', (e) => console.log(e.code, e.message)).end();
try { https.createServer({}, () => {}); } catch (e) { console.log('server:', e.message); }
console.log(typeof https.Agent, https.globalAgent instanceof https.Agent);`,
    });
    expect(await page.exited).toBe(0);
    const lines = page.stdout().trim().split('\n');
    expect(lines[0]).toMatch(
      /^server: https\.createServer cannot serve this handler: the Functions host calls a custom handler over plain HTTP/,
    );
    expect(lines[1]).toBe('function true');
    expect(lines[2]).toMatch(
      /^ERR_INPAGE_NO_NETWORK https\.request to https:\/\/api\.example\/v1\?q=1 cannot be made: the in-page engine runs the handler with no network/,
    );
    expect(lines[3]).toMatch(
      /^ERR_INPAGE_NO_NETWORK https\.request to https:\/\/api\.example:8443\/v2 cannot be made/,
    );
  });

  it('exits 0 when nothing is left to run, and stays while a server listens', async () => {
    const done = runInPage({ 'handler.js': `console.log('done');` });
    expect(await done.exited).toBe(0);
    const serving = runInPage({
      'handler.js': `const s = require('http').createServer((q, r) => r.end('x')).listen(0, () => console.log('up'));
setTimeout(() => s.close(() => console.log('closed')), 50);`,
    });
    await serving.listening;
    expect(serving.runtime.exited).toBe(false);
    expect(await serving.exited).toBe(0);
    expect(serving.stdout()).toBe('up\nclosed\n');
  });
});
