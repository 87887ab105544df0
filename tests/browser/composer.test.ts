import { afterAll, beforeAll, describe, expect, inject, test, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './support/browser';
import { noConsoleErrors, waitForHost } from './support/playground';

// The request composer as a person uses it: typing a target, the query rows, picking a function,
// and each example opening on its own trigger with its README's "try this" suggestions.

// Several page loads and host starts each, on a machine shared with other work.
vi.setConfig({ testTimeout: 120_000 });

let browser: Browser;
const baseUrl = inject('baseUrl').replace(/\/$/, '');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The start line the caller sent in the newest HTTP exchange, as the exchange log recorded it. */
function lastCallerLine(page: Page): Promise<string | undefined> {
  return page.evaluate(`(() => {
    const s = window.__playground.stores.exchanges.getState();
    const x = [...s.order].reverse().map((id) => s.byId[id]).find((e) => e.trigger === 'http');
    return x?.hops.find((h) => h.from === 'caller')?.message?.parsed.startLine;
  })()`);
}

const composer = (page: Page) => page.getByRole('form', { name: 'HTTP request' });

describe('the path field', () => {
  test('a target typed key by key keeps its "?" and query, and the query rows follow both ways', async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test&example=hello`);
    await waitForHost(page);
    const form = composer(page);
    const path = form.getByLabel('Path', { exact: true });
    await path.fill('');
    await path.pressSequentially('/api/hello?x=1&y=two');
    await expect(path.inputValue()).resolves.toBe('/api/hello?x=1&y=two');

    // The rows show the query typed into the path...
    await expect(form.getByLabel('Query: name 1').inputValue()).resolves.toBe('x');
    await expect(form.getByLabel('Query: value of x').inputValue()).resolves.toBe('1');
    await expect(form.getByLabel('Query: value of y').inputValue()).resolves.toBe('two');
    // ...and the path follows the rows.
    await form.getByLabel('Query: value of y').fill('three');
    await expect(path.inputValue()).resolves.toBe('/api/hello?x=1&y=three');

    await form.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => lastCallerLine(page), { timeout: 15_000 })
      .toBe('GET /api/hello?x=1&y=three HTTP/1.1');

    // A later path typed without a query does not inherit the old one.
    await path.fill('');
    await path.pressSequentially('/api/hello');
    await expect(form.getByLabel('Query: name 1').count()).resolves.toBe(0);
    await form.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => lastCallerLine(page), { timeout: 15_000 }).toBe('GET /api/hello HTTP/1.1');
    noConsoleErrors(errors);
    await page.close();
  });

  test('picking a function fills its route with values its constraints accept, and it answers 200', async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test&example=routes`);
    await waitForHost(page);
    const form = composer(page);
    await form.getByLabel('Path', { exact: true }).fill('/api/products/books?old=1');
    await form.getByLabel('Function').selectOption('products');
    await expect(form.getByLabel('Path', { exact: true }).inputValue()).resolves.toBe('/api/products/abc/1');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => form.getByRole('status').innerText(), { timeout: 15_000 }).toContain('200');
    expect(await lastCallerLine(page)).toBe('GET /api/products/abc/1 HTTP/1.1');
    noConsoleErrors(errors);
    await page.close();
  });
});

