import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from './support/browser';
import { noConsoleErrors } from './support/playground';

const baseUrl = inject('baseUrl').replace(/\/$/, '');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('embed mode: only the chosen panels, click-to-run, and a link to the full playground', async () => {
  const { page, errors } = await openPage(browser, `${baseUrl}/?embed&example=hello&panels=editor,exchanges`);
  const run = page.getByTestId('embed-run');
  await run.waitFor({ timeout: 15_000 });
  expect(await page.getByTestId('exchanges-panel').count()).toBe(1);
  expect(await page.getByTestId('triggers-panel').count()).toBe(0);
  expect(await page.getByRole('navigation', { name: 'Files' }).count()).toBe(0);
  // Click-to-run: nothing has started before the button is pressed.
  await page.waitForTimeout(500);
  expect(await page.getByText('host running').count()).toBe(0);
  const full = page.getByTestId('open-full-playground');
  const href = await full.getAttribute('href');
  expect(href).toContain('example=hello');
  expect(href).not.toMatch(/[?&](embed|panels)\b/);
  await run.click();
  await page.getByText('host running').waitFor({ timeout: 30_000 });
  noConsoleErrors(errors);
  await page.close();
});

test('the postMessage API from an embedding page: ready, run, send a request, exchange events', async () => {
  const { page, errors } = await openPage(browser, `${baseUrl}/embed-example.html`);
  const runButton = page.locator('#run');
  await page.waitForFunction("!document.querySelector('#run').disabled", undefined, { timeout: 15_000 });
  await runButton.click();
  await page.locator('#status', { hasText: /Running/ }).waitFor({ timeout: 30_000 });
  await page.waitForFunction("!document.querySelector('#send').disabled", undefined, { timeout: 15_000 });
  await page.locator('#send').click();
  await page.locator('#log li', { hasText: 'POST /api/order → 200' }).first().waitFor({ timeout: 15_000 });
  noConsoleErrors(errors);
  await page.close();
});
