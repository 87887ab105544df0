import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './support/browser';
import { noConsoleErrors, replaceEditorText } from './support/playground';

const HELLO_HANDLER = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'hello', 'handler.js'),
  'utf8',
);

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

/** The lines the editor shows (Monaco writes spaces as no-break spaces). */
function editorText(page: Page): Promise<string> {
  return page.evaluate(
    "(document.querySelector('.monaco-editor .view-lines')?.innerText ?? '').replace(/\\u00a0/g, ' ')",
  );
}

test('"Open in the full playground" carries the edits made in the embed', async () => {
  const { page, errors } = await openPage(browser, `${baseUrl}/?embed&example=hello&panels=editor,exchanges`);
  await page.getByTestId('embed-run').click();
  await page.getByText('host running').waitFor({ timeout: 30_000 });
  // Without a triggers panel, the empty list does not point to one.
  expect(await page.getByTestId('exchanges-empty').innerText()).toBe(
    'No exchanges yet. Press Run, then call the function.',
  );
  const full = page.getByTestId('open-full-playground');

  // Unchanged: a plain link to the example.
  const plainHref = await full.getAttribute('href');
  const plain = page.context().waitForEvent('page');
  await full.click();
  const plainPage = await plain;
  await plainPage.waitForURL(/example=hello/);
  expect(new URL(plainPage.url()).hash).toBe('');
  expect(plainPage.url()).toBe(plainHref);
  await plainPage.close();

  // Edited: the full playground opens with the edit in it.
  const marker = 'carried_from_the_embed';
  await replaceEditorText(page, `const ${marker} = true;\n${HELLO_HANDLER}`);
  await expect.poll(() => editorText(page), { timeout: 10_000 }).toContain(marker);
  expect(await full.getAttribute('href')).toBe(plainHref);
  const opened = page.context().waitForEvent('page');
  await full.click();
  const other = await opened;
  await other.waitForURL(/#s1\./, { timeout: 15_000 });
  const url = new URL(other.url());
  expect(url.searchParams.has('embed')).toBe(false);
  expect(url.searchParams.has('example')).toBe(false);
  await other.getByTestId('confirm-run-yes').click({ timeout: 15_000 });
  await other.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
  await expect.poll(() => editorText(other), { timeout: 15_000 }).toContain(`const ${marker} = true;`);
  expect(await page.getByTestId('import-note').count()).toBe(0);
  noConsoleErrors(errors);
  await other.close();
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
