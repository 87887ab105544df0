import { afterAll, beforeAll, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from './support/browser';
import { noConsoleErrors } from './support/playground';
import { scriptPageRoutes } from './support/scriptPage';
import { startStaticServer } from './support/staticServer';
import type { StaticServer } from './support/staticServer';

// A catastrophic route regex in the in-page engine: the match runs on a Web Worker nested in the
// host worker, so the host keeps answering, and the match is stopped at ASP.NET's 10 s.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  server = await startStaticServer(
    join(ROOT, 'dist'),
    await scriptPageRoutes(
      join(ROOT, 'tests/browser/support/inPageHarness.mjs'),
      '/__inpage/harness',
      'harness',
    ),
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Outcome {
  ping: number;
  pingMs: number;
  evil: number;
  evilMs: number;
  good: number;
  logged: boolean;
}

function orderWithRegexRoute(): Record<string, string> {
  const root = join(ROOT, 'examples', 'order');
  const files: Record<string, string> = {};
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else files[`${prefix}${entry.name}`] = readFileSync(join(dir, entry.name), 'utf8');
    }
  };
  walk(root, '');
  files['redos/function.json'] = JSON.stringify({
    bindings: [
      {
        type: 'httpTrigger',
        direction: 'in',
        name: 'req',
        route: 'redos/{v:regex(^(a+)+$)}',
        authLevel: 'anonymous',
      },
      { type: 'http', direction: 'out', name: 'res' },
    ],
  });
  return files;
}

test('a catastrophic route regex runs on a worker: other requests are answered, the match ends at 10 s', async () => {
  const { page, errors } = await openPage(browser, `${server.url}/__inpage/harness.html`);
  const bundles = {
    sandbox: readFileSync(join(ROOT, 'build/inpage/sandbox.js'), 'utf8'),
    hostWorker: readFileSync(join(ROOT, 'build/inpage/host-worker.js'), 'utf8'),
    handlerWorker: readFileSync(join(ROOT, 'build/inpage/handler-worker.js'), 'utf8'),
  };
  await page.evaluate(
    `globalThis.__bundles = ${JSON.stringify(bundles)}; globalThis.__engine = globalThis.__makeEngine();`,
  );
  await page.evaluate('globalThis.__engine.boot()');
  const outcome: Outcome = await page.evaluate(`(async () => {
    const engine = globalThis.__engine;
    await engine.syncFiles(new Map(Object.entries(${JSON.stringify(orderWithRegexRoute())})));
    const host = await engine.startHost();
    let out = '';
    host.onOutput((chunk) => (out += chunk));
    const until = async (predicate) => { while (!predicate()) await new Promise((r) => setTimeout(r, 20)); };
    await until(() => out.includes('Worker process started and initialized'));
    const frame = (command) => {
      const json = JSON.stringify(command);
      return '\\u001b_fchp1;' + json.length + ';' + json + '\\u001b\\\\';
    };
    const results = {};
    const seen = (id) => {
      const m = new RegExp('"type":"command\\\\.result","id":"' + id + '"[^\\\\u001b]*?"status":(\\\\d+)').exec(out);
      if (m && !results[id]) results[id] = { status: Number(m[1]), at: Date.now() };
      return results[id];
    };
    const started = Date.now();
    host.write(frame({ type: 'http.request', id: 'evil', request: { method: 'GET', path: '/api/redos/' + 'a'.repeat(40) + '!', headers: [], body: '' } }));
    await new Promise((r) => setTimeout(r, 500));
    const pingSent = Date.now();
    host.write(frame({ type: 'http.request', id: 'ping', request: { method: 'GET', path: '/admin/host/ping', headers: [], body: '' } }));
    await until(() => seen('ping'));
    await until(() => seen('evil'));
    host.write(frame({ type: 'http.request', id: 'good', request: { method: 'GET', path: '/api/redos/b', headers: [], body: '' } }));
    await until(() => seen('good'));
    host.kill();
    return {
      ping: results.ping.status,
      pingMs: results.ping.at - pingSent,
      evil: results.evil.status,
      evilMs: results.evil.at - started,
      good: results.good.status,
      logged: out.includes("of function 'redos' ran longer than 10 s and was stopped"),
    };
  })()`);
  expect(outcome).toMatchObject({ ping: 200, evil: 500, logged: true });
  // The pool recovered: a value the pattern refuses is a 404 again, answered by a new worker.
  expect(outcome.good).toBe(404);
  expect(outcome.pingMs).toBeLessThan(2000);
  expect(outcome.evilMs).toBeGreaterThanOrEqual(9_500);
  expect(outcome.evilMs).toBeLessThan(30_000);
  noConsoleErrors(errors);
  await page.close();
}, 120_000);
