import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  fileText,
  hostStatus,
  noConsoleErrors,
  openFile,
  saveFile,
  terminalText,
  waitForHost,
} from './support/playground';
import { useStaticSite } from './support/staticSite';

// Bad apps on the in-page engine, from the static build: each mistake a person makes in the
// editor gets the message and the host behaviour the CLI gives (tests/integration/badInput.test.ts
// checks the CLI's side). Files are changed and saved as Ctrl+S saves; requests go through Send.

const site = useStaticSite();

const openOrder = () => site.openInPage('order');

/** Changes handler.js with `edit` (which must change it) and saves it. */
async function editHandler(page: Page, edit: (text: string) => string): Promise<void> {
  const before = await fileText(page, 'handler.js');
  const after = edit(before);
  expect(after).not.toBe(before);
  await saveFile(page, 'handler.js', after);
}

/** Clicks Send with this order body and returns the status line the composer shows. */
async function send(page: Page, body: string): Promise<string> {
  const status = page.getByTestId('composer-status');
  const before = await page.evaluate('window.__playground.stores.exchanges.getState().order.length');
  await page.getByTestId('composer-body').fill(body);
  await page.getByTestId('composer-send').click();
  // Answered once the exchange is recorded (the composer's status then belongs to this call).
  await expect
    .poll(() => page.evaluate('window.__playground.stores.exchanges.getState().order.length'), {
      timeout: 30_000,
    })
    .toBeGreaterThan(before as number);
  // …and the composer has left "Sending…" for the answer it shows.
  await expect.poll(() => status.innerText(), { timeout: 30_000 }).not.toMatch(/^Sending/);
  return status.innerText();
}

