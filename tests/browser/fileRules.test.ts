import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { V1_ORDER_STATE } from '../../web/share/fixtures/v1';
import { v1LinkOf } from '../../web/share/testing';
import { launchBrowser, openPage } from './support/browser';
import { noConsoleErrors, waitForHost } from './support/playground';

/**
 * The file rules as a person meets them: a share link that names no active file, zips that a
 * share link would refuse, a UTF-16 host.json, and new files named like what objects inherit.
 */

const baseUrl = inject('baseUrl').replace(/\/$/, '');
const ORDER = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'order');
const ORDER_APP: Record<string, string> = {
  'host.json': readFileSync(join(ORDER, 'host.json'), 'utf8'),
  'local.settings.json': readFileSync(join(ORDER, 'local.settings.json'), 'utf8'),
  'handler.js': readFileSync(join(ORDER, 'handler.js'), 'utf8'),
  'order/function.json': readFileSync(join(ORDER, 'order', 'function.json'), 'utf8'),
};

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function zipOf(files: Record<string, string | Uint8Array>): Buffer {
  const entries = Object.entries(files).map(([p, t]) => [`app/${p}`, typeof t === 'string' ? strToU8(t) : t]);
  return Buffer.from(zipSync(Object.fromEntries(entries) as Record<string, Uint8Array>));
}

async function openZip(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page
    .getByTestId('open-zip-input')
    .setInputFiles({ name, mimeType: 'application/zip', buffer: bytes });
}

const utf16le = (text: string) =>
  new Uint8Array([
    0xff,
    0xfe,
    ...Array.from(text).flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]),
  ]);

describe('file rules in the page', () => {
  test('a share link without activeFile shows the handler, not an empty editor', async () => {
    const { activeFile: _left, ...state } = V1_ORDER_STATE;
    const { page, errors } = await openPage(
      browser,
      `${baseUrl}/?test#${v1LinkOf({ ...state, openTabs: [] })}`,
    );
    // Nothing runs until the person says yes (the local engine asks): the files show meanwhile.
    const tab = page.getByRole('tablist', { name: 'Open files' }).getByRole('tab', { selected: true });
    await expect.poll(() => tab.textContent(), { timeout: 60_000 }).toBe('handler.js');
    const firstLine = V1_ORDER_STATE.files['handler.js']!.split('\n')[0]!.trim();
    await expect
      .poll(
        // Monaco draws spaces as no-break spaces.
        async () =>
          (await page.locator('.monaco-editor .view-lines').first().textContent())?.replace(/\u00a0/g, ' '),
        { timeout: 30_000 },
      )
      .toContain(firstLine.slice(0, 20));
    noConsoleErrors(errors);
    await page.close();
  }, 180_000);

  test('a zip a share link would refuse is refused the same way, saying why', async () => {
    const { page } = await openPage(browser, `${baseUrl}/?test&example=order`);
    await waitForHost(page);
    await openZip(page, 'twins.zip', zipOf({ ...ORDER_APP, 'Handler.js': '// twin\n' }));
    const alert = page.getByRole('alert').filter({ hasText: 'Nothing was opened' });
    await expect
      .poll(() => alert.textContent(), { timeout: 60_000 })
      .toContain("'Handler.js' and 'handler.js' differ only in case. Nothing was loaded.");
    // The app that was open is still the one open.
    await expect
      .poll(() => page.evaluate('window.__playground.stores.files.getState().source'))
      .toBe('order');

    const long = `${'a'.repeat(5001)}.js`;
    await openZip(page, 'long.zip', zipOf({ ...ORDER_APP, [long]: 'x' }));
    const note = page.getByRole('status').filter({ hasText: "Opened 'app'" });
    await expect
      .poll(() => note.textContent(), { timeout: 60_000 })
      .toMatch(/A path may be at most 260 characters/);
    // The name is quoted shortened: the note stays readable.
    expect((await note.textContent())!.length).toBeLessThan(600);
    await page.close();
  }, 180_000);

  test('a UTF-16 host.json imports, runs, and the note says it is kept as UTF-8', async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test&example=order`);
    await waitForHost(page);
    await openZip(page, 'utf16.zip', zipOf({ ...ORDER_APP, 'host.json': utf16le(ORDER_APP['host.json']!) }));
    const note = page.getByRole('status').filter({ hasText: "Opened 'app'" });
    await expect
      .poll(() => note.textContent(), { timeout: 60_000 })
      .toContain('host.json was UTF-16 LE; it is kept as UTF-8.');
    await waitForHost(page);
    await expect
      .poll(() => page.evaluate('window.__playground.stores.runtime.getState().host?.state'), {
        timeout: 30_000,
      })
      .toBe('Running');
    noConsoleErrors(errors);
    await page.close();
  }, 180_000);

  test('new files named toString, constructor or __proto__ are made, not "already exists"', async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test&example=order`);
    await waitForHost(page);
    const tree = page.getByRole('navigation', { name: 'Files' });
    for (const name of ['toString', 'constructor', '__proto__']) {
      await tree.getByRole('button', { name: '+ File' }).click();
      await tree.getByLabel('New file path').fill(name);
      await tree.getByRole('button', { name: 'Add' }).click();
      const tab = page.getByRole('tablist', { name: 'Open files' }).getByRole('tab', { selected: true });
      await expect.poll(() => tab.textContent(), { timeout: 10_000 }).toBe(name);
      await expect.poll(() => tree.getByText(name, { exact: true }).count()).toBe(1);
    }
    // The new, empty file shows an empty editor: not the text of a function every object has.
    await expect
      .poll(() => page.locator('.monaco-editor .view-lines').first().textContent())
      .not.toContain('native code');
    noConsoleErrors(errors);
    await page.close();
  }, 180_000);
});
