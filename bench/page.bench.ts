/**
 * Page benchmarks, in Chromium. A report, never a test: it prints PASS/MISS and exits 0.
 *
 * 1. Page open to first exchange shown, for the local engine (npm start's server) and for the
 *    in-page engine on a plain static server: a fresh page per run opens the playground, waits
 *    for Send to be enabled (host running), sends the default request and waits for its exchange
 *    row. Median of BENCH_PAGE_RUNS (≥ 5) runs against each engine's budget.
 * 2. Added latency per invocation: N sequential calls of the `hello` example timed inside the page
 *    (the session's http.request, through the sandbox, the host worker and the handler worker),
 *    next to the same calls on the host on Node with a real `node` handler (host.performRequest,
 *    as bench:host drives its host). Same host code and same bytes on both sides, so the
 *    difference is what the in-page engine adds.
 *
 *   npm run bench:page
 *   BENCH_PAGE_RUNS=9 BENCH_PAGE_ENGINE=inpage BENCH_LATENCY_N=1000 npm run bench:page
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import type { HttpRequestSpec } from '../runtime/core/control/protocol';
import { whyBuild } from '../scripts/buildState.mjs';
import { createNodeHost } from '../runtime/node/nodeHost';
import { startPlaygroundServer } from '../runtime/node/playgroundServer/server';
import { launchBrowser } from '../tests/browser/support/browser';
import { startStaticServer } from '../tests/browser/support/staticServer';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Math.max(5, Number(process.env.BENCH_PAGE_RUNS ?? 5));
const LATENCY_N = Number(process.env.BENCH_LATENCY_N ?? 500);
const BUDGETS_MS = { local: 2000, 'in-page': 500 } as const;
type Engine = keyof typeof BUDGETS_MS;
const ENGINES: readonly Engine[] =
  process.env.BENCH_PAGE_ENGINE === 'inpage'
    ? ['in-page']
    : process.env.BENCH_PAGE_ENGINE === 'local'
      ? ['local']
      : ['local', 'in-page'];
const HELLO: HttpRequestSpec = {
  method: 'POST',
  path: '/api/hello',
  headers: [['Content-Type', 'application/json']],
  body: '{"message":"hi"}',
};

async function serve(engine: Engine) {
  return engine === 'in-page'
    ? startStaticServer(join(ROOT, 'dist'))
    : startPlaygroundServer({
        distDir: join(ROOT, 'dist'),
        hostBundle: join(ROOT, 'build', 'host.mjs'),
        port: 0,
      });
}

async function firstExchange(browser: Browser, engine: Engine): Promise<number> {
  const server = await serve(engine);
  const totals: number[] = [];
  console.log(`page open to first exchange shown: ${engine} engine, ${RUNS} runs, fresh page each run`);
  try {
    for (let run = 1; run <= RUNS; run++) {
      const page = await browser.newPage();
      const started = performance.now();
      await page.goto(server.url);
      const loaded = performance.now();
      const send = page.getByTestId('composer-send');
      await send.waitFor({ state: 'visible', timeout: 30_000 });
      // Evaluated in the page, so it is given as text (this file has no DOM types).
      await page.waitForFunction(
        '!document.querySelector(\'[data-testid="composer-send"]\')?.disabled',
        undefined,
        {
          timeout: 30_000,
        },
      );
      const ready = performance.now();
      await send.click();
      await page.getByTestId('exchange-row').first().waitFor({ state: 'visible', timeout: 30_000 });
      const total = performance.now() - started;
      totals.push(total);
      console.log(
        `  run ${run}: load ${(loaded - started).toFixed(0)} ms, host ready ${(ready - started).toFixed(0)} ms, ` +
          `first exchange ${total.toFixed(0)} ms`,
      );
      await page.close();
    }
  } finally {
    await server.close();
  }
  const sorted = [...totals].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(
    `  median ${median.toFixed(0)} ms, best ${sorted[0]!.toFixed(0)} ms, worst ${sorted.at(-1)!.toFixed(0)} ms`,
  );
  console.log(
    `  budget <= ${BUDGETS_MS[engine]} ms (median): ${median <= BUDGETS_MS[engine] ? 'PASS' : 'MISS'}`,
  );
  return median;
}

/** N sequential calls timed inside the page, each from the call to its answer. */
async function inPageLatencies(browser: Browser): Promise<number[]> {
  const server = await serve('in-page');
  const page = await browser.newPage();
  try {
    await page.goto(`${server.url}/?test&example=hello`);
    await page.waitForFunction(
      '!document.querySelector(\'[data-testid="composer-send"]\')?.disabled',
      undefined,
      {
        timeout: 30_000,
      },
    );
    return await page.evaluate(`(async () => {
      const { session } = window.__playground;
      const times = [];
      for (let i = 0; i < ${LATENCY_N + 50}; i++) {
        const started = performance.now();
        await session.sendRequest(${JSON.stringify(HELLO)});
        if (i >= 50) times.push(performance.now() - started); // the first 50 warm up
      }
      return times;
    })()`);
  } finally {
    await page.close();
    await server.close();
  }
}

/** The same calls on the host on Node, its handler a real node process. */
async function nodeLatencies(): Promise<number[]> {
  const root = mkdtempSync(join(tmpdir(), 'fchp-bench-page-'));
  cpSync(join(ROOT, 'examples', 'hello'), root, { recursive: true });
  cpSync(join(ROOT, 'examples', 'package.json'), join(root, 'package.json'));
  const host = createNodeHost({ appRoot: root, port: 0 });
  let running = false;
  host.subscribe((e) => {
    if (e.type === 'host.status' && e.state === 'Running') running = true;
  });
  try {
    await host.start();
    while (!running) await new Promise((r) => setTimeout(r, 10));
    const times: number[] = [];
    for (let i = 0; i < LATENCY_N + 50; i++) {
      const started = performance.now();
      await host.performRequest(HELLO);
      if (i >= 50) times.push(performance.now() - started);
    }
    return times;
  } finally {
    await host.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function main(): Promise<void> {
  const reason = whyBuild(ROOT);
  if (reason) {
    console.log(`building first (${reason})...`);
    if (spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) process.exit(1);
  }
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const browser = await launchBrowser();
  try {
    for (const engine of ENGINES) await firstExchange(browser, engine);
    const page = await inPageLatencies(browser);
    const node = await nodeLatencies();
    console.log(`per invocation, ${LATENCY_N} sequential calls of examples/hello (POST /api/hello):`);
    console.log('                         p50 ms   p99 ms');
    const row = (label: string, p50: number, p99: number) =>
      console.log(`  ${label.padEnd(22)} ${p50.toFixed(2).padStart(6)}   ${p99.toFixed(2).padStart(6)}`);
    const [p50Page, p99Page, p50Node, p99Node] = [
      percentile(page, 0.5),
      percentile(page, 0.99),
      percentile(node, 0.5),
      percentile(node, 0.99),
    ];
    row('in-page engine', p50Page, p99Page);
    row('host on Node (CLI)', p50Node, p99Node);
    row('added by in-page', p50Page - p50Node, p99Page - p99Node);
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await browser.close();
  }
}

void main();
