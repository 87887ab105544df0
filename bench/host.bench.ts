// Host overhead benchmark (DESIGN.md "Budgets"): a trivial Node handler called (A) directly and
// (B) through the host's front door, side by side in one run, rounds interleaved so machine noise
// hits both. A report, not a test: it prints PASS/MISS per budget and exits 0 either way.
//
//   npm run bench:host
//   BENCH_ROUNDS=4 BENCH_LATENCY_N=500 BENCH_THROUGHPUT_N=2000 BENCH_CLIENTS=16 npm run bench:host
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { HostEvent } from '../runtime/core/control/protocol';
import { createNodeHost } from '../runtime/node/nodeHost';
import type { FunctionHost } from '../runtime/node/nodeHost';

const ROUNDS = envInt('BENCH_ROUNDS', 6);
const LATENCY_N = envInt('BENCH_LATENCY_N', 1500); // sequential requests per side per round
const THROUGHPUT_N = envInt('BENCH_THROUGHPUT_N', 4000); // requests per side per round
const CLIENTS = envInt('BENCH_CLIENTS', 16);
const WARMUP_N = envInt('BENCH_WARMUP_N', 2000);
/** Rounds stop early (at least 2 run) when the next one would end past this, on a busy machine. */
const TIME_LIMIT_MS = envInt('BENCH_TIME_LIMIT_MS', 55_000);

const BUDGET_ADDED_P50_MS = 1;
const BUDGET_ADDED_P99_MS = 1;
const BUDGET_THROUGHPUT_RATIO = 0.5;

const CALLER_BODY = '{"id":1005,"quantity":2,"color":"black"}';

// The trivial handler: a real child process, started by the host as it would start any handler.
const HANDLER_JS = `const http = require('node:http');
const answer = Buffer.from('{"Outputs":{"res":{"body":"ok"}}}');
const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/fn') {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': answer.length });
      res.end(answer);
    });
    return;
  }
  res.statusCode = 404;
  res.end();
});
server.keepAliveTimeout = 60000;
server.listen(Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT), '127.0.0.1');
`;

// The load client runs in its own thread, so the host's event loop (main thread) does host work only.
const CLIENT_JS = `const http = require('node:http');
const { parentPort } = require('node:worker_threads');
const agents = new Map();
function agentFor(name, sockets) {
  let agent = agents.get(name);
  if (!agent) agents.set(name, (agent = new http.Agent({ keepAlive: true, maxSockets: sockets })));
  return agent;
}
function once(agent, t) {
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port: t.port, method: 'POST', path: t.path, headers: t.headers, agent },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', () => resolve(0));
    req.end(t.body);
  });
}
parentPort.on('message', async (job) => {
  const t = job.target;
  const agent = agentFor(t.name, job.clients);
  let errors = 0;
  if (job.kind === 'latency') {
    const samples = new Float64Array(job.count);
    for (let i = 0; i < job.count; i++) {
      const t0 = process.hrtime.bigint();
      const status = await once(agent, t);
      samples[i] = Number(process.hrtime.bigint() - t0) / 1e6;
      if (status !== 200) errors++;
    }
    parentPort.postMessage({ samples, errors }, [samples.buffer]);
  } else {
    let next = 0;
    const t0 = process.hrtime.bigint();
    const loop = async () => {
      while (next++ < job.count) if ((await once(agent, t)) !== 200) errors++;
    };
    await Promise.all(Array.from({ length: job.clients }, loop));
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    parentPort.postMessage({ seconds, errors });
  }
});
`;

interface Target {
  name: 'direct' | 'through';
  port: number;
  path: string;
  headers: Record<string, string | number>;
  body: string;
}
type Job = { kind: 'latency' | 'throughput'; target: Target; count: number; clients: number };
interface LatencyResult {
  samples: Float64Array;
  errors: number;
}
interface ThroughputResult {
  seconds: number;
  errors: number;
}

class Client {
  private readonly worker = new Worker(CLIENT_JS, { eval: true });
  private queue: Promise<unknown> = Promise.resolve();

