import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { waitForHost } from './support/playground';

/** The machine is shared: give the host longer than the usual helper does before it waits too. */
async function waitLonger(page: Page): Promise<void> {
  await page.waitForFunction(
    'window.__playground?.stores.runtime.getState().host?.state === "Running"',
    undefined,
    { timeout: 90_000 },
  );
  await waitForHost(page);
}

// Issue 11 point 10: the exchange first. Send always in view, the detail full width, the tree
// folds; a phone gets tabs and a page at most 1.5 screens tall; a 560 px embed still shows Send.

let browser: Browser;
const baseUrl = inject('baseUrl').replace(/\/$/, '');
// Pictures for a person reviewing the layout; FCHP_SCREENSHOTS picks where (a temp folder by default).
const SCREENSHOTS = process.env.FCHP_SCREENSHOTS ?? join(tmpdir(), 'fchp-screenshots');

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

async function open(url: string, width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** Whether a person sees the control: inside the viewport and not covered by anything else. */
function inView(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const doc = el.ownerDocument;
    const { innerHeight, innerWidth } = doc.defaultView!;
    if (r.width === 0 || r.bottom > innerHeight || r.right > innerWidth || r.top < 0 || r.left < 0)
      return false;
    const hit = doc.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (hit === el || el.contains(hit));
  });
}

const send = (page: Page) => page.getByRole('button', { name: 'Send', exact: true });

test('on a 390×844 phone: tabs for code, request, exchanges and terminal, and a page at most 1.5 screens tall', async () => {
  const page = await open(`${baseUrl}/?test`, 390, 844);
  await waitLonger(page);
  const tabs = page.getByRole('tablist', { name: 'View' });
  expect(await tabs.getByRole('tab').allInnerTexts()).toEqual(['Code', 'Request', 'Exchanges', 'Terminal']);
  const height = () => page.evaluate('document.documentElement.scrollHeight') as Promise<number>;

  expect(await inView(send(page))).toBe(true);
  await send(page).click();
  await page.screenshot({ path: `${SCREENSHOTS}/phone-request.png` });
  expect(await height()).toBeLessThanOrEqual(844 * 1.5);

  await tabs.getByRole('tab', { name: 'Exchanges' }).click();
  const row = page.getByRole('list', { name: 'Invocations, newest first' }).getByRole('button').first();
  await row.waitFor({ timeout: 15_000 });
  expect(await inView(row)).toBe(true);
  expect(await send(page).isVisible()).toBe(false);
  await row.click();
  await page.screenshot({ path: `${SCREENSHOTS}/phone-exchanges.png` });
  expect(await height()).toBeLessThanOrEqual(844 * 1.5);

  await tabs.getByRole('tab', { name: 'Code' }).click();
  await page.getByRole('navigation', { name: 'Files' }).getByText('handler.js', { exact: true }).click();
  await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
  // Monaco lays itself out again once its pane has its size.
  await expect.poll(() => inView(page.locator('.monaco-editor').first()), { timeout: 15_000 }).toBe(true);
  await page.screenshot({ path: `${SCREENSHOTS}/phone-code.png` });
  expect(await height()).toBeLessThanOrEqual(844 * 1.5);

  await tabs.getByRole('tab', { name: 'Terminal' }).click();
  expect(await page.getByRole('region', { name: 'Terminal' }).isVisible()).toBe(true);
  expect(await page.getByRole('region', { name: 'Editor' }).isVisible()).toBe(false);
  expect(await height()).toBeLessThanOrEqual(844 * 1.5);
  await page.context().close();
}, 180_000);

test('Send stays in view with a long body; the tree folds; the exchange detail takes the full width', async () => {
  const page = await open(`${baseUrl}/?test`, 1280, 720);
  await waitLonger(page);
  await page
    .getByRole('textbox', { name: 'Request body' })
    .fill(JSON.stringify({ lines: Array.from({ length: 60 }, (_, i) => `line ${i}`) }, null, 2));
  expect(await inView(send(page))).toBe(true);

  const tree = page.getByRole('navigation', { name: 'Files' });
  const editorWidth = () => page.getByRole('region', { name: 'Editor' }).evaluate((el) => el.clientWidth);
  const before = await editorWidth();
  await page.getByRole('button', { name: 'Fold the file tree' }).click();
  expect(await tree.count()).toBe(0);
  expect(await editorWidth()).toBeGreaterThan(before + 100);
  await page.getByRole('button', { name: 'Show the file tree' }).click();
  await tree.waitFor();

  await send(page).click();
  const row = page.getByRole('list', { name: 'Invocations, newest first' }).getByRole('button').first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
  await page.getByRole('button', { name: 'Wide view' }).click();
  const detail = page.getByTestId('exchange-detail');
  const panel = page.getByRole('region', { name: 'Exchanges' });
  expect(await panel.evaluate((el) => el.getBoundingClientRect().width)).toBe(1280);
  expect(await detail.evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(1280 * 0.6);
  await page.keyboard.press('Escape');
  expect(await panel.evaluate((el) => el.getBoundingClientRect().width)).toBeLessThan(1280);
  await page.context().close();
}, 180_000);

test('a 560 px embed still shows Send', async () => {
  const page = await open(`${baseUrl}/?embed&example=hello`, 560, 560);
  const button = send(page);
  await button.waitFor({ timeout: 30_000 });
  expect(await inView(button)).toBe(true);
  await page.context().close();
}, 180_000);
