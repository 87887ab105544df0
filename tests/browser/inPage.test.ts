import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './support/browser';
import { fileText, noConsoleErrors, saveFile, waitForHost } from './support/playground';
import { scriptPageRoutes } from './support/scriptPage';
import { startStaticServer } from './support/staticServer';
import type { StaticServer } from './support/staticServer';

// The in-page engine on a plain static host: no COOP/COEP, no local server, no WebContainer.
// The global setup has built dist/ and build/inpage/ (npm run build).

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

const bundles = () => ({
  sandbox: readFileSync(join(ROOT, 'build/inpage/sandbox.js'), 'utf8'),
  hostWorker: readFileSync(join(ROOT, 'build/inpage/host-worker.js'), 'utf8'),
  handlerWorker: readFileSync(join(ROOT, 'build/inpage/handler-worker.js'), 'utf8'),
});

/** A worker that answers 'facts' with what it can see, 'ping' with 'pong', and 'spin' never. */
const PROBE_WORKER = `
self.onmessage = (event) => {
  const port = event.data.port;
  port.onmessage = (e) => {
    if (e.data === 'ping') port.postMessage('pong');
    if (e.data === 'spin') for (;;) {}
    if (e.data === 'facts') port.postMessage({
      origin: self.origin,
      isolated: self.crossOriginIsolated,
      randomUUID: typeof crypto.randomUUID,
      evalWorks: (0, eval)('1 + 1') === 2,
      echoed: e.ports.length,
    });
    if (e.data && e.data.bytes) port.postMessage({ bytes: e.data.bytes }, [e.data.bytes]);
  };
};`;

/** An example's files by app-relative path, as the page would sync them. */
function exampleFiles(name: string): Record<string, string> {
  const root = join(ROOT, 'examples', name);
  const files: Record<string, string> = {};
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else files[`${prefix}${entry.name}`] = readFileSync(join(dir, entry.name), 'utf8');
    }
  };
  walk(root, '');
  return files;
}

/**
 * Runs a handler made of `lines` (which call `say('tag', text)`) under a host in the harness's
 * engine, and returns what it said by tag once every tag in them has been said.
 */
async function handlerSays(page: Page, lines: readonly string[]): Promise<Record<string, string>> {
  const tags = [...lines.join('\n').matchAll(/say\('(\w+)'/g)].map((m) => m[1]!);
  const handler = [
    // Tag and text as one word each: the host's output may carry the line inside a JSON string.
    "const say = (tag, text) => console.log('said ' + tag + ' ' + encodeURIComponent(text));",
    ...lines,
    "require('http').createServer((q, r) => r.end('hi')).listen(process.env.FUNCTIONS_CUSTOMHANDLER_PORT);",
  ].join('\n');
  const files = {
    'host.json': JSON.stringify({
      version: '2.0',
      customHandler: { description: { defaultExecutablePath: 'node', arguments: ['handler.js'] } },
    }),
    'hello/function.json': JSON.stringify({
      bindings: [
        { type: 'httpTrigger', direction: 'in', name: 'req', methods: ['get'] },
        { type: 'http', direction: 'out', name: 'res' },
      ],
    }),
    'handler.js': handler,
  };
  const said = (await page.evaluate(`(async () => {
    const engine = globalThis.__engine;
    await engine.syncFiles(new Map(Object.entries(${JSON.stringify(files)})));
    const host = await engine.startHost();
    let out = '';
    const said = () => out.split('\\n').flatMap((line) => {
      const found = /said (\\w+) ([\\w.!~*'()%-]*)/.exec(line);
      return found ? [[found[1], decodeURIComponent(found[2])]] : [];
    });
    // A handler that crashed says no more: what it said by then is the answer.
    await new Promise((resolve) => { setTimeout(resolve, 15000); host.onOutput((chunk) => {
      out += chunk;
      const heard = new Set(said().map(([tag]) => tag));
      if (${JSON.stringify(tags)}.every((tag) => heard.has(tag))) resolve();
    }); });
    host.kill();
    await host.exit;
    return said();
  })()`)) as [string, string][];
  return Object.fromEntries(said);
}

async function openHarness(): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, `${server.url}/__inpage/harness.html`);
  await opened.page.evaluate(
    `globalThis.__bundles = ${JSON.stringify(bundles())}; globalThis.__engine = globalThis.__makeEngine();`,
  );
  await opened.page.evaluate('globalThis.__engine.boot()');
  return opened;
}