describe('each example opens on its own trigger', () => {
  test('poison opens on Queues with "please fail" ready for jobs', async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test&example=poison`);
    const tab = page.getByRole('tab', { name: /Queues/ });
    await expect.poll(() => tab.getAttribute('aria-selected'), { timeout: 15_000 }).toBe('true');
    const form = page.getByRole('form', { name: 'Enqueue a message' });
    await expect.poll(() => form.getByLabel('Queue name').inputValue(), { timeout: 15_000 }).toBe('jobs');
    await expect(form.getByLabel('Message text').inputValue()).resolves.toBe('please fail');
    noConsoleErrors(errors);
    await page.close();
  });

  test('queue-worker opens on Queues with a message for messages-incoming', async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test&example=queue-worker`);
    const form = page.getByRole('form', { name: 'Enqueue a message' });
    await expect
      .poll(() => form.getByLabel('Queue name').inputValue(), { timeout: 15_000 })
      .toBe('messages-incoming');
    await expect(form.getByLabel('Message text').inputValue()).resolves.toBe('hi');
    expect(await page.getByRole('tab', { name: /Queues/ }).getAttribute('aria-selected')).toBe('true');
    noConsoleErrors(errors);
    await page.close();
  });

  test('timer opens on Timers', async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test&example=timer`);
    const tab = page.getByRole('tab', { name: /Timers/ });
    await expect.poll(() => tab.getAttribute('aria-selected'), { timeout: 15_000 }).toBe('true');
    noConsoleErrors(errors);
    await page.close();
  });

  test('app-settings opens on GET /api/settings, the request its README reads first', async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test&example=app-settings`);
    const form = composer(page);
    await expect
      .poll(() => form.getByLabel('Path', { exact: true }).inputValue(), { timeout: 15_000 })
      .toBe('/api/settings');
    await expect(form.getByLabel('Method').inputValue()).resolves.toBe('GET');
    noConsoleErrors(errors);
    await page.close();
  });
});

describe('"try this" chips', () => {
  test("one click sends the README's request: the int constraint's 404 in the routes example", async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test&example=routes`);
    await waitForHost(page);
    const chips = page.getByRole('region', { name: 'Try this' });
    await chips.getByRole('button', { name: 'GET /api/products/books/abc' }).click();
    const form = composer(page);
    await expect(form.getByLabel('Path', { exact: true }).inputValue()).resolves.toBe(
      '/api/products/books/abc',
    );
    await expect.poll(() => form.getByRole('status').innerText(), { timeout: 15_000 }).toContain('404');
    expect(await lastCallerLine(page)).toBe('GET /api/products/books/abc HTTP/1.1');
    noConsoleErrors(errors);
    await page.close();
  });

  test('a queue chip enqueues its message: poison retries "please fail" into jobs-poison', async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test&example=poison`);
    await waitForHost(page);
    await page
      .getByRole('region', { name: 'Try this' })
      .getByRole('button', { name: 'Enqueue "all good" on jobs' })
      .click();
    await expect(
      page.getByRole('form', { name: 'Enqueue a message' }).getByLabel('Message text').inputValue(),
    ).resolves.toBe('all good');
    await expect
      .poll(
        () =>
          page.evaluate(
            "Object.values(window.__playground.stores.exchanges.getState().byId).filter((x) => x.trigger === 'queue' && x.state === 'succeeded').length",
          ),
        { timeout: 20_000 },
      )
      .toBe(1);
    noConsoleErrors(errors);
    await page.close();
  });
});

describe('the trigger tabs', () => {
  test('a tab is built when first shown, then keeps what was set in it across switches', async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test&example=order`);
    await waitForHost(page);
    const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });
    const enqueue = page.getByRole('form', { name: 'Enqueue a message' });
    // Opened on HTTP: the other tabs' views are not built yet (nothing of them in the page).
    expect(await page.getByTestId('triggers-panel-queues').innerHTML()).toBe('');
    expect(await page.getByTestId('triggers-panel-timers').innerHTML()).toBe('');

    await tab('Queues').click();
    await expect(enqueue.getByLabel('Queue name').inputValue()).resolves.toBe('orders');
    await enqueue.getByRole('checkbox', { name: 'JSON' }).check();
    await tab('Timers').click();
    await page.getByText('No timer functions in this app.').waitFor({ state: 'visible' });
    await tab('HTTP').click();
    await composer(page).waitFor({ state: 'visible' });
    await tab('Queues').click();
    // The JSON choice lives in the form itself: it is still checked, so the view was kept.
    await expect(enqueue.getByRole('checkbox', { name: 'JSON' }).isChecked()).resolves.toBe(true);
    noConsoleErrors(errors);
    await page.close();
  });
});
