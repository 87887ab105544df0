/**
 * How long the in-page engine's workers take to start, in Chromium, for bench/page.bench.ts
 * (section 3) and on its own (`tsx bench/support/workerStart.ts [other build/inpage dir]`):
 *
 * - ready: from `new Worker(blobUrl)` to the worker's answer to a ping, per script. The ping's
 *   listener is appended after the script, so it answers once the script's top level has run:
 *   fetching the blob, compiling and running the script, as the sandbox pays for each worker.
 * - handler start: a ready handler worker is given the `hello` example as the host gives it (a
 *   process port and a HandlerStart); timed from that message to the handler's 'listen' (the
 *   user's code ran and called listen) and to its first output (the host said the port is
 *   bound, the listen callback ran and logged); then the host's readiness ping (GET /) is sent,
 *   timed to the answer's first bytes: the first request a fresh handler serves.
 *
 * Fresh workers each time (a worker's isolate shares no compiled code with another), median of
 * `runs`; several builds are measured in turn within each run, so a before/after comparison
 * sees the same machine load.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPTS = ['host-worker.js', 'handler-worker.js'] as const;
const PAGE_URL = 'http://worker-start.invalid/';

/** What is timed, in ms, one entry per run; printed in this order. */
const COLUMNS = {
  'host-worker.js': 'host ready',
  'host-worker.js before run': '(before run',
  'host-worker.js run': 'run)',
  'handler-worker.js': 'handler ready',
  'handler-worker.js before run': '(before run',
  'handler-worker.js run': 'run)',
  listen: 'start→listen',
  listening: 'start→listening',
  ping: 'first request',
} as const;
type Column = keyof typeof COLUMNS;

export interface BuildTimes {
  readonly label: string;
  readonly times: Record<Column, number[]>;
}

/** Runs in the page (as text: this file has no DOM types). */
const PAGE_FUNCTION = `async ({ sources, files }) => {
  const START = 'self.__benchRun=performance.now();\\n';
  const PING = '\\n;self.__benchRun=[self.__benchRun,performance.now()];self.addEventListener("message",function(e){if(e.data==="__bench-ping")postMessage(self.__benchRun)});';
  // After the script's own "use strict", which must stay its first statement.
  const DIRECTIVE = '"use strict";';
  const timed = (source) => source.startsWith(DIRECTIVE)
    ? DIRECTIVE + START + source.slice(DIRECTIVE.length) + PING
    : START + source + PING;
  const url = (source) => URL.createObjectURL(new Blob([timed(source)], { type: 'text/javascript' }));
  const ready = (worker) => new Promise((resolve, reject) => {
    worker.onmessage = (e) => { if (Array.isArray(e.data)) resolve([performance.now(), e.data]); };
    worker.onerror = (e) => reject(new Error('worker failed: ' + e.message));
  });
  const out = {};
  for (const [name, source] of Object.entries(sources)) {
    const blobUrl = url(source);
    const started = performance.now();
    const worker = new Worker(blobUrl);
    worker.postMessage('__bench-ping');
    const [at, [runFrom, runTo]] = await ready(worker);
    out[name] = at - started;
    // The worker's clock starts when it is created: before its script runs, then running it.
    out[name + ' before run'] = runFrom;
    out[name + ' run'] = runTo - runFrom;
    if (name === 'handler-worker.js') {
      const channel = new MessageChannel();
      const env = { FUNCTIONS_CUSTOMHANDLER_PORT: '41234' };
      const start = { t: 'start', files, appRoot: '/app', entry: '/app/handler.js',
        argv: ['node', '/app/handler.js'], cwd: '/app', env, pid: 7 };
      const t0 = performance.now();
      await new Promise((resolve, reject) => {
        channel.port1.onmessage = (e) => {
          const m = e.data;
          if (m.t === 'listen') {
            out.listen = performance.now() - t0;
            channel.port1.postMessage({ t: 'listen-result', id: m.id, port: m.port });
          } else if (m.t === 'output') {
            out.listening = performance.now() - t0;
            // Then the host's readiness ping (GET /, as runtime/host/handler/readiness.ts
            // sends it): the first request a fresh handler serves.
            const connection = new MessageChannel();
            const pinged = performance.now();
            connection.port1.onmessage = (d) => {
              if (d.data.t !== 'data') return;
              out.ping = performance.now() - pinged;
              resolve();
            };
            channel.port1.postMessage({ t: 'connection', port: 41234, stream: connection.port2, remotePort: 50000 }, [connection.port2]);
            const bytes = new TextEncoder().encode('GET / HTTP/1.1\\r\\nHost: 127.0.0.1:41234\\r\\nConnection: close\\r\\n\\r\\n').buffer;
            connection.port1.postMessage({ t: 'data', bytes }, [bytes]);
          } else if (m.t === 'exit') reject(new Error('handler exited ' + m.code));
        };
        worker.postMessage(start, [channel.port2]);
      });
    }
    worker.terminate();
    URL.revokeObjectURL(blobUrl);
  }
  return out;
}`;

