// sandboxReady in a real Chromium: it resolves on its own iframe's word, and an iframe removed
// before it spoke (a boot that failed) does not keep its listener on the page for good.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser } from '../../tests/browser/support/browser';
import { scriptPageRoutes } from '../../tests/browser/support/scriptPage';
import { startStaticServer, type StaticServer } from '../../tests/browser/support/staticServer';

const HERE = dirname(fileURLToPath(import.meta.url));
// The page counts its 'message' listeners, and makes iframes that say ready (or never do).
const ENTRY = `
import { sandboxReady } from ${JSON.stringify(join(HERE, 'sandboxIframe.ts'))};
let listeners = 0;
const add = window.addEventListener.bind(window);
const remove = window.removeEventListener.bind(window);
window.addEventListener = (type, ...rest) => { if (type === 'message') listeners++; add(type, ...rest); };
window.removeEventListener = (type, ...rest) => { if (type === 'message') listeners--; remove(type, ...rest); };
const frame = (speaks) => {
  const iframe = document.createElement('iframe');
  iframe.setAttribute('sandbox', 'allow-scripts');
  iframe.srcdoc = speaks ? "<script>parent.postMessage({ t: 'fchp-sandbox-ready' }, '*')</" + "script>" : '<p>silent</p>';
  return iframe;
};
window.check = {
  listeners: () => listeners,
  async speaking() {
    const iframe = frame(true);
    const ready = sandboxReady(window, iframe);
    document.body.append(iframe);
    await ready;
    iframe.remove();
  },
  silentThenRemoved() {
    const iframe = frame(false);
    void sandboxReady(window, iframe);
    document.body.append(iframe);
    iframe.remove();
  },
};
`;

let dir: string;
let server: StaticServer;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-iframe-'));
  writeFileSync(join(dir, 'entry.ts'), ENTRY);
  server = await startStaticServer(dir, await scriptPageRoutes(join(dir, 'entry.ts'), '/ready', 'ready'));
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(`${server.url}/ready.html`);
  await page.waitForFunction('window.check');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('resolves on its iframe word and then stops listening', async () => {
  await page.evaluate('window.check.speaking()');
  expect(await page.evaluate('window.check.listeners()')).toBe(0);
});

test('an iframe removed before it spoke gives its listener up at the next message', async () => {
  await page.evaluate('window.check.silentThenRemoved()');
  expect(await page.evaluate('window.check.listeners()')).toBe(1);
  await page.evaluate(
    'new Promise((r) => { addEventListener("message", function once() { removeEventListener("message", once); r(); }); postMessage("anything", "*"); })',
  );
  expect(await page.evaluate('window.check.listeners()')).toBe(0);
});
