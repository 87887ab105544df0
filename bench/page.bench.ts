/**
 * Page benchmarks, in Chromium. A report, never a test: it prints PASS/MISS and exits 0.
 *
 * 1. Page open to first exchange shown, for the local engine (npm start's server) and for the
 *    in-page engine on a plain static server: a fresh page per run (a new browser context: no
 *    cache; the browser's own set-up of the new window is let finish first) opens the
 *    playground, Send is clicked as soon as it is enabled (host running: a script in the page
 *    clicks it, so no automation round trip is counted), and
 *    the run ends when the default request's exchange is in the list with its response (a row
 *    whose state is no longer in-progress). The figure is the page's own clock: from navigation
 *    start (performance.timeOrigin) to the moment that row is in the DOM (a MutationObserver
 *    installed before the page's scripts). The bench's clock (page.goto called → the row seen
 *    by Playwright) is printed next to it. Median of BENCH_PAGE_RUNS (≥ 5) runs against each
 *    engine's budget. BENCH_PAGE_BASELINE=<another dist/> alternates runs with that build, so
 *    old and new are measured side by side on this noisy machine. The in-page engine is also
 *    opened, each run, in a Chromium with no automation attached (support/plainChromium.ts:
 *    Playwright's debugger holds every frame and worker at its start, which a reader's browser
 *    does not), from a page of another site; that figure is the one held to its budget, and the
 *    Playwright one is printed beside it. Those runs also read, from /proc, the CPU every process
 *    of that Chromium used from the playground's HTML being asked for to the marks arriving
 *    (support/processCpu.ts), against what the machine's cores offered in that time. Each run
 *    also opens the engine alone (support/engineAlonePage.ts), the same way: the built page's
 *    inline sandbox script, then boot, the default example's files, the host and its first
 *    request, with no UI. That is the floor under the budget, and the difference is the UI's.
 * 2. Added latency per invocation: N sequential calls of the `hello` example, each timed from the
 *    call to its answer, three ways:
 *    - in the playground page: the session's http.request (the UI's stores and React rendering
 *      included, as they run while the answer comes back), through the sandbox, the host worker
 *      and the handler worker;
 *    - engine only: the same calls on a page with nothing but the in-page engine and the control
 *      connection (bench/support/engineOnlyHarness.mjs): the host worker, the handler worker and
 *      the messaging between them and the page;
 *    - the host on Node with a real `node` handler (host.performRequest, as bench:host drives
 *      its host): the CLI.
 *    Same host code and same bytes everywhere. The UI's part is page − engine only, the engine's
 *    added part is engine only − CLI.
 * 3. The in-page engine's worker scripts (build/inpage/*.js), raw and gzip, and how long a fresh
 *    worker of each takes to be ready and the handler to start (bench/support/workerStart.ts;
 *    BENCH_WORKER_BASELINE=<a copy of an older build/inpage/> measures it side by side).
 *
 *   npm run bench:page
 *   BENCH_PAGE_RUNS=9 BENCH_PAGE_ENGINE=inpage BENCH_LATENCY_N=1000 npm run bench:page
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { HttpRequestSpec } from '../runtime/core/control/protocol';
import { whyBuild } from '../scripts/buildState.mjs';
import { createNodeHost } from '../runtime/node/nodeHost';
import { startPlaygroundServer } from '../runtime/node/playgroundServer/server';
import { DEFAULT_EXAMPLE } from '../web/examples/defaultExample';
import { launchBrowser } from '../tests/browser/support/browser';
import { scriptPageRoutes } from '../tests/browser/support/scriptPage';
import { startStaticServer } from '../tests/browser/support/staticServer';
import { appFiles, engineAloneSite } from './support/engineAloneSite';
import { pageMarksScript } from './support/pageMarks';
import { plainChromiumSite, type PlainOpen } from './support/plainChromium';
import { reportWorkerStart } from './support/workerStart';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BASELINE = process.env.BENCH_PAGE_BASELINE;
const RUNS = Math.max(5, Number(process.env.BENCH_PAGE_RUNS ?? 5));
const LATENCY_N = Number(process.env.BENCH_LATENCY_N ?? 500);
const BROWSER_SETTLE_MS = 1500;
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

async function serve(engine: Engine, dist = join(ROOT, 'dist')) {
  return engine === 'in-page'
    ? startStaticServer(dist)
    : startPlaygroundServer({
        distDir: dist,
        hostBundle: join(ROOT, 'build', 'host.mjs'),
        port: 0,
      });
}

interface OpenRun {
  /** Page clock, ms from navigation start. */
  readonly sendEnabled: number;
  readonly exchangeShown: number;
  /** Bench clock, ms from page.goto. */
  readonly seen: number;
}

