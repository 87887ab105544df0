import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './support/browser';
import { noConsoleErrors, waitForHost } from './support/playground';
import { startStaticServer } from './support/staticServer';
import type { StaticServer } from './support/staticServer';
import { buildWebContainerDoubleSite } from './support/webcontainerDoubleSite';

// The MCP panel on the in-page engine, from the static build, against the mcp example: a person
// connects, lists the tools, fills a tool's form and calls it, and reads the messages, the SSE
// events as they arrive, and the streamed answer's pieces in the exchange view.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let browser: Browser;
let server: StaticServer;
let doubleSite: StaticServer | undefined;

beforeAll(async () => {
  server = await startStaticServer(join(ROOT, 'dist'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await doubleSite?.close();
});

/** The site built with the WebContainer test double, cross-origin isolated as that engine needs. */
async function webcontainerDoubleUrl(): Promise<string> {
  doubleSite = await startStaticServer(
    await buildWebContainerDoubleSite(),
    {},
    { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  );
  return `${doubleSite.url}/?engine=webcontainer&test&example=mcp`;
}

const sseLines = (page: Page) =>
  page.getByRole('region', { name: 'MCP messages' }).getByRole('listitem').filter({ hasText: 'SSE event' });

/** `12:34:56.789` in milliseconds. */
function clockMs(text: string): number {
  const [h, m, s] = text.split(':').map(Number);
  return ((h! * 60 + m!) * 60 + s!) * 1000;
}

/** The "+123 ms" (or "+1.40 s") offsets of the SSE events in the panel's messages, in order. */
async function eventOffsets(page: Page): Promise<number[]> {
  const texts = await sseLines(page).allInnerTexts();
  return texts.map((t) => {
    const [, value, unit] = /\+([\d.]+) (ms|s)\b/.exec(t) ?? [];
    return Number(value) * (unit === 's' ? 1000 : 1);
  });
}

// The in-page engine from a static host, the local engine behind the playground server, and the
// WebContainer engine's adapter.
describe.each([
  ['inpage', async () => `${server.url}/?test&example=mcp`],
  ['local', async () => `${inject('baseUrl').replace(/\/$/, '')}/?test&example=mcp`],
  // The WebContainer engine's adapter, on a build where @webcontainer/api is the test double.
  ['webcontainer', webcontainerDoubleUrl],
])('the MCP panel, %s engine', (engine, url) => {
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await openPage(browser, await url()));
    await waitForHost(page);
    expect(await page.evaluate('window.__playground.stores.runtime.getState().engineKind')).toBe(engine);
  }, 240_000);
  afterAll(() => page?.close());

  test('connects: initialize, the initialized notification with the session id, then the tools', async () => {
    await page.getByRole('tab', { name: 'MCP' }).click();
    await page.getByRole('button', { name: 'Connect' }).click();
    const panel = page.getByTestId('mcp-panel');
    await expect
      .poll(() => panel.getByTestId('mcp-server').innerText(), { timeout: 30_000 })
      .toMatch(/^Connected to playground-mcp 1\.0\.0 \(protocol 2025-06-18\), session [0-9a-f-]{36}$/);
    const messages = page.getByRole('region', { name: 'MCP messages' }).getByRole('listitem');
    await expect.poll(() => messages.count(), { timeout: 30_000 }).toBe(6);
    const summaries = (await messages.allInnerTexts()).map((t) => t.split('\n')[0]!.replace(/ \d\d:.*$/, ''));
    expect(summaries).toEqual([
      'Sent → initialize',
      '← Received 200 application/json',
      'Sent → notifications/initialized',
      '← Received 202 Accepted',
      'Sent → tools/list',
      '← Received 200 application/json',
    ]);
    // The notification carried the session id: open it and read the exchange the host recorded.
    const session = /session ([0-9a-f-]{36})/.exec(await panel.getByTestId('mcp-server').innerText())![1]!;
    const sent: string = await page.evaluate(`(() => {
      const s = window.__playground.stores.exchanges.getState();
      const x = s.order.map((id) => s.byId[id]).filter((x) => x.title === 'POST /mcp')[1];
      return x.hops.find((h) => h.from === 'host' && h.to === 'handler').message.head;
    })()`);
    expect(sent).toContain(`Mcp-Session-Id: ${session}\r\n`);
    expect(sent).toMatch(/^POST \/mcp HTTP\/1\.1\r\n/);
    await expect.poll(() => page.getByLabel('Tool', { exact: true }).inputValue()).toBe('add');
  }, 60_000);

  test('calls a tool with the form built from its input schema', async () => {
    await page.getByLabel('a (required)', { exact: true }).fill('2');
    await page.getByLabel('b (required)', { exact: true }).fill('x');
    await page.getByRole('button', { name: 'Call add' }).click();
    await expect
      .poll(() => page.getByTestId('mcp-panel').getByRole('alert').innerText())
      .toBe("'b' must be a number.");
    await page.getByLabel('b (required)', { exact: true }).fill('40');
    await page.getByRole('button', { name: 'Call add' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Tool result' }).innerText(), { timeout: 30_000 })
      .toBe('42');
    // A JSON answer: the exchange view says it went in one piece.
    const toCaller = page.getByTestId('hop').and(page.locator('[data-from="host"][data-to="caller"]'));
    await expect
      .poll(() => toCaller.getByTestId('hop-one-piece').innerText(), { timeout: 30_000 })
      .toMatch(/^The body went in one piece, at \+[\d.]+ m?s\.$/);
  }, 60_000);

  test('an SSE answer: each event shows as it arrives, with its time, and the exchange keeps the pieces', async () => {
    await page.getByLabel('Tool', { exact: true }).selectOption('countdown');
    await page.getByLabel('from', { exact: true }).fill('3');
    await page.getByLabel('delayMs', { exact: true }).fill('700');
    await page.getByRole('button', { name: 'Call countdown' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Tool result' }).innerText(), { timeout: 30_000 })
      .toBe('Lift-off after 3!');
    const offsets = await eventOffsets(page);
    // 3 log events, 3 progress events, then the result, each timed from the start of its exchange.
    expect(offsets).toHaveLength(7);
    // Written 700 ms apart (2.1 s end to end); one delay at least, for a busy machine.
    expect(offsets[6]! - offsets[0]!).toBeGreaterThanOrEqual(700);
    // And the page showed each one as it came, not all at the end: the clock time it was seen.
    const seen = await sseLines(page).locator('time').allInnerTexts();
    expect(clockMs(seen[6]!) - clockMs(seen[0]!)).toBeGreaterThanOrEqual(700);

    // The exchange view (the call's exchange is selected): the answer's pieces, each with its time.
    const toCaller = page.getByTestId('hop').and(page.locator('[data-from="host"][data-to="caller"]'));
    const pieces = toCaller.getByRole('region', { name: 'Body pieces as they arrived' });
    await expect.poll(() => pieces.getByRole('listitem').count(), { timeout: 30_000 }).toBe(7);
    expect(await pieces.innerText()).toMatch(/^Streamed: 7 pieces over [\d.]+ s\./);
    expect(await pieces.getByRole('listitem').last().innerText()).toContain('Lift-off after 3!');
    noConsoleErrors(errors);
  }, 60_000);
});
