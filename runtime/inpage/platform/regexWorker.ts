import type { RegexOutcome, RegexWorker } from '../../host/regex/regexPool';
import { regexWorkerProgram } from '../../host/regex/regexWorkerScript';

const PROGRAM = regexWorkerProgram(
  "((listener) => addEventListener('message', (e) => listener(e.data)))",
  'postMessage',
);
let programUrl: string | undefined;

/**
 * A Web Worker nested in the host worker, for route regex matches. Where nested workers are not
 * available, `new Worker` throws and the pool matches on the host's thread instead.
 */
export function startInPageRegexWorker(): RegexWorker {
  programUrl ??= URL.createObjectURL(new Blob([PROGRAM], { type: 'text/javascript' }));
  const worker = new Worker(programUrl, { name: 'route regex' });
  let pending: ((outcome: RegexOutcome) => void) | undefined;
  const settle = (outcome: RegexOutcome) => {
    const done = pending;
    pending = undefined;
    done?.(outcome);
  };
  worker.onmessage = (e: MessageEvent<RegexOutcome>) => settle(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    settle({ workerFailed: e.message || 'the regex worker could not start' });
  };
  return {
    match(pattern, input, done) {
      pending = done;
      worker.postMessage({ source: pattern.source, flags: pattern.flags, input });
    },
    terminate() {
      pending = undefined;
      worker.terminate();
    },
  };
}
