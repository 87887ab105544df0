import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from './support/browser';
import { fileText, noConsoleErrors, openFile, replaceEditorText, waitForHost } from './support/playground';
import { startStaticServer } from './support/staticServer';
import type { StaticServer } from './support/staticServer';

// The toolbar's engine switcher: the engines this page can run, and a reload into another one
// that keeps the work.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const baseUrl = inject('baseUrl').replace(/\/$/, '');
let browser: Browser;
let staticSite: StaticServer;

beforeAll(async () => {
  browser = await launchBrowser();
  staticSite = await startStaticServer(join(ROOT, 'dist'));
});
afterAll(async () => {
  await browser?.close();
  await staticSite?.close();
});

test('under npm start, switching to the in-page engine reloads into ?engine=inpage with the edited handler', async () => {
  const { page, errors } = await openPage(browser, `${baseUrl}/?test`);
  await waitForHost(page);
  const toolbar = page.getByRole('toolbar', { name: 'Playground' });
  const engine = toolbar.getByRole('combobox', { name: 'Engine' });
  expect(await engine.locator('option').allInnerTexts()).toEqual([
    'Local (npm start)',
    'In the page',
    'WebContainer',
  ]);
  expect(await engine.inputValue()).toBe('local');

  await openFile(page, 'handler.js');
  const text = await fileText(page, 'handler.js');
  await replaceEditorText(page, text.replace("body: 'Order enqueued'", "body: 'Order enqueued in the page'"));
  await engine.selectOption({ label: 'In the page' });
  await page.waitForURL(/[?&]engine=inpage.*#s1\./, { timeout: 15_000 });
  await waitForHost(page);
  expect(await toolbar.getByRole('combobox', { name: 'Engine' }).inputValue()).toBe('inpage');
  expect(await fileText(page, 'handler.js')).toContain('Order enqueued in the page');
  expect(await page.locator('iframe[data-engine="inpage"]').count()).toBe(1);

  await page.getByRole('form', { name: 'HTTP request' }).getByRole('button', { name: 'Send' }).click();
  await page
    .getByRole('list', { name: 'Invocations, newest first' })
    .getByRole('button', { name: /POST \/api\/order/ })
    .first()
    .click();
  const toCaller = page
    .getByRole('list', { name: 'Hops, in order' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: /^host to caller/ }) });
  await toCaller.getByRole('button', { name: 'Raw' }).click();
  expect(await toCaller.innerText()).toContain('Order enqueued in the page');
  noConsoleErrors(errors);
  await page.close();
});

test('on a static host the switcher offers the in-page engine and a WebContainer, not the local one', async () => {
  const { page, errors } = await openPage(browser, `${staticSite.url}/?test`);
  await waitForHost(page);
  const engine = page.getByRole('toolbar', { name: 'Playground' }).getByRole('combobox', { name: 'Engine' });
  expect(await engine.locator('option').allInnerTexts()).toEqual(['In the page', 'WebContainer']);
  expect(await engine.inputValue()).toBe('inpage');
  noConsoleErrors(errors);
  await page.close();
});