async function openOnce(browser: Browser, url: string): Promise<OpenRun> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    // A new window makes Chromium prewarm its own toolbar's WebUI in another process (0.2-0.5 s
    // of CPU on this machine): the browser's work, not the page's, so it is let finish first.
    await page.waitForTimeout(BROWSER_SETTLE_MS);
    await page.addInitScript(pageMarksScript());
    const started = performance.now();
    await page.goto(url);
    await page
      .locator('[data-testid="exchange-row"]:not([data-state="in-progress"])')
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 });
    const seen = performance.now() - started;
    const marks = (await page.evaluate('window.__benchMarks')) as {
      sendEnabled: number;
      exchangeShown: number;
    };
    return { ...marks, seen };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function firstExchange(browser: Browser, engine: Engine): Promise<number> {
  const builds = [{ label: 'this build', dist: join(ROOT, 'dist') }];
  if (BASELINE) builds.push({ label: `baseline ${BASELINE}`, dist: BASELINE });
  const servers = await Promise.all(builds.map((b) => serve(engine, b.dist)));
  // The in-page engine is measured as a reader's browser opens it too (no automation attached):
  // that figure is the one held to the budget.
  const plain =
    engine === 'in-page'
      ? await Promise.all(builds.map((b) => plainChromiumSite(b.dist, BROWSER_SETTLE_MS)))
      : [];
  // The floor under the budget: this build's engine with nothing of the playground around it.
  const alone =
    engine === 'in-page'
      ? await plainChromiumSite(
          builds[0]!.dist,
          BROWSER_SETTLE_MS,
          await engineAloneSite(builds[0]!.dist, join(ROOT, 'examples', DEFAULT_EXAMPLE)),
        )
      : undefined;
  const aloneRuns: PlainOpen[] = [];
  const runs: OpenRun[][] = builds.map(() => []);
  const plainRuns: PlainOpen[][] = builds.map(() => []);
  console.log(`page open to first exchange shown: ${engine} engine, ${RUNS} runs, fresh page each run`);
  try {
    for (let run = 1; run <= RUNS; run++) {
      for (const [i, b] of builds.entries()) {
        const r = await openOnce(browser, servers[i]!.url);
        runs[i]!.push(r);
        let line =
          `  ${b.label} run ${run}: Send enabled ${r.sendEnabled.toFixed(0)} ms, ` +
          `first exchange shown ${r.exchangeShown.toFixed(0)} ms (bench clock ${r.seen.toFixed(0)} ms)`;
        if (plain[i]) {
          const p = await plain[i].open();
          plainRuns[i]!.push(p);
          line += `; no automation: ${p.sendEnabled.toFixed(0)} / ${p.exchangeShown.toFixed(0)} ms`;
          if (p.cpu) line += ` (${cpuLine(p.cpu)})`;
        }
        console.log(line);
      }
      if (alone) {
        const a = await alone.open();
        aloneRuns.push(a);
        console.log(
          `  the engine alone run ${run}: Send enabled ${a.sendEnabled.toFixed(0)} ms, first answer shown ${a.exchangeShown.toFixed(0)} ms` +
            (a.cpu ? ` (${cpuLine(a.cpu)})` : ''),
        );
      }
    }
  } finally {
    for (const server of [...servers, ...plain, ...(alone ? [alone] : [])]) await server.close();
  }
  const summary = (label: string, marks: readonly Pick<OpenRun, 'sendEnabled' | 'exchangeShown'>[]) => {
    const shown = marks.map((r) => r.exchangeShown);
    console.log(
      `  ${label}: median ${median(shown).toFixed(0)} ms (Send enabled ${median(marks.map((r) => r.sendEnabled)).toFixed(0)} ms), ` +
        `best ${Math.min(...shown).toFixed(0)} ms, worst ${Math.max(...shown).toFixed(0)} ms`,
    );
  };
  const cpuSummary = (opens: readonly PlainOpen[]) => {
    const cpu = opens.flatMap((r) => (r.cpu ? [r.cpu] : []));
    if (cpu.length === 0) return;
    const m = (pick: (c: (typeof cpu)[number]) => number) => median(cpu.map(pick));
    console.log(
      `    the browser's CPU meanwhile (median): ${cpuLine({ renderersMs: m((c) => c.renderersMs), othersMs: m((c) => c.othersMs), windowMs: m((c) => c.windowMs) })}`,
    );
  };
  for (const [i, b] of builds.entries()) {
    if (plain[i]) {
      summary(`${b.label}, as a reader's browser opens it (no automation attached)`, plainRuns[i]!);
      cpuSummary(plainRuns[i]!);
      summary(`${b.label}, under Playwright (a debugger on every frame and worker)`, runs[i]!);
    } else summary(b.label, runs[i]!);
  }
  if (aloneRuns.length > 0) {
    summary(
      'the engine alone, no automation (the floor: the same sandbox, workers, host and request, no UI)',
      aloneRuns,
    );
    cpuSummary(aloneRuns);
    const ui =
      median(plainRuns[0]!.map((r) => r.exchangeShown)) - median(aloneRuns.map((r) => r.exchangeShown));
    console.log(`    the playground's UI adds ${ui.toFixed(0)} ms to the median`);
  }
  const held = plain.length > 0 ? plainRuns[0]! : runs[0]!;
  const result = median(held.map((r) => r.exchangeShown));
  console.log(
    `  budget <= ${BUDGETS_MS[engine]} ms (median${plain.length > 0 ? ', no automation' : ''}): ${result <= BUDGETS_MS[engine] ? 'PASS' : 'MISS'}`,
  );
  return result;
}

