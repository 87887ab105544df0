import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test, vi } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { listZip, readEntry } from '../../web/transfer/readZip';
import { launchBrowser } from './support/browser';
import { noConsoleErrors, openFile, waitForHost } from './support/playground';

// Never losing work: what a person typed comes back after a reload or a closed tab, switching
// examples asks and Back returns, two tabs keep their own work, and the zip holds what is shown.

// Several page loads and host starts each, on a machine shared with other work.
vi.setConfig({ testTimeout: 180_000 });

let browser: Browser;
const baseUrl = inject('baseUrl').replace(/\/$/, '');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A tab in a shared browser profile (one localStorage, one set of locks), recording errors and dialogs. */
async function openTab(context: BrowserContext, url = `${baseUrl}/?test`) {
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.accept();
  });
  await page.goto(url);
  return { page, errors, dialogs };
}

const drafts = (page: Page) =>
  page.evaluate('window.__playground.stores.files.getState().drafts') as Promise<Record<string, string>>;
const savedFile = (page: Page, path: string) =>
  page.evaluate(
    `window.__playground.stores.files.getState().files[${JSON.stringify(path)}]`,
  ) as Promise<string>;
const body = (page: Page) => page.getByRole('form', { name: 'HTTP request' }).getByLabel('Request body');

/** Waits until the page has opened its app (restored, or the example): the composer is filled. */
async function untilOpened(page: Page) {
  await expect
    .poll(() => page.evaluate('window.__playground?.stores.files.getState().source ?? null'), {
      timeout: 60_000,
    })
    .not.toBeNull();
}

/** Types at the end of the open file without saving it. */
async function typeUnsaved(page: Page, text: string) {
  const editor = page.getByRole('region', { name: 'Editor' }).getByRole('textbox');
  await editor.first().waitFor({ state: 'attached', timeout: 30_000 });
  await page.locator('.monaco-editor').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(text);
}

/** Waits until the work on this page is in storage (saving follows typing by a fraction of a second). */
async function untilKept(page: Page, text: string) {
  await expect
    .poll(
      () =>
        page.evaluate(
          `Object.keys(localStorage).some((k) => localStorage.getItem(k).includes(${JSON.stringify(text)}))`,
        ),
      {
        timeout: 10_000,
      },
    )
    .toBe(true);
}

describe('kept as you type', () => {
  test('an unsaved edit, the open tabs and the composer come back after a reload and after closing the tab', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openTab(context);
    await waitForHost(page);
    await openFile(page, 'order/function.json');
    await openFile(page, 'handler.js');
    await typeUnsaved(page, '\n// not saved yet\n');
    await body(page).fill('{"id":7,"note":"keptmarker"}');
    await untilKept(page, 'keptmarker');

    await page.reload();
    await waitForHost(page);
    expect((await drafts(page))['handler.js']).toContain('// not saved yet');
    await expect(body(page).inputValue()).resolves.toBe('{"id":7,"note":"keptmarker"}');
    const tabs = page.getByRole('tablist', { name: 'Open files' });
    await expect(tabs.getByRole('tab', { name: /function\.json/ }).count()).resolves.toBe(1);
    noConsoleErrors(errors);
    await page.close();

    // A new tab after the last one closed: the same work.
    const again = await openTab(context);
    await waitForHost(again.page);
    expect((await drafts(again.page))['handler.js']).toContain('// not saved yet');
    await expect(body(again.page).inputValue()).resolves.toBe('{"id":7,"note":"keptmarker"}');
    noConsoleErrors(again.errors);
    await context.close();
  });
});

describe('switching examples', () => {
  test('asks when the files differ (saved), Back returns to the work, Reset to example puts the example back', async () => {
    const context = await browser.newContext();
    const { page, errors, dialogs } = await openTab(context);
    await waitForHost(page);
    await openFile(page, 'handler.js');
    await typeUnsaved(page, '\n// saved change\n');
    await page.keyboard.press('Control+S');
    await expect.poll(() => drafts(page), { timeout: 20_000 }).toEqual({});
    await untilKept(page, '// saved change');

    await page.getByLabel('Example', { exact: true }).selectOption('routes');
    await expect.poll(() => dialogs.length, { timeout: 20_000 }).toBe(1);
    expect(dialogs[0]).toMatch(/'order' differs from the example.*Back returns to it/);
    await expect.poll(() => page.url(), { timeout: 20_000 }).toContain('example=routes');
    await expect
      .poll(() => savedFile(page, 'products/function.json'), { timeout: 20_000 })
      .toContain('products');

    await page.goBack();
    await expect.poll(() => savedFile(page, 'handler.js'), { timeout: 20_000 }).toContain('// saved change');
    expect(page.url()).not.toContain('example=routes');

    await page.getByRole('button', { name: 'Reset to example' }).click();
    await expect.poll(() => dialogs.length, { timeout: 20_000 }).toBe(2);
    expect(dialogs[1]).toMatch(/Put back the files of the 'order' example/);
    await expect
      .poll(() => savedFile(page, 'handler.js'), { timeout: 20_000 })
      .not.toContain('// saved change');
    noConsoleErrors(errors);
    await context.close();
  });
});

describe('two tabs', () => {
  test('each keeps its own work: neither overwrites the other', async () => {
    const context = await browser.newContext();
    const a = await openTab(context);
    await untilOpened(a.page);
    await body(a.page).fill('from tab A');
    await untilKept(a.page, 'from tab A');

    const b = await openTab(context);
    await untilOpened(b.page);
    // Tab A holds its work: tab B opens the example afresh rather than sharing A's.
    await expect(body(b.page).inputValue()).resolves.not.toBe('from tab A');
    await body(b.page).fill('from tab B');
    await untilKept(b.page, 'from tab B');
    await body(a.page).fill('from tab A, later');
    await untilKept(a.page, 'from tab A, later');

    await b.page.reload();
    await expect.poll(() => body(b.page).inputValue(), { timeout: 60_000 }).toBe('from tab B');
    await a.page.reload();
    await expect.poll(() => body(a.page).inputValue(), { timeout: 60_000 }).toBe('from tab A, later');
    noConsoleErrors(a.errors);
    noConsoleErrors(b.errors);
    await context.close();
  });

  test('Download zip carries the unsaved edit, as Share does', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const { page, errors } = await openTab(context);
    await waitForHost(page);
    await openFile(page, 'handler.js');
    await typeUnsaved(page, '\n// only in the editor\n');
    await expect
      .poll(async () => (await drafts(page))['handler.js'] ?? '')
      .toContain('// only in the editor');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download zip' }).click();
    const saved = join(mkdtempSync(join(tmpdir(), 'fchp-zip-')), 'app.zip');
    await (await download).saveAs(saved);
    const bytes = new Uint8Array(readFileSync(saved));
    const entries = listZip(bytes);
    if (typeof entries === 'string') throw new Error(entries);
    const handler = entries.find((e) => e.name.endsWith('handler.js'))!;
    const text = readEntry(bytes, handler);
    if (typeof text === 'string') throw new Error(text);
    expect(new TextDecoder().decode(text)).toContain('// only in the editor');
    noConsoleErrors(errors);
    await context.close();
  });
});
