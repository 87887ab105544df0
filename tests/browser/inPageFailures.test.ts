import { afterAll, beforeAll, expect, test } from 'vitest';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './support/browser';
import { fileText, noConsoleErrors, saveFile, waitForHost } from './support/playground';
import { startStaticServer } from './support/staticServer';
import type { StaticServer } from './support/staticServer';

// Issue 11 points 7 and 8 on the in-page engine (a static site): the same notices as with the
// local engine (tests/browser/failures.test.ts), since the host says them on every platform.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  server = await startStaticServer(join(ROOT, 'dist'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openOrder(): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, `${server.url}/?test&example=order`);
  await waitForHost(opened.page);
  expect(await opened.page.evaluate('window.__playground.stores.runtime.getState().engineKind')).toBe(
    'inpage',
  );
  return opened;
}

test('in the page: a handler on the wrong port gets the notice, a syntax error the banner on its line', async () => {
  const { page, errors } = await openOrder();
  const original = await fileText(page, 'handler.js');
  await saveFile(
    page,
    'handler.js',
    original.replace('Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT || 8080)', '38123'),
  );
  const notice = page.getByRole('status', { name: 'Handler not listening yet' });
  await notice.waitFor({ timeout: 15_000 });
  await expect
    .poll(() => notice.innerText(), { timeout: 10_000 })
    .toContain('Its output mentions port 38123');

  await saveFile(
    page,
    'handler.js',
    original.replace(
      "const http = require('node:http');",
      "const http = require('node:http');\nconst broken = ;",
    ),
  );
  const banner = page.getByRole('alert', { name: 'Handler crashed' });
  await banner.waitFor({ timeout: 20_000 });
  expect(await banner.innerText()).toMatch(/handler\.js:4[\s\S]*SyntaxError/);
  noConsoleErrors(errors);
  await page.close();
}, 180_000);