/**
 * How much of the machine a page open took: every process of that Chromium, from the playground's
 * HTML being asked for to its marks arriving, against what the cores could give in that time.
 */
function cpuLine(cpu: NonNullable<PlainOpen['cpu']>): string {
  const total = cpu.renderersMs + cpu.othersMs;
  const offered = cpus().length * cpu.windowMs;
  return (
    `CPU ${total.toFixed(0)} ms in ${cpu.windowMs.toFixed(0)} ms, ${((100 * total) / offered).toFixed(0)} % of ${cpus().length} cores: ` +
    `renderers ${cpu.renderersMs.toFixed(0)}, browser/GPU/network ${cpu.othersMs.toFixed(0)}`
  );
}

/** N sequential calls timed inside the page, each from the call to its answer. */
async function inPageLatencies(browser: Browser, dist?: string): Promise<number[]> {
  const server = await serve('in-page', dist);
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
    // The whole page as a person has it: Monaco and xterm loaded (they wait for a quiet moment).
    await page.locator('.monaco-editor').first().waitFor({ timeout: 60_000 });
    await page.locator('.terminal-xterm[data-state="ready"]').waitFor({ state: 'attached', timeout: 60_000 });
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

/** The same calls on a page with the in-page engine and the control connection only. */
async function engineOnlyLatencies(browser: Browser): Promise<number[]> {
  const server = await startStaticServer(
    join(ROOT, 'dist'),
    await scriptPageRoutes(
      join(ROOT, 'bench/support/engineOnlyHarness.mjs'),
      '/__bench/engine',
      'engine only',
    ),
  );
  const page: Page = await browser.newPage();
  try {
    await page.goto(`${server.url}/__bench/engine.html`);
    const read = (name: string) => readFileSync(join(ROOT, 'build/inpage', name), 'utf8');
    const bundles = {
      sandbox: read('sandbox.js'),
      hostWorker: read('host-worker.js'),
      handlerWorker: read('handler-worker.js'),
    };
    const files = Object.fromEntries(
      appFiles(join(ROOT, 'examples', 'hello')).map((f) => [
        f,
        readFileSync(join(ROOT, 'examples', 'hello', f), 'utf8'),
      ]),
    );
    await page.evaluate(
      `(async (b, f) => { globalThis.__bundles = b; globalThis.__files = f; await globalThis.__startEngineOnly(); })(${JSON.stringify(bundles)}, ${JSON.stringify(files)})`,
    );
    return await page.evaluate(
      `globalThis.__engineOnlyLatencies(${JSON.stringify(HELLO)}, 50, ${LATENCY_N})`,
    );
  } finally {
    await page.close();
    await server.close();
  }
}

/** The in-page engine's scripts, as the page fetches them (each its own lazy chunk). */
function workerSizes(): void {
  console.log('in-page engine scripts (build/inpage/, fetched when the engine boots):');
  for (const name of readdirSync(join(ROOT, 'build/inpage')).sort()) {
    const bytes = readFileSync(join(ROOT, 'build/inpage', name));
    console.log(
      `  ${name.padEnd(20)} ${(bytes.length / 1024).toFixed(1).padStart(7)} kB   ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1).padStart(6)} kB gzip`,
    );
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
    const engineOnly = await engineOnlyLatencies(browser);
    const node = await nodeLatencies();
    console.log(`per invocation, ${LATENCY_N} sequential calls of examples/hello (POST /api/hello):`);
    console.log('                                      p50 ms   p99 ms');
    const row = (label: string, p50: number, p99: number) =>
      console.log(`  ${label.padEnd(35)} ${p50.toFixed(2).padStart(6)}   ${p99.toFixed(2).padStart(6)}`);
    const p = (values: number[]) => [percentile(values, 0.5), percentile(values, 0.99)] as const;
    const [pagePct, enginePct, nodePct] = [p(page), p(engineOnly), p(node)];
    row('playground page (UI + engine)', ...pagePct);
    if (BASELINE) row('  the same, baseline build', ...p(await inPageLatencies(browser, BASELINE)));
    row('in-page engine only', ...enginePct);
    row('host on Node (CLI)', ...nodePct);
    row("UI's part (page - engine only)", pagePct[0] - enginePct[0], pagePct[1] - enginePct[1]);
    row("engine's added part (engine - CLI)", enginePct[0] - nodePct[0], enginePct[1] - nodePct[1]);
    row('added by the page (page - CLI)', pagePct[0] - nodePct[0], pagePct[1] - nodePct[1]);
    workerSizes();
    await reportWorkerStart(browser);
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
