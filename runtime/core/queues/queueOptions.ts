import { formatTimeSpan, parseTimeSpan } from '../time/timeSpan';

/** How message bodies are represented in the queue service: base64 of the bytes, or the text itself. */
export type QueueMessageEncoding = 'base64' | 'none';

/** The queue trigger's settings from host.json `extensions.queues`, with times in milliseconds. */
export interface QueuesOptions {
  /** Messages fetched per poll, 1..32. */
  readonly batchSize: number;
  /** A new batch is fetched once the in-flight count has dropped to this value or below. */
  readonly newBatchThreshold: number;
  /** Upper bound of the polling backoff when the queue stays empty. */
  readonly maxPollingIntervalMs: number;
  /** Visibility delay given to a failed message that will be retried. */
  readonly visibilityTimeoutMs: number;
  /** Attempts before a failing message goes to the poison queue. */
  readonly maxDequeueCount: number;
  readonly messageEncoding: QueueMessageEncoding;
}

/** Options read from host.json, with one message per rejected value (its default is used instead). */
export interface QueuesOptionsResult {
  readonly options: QueuesOptions;
  readonly errors: string[];
}

/** Defaults and limits of `QueuesOptions` in the queue extension. */
export const DEFAULT_BATCH_SIZE = 16;
/** The storage service returns at most 32 messages per request. */
export const MAX_BATCH_SIZE = 32;
export const DEFAULT_MAX_POLLING_INTERVAL_MS = 60_000;
/** Also where the polling backoff starts. */
export const MIN_POLLING_INTERVAL_MS = 100;
export const DEFAULT_MAX_DEQUEUE_COUNT = 5;

/** The default `newBatchThreshold`: half the batch size (integer division, as in C#) per processor. */
export function defaultNewBatchThreshold(batchSize: number, processorCount: number): number {
  return Math.trunc(batchSize / 2) * processorCount;
}

const PREFIX = 'extensions.queues';

/**
 * Reads `extensions.queues` (a plain object, keys matched case-insensitively with the last
 * duplicate winning, as .NET configuration does). Values may be JSON numbers or strings, because
 * the host binds configuration from strings; `null` counts as absent. `processorCount` feeds the
 * default `newBatchThreshold`, which follows the batch size actually used.
 */
export function readQueuesOptions(section: unknown, processorCount: number): QueuesOptionsResult {
  if (!Number.isInteger(processorCount) || processorCount < 1) {
    throw new RangeError(`processorCount must be a positive integer, got ${processorCount}`);
  }
  const errors: string[] = [];
  let values: ReadonlyMap<string, unknown> = new Map();
  if (section !== undefined && section !== null) {
    if (typeof section === 'object' && !Array.isArray(section)) {
      values = new Map(Object.entries(section).map(([k, v]) => [k.toLowerCase(), v]));
    } else {
      errors.push(`${PREFIX}: expected an object, got ${describe(section)}; using the defaults`);
    }
  }
  const read = <T>(key: string, parse: Parser<T>, fallback: T): T => {
    const value = values.get(key.toLowerCase());
    if (value === undefined || value === null) return fallback;
    const parsed = parse(value, `${PREFIX}.${key}`);
    if ('error' in parsed) {
      errors.push(parsed.error);
      return fallback;
    }
    return parsed.value;
  };

  const batchSize = read('batchSize', integerIn(1, MAX_BATCH_SIZE), DEFAULT_BATCH_SIZE);
  const newBatchThreshold = read(
    'newBatchThreshold',
    integerIn(0, undefined),
    defaultNewBatchThreshold(batchSize, processorCount),
  );
  const maxPollingIntervalMs = read(
    'maxPollingInterval',
    timeSpanFrom(MIN_POLLING_INTERVAL_MS),
    DEFAULT_MAX_POLLING_INTERVAL_MS,
  );
  // The extension itself accepts any TimeSpan here, but the storage service rejects a negative
  // visibility when the message is released, so that is reported up front.
  const visibilityTimeoutMs = read('visibilityTimeout', timeSpanFrom(0), 0);
  const maxDequeueCount = read('maxDequeueCount', integerIn(1, undefined), DEFAULT_MAX_DEQUEUE_COUNT);
  const messageEncoding = read<QueueMessageEncoding>('messageEncoding', parseEncoding, 'base64');

  return {
    options: {
      batchSize,
      newBatchThreshold,
      maxPollingIntervalMs,
      visibilityTimeoutMs,
      maxDequeueCount,
      messageEncoding,
    },
    errors,
  };
}

type Parser<T> = (value: unknown, label: string) => { value: T } | { error: string };

function integerIn(min: number, max: number | undefined): Parser<number> {
  return (value, label) => {
    const text = scalarText(value);
    // int.Parse with the invariant culture: optional sign, digits, surrounding whitespace.
    if (text === undefined || !/^\s*[+-]?\d+\s*$/.test(text)) {
      return { error: `${label}: ${describe(value)} is not an integer` };
    }
    const n = Number(text);
    if (n < min || (max !== undefined && n > max)) {
      const range = max === undefined ? `${min} or more` : `${min}-${max}`;
      return { error: `${label}: ${describe(value)} is out of range (${range})` };
    }
    return { value: n };
  };
}

function timeSpanFrom(minMs: number): Parser<number> {
  return (value, label) => {
    const text = scalarText(value);
    const ms = text === undefined ? undefined : parseTimeSpan(text);
    if (ms === undefined) {
      return { error: `${label}: ${describe(value)} is not a valid TimeSpan (for example 00:01:00)` };
    }
    if (ms < minMs) {
      return { error: `${label}: ${describe(value)} is less than the minimum of ${formatTimeSpan(minMs)}` };
    }
    return { value: ms };
  };
}

// Enum names bind case-insensitively in .NET configuration.
const parseEncoding: Parser<QueueMessageEncoding> = (value, label) => {
  const text = scalarText(value)?.trim().toLowerCase();
  if (text === 'base64' || text === 'none') return { value: text };
  return { error: `${label}: ${describe(value)} is not valid (expected base64 or none)` };
};

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : `an ${typeof value}`;
}
