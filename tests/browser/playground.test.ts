import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from './support/browser';
import { fileText, noConsoleErrors, openFile, replaceEditorText, waitForHost } from './support/playground';

let browser: Browser;
const baseUrl = inject('baseUrl').replace(/\/$/, '');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the order example with the local engine', () => {
  test('the default request shows the hops with the exact bytes and the caller gets "Order enqueued"', async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test`);
    await waitForHost(page);
    await expect(page.getByTestId('composer-path').inputValue()).resolves.toBe('/api/order');
    await page.getByTestId('composer-send').click();
    const row = page.getByTestId('exchange-row').first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    const detail = page.getByTestId('exchange-detail');
    await detail.waitFor();
    const toHandler = detail.locator('[data-testid="hop"][data-from="host"][data-to="handler"]');
    await toHandler.getByTestId('hop-mode-raw').click();
    const raw = await toHandler.getByTestId('hop-raw').innerText();
    expect(raw).toContain('POST /order HTTP/1.1');
    expect(raw).toMatch(/X-Azure-Functions-HostVersion: 4\.1037\.0\.23568/);
    expect(raw).toMatch(/X-Azure-Functions-InvocationId: [0-9a-f-]{36}/);
    expect(raw).toContain('Transfer-Encoding: chunked');
    const toCaller = detail.locator('[data-testid="hop"][data-from="host"][data-to="caller"]');
    await toCaller.getByTestId('hop-mode-raw').click();
    expect(await toCaller.getByTestId('hop-raw').innerText()).toContain('Order enqueued');
    noConsoleErrors(errors);
    await page.close();
  });

  test('editing the handler to answer with "status" restarts it and the exchange carries the hint', async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test`);
    await waitForHost(page);
    await openFile(page, 'handler.js');
    const text = await fileText(page, 'handler.js');
    expect(text).toContain("res: { body: 'Order enqueued' }");
    await replaceEditorText(
      page,
      text.replace("res: { body: 'Order enqueued' }", "res: { status: 201, body: 'Order enqueued' }"),
    );
    await waitForHost(page);
    // The restart takes a moment; send until the new handler answers.
    await expect
      .poll(
        async () => {
          await page.getByTestId('composer-send').click();
          await page.waitForTimeout(300);
          return page.locator('[data-testid="hint-badge"]').count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBeGreaterThan(0);
    await page
      .locator('[data-testid="exchange-row"]', { has: page.getByTestId('hint-badge') })
      .first()
      .click();
    const hint = page.locator('[data-testid="hint"][data-hint-code="status-not-statuscode"]');
    await hint.waitFor();
    expect(await hint.innerText()).toContain('statusCode');
    noConsoleErrors(errors);
    await page.close();
  });

  test('a broken function.json shows its error with line and column while the other function still answers', async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test`);
    await waitForHost(page);
    await openFile(page, 'processOrder/function.json');
    await replaceEditorText(
      page,
      '{\n  "bindings": [\n    { "type": "queueTrigger", "name": "order",, }\n  ]\n}\n',
    );
    const problem = page.locator('.problems li').first();
    await problem.waitFor({ timeout: 15_000 });
    expect(await problem.innerText()).toMatch(/^processOrder\/function\.json:3:\d+: /);
    await waitForHost(page);
    await page.getByTestId('composer-send').click();
    await expect
      .poll(
        async () =>
          page.locator('[data-testid="exchange-row"] [data-testid="exchange-status"]').first().innerText(),
        {
          timeout: 15_000,
        },
      )
      .toContain('200');
    noConsoleErrors(errors);
    await page.close();
  });

  test('an enqueued message runs processOrder and the shipment shows up', async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test`);
    await waitForHost(page);
    await page.getByTestId('triggers-tab-queues').click();
    await page.getByTestId('enqueue-queue').fill('orders');
    await page.getByTestId('enqueue-text').fill('{"id":7,"quantity":1}');
    await page.getByTestId('enqueue-send').click();
    const queued = page.locator('[data-testid="exchange-row"]', { hasText: 'processOrder' }).first();
    await queued.waitFor({ timeout: 15_000 });
    await queued.click();
    const fromQueue = page.locator('[data-testid="hop"][data-from="queue"][data-to="host"]');
    await fromQueue.waitFor();
    await page.locator('[data-testid="queue-row"][data-queue="shipments"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="queue-row"][data-queue="shipments"]').innerText()).toContain(
      '1',
    );
    noConsoleErrors(errors);
    await page.close();
  });
});

test('the timer example: "Fire now" runs the function', async () => {
  const { page, errors } = await openPage(browser, `${baseUrl}/?test&example=timer`);
  await page.getByTestId('triggers-tab-timers').click();
  const row = page.locator('[data-testid="timer-row"][data-function="tick"]');
  await row.waitFor({ timeout: 30_000 });
  const before = await page.locator('[data-testid="exchange-row"]', { hasText: 'tick' }).count();
  await row.getByTestId('timer-fire').click();
  await expect
    .poll(() => page.locator('[data-testid="exchange-row"]', { hasText: 'tick' }).count(), {
      timeout: 15_000,
    })
    .toBeGreaterThan(before);
  noConsoleErrors(errors);
  await page.close();
});

test('the WebContainer engine offline: the page says why within the boot timeout, and editing still works', async () => {
  const started = Date.now();
  const { page, errors } = await openPage(browser, `${baseUrl}/?test&engine=webcontainer&bootTimeout=1500`);
  const banner = page.getByRole('alert').filter({ hasText: /reload/i });
  await banner.waitFor({ timeout: 10_000 });
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(await banner.getAttribute('data-reason')).toBe('timeout');
  await page
    .getByRole('button', { name: /reload/i })
    .first()
    .waitFor();
  await openFile(page, 'host.json');
  await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
  // Only the StackBlitz iframe fails to load here: there is no network.
  noConsoleErrors(errors, [/Failed to load resource/, /ERR_NAME_NOT_RESOLVED/, /stackblitz/i]);
  await page.close();
});
