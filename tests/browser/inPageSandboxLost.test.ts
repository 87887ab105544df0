import { expect, test } from 'vitest';
import { hostStatus, noConsoleErrors, openFile, terminalText, waitForHost } from './support/playground';
import { useStaticSite } from './support/staticSite';

// The sandbox's process can end under the page (a handler that allocates without end takes it
// past the browser's memory limit); nothing tells the page, so the engine asks it once a second
// (web/engine/sandboxWatch.ts). Here the sandbox goes silent as a dead one does: its own program
// stops answering, its main thread held in a loop. The page stays usable, the host run ends with
// the reason in the terminal, and Restart runs the app again in a new sandbox.

const site = useStaticSite();

const SANDBOX = 'iframe[data-engine="inpage"]';

test('a sandbox that stops answering ends the host with the reason, and Restart opens a new one', async () => {
  const { page, errors } = await site.openInPage('order');
  const first = page.frames().find((f) => f.url() === 'about:srcdoc');
  expect(first, 'the sandbox iframe').toBeDefined();
  await first!.evaluate('setTimeout(() => { for (;;); }, 0)');

  await expect
    .poll(() => terminalText(page), { timeout: 20_000 })
    .toContain('The sandbox that ran the host and the handler stopped answering');
  await expect
    .poll(() => page.evaluate('window.__playground.stores.runtime.getState().engine.message'))
    .toBe('The host stopped (exit code 1). Restart it to go on.');
  // The page answers meanwhile, and the dead iframe is gone. Send waits for a host again: the
  // last status said Running, but no host is there to take a request.
  await expect.poll(() => page.locator(SANDBOX).count()).toBe(0);
  expect(await page.getByTestId('composer-send').isDisabled()).toBe(true);
  expect(await page.getByTestId('composer-status').innerText()).toBe(
    'The host has stopped: press Restart to start it again.',
  );
  await openFile(page, 'host.json');
  await expect
    .poll(() => page.getByRole('tab', { name: /host\.json/ }).getAttribute('aria-selected'))
    .toBe('true');

  await page.getByRole('button', { name: 'Restart', exact: true }).first().click();
  await waitForHost(page);
  expect((await hostStatus(page)).state).toBe('Running');
  await expect.poll(() => page.locator(SANDBOX).count()).toBe(1);
  await page.getByTestId('composer-body').fill('{"id":1,"quantity":2}');
  await page.getByTestId('composer-send').click();
  await expect
    .poll(() => page.getByTestId('composer-status').innerText(), { timeout: 30_000 })
    .toMatch(/^200 /);
  noConsoleErrors(errors);
  await page.close();
}, 120_000);
