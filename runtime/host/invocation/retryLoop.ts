import type { FunctionDef } from '../../core/app/functionJson';
import type { ExchangeRecorder } from '../../core/exchange/exchangeRecorder';
import type { JsonObject } from '../../core/json/jsonNode';
import {
  invocationExceptionJson,
  retriesFailedLine,
  retryContextJson,
  RetrySchedule,
  retryWaitLine,
} from '../../core/invocation/retryPolicy';
import type { HostServices } from '../hostContext';

/** One attempt: its own exchange, and `retryContext` for Metadata when a policy applies. */
export type RetryAttempt = (rec: ExchangeRecorder, retryContext: JsonObject | undefined) => Promise<boolean>;

export interface RetryLoopOptions {
  /** A fresh exchange for attempt `retry` (0 for the first run). */
  readonly record: (retry: number) => ExchangeRecorder;
  /** Waits on the host's clock; false when the app stopped meanwhile. */
  readonly wait: (ms: number) => Promise<boolean>;
  readonly random?: () => number;
}

/**
 * The SDK's retry loop around one triggering (FunctionExecutorExtensions.TryExecuteAsync): each
 * attempt is a whole invocation with its own id and Executing/Executed lines; between attempts
 * the function's logger says how long it waits; when the count is spent it says so, and a
 * cancelled wait (the app stopped) ends the loop. True when an attempt succeeded.
 */
export async function runWithRetries(
  ctx: HostServices,
  fn: FunctionDef,
  attempt: RetryAttempt,
  options: RetryLoopOptions,
): Promise<boolean> {
  const policy = fn.retry;
  if (!policy) return attempt(options.record(0), undefined);
  const schedule = new RetrySchedule(policy, options.random ?? Math.random);
  const category = `Function.${fn.name}`;
  const fields = { functionName: fn.name };
  let exception: JsonObject | null = null;
  for (let retry = 0; ; retry++) {
    const rec = options.record(retry);
    if (await attempt(rec, retryContextJson(retry, policy.maxRetryCount, exception))) return true;
    if (!schedule.mayRetry(retry)) {
      ctx.log('error', category, retriesFailedLine(retry), fields);
      return false;
    }
    exception = invocationExceptionJson(fn.name, rec.invocationId ?? '', rec.error ?? '');
    const delay = schedule.nextDelay();
    ctx.log('debug', category, retryWaitLine(delay, retry + 1, policy.maxRetryCount), fields);
    if (!(await options.wait(delay))) {
      ctx.log('warning', category, 'Invocation cancelled - exiting retry loop.', fields);
      return false;
    }
  }
}
