// The bundled handler worker in a real Chromium, where it will run: a classic worker from a
// blob: URL made inside a sandboxed iframe (opaque origin, not a secure context), speaking
// protocol.ts. The iframe plays the host: it answers `listen`, opens a connection, sends a
// request and reports what came back. Skipped where there is no Chromium.
import { existsSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { handlerWorkerBuildOptions } from './buildOptions.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Runs in the sandboxed iframe: start the worker, play the host, report to the parent. */
const IFRAME_SCRIPT = String.raw`
addEventListener('message', async (event) => {
  const { bundle, start, request } = event.data;
  const worker = new Worker(URL.createObjectURL(new Blob([bundle], { type: 'text/javascript' })));
  const processChannel = new MessageChannel();
  const report = { output: '', exit: null, response: '', secure: self.isSecureContext, origin: self.origin };
  const done = () => { globalThis.__report = report; };
  processChannel.port1.onmessage = ({ data }) => {
    if (data.t === 'output') report.output += data.text;
    if (data.t === 'exit') { report.exit = data.code; done(); }
    if (data.t === 'listen') {
      processChannel.port1.postMessage({ t: 'listen-result', id: data.id, port: data.port });
      const connection = new MessageChannel();
      processChannel.port1.postMessage({ t: 'connection', port: data.port, stream: connection.port2, remotePort: 50123 }, [connection.port2]);
      const decoder = new TextDecoder();
      connection.port1.onmessage = ({ data: message }) => {
        if (message.t === 'data') report.response += decoder.decode(new Uint8Array(message.bytes));
        if (message.t === 'end' || message.t === 'close') setTimeout(done, 50);
      };
      const bytes = new TextEncoder().encode(request).buffer;
      connection.port1.postMessage({ t: 'data', bytes }, [bytes]);
    }
  };
  worker.postMessage(start, [processChannel.port2]);
});
`;

const PAGE = `<!doctype html><iframe sandbox="allow-scripts" srcdoc="${`<script>${IFRAME_SCRIPT}</script>`.replace(/"/g, '&quot;')}"></iframe>`;

interface Report {
  output: string;
  exit: number | null;
  response: string;
  secure: boolean;
  origin: string;
}

/** Starts the bundle as the sandbox does, plays the host, and reports once the handler exits. */
async function runInSandboxedWorker(bundle: string, start: object, request: string): Promise<Report> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.setContent(PAGE);
    const frame = page.frames()[1];
    if (!frame) throw new Error('no iframe');
    return (await frame.evaluate(
      async (message) => {
        const scope = globalThis as { __report?: Report };
        // The iframe's window (the test's types are a worker's, hence the cast).
        (postMessage as unknown as (data: unknown, origin: string) => void)(message, '*');
        while (scope.__report?.exit === undefined || scope.__report.exit === null) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return scope.__report;
      },
      { bundle, start, request },
    )) as Report;
  } finally {
    await browser.close();
  }
}

