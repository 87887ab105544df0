import { Worker } from 'node:worker_threads';
import type { RegexOutcome, RegexWorker } from '../../host/regex/regexPool';
import { regexWorkerProgram } from '../../host/regex/regexWorkerScript';

const PROGRAM = regexWorkerProgram(
  "require('node:worker_threads').parentPort.on.bind(require('node:worker_threads').parentPort, 'message')",
  "require('node:worker_threads').parentPort.postMessage.bind(require('node:worker_threads').parentPort)",
);

/** A worker thread for route regex matches; unref'd, so it never keeps the host alive. */
export function startNodeRegexWorker(): RegexWorker {
  const worker = new Worker(PROGRAM, { eval: true, name: 'route regex' });
  worker.unref();
  let pending: ((outcome: RegexOutcome) => void) | undefined;
  const settle = (outcome: RegexOutcome) => {
    const done = pending;
    pending = undefined;
    done?.(outcome);
  };
  worker.on('message', (outcome: RegexOutcome) => settle(outcome));
  worker.on('error', (e) => settle({ workerFailed: e.message }));
  worker.on('exit', (code) => settle({ workerFailed: `the regex worker exited with code ${code}` }));
  return {
    match(pattern, input, done) {
      pending = done;
      worker.postMessage({ source: pattern.source, flags: pattern.flags, input });
    },
    terminate() {
      pending = undefined;
      void worker.terminate();
    },
  };
}
