import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, test, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './support/browser';
import { noConsoleErrors } from './support/playground';
import { startStaticServer } from './support/staticServer';
import type { StaticServer } from './support/staticServer';

// The Embed dialog says when embed code cannot work (a page served by npm start cannot be framed
// by other sites) and refuses panels that leave a reader nothing to trigger; an embed whose
// runtime cannot start says so in a short strip, without telling a reader to clone anything.

vi.setConfig({ testTimeout: 120_000 });

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let browser: Browser;
let staticSite: StaticServer;
const baseUrl = inject('baseUrl').replace(/\/$/, '');

beforeAll(async () => {
  browser = await launchBrowser();
  staticSite = await startStaticServer(join(ROOT, 'dist'));
});
afterAll(async () => {
  await browser?.close();
  await staticSite?.close();
});

async function openEmbedDialog(page: Page) {
  await page.getByRole('button', { name: 'Embed' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this app' });
  await dialog.waitFor({ timeout: 20_000 });
  return dialog;
}

describe('the Embed dialog', () => {
  test('under npm start it warns that other sites cannot frame this page', async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test`);
    const dialog = await openEmbedDialog(page);
    const note = dialog.getByRole('note');
    await expect.poll(() => note.innerText(), { timeout: 10_000 }).toMatch(/served by npm start.*frame/);
    noConsoleErrors(errors);
    await page.close();
  });

  test('on a static site there is no such warning', async () => {
    const { page, errors } = await openPage(browser, `${staticSite.url}/?example=hello`);
    const dialog = await openEmbedDialog(page);
    await dialog.getByRole('button', { name: 'Copy embed code' }).waitFor();
    await expect(dialog.getByRole('note').count()).resolves.toBe(0);
    noConsoleErrors(errors, [/Failed to load resource/]);
    await page.close();
  });

  test('refuses panels that leave no way to trigger anything, until the embedding page can send requests', async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test&example=hello`);
    const dialog = await openEmbedDialog(page);
    const copy = dialog.getByRole('button', { name: 'Copy embed code' });
    await expect.poll(() => copy.isEnabled(), { timeout: 10_000 }).toBe(true);

    await dialog.getByRole('checkbox', { name: 'Triggers' }).uncheck();
    const alert = dialog.getByRole('alert');
    await expect.poll(() => alert.innerText(), { timeout: 10_000 }).toMatch(/no way to trigger the app/);
    await expect(copy.isDisabled()).resolves.toBe(true);
    await expect(dialog.getByLabel('Embed code').count()).resolves.toBe(0);

    // The embedding page drives it through the message API: then the embed makes sense.
    await dialog.getByLabel(/Embedding page.s origin/).fill('https://docs.example.com');
    await expect.poll(() => copy.isEnabled(), { timeout: 10_000 }).toBe(true);
    await expect(dialog.getByLabel('Embed code').inputValue()).resolves.toContain('panels=editor,exchanges&');
    noConsoleErrors(errors);
    await page.close();
  });
});

describe('the boot-failure banner', () => {
  test('in an embed it is one short strip and never tells a reader to clone the repository', async () => {
    const { page, errors } = await openPage(
      browser,
      `${baseUrl}/?embed&run=auto&engine=webcontainer&bootTimeout=1500`,
    );
    await page.setViewportSize({ width: 800, height: 560 });
    const banner = page.getByRole('alert').filter({ hasText: /did not start/ });
    await banner.waitFor({ timeout: 20_000 });
    const text = await banner.innerText();
    expect(text).not.toMatch(/clone/i);
    expect(text).not.toMatch(/Editing, sharing and downloading/);
    expect((await banner.boundingBox())!.height).toBeLessThanOrEqual(80);
    await banner.getByRole('button', { name: 'Open in new tab' }).waitFor();
    noConsoleErrors(errors, [/Failed to load resource/, /ERR_NAME_NOT_RESOLVED/, /stackblitz/i]);
    await page.close();
  });

  test('on the full page it keeps the whole explanation', async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?engine=webcontainer&bootTimeout=1500`);
    const banner = page.getByRole('alert').filter({ hasText: /did not start/ });
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.innerText()).toMatch(/clone the repository/);
    noConsoleErrors(errors, [/Failed to load resource/, /ERR_NAME_NOT_RESOLVED/, /stackblitz/i]);
    await page.close();
  });
});
