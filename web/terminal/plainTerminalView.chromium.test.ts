// The plain terminal view in a real Chromium: a busy host's output is added a frame at a time,
// kept to its tail, followed while the reader is at the end and left alone when they scrolled up.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser } from '../../tests/browser/support/browser';
import { scriptPageRoutes } from '../../tests/browser/support/scriptPage';
import { startStaticServer, type StaticServer } from '../../tests/browser/support/staticServer';
import { PLAIN_MAX } from './plainTerminalView';

const HERE = dirname(fileURLToPath(import.meta.url));
const ENTRY = `
import { createTerminalStore } from ${JSON.stringify(join(HERE, '../stores/terminalStore.ts'))};
import { followPlainTerminal } from ${JSON.stringify(join(HERE, 'plainTerminalView.ts'))};
addEventListener('DOMContentLoaded', () => {
  const pre = document.createElement('pre');
  pre.style.cssText = 'height: 200px; overflow: auto; margin: 0; white-space: pre-wrap; font: 12px/1.3 monospace';
  document.body.append(pre);
  const store = createTerminalStore();
  followPlainTerminal(pre, store);
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  window.terminal = { store, pre, frames };
});
`;

let dir: string;
let server: StaticServer;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plain-terminal-'));
  writeFileSync(join(dir, 'entry.ts'), ENTRY);
  server = await startStaticServer(dir, await scriptPageRoutes(join(dir, 'entry.ts'), '/plain', 'plain'));
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(`${server.url}/plain.html`);
  await page.waitForFunction('window.terminal');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Seen {
  text: string;
  blocks: number;
  atEnd: boolean;
  scrollTop: number;
}
const seen = (): Promise<Seen> =>
  page.evaluate(`(async () => {
    await window.terminal.frames();
    const { pre } = window.terminal;
    return {
      text: pre.textContent,
      blocks: pre.childElementCount,
      atEnd: pre.scrollHeight - pre.scrollTop - pre.clientHeight < 8,
      scrollTop: pre.scrollTop,
    };
  })()`);

test('5,000 writes in one task become one block, without colours, scrolled to the end', async () => {
  await page.evaluate(`(() => {
    const { store } = window.terminal;
    store.getState().write('\\u001b[32mstarting\\u001b[0m\\r\\n');
    for (let i = 0; i < 5000; i++) store.getState().write('request ' + i + '\\r\\n');
  })()`);
  const view = await seen();
  expect(view.blocks).toBe(1);
  expect(view.text.endsWith('request 4999\n')).toBe(true);
  expect(view.text).not.toContain('\u001b');
  expect(view.text).not.toContain('\r');
  expect(view.text.length).toBeLessThanOrEqual(PLAIN_MAX);
  expect(view.atEnd).toBe(true);
});

test('a line cut across frames stays one line; the view keeps only its tail as output goes on', async () => {
  await page.evaluate(`window.terminal.store.getState().write('half a ')`);
  await seen();
  await page.evaluate(`window.terminal.store.getState().write('line\\n')`);
  expect((await seen()).text.endsWith('request 4999\nhalf a line\n')).toBe(true);
  for (let frame = 0; frame < 20; frame++) {
    await page.evaluate(
      `window.terminal.store.getState().write(('frame ${frame} ' + 'x'.repeat(90) + '\\n').repeat(100))`,
    );
    await seen();
  }
  const view = await seen();
  expect(view.text.length).toBeLessThanOrEqual(PLAIN_MAX);
  expect(view.text).not.toContain('request 4999');
  expect(view.text.endsWith(`frame 19 ${'x'.repeat(90)}\n`)).toBe(true);
  expect(view.atEnd).toBe(true);
});

test('a reader who scrolled up stays where they are; Clear empties the view', async () => {
  await page.evaluate(`window.terminal.pre.scrollTop = 100`);
  await page.evaluate(`window.terminal.store.getState().write('more\\n')`);
  const view = await seen();
  expect(view.text.endsWith('more\n')).toBe(true);
  expect(view.scrollTop).toBe(100);
  expect(view.atEnd).toBe(false);
  await page.evaluate(`window.terminal.store.getState().clear()`);
  expect((await seen()).text).toBe('');
  await page.evaluate(`window.terminal.store.getState().write('after clear\\n')`);
  expect((await seen()).text).toBe('after clear\n');
});
