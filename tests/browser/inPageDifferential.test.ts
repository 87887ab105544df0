import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { Exchange } from '../../runtime/core/exchange/exchange';
import { createNodeHost } from '../../runtime/node/nodeHost';
import type { FunctionHost } from '../../runtime/node/nodeHost';
import { canBind } from '../../runtime/node/platform/ports';
import { launchBrowser, openPage } from './support/browser';
import { canonicalExchanges } from './support/exchangeCanon';
import { EXAMPLES, javascriptScenarios } from './support/galleryScenarios';
import type { Scenario } from './support/galleryScenarios';
import { noConsoleErrors, waitForHost } from './support/playground';
import { startStaticServer } from './support/staticServer';
import type { StaticServer } from './support/staticServer';

// Every gallery example whose handler is JavaScript, run twice with the same requests: from the
// static build on the in-page engine (host and handler in workers), and on the host on Node with
// the handler a real `node` process. The exchanges must be the same hop by hop, byte for byte,
// once ids, dates and ports are set aside (support/exchangeCanon.ts). A difference fails.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCENARIOS = javascriptScenarios();
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  server = await startStaticServer(join(ROOT, 'dist'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function until(predicate: () => boolean | Promise<boolean>, what: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A free front door port of four digits, as the page's 7071 is: ports appear in Host headers, in
 * payload URLs and in what handlers echo, so both must be the same width for lengths to match.
 */
async function fourDigitPort(): Promise<number> {
  for (let port = 7100 + Math.floor(Math.random() * 800); port < 9999; port++) {
    if (await canBind(port)) return port;
  }
  throw new Error('no free 4-digit port');
}

/** Timer apps: the start-up run alone (later firings depend on the wall clock). */
function comparable(scenario: Scenario, exchanges: readonly Exchange[]): Exchange[] {
  if (!scenario.timer) return [...exchanges];
  const timers = exchanges.filter((x) => x.trigger === 'timer').sort((a, b) => a.startedAt - b.startedAt);
  return [...exchanges.filter((x) => x.trigger !== 'timer'), ...timers.slice(0, 1)];
}

async function runOnNode(scenario: Scenario): Promise<Exchange[]> {
  // A temp copy, so nothing the handler writes lands in the repository.
  const root = mkdtempSync(join(tmpdir(), `fchp-diff-${scenario.name}-`));
  cpSync(join(EXAMPLES, scenario.name), root, { recursive: true });
  cpSync(join(EXAMPLES, 'package.json'), join(root, 'package.json'));
  const host: FunctionHost = createNodeHost({ appRoot: root, port: await fourDigitPort() });
  let running = false;
  host.subscribe((e) => {
    if (e.type === 'host.status' && e.state === 'Running') running = true;
  });
  try {
    await host.start();
    await until(() => running, `${scenario.name} Running on Node`);
    if (scenario.timer) await until(() => host.exchanges.list().some((x) => x.trigger === 'timer'), 'a tick');
    for (const step of scenario.steps) {
      if ('http' in step) await host.performRequest(step.http);
      else host.enqueue(step.enqueue, step.text);
    }
    await until(
      () =>
        scenario.drains.every((q) => host.queues.store.count(q) === 0) &&
        host.exchanges.list().every((x) => x.state !== 'in-progress'),
      `${scenario.name} settled on Node`,
    );
    return comparable(scenario, host.exchanges.list());
  } finally {
    await host.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

/** The exchanges as the page holds them: the store the exchanges panel renders. */
function pageExchanges(page: Page): Promise<Exchange[]> {
  return page.evaluate(
    `(() => { const s = window.__playground.stores.exchanges.getState(); return s.order.map((id) => s.byId[id]); })()`,
  );
}

async function runInPage(scenario: Scenario, expected: number): Promise<Exchange[]> {
  const { page, errors } = await openPage(browser, `${server.url}/?test&example=${scenario.name}`);
  try {
    await waitForHost(page);
    expect(await page.evaluate('window.__playground.stores.runtime.getState().engineKind')).toBe('inpage');
    if (scenario.timer) {
      await until(
        async () => (await pageExchanges(page)).some((x) => x.trigger === 'timer'),
        'a tick in the page',
      );
    }
    for (const step of scenario.steps) {
      // The session's own calls, the ones the composer's Send and the queue panel make.
      if ('http' in step) {
        await page.evaluate(
          `window.__playground.session.sendRequest(${JSON.stringify({ ...step.http, body: step.http.body ?? '' })})`,
        );
      } else {
        await page.evaluate(
          `window.__playground.session.enqueue(${JSON.stringify(step.enqueue)}, ${JSON.stringify(step.text)})`,
        );
      }
    }
    // Settled: at least as many exchanges as on Node, none in progress. An engine that produced
    // fewer times out here and is compared anyway, so the failure shows what is missing.
    await until(async () => {
      const all = comparable(scenario, await pageExchanges(page));
      return all.length >= expected && all.every((x) => x.state !== 'in-progress');
    }, `${scenario.name} settled in the page`).catch(() => undefined);
    noConsoleErrors(errors);
    return comparable(scenario, await pageExchanges(page));
  } finally {
    await page.close();
  }
}

describe('the in-page engine and the host on Node give the same exchanges', () => {
  test('the gallery has JavaScript examples to compare', () => {
    expect(SCENARIOS.map((s) => s.name)).toContain('order');
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(10);
  });

  test.each(SCENARIOS.map((s) => [s.name, s] as const))(
    'examples/%s: same exchanges, hop by hop',
    async (_name, scenario) => {
      const onNode = await runOnNode(scenario);
      expect(onNode.length).toBeGreaterThan(0);
      const inPage = await runInPage(scenario, onNode.length);
      expect(canonicalExchanges(inPage)).toEqual(canonicalExchanges(onNode));
    },
    90_000,
  );
});
