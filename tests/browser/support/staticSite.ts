import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser, openPage } from './browser';
import { waitForHost } from './playground';
import { startStaticServer } from './staticServer';
import type { StaticServer } from './staticServer';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface StaticSite {
  readonly browser: Browser;
  /** Where the built site is served as plain static files, with no special headers. */
  readonly url: string;
  /** Opens an example on the in-page engine and waits for its host to run. */
  openInPage(example: string): Promise<{ page: Page; errors: string[] }>;
}

/**
 * The build in `dist/` served by a plain static server, and a Chromium, for the file's tests:
 * the in-page engine's starting point (no WebContainer, no local server). Call at module level.
 */
export function useStaticSite(): StaticSite {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  beforeAll(async () => {
    server = await startStaticServer(join(ROOT, 'dist'));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const site: StaticSite = {
    get browser() {
      if (!browser) throw new Error('useStaticSite: the browser starts in beforeAll');
      return browser;
    },
    get url() {
      if (!server) throw new Error('useStaticSite: the server starts in beforeAll');
      return server.url;
    },
    async openInPage(example) {
      const opened = await openPage(site.browser, `${site.url}/?test&example=${example}`);
      await waitForHost(opened.page);
      expect(await opened.page.evaluate('window.__playground.stores.runtime.getState().engineKind')).toBe(
        'inpage',
      );
      return opened;
    },
  };
  return site;
}
