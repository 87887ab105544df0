/**
 * Drains 10,000 queue messages through a trivial handler (a real child process) via the real
 * host, and prints the rate and whether any message was lost or duplicated.
 * Target (DESIGN.md): >= 1,000 messages per second on this machine.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHostOn } from '../tests/support/startHost';

const COUNT = Number(process.env.BENCH_QUEUE_COUNT ?? 10_000);
const TARGET = 1000;
const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'fchp-bench-queue-'));
  writeFileSync(
    join(root, 'host.json'),
    JSON.stringify({
      version: '2.0',
      customHandler: { description: { defaultExecutablePath: 'node', defaultWorkerPath: 'counter.cjs' } },
    }),
  );
  writeFileSync(join(root, 'package.json'), '{"type":"commonjs"}');
  mkdirSync(join(root, 'drain'));
  writeFileSync(
    join(root, 'drain', 'function.json'),
    JSON.stringify({ bindings: [{ type: 'queueTrigger', direction: 'in', name: 'm', queueName: 'bulk' }] }),
  );
  copyFileSync(join(here, '..', 'tests', 'fixtures', 'handlers', 'counter.cjs'), join(root, 'counter.cjs'));

  const { host, events } = await startHostOn(root);
  const status = events.filter((e) => e.type === 'host.status').pop();
  if (status?.type !== 'host.status' || status.state !== 'Running') {
    console.error(`the host did not start: ${JSON.stringify(status)}`);
    process.exit(1);
  }

  const started = performance.now();
  for (let i = 0; i < COUNT; i++) host.enqueue('bulk', `m${i}`);
  const enqueued = performance.now();
  const seenFile = join(root, 'seen.txt');
  const lines = () => readFileSync(seenFile, 'utf8').split('\n').filter(Boolean);
  while (lines().length < COUNT || host.queues.store.count('bulk') > 0) {
    if (performance.now() - started > 120_000) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const elapsed = (performance.now() - started) / 1000;
  const seen = lines();
  const unique = new Set(seen).size;
  await host.stop();
  rmSync(root, { recursive: true, force: true });

  const rate = seen.length / elapsed;
  console.log(
    `queue drain benchmark: node ${process.version}, ${COUNT} messages, batchSize 16, one trivial Node handler`,
  );
  console.log(`  enqueued in ${(enqueued - started).toFixed(0)} ms; drained in ${elapsed.toFixed(2)} s`);
  console.log(
    `  handled ${seen.length}, unique ${unique}, lost ${COUNT - unique}, duplicated ${seen.length - unique}`,
  );
  console.log(`  rate ${rate.toFixed(0)} messages/s`);
  console.log(
    `  budget >= ${TARGET} messages/s with none lost: ${rate >= TARGET && unique === COUNT ? 'PASS' : 'MISS'}`,
  );
}

void main();
