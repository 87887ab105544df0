import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './support/browser';
import { noConsoleErrors, openFile, waitForHost } from './support/playground';

// Issue 11 point 12: axe-core in a real Chromium, light and dark, with the editor, the terminal
// and an exchange on screen; the keyboard never trapped; a skip link; tab lists as WAI-ARIA says.

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let browser: Browser;
const baseUrl = inject('baseUrl').replace(/\/$/, '');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

/** The page with an exchange selected and a file open, as a person uses it. */
async function busyPage(colorScheme: 'light' | 'dark'): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, 'about:blank');
  await opened.page.emulateMedia({ colorScheme });
  await opened.page.goto(`${baseUrl}/?test`);
  const { page } = opened;
  await page.waitForFunction(
    'window.__playground?.stores.runtime.getState().host?.state === "Running"',
    undefined,
    { timeout: 90_000 },
  );
  await waitForHost(page);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const row = page.getByRole('list', { name: 'Invocations, newest first' }).getByRole('button').first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
  await openFile(page, 'handler.js');
  await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
  return opened;
}

/** Serious and critical violations outside Monaco's and xterm's own markup. */
async function violations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE });
  const found = (await page.evaluate(`axe
    .run({ exclude: [['.monaco-editor'], ['.xterm']] }, { resultTypes: ['violations'] })
    .then((r) =>
      r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })),
    )`)) as Violation[];
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe.each(['light', 'dark'] as const)('axe-core, %s', (scheme) => {
  test('no critical or serious violation', async () => {
    const { page, errors } = await busyPage(scheme);
    const found = await violations(page);
    expect(found, JSON.stringify(found, null, 2)).toEqual([]);
    noConsoleErrors(errors);
    await page.close();
  }, 180_000);
});

test('the first Tab reaches a skip link that moves focus past the toolbar to the workspace', async () => {
  const { page, errors } = await openPage(browser, `${baseUrl}/?test`);
  await waitForHost(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the workspace' });
  expect(await skip.evaluate((el) => el.ownerDocument.activeElement === el)).toBe(true);
  await page.keyboard.press('Enter');
  expect(await page.evaluate('document.activeElement?.id')).toBe('workspace');
  noConsoleErrors(errors);
  await page.close();
}, 180_000);

test('Tab never traps: the editor says how to leave (Ctrl+M) and the terminal lets Tab through', async () => {
  const { page, errors } = await openPage(browser, `${baseUrl}/?test`);
  await waitForHost(page);
  await openFile(page, 'handler.js');
  const editor = page.locator('.monaco-editor').first();
  await editor.waitFor({ timeout: 30_000 });
  await editor.click();
  const inEditor = () => page.evaluate('!!document.activeElement?.closest(".monaco-editor")');
  expect(await inEditor()).toBe(true);
  // The way out is said where a keyboard user lands.
  const note = page.getByText(/Ctrl\+M/).first();
  await note.waitFor();
  expect(await note.innerText()).toMatch(/Tab/);
  await page.keyboard.press('Control+M');
  await page.keyboard.press('Tab');
  expect(await inEditor()).toBe(false);

  const terminal = page.getByRole('region', { name: 'Terminal' });
  await terminal.click();
  await page.keyboard.press('Tab');
  expect(await page.evaluate('!!document.activeElement?.closest(".xterm")')).toBe(false);
  noConsoleErrors(errors);
  await page.close();
}, 180_000);

test('tab lists: arrow keys move the selection, each tab controls a tab panel', async () => {
  const { page, errors } = await openPage(browser, `${baseUrl}/?test`);
  await waitForHost(page);
  await openFile(page, 'handler.js');
  await openFile(page, 'host.json');
  for (const name of ['Trigger kind', 'Open files']) {
    const list = page.getByRole('tablist', { name });
    const tabs = list.getByRole('tab');
    expect(await tabs.count()).toBeGreaterThan(1);
    const selected = list.getByRole('tab', { selected: true });
    await selected.focus();
    const before = await selected.innerText();
    await page.keyboard.press('ArrowRight');
    const after = list.getByRole('tab', { selected: true });
    await expect.poll(() => after.innerText()).not.toBe(before);
    expect(await after.evaluate((el) => el.ownerDocument.activeElement === el)).toBe(true);
    const controls = await after.getAttribute('aria-controls');
    expect(controls).toBeTruthy();
    expect(await page.locator(`[id="${controls}"]`).getAttribute('role')).toBe('tabpanel');
    // Only the selected tab is in the Tab order.
    expect(
      await tabs.evaluateAll((els) => els.filter((e) => e.getAttribute('tabindex') !== '-1').length),
    ).toBe(1);
  }
  noConsoleErrors(errors);
  await page.close();
}, 180_000);
