import type { RegexPattern } from '../../core/routing/routeConstraints';

/**
 * A thread (a worker_threads Worker on Node, a Web Worker in the page) that runs regex matches,
 * so a pattern that backtracks for hours cannot freeze the host: the host stops the thread.
 */
export interface RegexWorker {
  /** Runs one match at a time; `done` gets its outcome. */
  match(pattern: RegexPattern, input: string, done: (outcome: RegexOutcome) => void): void;
  terminate(): void;
}

/** The match's answer, the regex engine's own error (such as a stack overflow), or a worker that could not run. */
export type RegexOutcome = { matched: boolean } | { threw: string } | { workerFailed: string };

/** .NET's RegexMatchTimeoutException text: what a route regex past its limit fails the request with. */
export const REGEX_TIMEOUT_MESSAGE =
  'The RegEx engine has timed out while trying to match a pattern to an input string. This can occur for ' +
  'many reasons, including very large inputs or excessive backtracking caused by nested quantifiers, ' +
  'back-references and other factors.';

export class RegexTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(REGEX_TIMEOUT_MESSAGE);
    this.name = 'RegexMatchTimeoutException';
  }
}

export interface RegexPoolOptions {
  /** Matches running at once; more wait for a free worker. */
  readonly maxWorkers?: number;
  /** Finished workers kept for the next match (starting one costs tens of milliseconds). */
  readonly maxIdle?: number;
}

/**
 * Runs regex matches on worker threads, each with a time limit: a match past it ends its worker
 * and rejects with RegexTimeoutError. When a worker cannot run at all (a browser without nested
 * workers), matches run on the host's own thread, unbounded, as before.
 */
export class RegexPool {
  private readonly idle: RegexWorker[] = [];
  private readonly waiting: ((ok: boolean) => void)[] = [];
  private running = 0;
  private workersUnavailable = false;
  private readonly maxWorkers: number;
  private readonly maxIdle: number;

  constructor(
    private readonly startWorker: () => RegexWorker,
    options: RegexPoolOptions = {},
  ) {
    this.maxWorkers = options.maxWorkers ?? 4;
    this.maxIdle = options.maxIdle ?? 2;
  }

  /** The limit counts from the call: time spent waiting for a free worker is part of it. */
  async test(pattern: RegexPattern, input: string, timeoutMs: number): Promise<boolean> {
    if (this.workersUnavailable) return testHere(pattern, input);
    const deadline = Date.now() + timeoutMs;
    if (this.running >= this.maxWorkers) {
      const waited = await new Promise<boolean>((go) => {
        const entry = (ok: boolean) => {
          clearTimeout(timer);
          go(ok);
        };
        const timer = setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(entry), 1);
          go(false);
        }, timeoutMs);
        this.waiting.push(entry);
      });
      if (!waited) throw new RegexTimeoutError(timeoutMs);
    }
    this.running++;
    try {
      return await this.runOnWorker(pattern, input, Math.max(1, deadline - Date.now()), timeoutMs);
    } finally {
      this.running--;
      this.waiting.shift()?.(true);
    }
  }

  /** Ends every idle worker (busy ones end when their match does or times out). */
  close(): void {
    for (const worker of this.idle.splice(0)) worker.terminate();
  }

  private runOnWorker(
    pattern: RegexPattern,
    input: string,
    remainingMs: number,
    timeoutMs: number,
  ): Promise<boolean> {
    let worker: RegexWorker;
    try {
      worker = this.idle.pop() ?? this.startWorker();
    } catch {
      this.workersUnavailable = true;
      return Promise.resolve(testHere(pattern, input));
    }
    return new Promise<boolean>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        worker.terminate();
        reject(new RegexTimeoutError(timeoutMs));
      }, remainingMs);
      worker.match(pattern, input, (outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if ('workerFailed' in outcome) {
          worker.terminate();
          this.workersUnavailable = true;
          resolve(testHere(pattern, input));
          return;
        }
        if (this.idle.length < this.maxIdle) this.idle.push(worker);
        else worker.terminate();
        if ('threw' in outcome) reject(new Error(outcome.threw));
        else resolve(outcome.matched);
      });
    });
  }
}

function testHere(pattern: RegexPattern, input: string): boolean {
  return new RegExp(pattern.source, pattern.flags).test(input);
}
