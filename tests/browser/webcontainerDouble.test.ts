import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './support/browser';
import { fileText, noConsoleErrors, openFile, replaceEditorText, waitForHost } from './support/playground';
import { startStaticServer } from './support/staticServer';
import type { StaticServer } from './support/staticServer';
import { buildWebContainerDoubleSite, DOUBLE_MARKER } from './support/webcontainerDoubleSite';

// The WebContainer engine's adapter (web/engine/webcontainerEngine.ts, webcontainerProcess.ts)
// end to end in Chromium, on a test build of the site where `@webcontainer/api` is the test
// double (web/engine/webcontainerDouble/): `node host.mjs app --control` runs the real host in
// the in-page engine's host worker, behind a PTY double with a line discipline. Only
// StackBlitz's own boot is left out: this machine has no internet.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The page is cross-origin isolated, as the WebContainer engine requires (docs/hosting.md). */
const ISOLATED = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
const HOST_ARGS = ['host.mjs', 'app', '--control', '--port', '0'];

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  server = await startStaticServer(await buildWebContainerDoubleSite(), {}, ISOLATED);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** What the double recorded of each process it spawned: the terminal's screen and the host's stdin. */
interface Spawned {
  args: string[];
  screen: string;
  stdin: string;
  cookedInput: number;
  raw: boolean;
  exitCode?: number;
}
const spawned = (page: Page): Promise<Spawned[]> =>
  page.evaluate('globalThis.__webcontainerDouble.current().records()') as Promise<Spawned[]>;

async function openPlayground(): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, `${server.url}/?engine=webcontainer&test`);
  await waitForHost(opened.page);
  return opened;
}

/** Sends the composer's request, as a person clicks Send. */
const send = (page: Page) =>
  page.getByRole('form', { name: 'HTTP request' }).getByRole('button', { name: 'Send' }).click();

/** The newest exchange's hop from → to, shown raw. */
async function rawHop(page: Page, from: string, to: string): Promise<string> {
  const detail = page.getByRole('article', { name: /^Exchange / });
  const hop = detail
    .getByRole('list', { name: 'Hops, in order' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: new RegExp(`^${from} to ${to}`) }) });
  await hop.getByRole('button', { name: 'Raw' }).click();
  return hop.innerText();
}

