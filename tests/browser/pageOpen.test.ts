import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, test } from 'vitest';
import { noConsoleErrors, saveFile, waitForHost } from './support/playground';
import { useStaticSite } from './support/staticSite';
import { startStaticServer } from './support/staticServer';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

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
  test('the sandbox loads the workers itself; the app runs first with the plain editor and log; Monaco and xterm come once the host runs', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => void errors.push(e.message));
    const fetchedByPage: string[] = [];
    page.on('request', (r) => {
      if (/(host|handler)-worker-[\w-]+\.js$/.test(r.url()) && r.frame() === page.mainFrame()) {
        fetchedByPage.push(r.url());
      }
    });
    await page.addInitScript(WHEN_SEND_ENABLED);
    await page.goto(`${site.url}/?test`);
    await waitForHost(page);

    // The sandbox's document names where the workers' scripts are, and they loaded them
    // themselves: the page fetched none of them.
    const sandbox = (await page.locator('iframe[data-engine="inpage"]').getAttribute('srcdoc')) ?? '';
    expect(sandbox).toMatch(
      /<meta name="fchp-worker-scripts" content="[^"]*host-worker-[^"]*handler-worker-/,
    );
    expect(fetchedByPage).toEqual([]);

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

  test('once the page is idle the sandbox keeps the scripts: a handler restart needs no network', async () => {
    const server = await startStaticServer(join(ROOT, 'dist'));
    const context = await site.browser.newContext();
    try {
      const page = await context.newPage();
      // Monaco's own workers and font, still on their way when the site goes, fail to load: not
      // the engine's concern. The engine's scripts must not be asked for again.
      const engineScriptsFailed: string[] = [];
      page.on('requestfailed', (r) => {
        if (/(host|handler)-worker/.test(r.url())) engineScriptsFailed.push(r.url());
      });
      await page.goto(`${server.url}/?test&example=hello`);
      await waitForHost(page);
      await page
        .locator('iframe[data-engine="inpage"][data-scripts="kept"]')
        .waitFor({ state: 'attached', timeout: 30_000 });
      await server.close(); // the site is gone: nothing more can be fetched from it

      const handler = (await page.evaluate(
        'window.__playground.stores.files.getState().files["handler.js"]',
      )) as string;
      // A changed handler (another status) restarts the handler worker, from the kept text.
      await saveFile(
        page,
        'handler.js',
        handler.replace("res.end('hello world')", "res.statusCode = 203;\n    res.end('hello world')"),
      );
      await expect
        .poll(
          () =>
            page.evaluate(
              "window.__playground.session.sendRequest({ method: 'GET', path: '/api/hello', headers: [], body: '' }).then((r) => r.status)",
            ),
          { timeout: 30_000 },
        )
        .toBe(203);
      expect(engineScriptsFailed).toEqual([]);
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("the built page's inline script opens the sandbox before any module arrives, only where the in-page engine is likely", async () => {
    const context = await site.browser.newContext();
    try {
      // No module of the page ever arrives: what opens the sandbox is the HTML's own script.
      await context.route(/\/assets\/[^/]+\.js$/, (route) =>
        /(host|handler)-worker-/.test(route.request().url()) ? route.continue() : route.abort(),
      );
      const page = await context.newPage();
      await page.goto(`${site.url}/`);
      const sandbox = page.locator('iframe[data-engine="inpage"]');
      await sandbox.waitFor({ state: 'attached', timeout: 10_000 });
      expect(await sandbox.getAttribute('sandbox')).toBe('allow-scripts');
      expect(await sandbox.getAttribute('srcdoc')).toMatch(
        new RegExp(
          `<meta name="fchp-worker-scripts" content="[^"]*${site.url.replace(/[.:/]/g, '\\$&')}/assets/host-worker-`,
        ),
      );
      // Another engine asked for, or an embed that waits for a click: no sandbox.
      for (const search of ['?engine=webcontainer', '?embed=1', '?run=click']) {
        await page.goto(`${site.url}/${search}`);
        await page.waitForLoadState('domcontentloaded');
        expect(await sandbox.count(), search).toBe(0);
      }
      // Under npm start (its config first in the head), the local engine runs: no sandbox.
      await page.goto(inject('baseUrl'));
      await page.waitForLoadState('domcontentloaded');
      expect(await page.locator('meta[name="fchp-engine"]').count()).toBe(1);
      expect(await sandbox.count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
