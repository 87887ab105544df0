import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { noConsoleErrors, waitForHost } from './support/playground';

// Issue 11 point 11 and issue 10 point 11: resend, edit and resend, compare, HAR out and back in,
// copy as curl / fetch / curl to the handler, each run as a person would, the copies for real.

let browser: Browser;
const baseUrl = inject('baseUrl').replace(/\/$/, '');
// Pictures for a person reviewing the layout; FCHP_SCREENSHOTS picks where (a temp folder by default).
const SCREENSHOTS = process.env.FCHP_SCREENSHOTS ?? join(tmpdir(), 'fchp-screenshots');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A page in a context of its own: the playground keeps work per origin, so tests must not share one. */
async function open(): Promise<{ page: Page; errors: string[] }> {
  const context: BrowserContext = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1400, height: 900 },
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}/?test`);
  await waitForHost(page);
  return { page, errors };
}

/** The rows of the caller's requests (each also causes a queue invocation, nested under it). */
const rows = (page: Page) =>
  page
    .getByRole('list', { name: 'Invocations, newest first' })
    .getByRole('button')
    .filter({ hasText: 'POST /api/order' });
const exchangesPanel = (page: Page) => page.getByRole('region', { name: 'Exchanges' });

/** Sends the composer's request and waits for its row. */
async function sendOnce(page: Page): Promise<void> {
  const before = await rows(page).count();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBeGreaterThan(before);
}

async function copied(page: Page, button: string): Promise<string> {
  await exchangesPanel(page).getByRole('button', { name: button, exact: true }).click();
  await exchangesPanel(page).getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
  return page.evaluate('navigator.clipboard.readText()');
}

test('copy as curl and curl to the handler run for real; copy as fetch names the same request', async () => {
  const { page, errors } = await open();
  await sendOnce(page);
  await rows(page).first().click();

  const curl = await copied(page, 'Copy as curl');
  expect(curl).toMatch(/^curl -i http:\/\/localhost:\d+\/api\/order/);
  expect(curl).not.toMatch(/-H '(Host|Content-Length|Connection):/i);
  const answer = execFileSync('sh', ['-c', curl], { encoding: 'utf8', timeout: 15_000 });
  expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
  expect(answer).toContain('Order enqueued');

  const toHandler = await copied(page, 'Copy as curl to the handler');
  expect(toHandler).toMatch(/^curl -i http:\/\/127\.0\.0\.1:\d+\/order/);
  const handlerAnswer = execFileSync('sh', ['-c', toHandler], { encoding: 'utf8', timeout: 15_000 });
  // The handler answers the host's payload without the host: its own Outputs, not the caller's text.
  expect(handlerAnswer).toMatch(/^HTTP\/1\.1 200/);
  expect(handlerAnswer).toContain('"Outputs"');

  const fetchText = await copied(page, 'Copy as fetch');
  expect(fetchText).toMatch(/await fetch\("http:\/\/localhost:\d+\/api\/order", \{\n {2}method: "POST",/);
  noConsoleErrors(errors);
  await page.close();
}, 180_000);

test('resend, edit and resend, then compare the two side by side', async () => {
  const { page, errors } = await open();
  await sendOnce(page);
  await rows(page).first().click();
  const before = await rows(page).count();
  await exchangesPanel(page).getByRole('button', { name: 'Resend', exact: true }).click();
  await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(before + 1);

  await exchangesPanel(page).getByRole('button', { name: 'Edit and resend' }).click();
  const path = page.getByRole('textbox', { name: 'Path', exact: true });
  await expect.poll(() => page.evaluate('document.activeElement?.dataset.testid')).toBe('composer-path');
  expect(await path.inputValue()).toBe('/api/order');
  await page.getByRole('textbox', { name: 'Request body' }).fill('{"id":99,"quantity":3}');
  await sendOnce(page);

  // The newest exchange (the edited one) is selected; compare it with the first.
  const compare = exchangesPanel(page).getByRole('combobox', { name: 'Compare with' });
  const options = await compare.locator('option').allInnerTexts();
  const first = options.filter((o) => o.includes('POST /api/order')).at(-1)!;
  expect(options.filter((o) => o.includes('POST /api/order'))).toHaveLength(2);
  await compare.selectOption({ label: first });
  const diff = page.getByRole('article', { name: 'Comparison of two exchanges' });
  await diff.waitFor();
  const callerHop = diff.getByRole('region', { name: 'The request the caller sent to the front door' });
  const body = callerHop.getByRole('row', { name: /^Body/ });
  expect(await body.innerText()).toContain('"id":99');
  expect(await body.innerText()).toContain('differs');
  const length = callerHop.getByRole('row', { name: /^Content-Length/ });
  expect(await length.getAttribute('data-kind')).toBe('changed');
  expect(await diff.getByRole('status').innerText()).toMatch(/\d+ differences?\./);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await exchangesPanel(page).getByRole('button', { name: 'Wide view' }).click();
  await page.screenshot({ path: `${SCREENSHOTS}/diff-view.png` });
  await page.keyboard.press('Escape');
  await diff.getByRole('button', { name: 'Close comparison' }).click();
  await page.getByTestId('exchange-detail').waitFor();
  noConsoleErrors(errors);
  await page.close();
}, 180_000);

test('a queue message: edit and resend puts it in the enqueue form, changed text goes out', async () => {
  const { page, errors } = await open();
  await sendOnce(page);
  const queued = page
    .getByRole('list', { name: 'Invocations, newest first' })
    .getByRole('button')
    .filter({ hasText: 'processOrder' });
  await queued.first().waitFor({ timeout: 15_000 });
  await queued.first().click();
  await exchangesPanel(page).getByRole('button', { name: 'Edit and resend' }).click();
  const text = page.getByRole('textbox', { name: 'Message text' });
  await expect.poll(() => page.evaluate('document.activeElement?.dataset.testid')).toBe('enqueue-text');
  expect(await page.getByLabel('Queue name', { exact: true }).inputValue()).toBe('orders');
  expect(await text.inputValue()).toContain('"id"');
  const before = await queued.count();
  await text.fill('{"id":4242,"quantity":1,"color":"red"}');
  await page.getByRole('button', { name: 'Enqueue', exact: true }).click();
  await expect.poll(() => queued.count(), { timeout: 15_000 }).toBe(before + 1);
  await queued.first().click();
  await page.getByTestId('exchange-detail').getByText('"id":4242').first().waitFor();
  noConsoleErrors(errors);
  await page.close();
}, 180_000);

test('export the log as HAR 1.2 with each hop timed, and import it back for viewing', async () => {
  const { page, errors } = await open();
  await sendOnce(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exchangesPanel(page).getByRole('button', { name: 'Export HAR' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^exchanges-.*\.har$/);
  const file = await download.path();
  const har = JSON.parse(readFileSync(file, 'utf8'));
  expect(har.log.version).toBe('1.2');
  const hops = har.log.entries.map((e: { _hop: string }) => e._hop);
  expect(hops).toContain('caller');
  expect(hops).toContain('handler');
  for (const entry of har.log.entries) expect(entry.timings.wait).toBeGreaterThanOrEqual(0);
  const front = har.log.entries.find((e: { _hop: string }) => e._hop === 'caller');
  expect(front.response.content.text).toBe('Order enqueued');

  const before = await rows(page).count();
  await page.getByLabel('HAR file to import').setInputFiles(file);
  await exchangesPanel(page)
    .getByRole('status')
    .filter({ hasText: /Imported \d+ exchanges? from/ })
    .waitFor();
  await expect.poll(() => rows(page).count()).toBeGreaterThan(before);
  // The imported exchange is selected and shows its hops as they were.
  const detail = page.getByTestId('exchange-detail');
  await detail.locator('[data-testid="hop"][data-from="host"][data-to="handler"]').waitFor();

  await page.getByLabel('HAR file to import').setInputFiles({
    name: 'broken.har',
    mimeType: 'application/json',
    buffer: Buffer.from('{"log":{"entries":{}}}'),
  });
  expect(await exchangesPanel(page).getByRole('alert').innerText()).toBe(
    'broken.har: log.entries must be an array.',
  );
  noConsoleErrors(errors);
  await page.close();
}, 180_000);