describe('the in-page engine plumbing in Chromium, on a page without cross-origin isolation', () => {
  test('the sandbox is an opaque-origin iframe whose classic blob workers run, talk over ports and eval', async () => {
    const { page, errors } = await openHarness();
    const iframe = page.locator('iframe[data-engine="inpage"]');
    expect(await iframe.getAttribute('sandbox')).toBe('allow-scripts');
    const facts = await page.evaluate(`(async () => {
      const probe = await globalThis.__engine.probe(${JSON.stringify(PROBE_WORKER)});
      const answer = (message, transfer = []) => new Promise((resolve) => {
        probe.port.onmessage = (e) => resolve(e.data);
        probe.port.postMessage(message, transfer);
      });
      const facts = await answer('facts');
      const sent = new Uint8Array(1 << 20).map((_, i) => i % 251);
      const back = await answer({ bytes: sent.buffer.slice(0) }, []);
      const same = new Uint8Array(back.bytes).every((b, i) => b === sent[i]);
      await probe.stop();
      return { pageIsolated: self.crossOriginIsolated, probeOrigin: probe.origin, same, ...facts };
    })()`);
    expect(facts).toEqual({
      pageIsolated: false,
      probeOrigin: 'null',
      origin: 'null',
      isolated: false,
      randomUUID: 'undefined',
      evalWorks: true,
      echoed: 0,
      same: true,
    });
    noConsoleErrors(errors);
    await page.close();
  });

  test('stopping a worker that spins forever ends it, and the page and the sandbox go on', async () => {
    const { page, errors } = await openHarness();
    const result = await page.evaluate(`(async () => {
      const probe = await globalThis.__engine.probe(${JSON.stringify(PROBE_WORKER)});
      const ping = (port, ms) => new Promise((resolve) => {
        const timer = setTimeout(() => resolve('silence'), ms);
        port.onmessage = (e) => { clearTimeout(timer); resolve(e.data); };
        port.postMessage('ping');
      });
      const before = await ping(probe.port, 2000);
      probe.port.postMessage('spin');
      const spinning = await ping(probe.port, 300);
      const started = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const pageTimerLate = performance.now() - started - 50;
      await probe.stop();
      const next = await globalThis.__engine.probe(${JSON.stringify(PROBE_WORKER)});
      const after = await ping(next.port, 2000);
      await next.stop();
      const stopped = await ping(next.port, 300);
      return { before, spinning, pageTimerLate: pageTimerLate < 40, after, stopped };
    })()`);
    expect(result).toEqual({
      before: 'pong',
      spinning: 'silence',
      pageTimerLate: true,
      after: 'pong',
      stopped: 'silence',
    });
    noConsoleErrors(errors);
    await page.close();
  });

  test('restarting the handler and the host leaves no worker behind', async () => {
    const { page, errors } = await openHarness();
    const counts = await page.evaluate(`(async () => {
      const engine = globalThis.__engine;
      await engine.syncFiles(new Map(Object.entries(${JSON.stringify(exampleFiles('order'))})));
      const READY = 'Worker process started and initialized';
      const readyTimes = (host, times) => new Promise((resolve) => {
        let out = '';
        host.onOutput((chunk) => {
          out += chunk;
          if (out.split(READY).length - 1 >= times) resolve();
        });
      });
      const frame = (command) => {
        const json = JSON.stringify(command);
        return '\\u001b_fchp1;' + json.length + ';' + json + '\\u001b\\\\';
      };
      const seen = [];
      const first = await engine.startHost();
      await readyTimes(first, 1);
      seen.push(await engine.stats());
      first.write(frame({ type: 'handler.restart', id: 'r1' }));
      await readyTimes(first, 2);
      seen.push(await engine.stats());
      first.kill();
      seen.push(await first.exit);
      const second = await engine.startHost();
      await readyTimes(second, 1);
      seen.push(await engine.stats());
      second.kill();
      await second.exit;
      seen.push(await engine.stats());
      return seen;
    })()`);
    expect(counts).toEqual([
      { runs: 1, handlers: 1 },
      { runs: 1, handlers: 1 },
      137,
      { runs: 1, handlers: 1 },
      { runs: 0, handlers: 0 },
    ]);
    noConsoleErrors(errors);
    await page.close();
  });

  test('code in the sandbox can open no connection: fetch, XMLHttpRequest, WebSocket and EventSource are refused by its policy', async () => {
    const { page } = await openHarness();
    // Addresses the old policy let through (https:, wss:), on a port where nothing listens: the
    // only difference a refusal makes is the policy's violation report.
    const refused = await page.evaluate(`(async () => {
      const probe = await globalThis.__engine.probe(${JSON.stringify(`
self.onmessage = (event) => {
  const port = event.data.port;
  const seen = [];
  self.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective + ' ' + new URL(e.blockedURI).protocol));
  const settle = (start) => new Promise((resolve) => { try { start(resolve); } catch (e) { resolve(); } setTimeout(resolve, 1500); });
  Promise.all([
    settle((done) => fetch('https://127.0.0.1:9/').then(done, done)),
    settle((done) => { const x = new XMLHttpRequest(); x.onloadend = done; x.open('GET', 'https://127.0.0.1:9/x'); x.send(); }),
    settle((done) => { const w = new WebSocket('wss://127.0.0.1:9/'); w.onerror = done; w.onclose = done; }),
    settle((done) => { const s = new EventSource('https://127.0.0.1:9/events'); s.onerror = () => { s.close(); done(); }; }),
  ]).then(() => port.postMessage(seen.sort()));
};`)});
      const seen = await new Promise((resolve) => (probe.port.onmessage = (e) => resolve(e.data)));
      await probe.stop();
      return seen;
    })()`);
    expect(refused).toEqual([
      'connect-src https:',
      'connect-src https:',
      'connect-src https:',
      'connect-src wss:',
    ]);
    await page.close();
  });

  test("a handler's global fetch says there is no network, as its module scope's does", async () => {
    const { page, errors } = await openHarness();
    const said = await handlerSays(page, [
      "globalThis.fetch('https://example.com/').catch((e) => say('global', e.message));",
      "self.fetch('https://example.com/').catch((e) => say('self', e.message));",
    ]);
    expect(Object.keys(said).sort()).toEqual(['global', 'self']);
    for (const text of Object.values(said)) {
      expect(text).toMatch(
        /^fetch to https:\/\/example\.com\/ cannot be made: the in-page engine runs the handler with no network/,
      );
    }
    noConsoleErrors(errors);
    await page.close();
  });

  test("Node's global crypto.randomUUID and crypto.subtle.digest work in a handler, though the sandbox is no secure context", async () => {
    const { page, errors } = await openHarness();
    const said = await handlerSays(page, [
      "say('global', crypto.randomUUID());",
      "say('module', require('crypto').randomUUID());",
      "say('distinct', String(new Set(Array.from({ length: 100 }, () => crypto.randomUUID())).size));",
      "crypto.subtle.digest('SHA-256', new TextEncoder().encode('abc')).then((d) => say('digest', Buffer.from(d).toString('hex')));",
      "crypto.subtle.sign('HMAC', null, new Uint8Array(1)).catch((e) => say('sign', e.name + ': ' + e.message));",
    ]);
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(said.global).toMatch(v4);
    expect(said.module).toMatch(v4);
    expect(said.distinct).toBe('100');
    expect(said.digest).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(said.sign).toMatch(
      /^NotSupportedError: crypto\.subtle\.sign is not available in the in-page engine/,
    );
    noConsoleErrors(errors);
    await page.close();
  });

  test("a handler's values print as under Node: Node's inspect, compiled in the worker on first use", async () => {
    const { page, errors } = await openHarness();
    const said = await handlerSays(page, [
      "say('inspect', require('util').inspect(new Map([['a', [1, 2]]])));",
      "say('format', require('util').format('%s=%d %o', 'n', 42, { deep: { er: { still: {} } } }));",
      "say('array', require('util').inspect(Array.from({ length: 30 }, (_, i) => i)));",
    ]);
    expect(said).toEqual({
      inspect: "Map(1) { 'a' => [ 1, 2 ] }",
      format: 'n=42 { deep: { er: { still: {} } } }',
      array: [
        '[',
        '   0,  1,  2,  3,  4,  5,  6,  7,  8,',
        '   9, 10, 11, 12, 13, 14, 15, 16, 17,',
        '  18, 19, 20, 21, 22, 23, 24, 25, 26,',
        '  27, 28, 29',
        ']',
      ].join('\n'),
    });
    noConsoleErrors(errors);
    await page.close();
  });

  test('dispose removes the sandbox iframe', async () => {
    const { page, errors } = await openHarness();
    expect(await page.locator('iframe[data-engine="inpage"]').count()).toBe(1);
    await page.evaluate('globalThis.__engine.dispose()');
    expect(await page.locator('iframe').count()).toBe(0);
    noConsoleErrors(errors);
    await page.close();
  });
});

