import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { startPlaygroundServer } from '../../runtime/node/playgroundServer/server';
import { alive } from '../support/processes';
import { launchBrowser, openPage } from './support/browser';
import { waitForHost } from './support/playground';

// A tab that dies (its renderer crashes: no pagehide, no goodbye) has its session freed by the
// local engine once it has been idle for the server's limit (45 s by default; 3 s on this test's
// own server, so the test need not wait out a minute): its host and handler are stopped. The
// registry's timing against the default limit is sessionHeartbeat.test.ts's.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const IDLE_MS = 3000;
let browser: Browser;
let server: Awaited<ReturnType<typeof startPlaygroundServer>>;
let baseUrl: string;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startPlaygroundServer({
    distDir: join(ROOT, 'dist'),
    hostBundle: join(ROOT, 'build', 'host.mjs'),
    port: 0,
    limits: { idleMs: IDLE_MS },
  });
  baseUrl = server.url.replace(/\/$/, '');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test("the handler of a crashed tab is stopped once its session's idle limit has passed", async () => {
  const { page } = await openPage(browser, `${baseUrl}/?test`);
  await waitForHost(page);
  const pid = (await page.evaluate(
    'window.__playground.stores.runtime.getState().host?.handler?.pid',
  )) as number;
  expect(typeof pid).toBe('number');
  expect(alive(pid)).toBe(true);

  const crashed = Date.now();
  const cdp = await page.context().newCDPSession(page);
  // Not awaited: the renderer dies before it can answer.
  void cdp.send('Page.crash').catch(() => undefined);
  while (alive(pid)) {
    expect(Date.now() - crashed, 'the handler is still running long after its tab died').toBeLessThan(
      IDLE_MS + 20_000,
    );
    await new Promise((r) => setTimeout(r, 500));
  }
  await page.close().catch(() => undefined);
}, 120_000);
