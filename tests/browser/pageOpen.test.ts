import { describe, expect, test } from 'vitest';
import { noConsoleErrors, waitForHost } from './support/playground';
import { useStaticSite } from './support/staticSite';

const site = useStaticSite();

/**
 * Runs before the page's scripts: what the page shows at the moment Send is first enabled (the
 * host runs), noted synchronously with the DOM change that enables it.
 */
const WHEN_SEND_ENABLED = `(() => {
  const check = () => {
    const send = document.querySelector('[data-testid="composer-send"]');
    if (window.__atSendEnabled || !send || send.disabled) return;
    window.__atSendEnabled = {
      textArea: document.querySelector('.textarea-editor textarea') !== null,
      monaco: document.querySelector('.monaco-editor') !== null,
      plainTerminal: document.querySelector('.terminal-plain') !== null,
      sandbox: document.querySelector('iframe[data-engine="inpage"]') !== null,
    };
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

describe('opening the page on a plain static host', () => {
  test('the app runs first with the plain editor and log; Monaco and xterm come once the host runs', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => void errors.push(e.message));
    await page.addInitScript(WHEN_SEND_ENABLED);
    await page.goto(`${site.url}/?test`);
    await waitForHost(page);

    // The handler's code is readable and editable in the text area while the engine starts.
    expect(await page.evaluate('window.__atSendEnabled')).toEqual({
      textArea: true,
      monaco: false,
      plainTerminal: true,
      sandbox: true,
    });

    // Then the real editor and terminal take over, with the same text.
    const editor = page.locator('.monaco-editor').first();
    await editor.waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.terminal-xterm[data-state="ready"]').waitFor({ state: 'attached', timeout: 30_000 });
    expect(await page.locator('.textarea-editor').count()).toBe(0);
    const file = (await page.evaluate('window.__playground.stores.files.getState().active')) as string;
    const firstLine = (
      (await page.evaluate(
        `window.__playground.stores.files.getState().files[${JSON.stringify(file)}]`,
      )) as string
    ).split('\n')[0]!;
    await expect
      .poll(async () => ((await editor.locator('.view-lines').innerText()) ?? '').replace(/\u00a0/g, ' '))
      .toContain(firstLine.trim());
    noConsoleErrors(errors);
    await context.close();
  });
});
