import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { beaconRoute, startStaticServer } from './support/staticServer';
import { runUnattendedChromium } from './support/unattendedChromium';

// A handler that allocates without end, in a browser with no automation attached (Playwright
// calls the page crashed when only the sandbox's process died, and then refuses to touch it).
// The sandbox's process reaches the browser's memory limit and dies with the host and the
// handler in it; the page stays responsive, notices (web/engine/sandboxWatch.ts), says why, and
// Restart runs the app again. A script in the page does what a person would, through the
// playground's own session (`?test`), and posts what it saw.

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

const HOG = '(() => { const a = []; for (;;) a.push(new Array(1e5).fill(1)); })()';

const PAGE_SCRIPT = `(() => {
  const report = (r) => navigator.sendBeacon('/__report', JSON.stringify(r));
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  const until = async (what, check, ms = 60000) => {
    const start = performance.now();
    while (!check()) {
      if (performance.now() - start > ms) throw new Error('timed out waiting for ' + what);
      await wait(50);
    }
  };
  // The page's main thread, watched while the handler hogs: the longest gap between ticks.
  let last = performance.now(), longestGap = 0, watching = false;
  setInterval(() => { const now = performance.now(); if (watching) longestGap = Math.max(longestGap, now - last); last = now; }, 50);
  (async () => {
    await until('the playground', () => window.__playground);
    const { stores, session } = window.__playground;
    const running = () => stores.runtime.getState().engine.phase === 'running' && stores.runtime.getState().host?.state === 'Running';
    await until('the host', running);
    const files = stores.files.getState();
    files.edit('handler.js', files.files['handler.js'].replace("'/order': (invocation) => ({", "'/order': (invocation) => (invocation.Data.req.Body.includes('hog') && ${HOG}, {"));
    await session.save('handler.js');
    await until('the restarted handler', running);
    const order = (body) => session.sendRequest({ method: 'POST', path: '/api/order', headers: [['Content-Type', 'application/json']], body });
    watching = true; last = performance.now();
    const hogged = await Promise.race([
      order('{"id":1,"note":"hog"}').then((r) => 'answered ' + r.status, (e) => e.message),
      wait(60000).then(() => 'no answer within 60 s'),
    ]);
    watching = false;
    const terminal = stores.terminal.getState().buffer;
    const engineMessage = stores.runtime.getState().engine.message;
    const sandboxesAfterLoss = document.querySelectorAll('iframe[data-engine="inpage"]').length;
    await session.restart();
    await until('the new host', running);
    const after = await Promise.race([
      order('{"id":2,"quantity":1}').then((r) => r.status, (e) => e.message),
      wait(30000).then(() => 'no answer within 30 s'),
    ]);
    report({ hogged, engineMessage, lost: terminal.includes('stopped answering'), sandboxesAfterLoss, after, longestGap, sandboxes: document.querySelectorAll('iframe[data-engine="inpage"]').length });
  })().catch((e) => report({ error: String(e) }));
})();`;

interface Report {
  readonly error?: string;
  readonly hogged: string;
  readonly engineMessage: string;
  readonly lost: boolean;
  readonly sandboxesAfterLoss: number;
  readonly after: number | string;
  readonly longestGap: number;
  readonly sandboxes: number;
}

test('a handler that eats memory ends its sandbox, never the page; Restart runs the app again', async () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8').replace(
    '<head>',
    `<head><script>${PAGE_SCRIPT}</script>`,
  );
  let onReport: (report: Report) => void = () => undefined;
  const reported = new Promise<Report>((resolve) => (onReport = resolve));
  const page = { type: 'text/html; charset=utf-8', body: html };
  const server = await startStaticServer(DIST, {
    '/': page,
    '/index.html': page,
    '/__report': beaconRoute(onReport),
  });
  try {
    const report = await runUnattendedChromium(`${server.url}/?test&example=order`, reported, 150_000);
    expect(report.error).toBeUndefined();
    // The call in flight fails as it does when a host process dies under its caller.
    expect(report.hogged).toBe('The host exited (code 1).');
    expect(report.lost).toBe(true);
    expect(report.engineMessage).toBe('The host stopped (exit code 1). Restart it to go on.');
    expect(report.sandboxesAfterLoss).toBe(0);
    // The page kept running its own timers all along (a frozen page would show seconds here).
    expect(report.longestGap).toBeLessThan(2_000);
    expect(report.after).toBe(200);
    expect(report.sandboxes).toBe(1);
  } finally {
    await server.close();
  }
}, 180_000);