describe('the WebContainer engine on the test double', () => {
  test('boots, spawns the host on app/ and sends the default order request through host and handler', async () => {
    const { page, errors } = await openPlayground();
    const toolbar = page.getByRole('toolbar', { name: 'Playground' });
    await expect(toolbar.getByText(/^webcontainer · /).count()).resolves.toBe(1);
    // No in-page engine was chosen: the only sandbox is the double's backing one.
    expect(await page.evaluate('window.__playground.stores.runtime.getState().engineKind')).toBe(
      'webcontainer',
    );
    const [host] = await spawned(page);
    expect(host!.args).toEqual(HOST_ARGS);
    expect(host!.raw).toBe(true);

    await send(page);
    await page
      .getByRole('list', { name: 'Invocations, newest first' })
      .getByRole('button', { name: /POST \/api\/order/ })
      .first()
      .click();
    expect(await rawHop(page, 'caller', 'host')).toContain('POST /api/order HTTP/1.1');
    const toHandler = await rawHop(page, 'host', 'handler');
    expect(toHandler).toContain('POST /order HTTP/1.1');
    expect(toHandler).toMatch(/X-Azure-Functions-InvocationId: [0-9a-f-]{36}/);
    expect(await rawHop(page, 'host', 'caller')).toContain('Order enqueued');

    // Every command went through the PTY in raw mode: none was echoed or cut by the line discipline.
    const [after] = await spawned(page);
    expect(after!.cookedInput).toBe(0);
    expect(after!.stdin).toContain('"type":"http.request"');
    expect(after!.screen).not.toContain('^[');
    noConsoleErrors(errors);
    await page.close();
  });

  test('saving handler code writes it into the container and restarts the handler; Restart respawns the host', async () => {
    const { page, errors } = await openPlayground();
    await openFile(page, 'handler.js');
    const text = await fileText(page, 'handler.js');
    await replaceEditorText(page, text.replace("body: 'Order enqueued'", "body: 'Order enqueued, edited'"));
    await expect
      .poll(() =>
        page.evaluate("globalThis.__webcontainerDouble.current().fs.readFile('app/handler.js', 'utf8')"),
      )
      .toContain('Order enqueued, edited');
    await waitForHost(page);
    const invocations = page.getByRole('list', { name: 'Invocations, newest first' });
    await expect
      .poll(
        async () => {
          await send(page);
          await page.waitForTimeout(300);
          await invocations
            .getByRole('button', { name: /POST \/api\/order/ })
            .first()
            .click();
          return rawHop(page, 'host', 'caller');
        },
        { timeout: 20_000, interval: 500 },
      )
      .toContain('Order enqueued, edited');
    // The handler restarted inside the same host process.
    expect((await spawned(page)).length).toBe(1);

    await page.getByRole('toolbar', { name: 'Playground' }).getByRole('button', { name: 'Restart' }).click();
    await expect.poll(async () => (await spawned(page)).length, { timeout: 15_000 }).toBe(2);
    await waitForHost(page);
    // The old host stopped on `host.stop` and exited by itself, not killed.
    const [first, second] = await spawned(page);
    expect(first!.exitCode).toBe(0);
    expect(second!.args).toEqual(HOST_ARGS);
    noConsoleErrors(errors);
    await page.close();
  });

  test("a runtime error event shows the banner that explains it, and the terminal keeps the runtime's words", async () => {
    const { page, errors } = await openPlayground();
    await page.evaluate(
      "globalThis.__webcontainerDouble.current().simulateError('Failed to open IndexedDB: SecurityError')",
    );
    const banner = page.getByRole('alert').filter({ hasText: 'The runtime reported an error' });
    await banner.waitFor();
    const said = await banner.innerText();
    expect(said).toContain('Failed to open IndexedDB: SecurityError');
    expect(said).toContain('blocks the third-party cookies or storage');
    expect(await banner.getByRole('button', { name: 'Reload' }).isVisible()).toBe(true);
    const terminal = await page.evaluate('window.__playground.stores.terminal.getState().buffer');
    expect(terminal).toContain('Failed to open IndexedDB: SecurityError');
    noConsoleErrors(errors);
    await page.close();
  });

  test('a command written before the host speaks is echoed and cut by the line discipline; the adapter waits', async () => {
    const { page, errors } = await openPlayground();
    // The same long command (over the 4095 characters a cooked line holds), written at once after spawn.
    const results = (await page.evaluate(`(async () => {
      const double = globalThis.__webcontainerDouble.current();
      const command = (id) => ({ type: 'http.request', id, request: { method: 'POST', path: '/api/order', body: 'x'.repeat(5000) } });
      const frame = (m) => { const json = JSON.stringify(m); return '\\u001b_fchp1;' + json.length + ';' + json + '\\u001b\\\\'; };
      const answered = (text, id) => text.includes('"type":"command.result","id":"' + id + '"');

      // Straight to the PTY: what a host that is still cooked does with it.
      const naive = await double.spawn('node', ${JSON.stringify(HOST_ARGS)}, { terminal: { cols: 120, rows: 30 } });
      naive.input.getWriter().write(frame(command('naive')));
      let naiveOut = '';
      void naive.output.pipeTo(new WritableStream({ write: (c) => { naiveOut += c; } }));

      // Through the adapter: the engine's own startHost, on the same container.
      const adapter = await window.__playground.session.engine.startHost();
      adapter.write(frame(command('adapter')));
      let adapterOut = '';
      adapter.onOutput((c) => { adapterOut += c; });

      const deadline = performance.now() + 10000;
      while (!answered(adapterOut, 'adapter') && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 1000)); // the naive command gets as long again
      const records = double.records();
      const result = {
        naiveAnswered: answered(naiveOut, 'naive'),
        naiveEchoed: naiveOut.includes('^[_fchp1;'),
        naiveCooked: records.at(-2).cookedInput,
        naiveRead: records.at(-2).stdin.length,
        adapterAnswered: answered(adapterOut, 'adapter'),
        adapterEchoed: adapterOut.includes('^['),
        adapterCooked: records.at(-1).cookedInput,
      };
      naive.kill();
      adapter.kill();
      return result;
    })()`)) as Record<string, unknown>;
    expect(results).toEqual({
      naiveAnswered: false,
      naiveEchoed: true,
      naiveCooked: expect.any(Number),
      naiveRead: 4095,
      adapterAnswered: true,
      adapterEchoed: false,
      adapterCooked: 0,
    });
    expect(results.naiveCooked).toBeGreaterThan(5000);
    noConsoleErrors(errors);
    await page.close();
  });

  test('the production build has no double in it; only the test build does', () => {
    const holds = (dir: string) =>
      readdirSync(join(dir, 'assets'))
        .filter((name) => name.endsWith('.js'))
        .some((name) => readFileSync(join(dir, 'assets', name), 'utf8').includes(DOUBLE_MARKER));
    expect(holds(join(ROOT, 'dist'))).toBe(false);
    expect(holds(join(ROOT, 'build', 'webcontainer-double-site'))).toBe(true);
  });
});
