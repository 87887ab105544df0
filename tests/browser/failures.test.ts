import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './support/browser';
import { fileText, noConsoleErrors, saveFile, terminalText, waitForHost } from './support/playground';

// Issue 11 points 7–9: failures shown at once, where the person looks.

let browser: Browser;
const baseUrl = inject('baseUrl').replace(/\/$/, '');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const rows = (page: Page) =>
  page.getByRole('list', { name: 'Invocations, newest first' }).getByRole('button');

test('a handler that has not opened its port: a notice names the given port and the one it printed', async () => {
  const { page, errors } = await openPage(browser, `${baseUrl}/?test`);
  await waitForHost(page);
  const original = await fileText(page, 'handler.js');
  const wrongPort = original.replace('Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT || 8080)', '38123');
  expect(wrongPort).not.toBe(original);
  await saveFile(page, 'handler.js', wrongPort);
  const notice = page.getByRole('status', { name: 'Handler not listening yet' });
  await notice.waitFor({ timeout: 15_000 });
  const given = (await page.evaluate(
    'window.__playground.stores.runtime.getState().host.handler.port',
  )) as number;
  await expect
    .poll(() => notice.innerText(), { timeout: 10_000 })
    .toContain('Its output mentions port 38123');
  expect(await notice.innerText()).toContain(`has not opened port ${given} after 3 s`);
  // Only a notice: the real time-out still decides, and nothing failed yet.
  expect(await page.evaluate('window.__playground.stores.runtime.getState().host.handler.state')).toBe(
    'starting',
  );
  expect(await terminalText(page)).not.toContain('Initializing HttpWorker timed out');
  await saveFile(page, 'handler.js', original);
  await notice.waitFor({ state: 'detached', timeout: 20_000 });
  await waitForHost(page);
  noConsoleErrors(errors);
  await page.close();
}, 180_000);

test('a syntax error: banner, Problems and an editor marker on its line, with the exit code; fixing it clears them', async () => {
  const { page, errors } = await openPage(browser, `${baseUrl}/?test`);
  await waitForHost(page);
  const original = await fileText(page, 'handler.js');
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
  const text = await banner.innerText();
  expect(text).toContain('handler.js:4');
  expect(text).toMatch(/SyntaxError: Unexpected token ';' \(the handler exited with code 1\)/);
  expect(text).toContain('Fix it and save, or Restart.');
  await banner.getByRole('button', { name: 'Restart' }).waitFor();
  expect(await page.locator('.problems li').allInnerTexts()).toContainEqual(
    expect.stringMatching(/^handler\.js:4:1: SyntaxError/),
  );
  // The place opens the file, and the editor marks that line.
  await banner.getByRole('button', { name: 'handler.js:4' }).click();
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
  // The composer explains in a sentence, never "The host is error."
  const status = await page.getByTestId('composer-status').innerText();
  expect(status).not.toMatch(/The host is (error|stopped)\./i);
  await saveFile(page, 'handler.js', original);
  await banner.waitFor({ state: 'detached', timeout: 20_000 });
  await waitForHost(page);
  noConsoleErrors(errors);
  await page.close();
}, 180_000);

test('a 404 lists the routes and the functions an invalid function.json left out', async () => {
  const { page, errors } = await openPage(browser, `${baseUrl}/?test`);
  await waitForHost(page);
  await saveFile(page, 'processOrder/function.json', '{ "bindings": [ { "type": "queueTrigger",, } ] }');
  await page.locator('.problems li').first().waitFor({ timeout: 15_000 });
  await waitForHost(page);
  await page.getByRole('textbox', { name: 'Path', exact: true }).fill('/api/nope');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const row = rows(page).filter({ hasText: '/api/nope' }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
  const hint = page.getByRole('list', { name: 'Hints' }).getByRole('listitem').first();
  const words = await hint.innerText();
  expect(words).toContain('No function matches POST /api/nope');
  expect(words).toContain('POST /api/order (order)');
  expect(words).toMatch(
    /Not loaded, because their function\.json is invalid: processOrder \(processOrder\/function\.json:1:\d+/,
  );
  noConsoleErrors(errors);
  await page.close();
}, 180_000);

test('a failed queue message gets queue words, and each retry shows its attempt and time', async () => {
  const { page, errors } = await openPage(browser, `${baseUrl}/?test&example=poison`);
  await waitForHost(page);
  await page.getByRole('tab', { name: /Queues/ }).click();
  await page.getByLabel('Queue name').fill('jobs');
  await page.getByLabel('Message text').fill('please fail');
  await page
    .getByRole('form', { name: 'Enqueue a message' })
    .getByRole('button', { name: /Enqueue/ })
    .click();
  const third = rows(page).filter({ hasText: 'jobs → flaky (attempt 3 of 3)' });
  await third.waitFor({ timeout: 30_000 });
  const attempts = rows(page).filter({ hasText: 'jobs → flaky' });
  expect(await attempts.count()).toBe(3);
  await expect.poll(() => rows(page).filter({ hasText: '(attempt 2 of 3)' }).count()).toBe(1);
  const times = await attempts
    .locator('time')
    .evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
  expect(new Set(times).size).toBe(3);
  await third.click();
  const hint = page.getByRole('list', { name: 'Hints' }).getByRole('listitem').first();
  const words = await hint.innerText();
  expect(words).toContain("moves to 'jobs-poison'");
  expect(words).not.toContain('Outputs.res');
  expect(words).not.toContain('caller');
  noConsoleErrors(errors);
  await page.close();
}, 180_000);
