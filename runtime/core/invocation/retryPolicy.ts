/**
 * The SDK's function retry loop as rules (FunctionExecutorExtensions.TryExecuteAsync,
 * FixedDelayRetryAttribute, ExponentialBackoffRetryAttribute with its
 * RandomizedExponentialBackoffStrategy): when to retry, how long to wait, what the function's
 * logger writes, and the `RetryContext` the custom handler finds in `Metadata`.
 */
import type { RetryPolicy } from '../app/retryOptions';
import { formatTimeSpan } from '../time/timeSpan';
import type { JsonNode, JsonObject } from '../json/jsonNode';
import { jsonInt, jsonNull, jsonObject, jsonString } from '../json/jsonNode';

/** The SDK's jitter: each exponential step is scaled by a factor in [0.8, 1.2). */
export const RANDOMIZATION_FACTOR = 0.2;

/**
 * The waits of one triggering's retries. The exponential strategy keeps its state per
 * triggering (the SDK stores it in the RetryContext): min, then min + ~min, min + ~2·min,
 * min + ~4·min … until it reaches the maximum, where it stays.
 */
export class RetrySchedule {
  private current = 0;
  private exponent = 0;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly random: () => number,
  ) {}

  /** True when a failed attempt numbered `retriesSoFar` (0 for the first run) may be retried. */
  mayRetry(retriesSoFar: number): boolean {
    return this.policy.maxRetryCount === -1 || retriesSoFar < this.policy.maxRetryCount;
  }

  /** Milliseconds to wait before the next attempt. */
  nextDelay(): number {
    const p = this.policy;
    // Task.Delay refuses a negative wait; this host waits none (docs/deviations.md).
    if (p.strategy === 'fixedDelay') return Math.max(0, p.delayIntervalMs ?? 0);
    const min = p.minimumIntervalMs ?? 0;
    const max = p.maximumIntervalMs ?? 0;
    // Once at the maximum the SDK stays there.
    if (this.current === max) return this.current;
    let backoff = min;
    if (this.exponent > 0) {
      const factor = 1 - RANDOMIZATION_FACTOR + this.random() * 2 * RANDOMIZATION_FACTOR;
      backoff += factor * 2 ** (this.exponent - 1) * min;
    }
    if (backoff < max) {
      this.current = backoff;
      this.exponent++;
    } else {
      this.current = max;
    }
    return this.current;
  }
}

/** Debug, category `Function.<name>` (LoggerExtensions.LogFunctionRetryAttempt, event 325). */
export function retryWaitLine(delayMs: number, attempt: number, maxRetryCount: number): string {
  return (
    `Waiting for \`${formatTimeSpan(delayMs)}\` before retrying function execution. ` +
    `Next attempt: '${attempt}'. Max retry count: '${maxRetryCount}'.`
  );
}

/** Error, category `Function.<name>` (LoggerExtensions.LogFunctionRetriesFailed, event 324). */
export function retriesFailedLine(attempts: number): string {
  return `Function execution failed after '${attempts}' retries.`;
}

/**
 * `Metadata.RetryContext`: the SDK's RetryContext serialized by Json.NET, so its `Instance` and
 * `State` come too. It is there from the first attempt (RetryCount 0, no Exception).
 */
export function retryContextJson(
  retryCount: number,
  maxRetryCount: number,
  exception: JsonNode | null,
): JsonObject {
  return jsonObject([
    ['RetryCount', jsonInt(retryCount)],
    ['MaxRetryCount', jsonInt(maxRetryCount)],
    ['Exception', exception ?? jsonNull],
    ['Instance', jsonNull],
    ['State', jsonObject()],
  ]);
}

/**
 * The failed attempt's exception as Json.NET writes an ISerializable exception: the executor's
 * FunctionInvocationException around the cause. .NET stack traces do not exist here, so
 * `StackTraceString` and `Source` are null (docs/deviations.md).
 */
export function invocationExceptionJson(
  functionName: string,
  invocationId: string,
  error: string,
): JsonObject {
  const className = causeClass(error);
  const hresult = className === 'System.InvalidOperationException' ? -2146233079 : -2146233088;
  const cause = exceptionFields(className, error, jsonNull, hresult);
  return jsonObject([
    ['InstanceId', jsonString(invocationId)],
    ...exceptionFields(
      'Microsoft.Azure.WebJobs.Host.FunctionInvocationException',
      `Exception while executing function: Functions.${functionName}`,
      jsonObject(cause),
      -2146233088,
    ),
  ]);
}

function exceptionFields(
  className: string,
  message: string,
  inner: JsonNode,
  hresult: number,
): [string, JsonNode][] {
  return [
    ['ClassName', jsonString(className)],
    ['Message', jsonString(message)],
    ['Data', jsonNull],
    ['InnerException', inner],
    ['HelpURL', jsonNull],
    ['StackTraceString', jsonNull],
    ['RemoteStackTraceString', jsonNull],
    ['RemoteStackIndex', jsonInt(0)],
    ['ExceptionMethod', jsonNull],
    ['HResult', jsonInt(hresult)],
    ['Source', jsonNull],
    ['WatsonBuckets', jsonNull],
  ];
}

/** The .NET type behind each failure this host reports. */
function causeClass(error: string): string {
  if (error.startsWith('Response status code does not indicate success'))
    return 'System.Net.Http.HttpRequestException';
  if (error.startsWith('Timeout value of')) return 'Microsoft.Azure.WebJobs.Host.FunctionTimeoutException';
  if (error.startsWith('Invalid HttpResponseMessage')) return 'System.InvalidOperationException';
  return 'System.Exception';
}
