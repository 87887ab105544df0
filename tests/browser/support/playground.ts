import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/**
 * Waits until the host runs and Send is enabled (attached, not visible: queue and timer examples
 * open on their own trigger tab, with the composer's tab hidden).
 */
export async function waitForHost(page: Page): Promise<void> {
  await page.getByTestId('composer-send').waitFor({ state: 'attached', timeout: 30_000 });
  await page.waitForFunction(
    '!document.querySelector(\'[data-testid="composer-send"]\')?.disabled',
    undefined,
    {
      timeout: 30_000,
    },
  );
}

/** Opens a file from the tree, as a person clicks it. */
export async function openFile(page: Page, path: string): Promise<void> {
  const name = path.split('/').pop()!;
  const folder = path.includes('/') ? path.split('/')[0] : undefined;
  const tree = page.getByRole('navigation', { name: 'Files' });
  if (folder) {
    const rows = tree.locator('li', { has: page.getByText(folder, { exact: true }) });
    await rows.first().getByText(name, { exact: true }).click();
  } else {
    await tree.getByText(name, { exact: true }).first().click();
  }
}

/** Replaces the open editor's text by typing (pasting) into Monaco, then saves with Ctrl+S. */
export async function replaceEditorText(page: Page, text: string): Promise<void> {
  const editor = page.locator('.monaco-editor').first();
  await editor.waitFor({ state: 'visible', timeout: 30_000 });
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Control+S');
}

/** The text of a file as the app holds it (saved or draft). */
export function fileText(page: Page, path: string): Promise<string> {
  // Evaluated in the page (this file has no DOM types), through the hook that `?test` exposes.
  return page.evaluate(`window.__playground.stores.files.getState().files[${JSON.stringify(path)}] ?? ''`);
}

export function noConsoleErrors(errors: string[], allowed: RegExp[] = []): void {
  expect(errors.filter((e) => !allowed.some((re) => re.test(e)))).toEqual([]);
}

/**
 * Sets a file's text and saves it, as the editor's Ctrl+S does, through the `?test` hook (typing
 * a multi-line program into Monaco would auto-indent and auto-close it).
 */
export async function saveFile(page: Page, path: string, text: string): Promise<void> {
  await page.evaluate(
    `(async () => {
      const { stores, session } = window.__playground;
      stores.files.getState().edit(${JSON.stringify(path)}, ${JSON.stringify(text)});
      await session.save(${JSON.stringify(path)});
    })()`,
  );
}

/** What the terminal pane holds: the host's and the handler's output, as the CLI prints it. */
export function terminalText(page: Page): Promise<string> {
  return page.evaluate('window.__playground.stores.terminal.getState().buffer');
}

/** The host's state as the toolbar's Host pill shows it (state, and errors in its title). */
export function hostStatus(page: Page): Promise<{ state?: string; errors: string[] }> {
  return page.evaluate(
    '(() => { const h = window.__playground.stores.runtime.getState().host; return { state: h?.state, errors: h?.errors ?? [] }; })()',
  );
}
