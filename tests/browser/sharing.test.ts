import { readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { V1_ORDER_LINK, V1_ORDER_STATE } from '../../web/share/fixtures/v1';
import { v1LinkOf } from '../../web/share/testing';
import { launchBrowser, openPage } from './support/browser';
import { noConsoleErrors, waitForHost } from './support/playground';

const baseUrl = inject('baseUrl').replace(/\/$/, '');
const EXAMPLES = readdirSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples'), {
  withFileTypes: true,
})
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The page's stores, read through the `?test` hook (evaluated in the page). */
function storeValue<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(
    `(() => { const s = window.__playground.stores; return ${expression}; })()`,
  ) as Promise<T>;
}

function hostState(page: Page): Promise<string | undefined> {
  return storeValue(page, 's.runtime.getState().host?.state');
}

describe('?example= opens every example by name', () => {
  test.each(EXAMPLES)('%s', async (name) => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test&example=${name}`);
    await expect.poll(() => storeValue(page, 's.files.getState().source'), { timeout: 15_000 }).toBe(name);
    expect(await storeValue<string[]>(page, 'Object.keys(s.files.getState().files)')).toContain('host.json');
    await expect.poll(() => hostState(page), { timeout: 30_000 }).toBe('Running');
    await page.getByTestId('example-explanation').waitFor({ timeout: 10_000 });
    noConsoleErrors(errors);
    await page.close();
  });
});

describe('share links', () => {
  test('a link made by v1 still opens, after the person confirms running it with the local engine', async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test#${V1_ORDER_LINK}`);
    await page.getByTestId('confirm-run').waitFor({ timeout: 15_000 });
    expect(await hostState(page)).toBeUndefined();
    await page.getByTestId('confirm-run-yes').click();
    await expect.poll(() => hostState(page), { timeout: 30_000 }).toBe('Running');
    expect(await storeValue(page, 's.files.getState().files')).toEqual(V1_ORDER_STATE.files);
    expect(await storeValue(page, 's.triggers.getState().composer')).toEqual(V1_ORDER_STATE.composer);
    noConsoleErrors(errors);
    await page.close();
  });

  test("declining keeps the link's code editable and runs nothing", async () => {
    const { page } = await openPage(browser, `${baseUrl}/?test#${V1_ORDER_LINK}`);
    await page.getByTestId('confirm-run-no').click();
    await page.waitForTimeout(1000);
    expect(await hostState(page)).toBeUndefined();
    expect(await storeValue(page, 's.files.getState().files')).toEqual(V1_ORDER_STATE.files);
    await page.close();
  });

  const state = V1_ORDER_STATE;
  test.each([
    ['a damaged link', 's1.xyz', /damaged/i],
    ['a link cut short', V1_ORDER_LINK.slice(0, 200), /cut short/i],
    ['a newer version', 's9.abcdef', /newer version/i],
    ['a traversal path', v1LinkOf({ ...rawV1(state), files: { '../x': 'evil' } }), /\.\.\/x/],
    [
      'a script-looking name',
      v1LinkOf({ ...rawV1(state), files: { '<script>alert(1)</script>.js': 'x' } }),
      /<script>/,
    ],
  ])('%s shows a clear message and loads nothing from it', async (_name, fragment, message) => {
    const { page } = await openPage(browser, `${baseUrl}/?test#${fragment}`);
    const banner = page.getByTestId('link-error');
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.innerText()).toMatch(message);
    expect(await storeValue(page, 's.files.getState().source')).toBe('order');
    // No inline script but the page's own (the one that opens the engine's sandbox).
    expect(
      await page.evaluate(
        'document.querySelectorAll("script:not([src]):not([type]):not(#fchp-early-sandbox)").length',
      ),
    ).toBe(0);
    await page.close();
  });

  test('share round trip: the link restores the files and the composed request exactly', async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test`);
    await waitForHost(page);
    await page.getByTestId('composer-body').fill('{"id":42,"note":"shared ✓"}');
    await page.getByTestId('share-button').click();
    const urlBox = page.getByTestId('share-url');
    await urlBox.waitFor();
    const url = await urlBox.inputValue();
    expect(url).toMatch(/#s1\./);
    const files = await storeValue(page, 's.files.getState().files');
    const other = await browser.newPage();
    await other.goto(
      url
        .replace(/^https?:\/\/[^/]+/, baseUrl)
        .replace(/\/\?/, '/?test&')
        .replace(/\/#/, '/?test#'),
    );
    await other.getByTestId('confirm-run-yes').click();
    await expect
      .poll(() => storeValue(other, 's.files.getState().files'), { timeout: 15_000 })
      .toEqual(files);
    expect(await storeValue<{ body: string }>(other, 's.triggers.getState().composer')).toMatchObject({
      body: '{"id":42,"note":"shared ✓"}',
    });
    noConsoleErrors(errors);
    await other.close();
    await page.close();
  });
});

describe('zip', () => {
  test('export then import gives back the same files', async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/?test&example=queue-worker`);
    await expect
      .poll(() => storeValue(page, 's.files.getState().source'), { timeout: 15_000 })
      .toBe('queue-worker');
    const files = await storeValue<Record<string, string>>(page, 's.files.getState().files');
    const download = page.waitForEvent('download');
    await page.getByTestId('download-zip').click();
    const saved = join(mkdtempSync(join(tmpdir(), 'fchp-zip-')), 'app.zip');
    await (await download).saveAs(saved);
    const fresh = await browser.newPage();
    await fresh.goto(`${baseUrl}/?test`);
    await expect
      .poll(() => storeValue(fresh, 's.files.getState().source'), { timeout: 15_000 })
      .toBe('order');
    await fresh.getByTestId('open-zip-input').setInputFiles(saved);
    await expect
      .poll(() => storeValue<Record<string, string>>(fresh, 's.files.getState().files'), { timeout: 15_000 })
      .toMatchObject(files);
    const imported = await storeValue<Record<string, string>>(fresh, 's.files.getState().files');
    // The export adds only what Core Tools needs to run the folder alone.
    expect(
      Object.keys(imported)
        .filter((p) => !(p in files))
        .sort(),
    ).toEqual(['package.json']);
    noConsoleErrors(errors);
    await fresh.close();
    await page.close();
  });
});

/** A v1 link's raw JSON shape for the same state, to build hostile variants of it. */
function rawV1(state: typeof V1_ORDER_STATE): Record<string, unknown> {
  // No open tab or active file, so the path checks are what the link fails on.
  const { activeFile: _active, ...rest } = state;
  return { ...rest, openTabs: [] };
}
