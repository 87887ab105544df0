import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { alive } from '../support/processes';
import { launchBrowser, openPage } from './support/browser';
import { waitForHost } from './support/playground';

// A tab that dies (its renderer crashes: no pagehide, no goodbye) has its session freed by the
// local engine within a minute, because its heartbeats stop: its host and handler are stopped.

let browser: Browser;
const baseUrl = inject('baseUrl').replace(/\/$/, '');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('the handler of a crashed tab is stopped within a minute', async () => {
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
    expect(Date.now() - crashed, 'the handler is still running a minute after its tab died').toBeLessThan(
      60_000,
    );
    await new Promise((r) => setTimeout(r, 500));
  }
  await page.close().catch(() => undefined);
}, 120_000);