/** The caller's status of the newest exchange, as the exchanges panel lists it. */
function newestStatus(page: Page): Promise<number | undefined> {
  return page.evaluate(
    '(() => { const s = window.__playground.stores.exchanges.getState(); return s.byId[s.order[s.order.length - 1]].status; })()',
  );
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('bad input on the in-page engine', () => {
  test('a host.json whose executable is not node names the reason and the engines that run it', async () => {
    const { page, errors } = await openOrder();
    const hostJson = await fileText(page, 'host.json');
    await saveFile(
      page,
      'host.json',
      hostJson.replace('"defaultExecutablePath": "node"', '"defaultExecutablePath": "python3"'),
    );
    await expect.poll(async () => (await hostStatus(page)).state, { timeout: 30_000 }).toBe('Error');
    const { errors: hostErrors } = await hostStatus(page);
    const reason = hostErrors.join('\n');
    expect(reason).toContain('The in-page engine runs JavaScript handlers with node only');
    expect(reason).toContain('"python3" (customHandler.description.defaultExecutablePath in host.json)');
    expect(reason).toMatch(/\?engine=webcontainer.*npm start.*npm run host/s);
    expect(await terminalText(page)).toContain('The in-page engine runs JavaScript handlers with node only');
    noConsoleErrors(errors);
    await page.close();
  });

  test('a handler that requires a missing module says which, and where it was required', async () => {
    const { page, errors } = await openOrder();
    await editHandler(page, (t) =>
      t.replace(
        "const http = require('node:http');",
        "const http = require('node:http');\nconst express = require('express');",
      ),
    );
    await expect
      .poll(() => terminalText(page), { timeout: 30_000 })
      .toContain("Cannot find module 'express'");
    expect(await terminalText(page)).toMatch(/handler\.js/);
    noConsoleErrors(errors);
    await page.close();
  });

  test('a syntax error shows its file and line', async () => {
    const { page, errors } = await openOrder();
    const text = await fileText(page, 'handler.js');
    const line = text.split('\n').findIndex((l) => l.startsWith('const port = ')) + 1;
    expect(line).toBeGreaterThan(0);
    await editHandler(page, (t) => t.replace('const port = Number(', 'const port = Number(;'));
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain('SyntaxError');
    expect(await terminalText(page)).toContain(`handler.js:${line}`);
    noConsoleErrors(errors);
    await page.close();
  });

  test('an endless loop ends at the function timeout, and the page answers clicks meanwhile', async () => {
    const { page, errors } = await openOrder();
    const hostJson = await fileText(page, 'host.json');
    await saveFile(
      page,
      'host.json',
      hostJson.replace('"version": "2.0",', '"version": "2.0", "functionTimeout": "00:00:03",'),
    );
    await waitForHost(page);
    await editHandler(page, (t) =>
      t.replace(
        "'/order': (invocation) => ({",
        "'/order': (invocation) => (invocation.Data.req.Body.includes('spin') && (() => { for (;;); })(), {",
      ),
    );
    await waitForHost(page);

    await page.getByTestId('composer-body').fill('{"id":1,"note":"spin"}');
    await page.getByTestId('composer-send').click();
    // While the handler spins in its worker, a click on a file opens it: the page is not frozen.
    await openFile(page, 'host.json');
    await expect
      .poll(() => page.getByRole('tab', { name: /host\.json/ }).getAttribute('aria-selected'))
      .toBe('true');
    expect(await terminalText(page)).not.toContain('Timeout value of 00:00:03 exceeded');
    await openFile(page, 'handler.js');
    await expect
      .poll(() => page.getByRole('tab', { name: /handler\.js/ }).getAttribute('aria-selected'))
      .toBe('true');

    await expect
      .poll(() => page.getByTestId('composer-status').innerText(), { timeout: 30_000 })
      .toMatch(/^500 /);
    expect(await terminalText(page)).toMatch(
      /Timeout value of 00:00:03 exceeded by function 'Functions\.order'/,
    );
    await waitForHost(page);
    expect(await send(page, '{"id":2,"quantity":1}')).toMatch(/^200 /);
    noConsoleErrors(errors);
    await page.close();
  });

  test('process.exit(3) shows the exit code, and the handler is restarted as the CLI restarts it', async () => {
    const { page, errors } = await openOrder();
    await editHandler(page, (t) =>
      t.replace(
        "'/order': (invocation) => ({",
        "'/order': (invocation) => (invocation.Data.req.Body.includes('exit-now') && process.exit(3), {",
      ),
    );
    await waitForHost(page);
    expect(await send(page, '{"id":1,"note":"exit-now"}')).toMatch(/^500 /);
    await expect
      .poll(() => terminalText(page), { timeout: 30_000 })
      .toMatch(/Language Worker Process exited\. Pid=\d+\. Exit code 3/);
    await expect
      .poll(() => terminalText(page))
      .toContain('Restarting the handler (error 1 of 3 allowed in 30 minutes).');
    await waitForHost(page);
    expect(await send(page, '{"id":2,"quantity":1}')).toMatch(/^200 /);
    expect((await hostStatus(page)).state).toBe('Running');
    noConsoleErrors(errors);
    await page.close();
  });

  test('a handler that crashes on every request: the third error stops the host, as in the CLI', async () => {
    const { page, errors } = await openOrder();
    await editHandler(page, (t) =>
      t.replace(
        'const server = http.createServer(async (req, res) => {',
        "const server = http.createServer(async (req, res) => {\n  if (req.url === '/order') return process.nextTick(() => { throw new Error('boom on every order'); });",
      ),
    );
    await waitForHost(page);
    for (const n of [1, 2]) {
      expect(await send(page, `{"id":${n}}`)).toMatch(/^500 /);
      await expect
        .poll(() => terminalText(page), { timeout: 30_000 })
        .toContain(`Restarting the handler (error ${n} of 3`);
      await waitForHost(page);
    }
    // The composer then shows the host's state, so the call's own status is read from its exchange.
    await send(page, '{"id":3}');
    expect(await newestStatus(page)).toBe(500);
    await expect.poll(async () => (await hostStatus(page)).state, { timeout: 30_000 }).toBe('Error');
    expect(await page.getByTestId('composer-send').isDisabled()).toBe(true);
    const status = await hostStatus(page);
    expect(status.errors.join('\n')).toContain('Exceeded http worker restart retry count');
    const terminal = await terminalText(page);
    expect(terminal).toContain('boom on every order');
    expect(count(terminal, 'Restarting the handler (error')).toBe(2);
    // The front door stays open and answers as the real host does while stopped.
    const after = await page.evaluate<{ status: number }>(
      `window.__playground.session.sendRequest({ method: 'POST', path: '/api/order', headers: [], body: '{}' })`,
    );
    expect(after.status).toBe(503);
    noConsoleErrors(errors);
    await page.close();
  });

  test('a handler that never listens: the readiness time-out names the port variable, thrice, then the host stops', async () => {
    const { page, errors } = await openOrder();
    const hostJson = await fileText(page, 'host.json');
    await saveFile(
      page,
      'host.json',
      hostJson.replace('"customHandler": {', '"customHandler": {\n    "initializationTimeout": "00:00:01",'),
    );
    await waitForHost(page);
    await saveFile(page, 'handler.js', '// Never listens.\nsetInterval(() => {}, 1000);\n');
    await expect.poll(async () => (await hostStatus(page)).state, { timeout: 30_000 }).toBe('Error');
    const terminal = await terminalText(page);
    expect(
      count(terminal, 'Initializing HttpWorker timed out: the handler did not answer GET / within 1000 ms.'),
    ).toBe(3);
    expect(terminal).toContain('FUNCTIONS_CUSTOMHANDLER_PORT');
    expect((await hostStatus(page)).errors.join('\n')).toContain('Exceeded http worker restart retry count');
    noConsoleErrors(errors);
    await page.close();
  });
});