describe.skipIf(!existsSync(CHROMIUM))('the handler worker bundle in Chromium', () => {
  it('runs a handler in a classic blob worker inside a sandboxed iframe', async () => {
    const built = await esbuild.build({ ...handlerWorkerBuildOptions, write: false, logLevel: 'silent' });
    const bundle = built.outputFiles?.[0]?.text as string;
    const handler = `const http = require('node:http');
const { createHash, randomUUID } = require('node:crypto');
const { EventEmitter } = require('events');
// Built on their first require in the bundle (polyfillLoad.bundle.ts), not with the worker.
const util = require('node:util');
const url = require('url');
const querystring = require('querystring');
const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    if (req.url === '/boom') setTimeout(() => { throw new Error('boom in ' + req.method); }, 0);
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ url: req.url, body, md5: createHash('md5').update(body).digest('hex'),
      uuid: /^[0-9a-f-]{36}$/.test(randomUUID()), ee: typeof EventEmitter,
      inspect: util.inspect({ a: [1, 'b'] }), query: url.parse(req.url + '?x=1', true).query.x,
      qs: querystring.stringify({ a: 1, b: 'c d' }) }));
  });
});
server.listen(Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT), '127.0.0.1', () => console.log('listening', server.address().port));
`;
    const start = {
      t: 'start',
      files: { 'handler.js': handler },
      appRoot: '/app',
      entry: '/app/handler.js',
      argv: ['node', '/app/handler.js'],
      cwd: '/app',
      env: { FUNCTIONS_CUSTOMHANDLER_PORT: '7777' },
    };
    const request = 'POST /boom HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc';

    const report = await runInSandboxedWorker(bundle, start, request);
    expect(report.origin).toBe('null');
    expect(report.response).toMatch(
      /^HTTP\/1\.1 200 OK\r\nContent-Type: application\/json\r\nDate: .*\r\nConnection: close\r\nContent-Length: \d+\r\n\r\n/,
    );
    expect(report.response).toContain(
      '"url":"/boom","body":"abc","md5":"900150983cd24fb0d6963f7d28e17f72","uuid":true,"ee":"function"',
    );
    expect(report.response).toContain(`"inspect":"{ a: [ 1, 'b' ] }","query":"1","qs":"a=1&b=c%20d"`);
    expect(report.output).toMatch(/^listening 7777\n/);
    // The crash report as Node's: the file and line, the source, the stack with Node's names.
    expect(report.output).toContain(
      "/app/handler.js:13\n    if (req.url === '/boom') setTimeout(() => { throw new Error('boom in ' + req.method); }, 0);\n",
    );
    expect(report.output).toContain('Error: boom in POST\n    at Timeout._onTimeout (/app/handler.js:13:55)');
    expect(report.output).toMatch(/\n\nNode\.js v20\.\d+\.\d+\n$/);
    expect(report.exit).toBe(1);
  }, 60_000);

  it('runs an ES module handler (the module lexer is compiled on first use in the bundle)', async () => {
    const built = await esbuild.build({ ...handlerWorkerBuildOptions, write: false, logLevel: 'silent' });
    const bundle = built.outputFiles?.[0]?.text as string;
    const handler = `import http from 'node:http';
import { greet } from './greet.mjs';
const server = http.createServer((req, res) => {
  res.on('finish', () => process.exit(0));
  res.end(greet(req.url));
});
server.listen(Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT), () => console.log('esm listening'));
`;
    const start = {
      t: 'start',
      files: { 'handler.mjs': handler, 'greet.mjs': 'export const greet = (who) => `hello ${who}`;\n' },
      appRoot: '/app',
      entry: '/app/handler.mjs',
      argv: ['node', '/app/handler.mjs'],
      cwd: '/app',
      env: { FUNCTIONS_CUSTOMHANDLER_PORT: '7778' },
    };
    const report = await runInSandboxedWorker(bundle, start, 'GET /there HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(report.output).toBe('esm listening\n');
    expect(report.response).toMatch(/\r\n\r\nhello \/there$/);
    expect(report.exit).toBe(0);
  }, 60_000);

  it('bundles without Node built-ins: every import resolves to a polyfill package', async () => {
    const built = await esbuild.build({
      ...handlerWorkerBuildOptions,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(built.metafile?.inputs ?? {});
    expect(inputs.some((input) => input.startsWith('node:'))).toBe(false);
    expect(
      inputs.filter((input) =>
        /node_modules\/(buffer|events|util|readable-stream|http-parser-js)\//.test(input),
      ).length,
    ).toBeGreaterThan(5);
    // The loader that builds util, url, querystring and the hashes on first use is the one shipped.
    expect(inputs.filter((input) => /\/polyfillLoad(\.bundle)?\.ts$/.test(input))).toEqual([
      'runtime/inpage/handler/polyfillLoad.bundle.ts',
    ]);
    const text = built.outputFiles?.[0]?.text as string;
    expect(text).not.toMatch(/\brequire\("(?:node:)?(?:buffer|events|util|stream|fs|http)"\)/);
  });
});