describe('the playground on a plain static host', () => {
  test('picks the in-page engine and sends the default order request through host and handler workers', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?test`);
    await waitForHost(page);
    expect(await page.evaluate('window.__playground.stores.runtime.getState().engineKind')).toBe('inpage');
    const iframe = page.locator('iframe[data-engine="inpage"]');
    expect(await iframe.getAttribute('sandbox')).toBe('allow-scripts');
    expect(await page.evaluate('self.crossOriginIsolated')).toBe(false);

    await page.getByTestId('composer-send').click();
    const row = page.getByTestId('exchange-row').first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    const detail = page.getByTestId('exchange-detail');
    await detail.waitFor();
    const hop = async (from: string, to: string) => {
      const view = detail.locator(`[data-testid="hop"][data-from="${from}"][data-to="${to}"]`);
      await view.getByTestId('hop-mode-raw').click();
      return view.getByTestId('hop-raw').innerText();
    };
    const toHost = await hop('caller', 'host');
    expect(toHost).toContain('POST /api/order HTTP/1.1');
    const toHandler = await hop('host', 'handler');
    expect(toHandler).toContain('POST /order HTTP/1.1');
    expect(toHandler).toMatch(/X-Azure-Functions-InvocationId: [0-9a-f-]{36}/);
    expect(toHandler).toContain('Transfer-Encoding: chunked');
    expect(await hop('host', 'caller')).toContain('Order enqueued');
    // The host's console lines reach the terminal, as the CLI's do.
    const terminal = await page.evaluate('window.__playground.stores.terminal.getState().buffer');
    expect(terminal).toContain('http://localhost:7071/api/order');
    noConsoleErrors(errors);
    await page.close();
  });

  test('a handler stuck in an endless loop is stopped at the function timeout, restarted, and answers again', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/?test`);
    await waitForHost(page);
    // Edited through the files store and saved as Ctrl+S saves (typing into Monaco would
    // auto-indent and auto-close the multi-line text).
    const hostJson = await fileText(page, 'host.json');
    await saveFile(
      page,
      'host.json',
      hostJson.replace('"version": "2.0",', '"version": "2.0", "functionTimeout": "00:00:02",'),
    );
    await waitForHost(page);
    const handler = await fileText(page, 'handler.js');
    const spinning = handler.replace(
      'reply(res, route(await readJson(req)));',
      "const invocation = await readJson(req);\n  if (JSON.stringify(invocation).includes('spin-forever')) for (;;) {}\n  reply(res, route(invocation));",
    );
    expect(spinning).not.toBe(handler);
    await saveFile(page, 'handler.js', spinning);
    await waitForHost(page);

    const body = page.getByTestId('composer-body');
    const status = page.getByTestId('composer-status');
    await body.fill('{"id":1,"note":"spin-forever"}');
    const started = Date.now();
    await page.getByTestId('composer-send').click();
    // The worker spins; only terminate() can stop it, and the host (another worker) does so.
    await expect.poll(() => status.innerText(), { timeout: 20_000 }).toMatch(/^500 /);
    expect(Date.now() - started).toBeGreaterThan(1900);
    const terminal = () =>
      page.evaluate('window.__playground.stores.terminal.getState().buffer') as Promise<string>;
    await expect.poll(terminal).toMatch(/Timeout value of 00:00:02 exceeded by function 'Functions\.order'/);

    // The restarted handler answers the next order.
    await waitForHost(page);
    await body.fill('{"id":2,"quantity":1}');
    await expect
      .poll(
        async () => {
          await page.getByTestId('composer-send').click();
          await page.waitForTimeout(300);
          return status.innerText();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toMatch(/^200 /);
    noConsoleErrors(errors);
    await page.close();
  });

  test('a documentation page on another origin embeds the playground, and the app runs inside it', async () => {
    // The docs page comes from another origin (another port), with no special headers either.
    const docs = await startStaticServer(join(ROOT, 'dist'), {
      '/docs.html': {
        type: 'text/html; charset=utf-8',
        body:
          '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>Docs</title>' +
          `<h1>Custom handlers</h1><iframe src="${server.url}/?embed&example=order" width="1200" height="800"></iframe>`,
      },
    });
    try {
      const { page, errors } = await openPage(browser, `${docs.url}/docs.html`);
      const embed = page.frameLocator('iframe');
      await embed.getByTestId('embed-run').click({ timeout: 15_000 });
      const send = embed.getByTestId('composer-send');
      await expect.poll(() => send.isEnabled(), { timeout: 30_000 }).toBe(true);
      await send.click();
      await embed.getByTestId('exchange-row').first().waitFor({ timeout: 15_000 });
      expect(await embed.getByTestId('composer-status').innerText()).toMatch(/^200 /);
      // Inside the embed: the engine's own sandbox frame, opaque and without the site's origin.
      expect(await embed.locator('iframe[data-engine="inpage"]').getAttribute('sandbox')).toBe(
        'allow-scripts',
      );
      expect(await page.evaluate('self.crossOriginIsolated')).toBe(false);
      noConsoleErrors(errors);
      await page.close();
    } finally {
      await docs.close();
    }
  });

  test('on a host that sends public/_headers (cross-origin isolated), the in-page engine runs too, its scripts posted by the page', async () => {
    const headers = Object.fromEntries(
      readFileSync(join(ROOT, 'public/_headers'), 'utf8')
        .split('\n')
        .map((line) => /^\s+([\w-]+):\s*(.+)$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1]!, m[2]!.trim()]),
    );
    expect(Object.keys(headers)).toContain('Cross-Origin-Embedder-Policy');
    const isolated = await startStaticServer(join(ROOT, 'dist'), {}, headers);
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
      page.on('pageerror', (e) => void errors.push(e.message));
      const scriptsFetchedByPage: string[] = [];
      page.on('request', (r) => {
        if (/-worker-[\w-]+\.js$/.test(r.url()) && r.frame() === page.mainFrame())
          scriptsFetchedByPage.push(r.url());
      });
      await page.goto(`${isolated.url}/?test`);
      expect(await page.evaluate('self.crossOriginIsolated')).toBe(true);
      await waitForHost(page);
      // Isolated, the sandbox could load only scripts served with CORP: the page posts them as text.
      expect(scriptsFetchedByPage.map((url) => /(host|handler)-worker/.exec(url)?.[1]).sort()).toEqual([
        'handler',
        'host',
      ]);
      expect(await page.evaluate('window.__playground.stores.runtime.getState().engineKind')).toBe('inpage');
      await page.getByTestId('composer-send').click();
      await expect
        .poll(() => page.getByTestId('composer-status').innerText(), { timeout: 15_000 })
        .toMatch(/^200 /);
      noConsoleErrors(errors);
      await page.close();
    } finally {
      await isolated.close();
    }
  });
});
