import { describe, expect, test } from 'vitest';
import { toPlain } from '../json/jsonNode';
import {
  invocationExceptionJson,
  retriesFailedLine,
  retryContextJson,
  RetrySchedule,
  retryWaitLine,
} from './retryPolicy';

const fixed = (max: number, delay: number) =>
  new RetrySchedule({ strategy: 'fixedDelay', maxRetryCount: max, delayIntervalMs: delay }, () => 0.5);
const expo = (min: number, max: number, random: () => number) =>
  new RetrySchedule(
    { strategy: 'exponentialBackoff', maxRetryCount: -1, minimumIntervalMs: min, maximumIntervalMs: max },
    random,
  );

describe('retry counts', () => {
  test('maxRetryCount 2 allows retries after the first and second failure, not the third', () => {
    const s = fixed(2, 1000);
    expect([0, 1, 2].map((n) => s.mayRetry(n))).toEqual([true, true, false]);
  });

  test('0 never retries; -1 always does', () => {
    expect(fixed(0, 1000).mayRetry(0)).toBe(false);
    expect(fixed(-1, 1000).mayRetry(10_000)).toBe(true);
  });
});

describe('retry delays', () => {
  test('fixedDelay waits the same every time; a negative delay waits none', () => {
    const s = fixed(5, 5000);
    expect([s.nextDelay(), s.nextDelay(), s.nextDelay()]).toEqual([5000, 5000, 5000]);
    expect(fixed(1, -5).nextDelay()).toBe(0);
  });

  test('exponentialBackoff without jitter (factor 1): min, 2·min, 3·min, 5·min, 9·min, then the cap', () => {
    const s = expo(1000, 8000, () => 0.5);
    expect(Array.from({ length: 7 }, () => s.nextDelay())).toEqual([
      1000, 2000, 3000, 5000, 8000, 8000, 8000,
    ]);
  });

  test('the jitter scales each step between 0.8 and 1.2', () => {
    const low = expo(1000, 60_000, () => 0);
    const high = expo(1000, 60_000, () => 0.999999);
    expect([low.nextDelay(), low.nextDelay(), low.nextDelay()]).toEqual([1000, 1800, 2600]);
    const h = [high.nextDelay(), high.nextDelay(), high.nextDelay()];
    expect(h[0]).toBe(1000);
    expect(h[1]).toBeCloseTo(2200, 0);
    expect(h[2]).toBeCloseTo(3400, 0);
  });

  test('minimum equal to maximum waits the maximum every time', () => {
    const s = expo(4000, 4000, () => 0.5);
    expect([s.nextDelay(), s.nextDelay()]).toEqual([4000, 4000]);
  });
});

describe('what the host writes', () => {
  test('the SDK log lines', () => {
    expect(retryWaitLine(5000, 1, 2)).toBe(
      "Waiting for `00:00:05` before retrying function execution. Next attempt: '1'. Max retry count: '2'.",
    );
    expect(retryWaitLine(1800.5, 3, -1)).toBe(
      "Waiting for `00:00:01.8005000` before retrying function execution. Next attempt: '3'. Max retry count: '-1'.",
    );
    expect(retriesFailedLine(2)).toBe("Function execution failed after '2' retries.");
  });

  test('RetryContext as Json.NET serializes the SDK class, with the failed attempt as an exception', () => {
    expect(toPlain(retryContextJson(0, 2, null))).toEqual({
      RetryCount: 0,
      MaxRetryCount: 2,
      Exception: null,
      Instance: null,
      State: {},
    });
    const ex = toPlain(
      invocationExceptionJson(
        'Tick',
        'id-1',
        'Response status code does not indicate success: 500 (Internal Server Error).',
      ),
    ) as Record<string, unknown>;
    expect(Object.keys(ex).slice(0, 3)).toEqual(['InstanceId', 'ClassName', 'Message']);
    expect(ex).toMatchObject({
      InstanceId: 'id-1',
      ClassName: 'Microsoft.Azure.WebJobs.Host.FunctionInvocationException',
      Message: 'Exception while executing function: Functions.Tick',
      InnerException: {
        ClassName: 'System.Net.Http.HttpRequestException',
        Message: 'Response status code does not indicate success: 500 (Internal Server Error).',
      },
    });
  });
});