  run(job: Job & { kind: 'latency' }): Promise<LatencyResult>;
  run(job: Job & { kind: 'throughput' }): Promise<ThroughputResult>;
  run(job: Job): Promise<LatencyResult | ThroughputResult> {
    const result = this.queue.then(
      () =>
        new Promise<LatencyResult | ThroughputResult>((resolve, reject) => {
          const onMessage = (result: LatencyResult | ThroughputResult) => {
            this.worker.off('error', onError);
            resolve(result);
          };
          const onError = (err: Error) => {
            this.worker.off('message', onMessage);
            reject(err);
          };
          this.worker.once('message', onMessage);
          this.worker.once('error', onError);
          this.worker.postMessage(job);
        }),
    );
    this.queue = result.catch(() => undefined);
    return result;
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function write(root: string, path: string, content: unknown): void {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
}

function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function concat(parts: Float64Array[]): Float64Array {
  const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all.sort();
}

async function startHost(appRoot: string): Promise<{ host: FunctionHost; handlerPort: number }> {
  const host = createNodeHost({ appRoot, port: 0, env: { ...process.env } });
  const running = new Promise<number>((resolve, reject) => {
    host.subscribe((e: HostEvent) => {
      if (e.type !== 'host.status') return;
      if (e.state === 'Running' && e.handler.port !== undefined) resolve(e.handler.port);
      if (e.state === 'Error') reject(new Error(`host failed to start: ${e.errors.join('; ')}`));
    });
  });
  await host.start();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the handler was not ready within 15 s')), 15_000);
  });
  try {
    return { host, handlerPort: await Promise.race([running, timeout]) };
  } catch (err) {
    await host.stop();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const appRoot = mkdtempSync(join(tmpdir(), 'fchp-bench-'));
  write(appRoot, 'host.json', {
    version: '2.0',
    customHandler: {
      description: { defaultExecutablePath: process.execPath, defaultWorkerPath: 'handler.cjs' },
    },
  });
  write(appRoot, 'local.settings.json', {
    IsEncrypted: false,
    Values: { FUNCTIONS_WORKER_RUNTIME: 'custom' },
  });
  write(appRoot, 'fn/function.json', {
    bindings: [
      { type: 'httpTrigger', direction: 'in', name: 'req', methods: ['post'], authLevel: 'anonymous' },
      { type: 'http', direction: 'out', name: 'res' },
    ],
  });
  write(appRoot, 'handler.cjs', HANDLER_JS);

  const { host, handlerPort } = await startHost(appRoot);
  const client = new Client();
  try {
    const through: Target = {
      name: 'through',
      port: host.frontDoorPort!,
      path: '/api/fn',
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(CALLER_BODY) },
      body: CALLER_BODY,
    };
    // One call through the host gives the exact payload it sends the handler: (A) sends that.
    const first = await client.run({ kind: 'latency', target: through, count: 1, clients: CLIENTS });
    if (first.errors) throw new Error('the first call through the host failed');
    const exchange = host.exchanges.list().find((x) => x.state !== 'in-progress' && x.hops.length >= 2);
    const payload = exchange?.hops[1]?.message?.parsed.bodyText;
    if (payload === undefined) throw new Error('no host>handler hop recorded for the first call');
    const direct: Target = {
      name: 'direct',
      port: handlerPort,
      path: '/fn',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(payload),
      },
      body: payload,
    };

    console.log(
      `host overhead benchmark: node ${process.version}, ${cpus().length} CPUs, payload mode, ` +
        `${ROUNDS} rounds interleaved A/B (B/A on odd rounds), ${CLIENTS} clients, keep-alive`,
    );
    console.log(
      `  per round and side: ${LATENCY_N} sequential requests (latency), ${THROUGHPUT_N} requests ` +
        `over ${CLIENTS} clients (throughput); handler payload ${Buffer.byteLength(payload)} B`,
    );

    // Warm up both paths (JIT, sockets, the exchange log reaching its bound).
    for (const target of [direct, through]) {
      await client.run({ kind: 'throughput', target, count: WARMUP_N, clients: CLIENTS });
      await client.run({ kind: 'latency', target, count: Math.min(300, WARMUP_N), clients: CLIENTS });
    }