function exampleFiles(): Record<string, string> {
  const dir = join(ROOT, 'examples', 'hello');
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => [e.name, readFileSync(join(dir, e.name), 'utf8')]),
  );
}

/** Measures each build (a build/inpage/ folder) `runs` times, interleaved. */
export async function measureWorkerStart(
  browser: Browser,
  builds: readonly { label: string; dir: string }[],
  runs: number,
): Promise<BuildTimes[]> {
  const context = await browser.newContext();
  try {
    await context.route(PAGE_URL, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>worker start</title>' }),
    );
    const page = await context.newPage();
    await page.goto(PAGE_URL);
    const files = exampleFiles();
    const sources = builds.map((b) =>
      Object.fromEntries(SCRIPTS.map((s) => [s, readFileSync(join(b.dir, s), 'utf8')])),
    );
    const times: BuildTimes[] = builds.map((b) => ({
      label: b.label,
      times: Object.fromEntries(Object.keys(COLUMNS).map((c) => [c, []])) as unknown as Record<
        Column,
        number[]
      >,
    }));
    // One unrecorded round first: the page's own first-use costs are not the scripts'.
    for (let run = 0; run <= runs; run++) {
      for (const [i, build] of times.entries()) {
        const args = JSON.stringify({ sources: sources[i], files });
        const r = (await page.evaluate(`(${PAGE_FUNCTION})(${args})`)) as Record<Column, number>;
        if (run === 0) continue;
        for (const c of Object.keys(COLUMNS) as Column[]) build.times[c].push(r[c]);
      }
    }
    return times;
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Prints the medians (and spread) of each build, side by side. */
export function printWorkerStart(times: readonly BuildTimes[], runs: number): void {
  console.log(
    `worker start, median of ${runs} fresh workers (ms; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}):`,
  );
  const cell = (values: number[]) => median(values).toFixed(0).padStart(5);
  const width = Math.max(...times.map((t) => t.label.length), 5);
  console.log(`  ${'build'.padEnd(width)} ${Object.values(COLUMNS).join(' ')}`);
  for (const t of times) {
    const cells = (Object.entries(COLUMNS) as [Column, string][]).map(([c, title]) =>
      cell(t.times[c]).padStart(title.length),
    );
    console.log(`  ${t.label.padEnd(width)} ${cells.join(' ')}`);
  }
  console.log(
    '  (before run: from new Worker to the script starting, i.e. the thread, the blob and compiling;' +
      ' run: its top level; start→…: the hello example, from HandlerStart to listen and to its log;' +
      " first request: then the host's readiness ping, GET /, to the answer's first bytes)",
  );
}

/**
 * Section 3 of bench:page: this build's build/inpage/ scripts, beside the folders named in
 * BENCH_WORKER_BASELINE (comma-separated, e.g. a copy of an older build/inpage/), BENCH_WORKER_RUNS
 * fresh workers each (default 9).
 */
export async function reportWorkerStart(browser: Browser): Promise<void> {
  const runs = Math.max(3, Number(process.env.BENCH_WORKER_RUNS ?? 9));
  const builds = [{ label: 'this build', dir: join(ROOT, 'build/inpage') }];
  for (const other of (process.env.BENCH_WORKER_BASELINE ?? '').split(',').filter(Boolean)) {
    builds.push({ label: other, dir: resolve(other) });
  }
  printWorkerStart(await measureWorkerStart(browser, builds, runs), runs);
}

// tsx bench/support/workerStart.ts [other build/inpage folders…]
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { launchBrowser } = await import('../../tests/browser/support/browser');
  if (process.argv.length > 2) process.env.BENCH_WORKER_BASELINE = process.argv.slice(2).join(',');
  const browser = await launchBrowser();
  try {
    await reportWorkerStart(browser);
  } finally {
    await browser.close();
  }
}
