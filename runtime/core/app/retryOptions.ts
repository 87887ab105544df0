/**
 * function.json's `retry` section, read as the host reads it: Json.NET turns it into
 * `RetryOptions` (property names in any case, `strategy` by enum name or number, intervals as
 * TimeSpan text), then `Utility.ValidateRetryOptions` builds the SDK's retry attribute, whose
 * constructor checks the values. A bad section fails the function, with the .NET message.
 */
import type { JsonNode } from '../json/jsonNode';
import { describeKind, getProp } from '../json/jsonNode';
import { parseTimeSpan } from '../time/timeSpan';
import type { ConfigReader } from './configReader';

export type RetryStrategy = 'fixedDelay' | 'exponentialBackoff';

export interface RetryPolicy {
  readonly strategy: RetryStrategy;
  /** -1 retries without end. */
  readonly maxRetryCount: number;
  /** fixedDelay: the wait before every retry, in milliseconds. */
  readonly delayIntervalMs?: number;
  /** exponentialBackoff: the first wait and the cap, in milliseconds. */
  readonly minimumIntervalMs?: number;
  readonly maximumIntervalMs?: number;
}

const HINT =
  'Write "retry": {"strategy": "fixedDelay", "maxRetryCount": 2, "delayInterval": "00:00:05"}, or ' +
  '"exponentialBackoff" with "minimumInterval" and "maximumInterval" (TimeSpan text such as "00:00:10"); ' +
  'maxRetryCount -1 retries without end.';

const NULLABLE_TIMESPAN = 'System.Nullable`1[System.TimeSpan]';
const NULLABLE_INT = 'System.Nullable`1[System.Int32]';

/** The policy, undefined when there is none, or 'invalid' after reporting an error on `r`. */
export function readRetryOptions(
  node: JsonNode | undefined,
  r: ConfigReader,
): RetryPolicy | 'invalid' | undefined {
  if (node === undefined || node.kind === 'null') return undefined;
  const fail = (message: string, where: string, at: JsonNode): 'invalid' => {
    r.error(message, where, at, HINT);
    return 'invalid';
  };
  if (node.kind !== 'object') {
    return fail(
      `Error converting value ${jsonText(node)} to type 'Microsoft.Azure.WebJobs.Script.Description.RetryOptions'. Path ''.`,
      'retry',
      node,
    );
  }
  // Json.NET matches property names in any case.
  const prop = (name: string) => getProp(node, name);

  let strategy: RetryStrategy = 'exponentialBackoff'; // the enum's default (0)
  const strategyNode = prop('strategy');
  if (strategyNode && strategyNode.kind !== 'null') {
    const parsed = readStrategy(strategyNode);
    if (!parsed) {
      return fail(
        `Error converting value ${jsonText(strategyNode)} to type 'Microsoft.Azure.WebJobs.Script.Description.RetryStrategy'. Path 'strategy'.`,
        'retry.strategy',
        strategyNode,
      );
    }
    strategy = parsed;
  }

  const countNode = prop('maxRetryCount');
  let maxRetryCount: number | undefined;
  if (countNode && countNode.kind !== 'null') {
    maxRetryCount = readInt(countNode);
    if (maxRetryCount === undefined) {
      return fail(
        `Error converting value ${jsonText(countNode)} to type '${NULLABLE_INT}'. Path 'maxRetryCount'.`,
        'retry.maxRetryCount',
        countNode,
      );
    }
  }
  const spans: Record<string, number | undefined> = {};
  for (const name of ['delayInterval', 'minimumInterval', 'maximumInterval']) {
    const n = prop(name);
    if (!n || n.kind === 'null') continue;
    const ms = n.kind === 'string' ? parseTimeSpan(n.value) : undefined;
    if (ms === undefined) {
      return fail(
        `Error converting value ${jsonText(n)} to type '${NULLABLE_TIMESPAN}'. Path '${name}'.`,
        `retry.${name}`,
        n,
      );
    }
    spans[name] = ms;
  }

  // Utility.ValidateRetryOptions, then the attribute constructors.
  if (maxRetryCount === undefined)
    return fail("Value cannot be null. (Parameter 'MaxRetryCount')", 'retry', node);
  if (maxRetryCount < -1) {
    return fail(
      "Specified argument was out of the range of valid values. (Parameter 'maxRetryCount')",
      'retry.maxRetryCount',
      countNode!,
    );
  }
  if (strategy === 'fixedDelay') {
    const delay = spans.delayInterval;
    if (delay === undefined) return fail("Value cannot be null. (Parameter 'DelayInterval')", 'retry', node);
    // A negative delay passes the constructor; Task.Delay refuses it at the first retry (see retryPolicy.ts).
    return { strategy, maxRetryCount, delayIntervalMs: delay };
  }
  const min = spans.minimumInterval;
  const max = spans.maximumInterval;
  if (min === undefined) return fail("Value cannot be null. (Parameter 'MinimumInterval')", 'retry', node);
  if (max === undefined) return fail("Value cannot be null. (Parameter 'MaximumInterval')", 'retry', node);
  if (min < 0) {
    return fail(
      "The TimeSpan must not be negative. (Parameter 'minimumInterval')",
      'retry.minimumInterval',
      prop('minimumInterval')!,
    );
  }
  if (max < 0) {
    return fail(
      "The TimeSpan must not be negative. (Parameter 'maximumInterval')",
      'retry.maximumInterval',
      prop('maximumInterval')!,
    );
  }
  if (min > max) {
    return fail(
      "The minimumInterval must not be greater than the maximumInterval. (Parameter 'minimumInterval')",
      'retry.minimumInterval',
      prop('minimumInterval')!,
    );
  }
  return { strategy, maxRetryCount, minimumIntervalMs: min, maximumIntervalMs: max };
}

/**
 * The SDK's FunctionIndexer warns when the trigger's binding lacks [SupportsRetry] (HTTP and
 * queue here) and keeps the policy: the function is still retried.
 */
export function retryUnsupportedWarning(functionName: string): string {
  return (
    `Soon retries will not be supported for function 'Functions.${functionName}'. ` +
    'For more information, please visit http://aka.ms/func-retry-policies.'
  );
}

function readStrategy(node: JsonNode): RetryStrategy | undefined {
  if (node.kind === 'string') {
    const t = node.value.trim().toLowerCase();
    if (t === 'fixeddelay' || t === '1') return 'fixedDelay';
    if (t === 'exponentialbackoff' || t === '0') return 'exponentialBackoff';
    return undefined;
  }
  if (node.kind === 'number') {
    if (node.value === 1) return 'fixedDelay';
    if (node.value === 0) return 'exponentialBackoff';
  }
  return undefined;
}

function readInt(node: JsonNode): number | undefined {
  const n = node.kind === 'number' ? node.value : node.kind === 'string' ? Number(node.value.trim()) : NaN;
  if (node.kind === 'string' && !/^\s*[-+]?\d+\s*$/.test(node.value)) return undefined;
  return Number.isInteger(n) && Math.abs(n) <= 2 ** 31 - 1 ? n : undefined;
}

function jsonText(node: JsonNode): string {
  if (node.kind === 'string') return `"${node.value}"`;
  if (node.kind === 'number') return node.text;
  if (node.kind === 'bool') return node.value ? 'True' : 'False';
  return describeKind(node);
}