    const latency = { direct: [] as Float64Array[], through: [] as Float64Array[] };
    const rate = { direct: [] as number[], through: [] as number[] };
    const errors = { direct: 0, through: 0 };
    const hostBusyMs: number[] = [];
    let rounds = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const roundStarted = performance.now();
      const order = round % 2 === 0 ? [direct, through] : [through, direct];
      for (const target of order) {
        const r = await client.run({ kind: 'latency', target, count: LATENCY_N, clients: CLIENTS });
        latency[target.name].push(r.samples);
        errors[target.name] += r.errors;
      }
      for (const target of order) {
        const before = mainThreadCpuMs();
        const r = await client.run({ kind: 'throughput', target, count: THROUGHPUT_N, clients: CLIENTS });
        // The host runs on this thread (the client has its own): its CPU time is the host's cost.
        if (target === through && before !== undefined) hostBusyMs.push(mainThreadCpuMs()! - before);
        rate[target.name].push(THROUGHPUT_N / r.seconds);
        errors[target.name] += r.errors;
      }
      process.stdout.write(
        `  round ${round + 1}/${ROUNDS}: direct ${rate.direct.at(-1)!.toFixed(0)} req/s, ` +
          `through ${rate.through.at(-1)!.toFixed(0)} req/s\n`,
      );
      rounds++;
      const now = performance.now();
      if (round >= 1 && round + 1 < ROUNDS && now + (now - roundStarted) - started > TIME_LIMIT_MS) {
        console.log(
          `  stopping after ${rounds} of ${ROUNDS} rounds: the run would pass ${TIME_LIMIT_MS / 1000} s`,
        );
        break;
      }
    }

    const d = concat(latency.direct);
    const t = concat(latency.through);
    const row = (label: string, a: number, b: number, unit = 'ms', digits = 3) =>
      `  ${label.padEnd(30)}${a.toFixed(digits).padStart(10)}${b.toFixed(digits).padStart(10)}` +
      `${((b - a >= 0 ? '+' : '') + (b - a).toFixed(digits)).padStart(10)} ${unit}`;
    const p50 = [percentile(d, 0.5), percentile(t, 0.5)] as const;
    const p99 = [percentile(d, 0.99), percentile(t, 0.99)] as const;
    const rps = [median(rate.direct), median(rate.through)] as const;
    const ratio = rps[1] / rps[0];
    const addedP50 = p50[1] - p50[0];

    console.log('');
    console.log(`  ${''.padEnd(30)}${'direct'.padStart(10)}${'through'.padStart(10)}${'added'.padStart(10)}`);
    console.log(row('latency p50', p50[0], p50[1]));
    console.log(row('latency p99', p99[0], p99[1]));
    console.log(row('latency mean', mean(d), mean(t)));
    console.log(
      `  ${`throughput (${CLIENTS} clients, median)`.padEnd(30)}${rps[0].toFixed(0).padStart(10)}` +
        `${rps[1].toFixed(0).padStart(10)}${`${(ratio * 100).toFixed(1)} %`.padStart(10)} req/s (through/direct)`,
    );
    const hostMicros = (median(hostBusyMs) * 1000) / THROUGHPUT_N;
    console.log(
      `  ${'host CPU per request'.padEnd(30)}${''.padStart(10)}${hostMicros.toFixed(1).padStart(10)} µs`,
    );
    console.log(
      `  ${'errors (non-200)'.padEnd(30)}${String(errors.direct).padStart(10)}${String(errors.through).padStart(10)}`,
    );
    console.log('');
    console.log(
      `  budget p50 added latency <= ${BUDGET_ADDED_P50_MS} ms: ${addedP50 <= BUDGET_ADDED_P50_MS ? 'PASS' : 'MISS'} ` +
        `(${addedP50.toFixed(3)} ms)`,
    );
    const addedP99 = p99[1] - p99[0];
    console.log(
      `  budget p99 added latency <= ${BUDGET_ADDED_P99_MS} ms: ${addedP99 <= BUDGET_ADDED_P99_MS ? 'PASS' : 'MISS'} ` +
        `(${addedP99.toFixed(3)} ms)`,
    );
    console.log(
      `  budget throughput >= ${BUDGET_THROUGHPUT_RATIO * 100} % of direct: ` +
        `${ratio >= BUDGET_THROUGHPUT_RATIO ? 'PASS' : 'MISS'} (${(ratio * 100).toFixed(1)} %)`,
    );
    console.log(`  (run took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    await client.terminate();
    await host.stop();
    rmSync(appRoot, { recursive: true, force: true });
  }
}

/**
 * CPU time (user + system) of this process's main thread, from Linux's per-thread accounting:
 * unlike wall time it does not grow while the thread waits for a core on a busy machine.
 */
function mainThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
