import { describe, expect, test } from 'vitest';
import { loadApp } from './appModel';
import { formatDiagnostic } from './diagnostics';

const HOST = '{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":"node"}}}';
const TIMER = '[{"type":"timerTrigger","direction":"in","name":"tick","schedule":"0 0 9 * * *"}]';
const HTTP =
  '[{"type":"httpTrigger","direction":"in","name":"req"},{"type":"http","direction":"out","name":"res"}]';
const QUEUE = '[{"type":"queueTrigger","direction":"in","name":"msg","queueName":"jobs"}]';

function load(retry: string, bindings = TIMER) {
  return loadApp(
    {
      hostJson: HOST,
      functionFolders: [{ name: 'fn', functionJson: `{"bindings":${bindings},"retry":${retry}}` }],
    },
    {},
  );
}

describe('function.json retry, read as Json.NET and Utility.ValidateRetryOptions read it', () => {
  test('fixedDelay: the count and the TimeSpan delay', () => {
    const m = load('{"strategy":"fixedDelay","maxRetryCount":2,"delayInterval":"00:00:05"}');
    expect(m.diagnostics).toEqual([]);
    expect(m.functions[0]?.retry).toEqual({
      strategy: 'fixedDelay',
      maxRetryCount: 2,
      delayIntervalMs: 5000,
    });
  });

  test('property names and the strategy in any case; a missing strategy is exponentialBackoff (enum 0)', () => {
    const m = load('{"Strategy":"FIXEDDELAY","MaxRetryCount":-1,"DelayInterval":"00:01"}');
    expect(m.functions[0]?.retry).toEqual({
      strategy: 'fixedDelay',
      maxRetryCount: -1,
      delayIntervalMs: 60_000,
    });
    const e = load('{"maxRetryCount":"3","minimumInterval":"00:00:02","maximumInterval":"00:15:00"}');
    expect(e.diagnostics).toEqual([]);
    expect(e.functions[0]?.retry).toEqual({
      strategy: 'exponentialBackoff',
      maxRetryCount: 3,
      minimumIntervalMs: 2000,
      maximumIntervalMs: 900_000,
    });
  });

  test('"retry": null is no policy', () => {
    const m = load('null');
    expect(m.diagnostics).toEqual([]);
    expect(m.functions[0]?.retry).toBeUndefined();
  });

  test.each([
    [
      '{"strategy":"fixedDelay","delayInterval":"00:00:05"}',
      "retry: Value cannot be null. (Parameter 'MaxRetryCount')",
    ],
    [
      '{"strategy":"fixedDelay","maxRetryCount":2}',
      "retry: Value cannot be null. (Parameter 'DelayInterval')",
    ],
    [
      '{"strategy":"exponentialBackoff","maxRetryCount":2,"maximumInterval":"00:01:00"}',
      "retry: Value cannot be null. (Parameter 'MinimumInterval')",
    ],
    [
      '{"strategy":"exponentialBackoff","maxRetryCount":2,"minimumInterval":"00:01:00"}',
      "retry: Value cannot be null. (Parameter 'MaximumInterval')",
    ],
    [
      '{"strategy":"fixedDelay","maxRetryCount":-2,"delayInterval":"00:00:05"}',
      "retry.maxRetryCount: Specified argument was out of the range of valid values. (Parameter 'maxRetryCount')",
    ],
    [
      '{"strategy":"exponentialBackoff","maxRetryCount":2,"minimumInterval":"00:10:00","maximumInterval":"00:01:00"}',
      "retry.minimumInterval: The minimumInterval must not be greater than the maximumInterval. (Parameter 'minimumInterval')",
    ],
    [
      '{"strategy":"exponentialBackoff","maxRetryCount":2,"minimumInterval":"-00:00:01","maximumInterval":"00:01:00"}',
      "retry.minimumInterval: The TimeSpan must not be negative. (Parameter 'minimumInterval')",
    ],
    [
      '{"strategy":"linear","maxRetryCount":2}',
      `retry.strategy: Error converting value "linear" to type 'Microsoft.Azure.WebJobs.Script.Description.RetryStrategy'. Path 'strategy'.`,
    ],
    [
      '{"strategy":"fixedDelay","maxRetryCount":2,"delayInterval":"5 seconds"}',
      "retry.delayInterval: Error converting value \"5 seconds\" to type 'System.Nullable`1[System.TimeSpan]'. Path 'delayInterval'.",
    ],
    [
      '{"strategy":"fixedDelay","maxRetryCount":2.5,"delayInterval":"00:00:05"}',
      "retry.maxRetryCount: Error converting value 2.5 to type 'System.Nullable`1[System.Int32]'. Path 'maxRetryCount'.",
    ],
  ])('%s fails the function: %s', (retry, message) => {
    const m = load(retry);
    expect(m.functions).toEqual([]);
    expect(m.diagnostics).toHaveLength(1);
    expect(m.diagnostics[0]!.severity).toBe('error');
    expect(formatDiagnostic(m.diagnostics[0]!)).toContain(`fn/function.json:1:`);
    expect(formatDiagnostic(m.diagnostics[0]!)).toContain(message);
    expect(m.diagnostics[0]!.hint).toContain('"strategy": "fixedDelay"');
  });

  test.each([
    ['HTTP', HTTP],
    ['queue', QUEUE],
  ])(
    'a %s function keeps its policy and gets the SDK warning for triggers without [SupportsRetry]',
    (_, bindings) => {
      const m = load('{"strategy":"fixedDelay","maxRetryCount":1,"delayInterval":"00:00:01"}', bindings);
      expect(m.functions.map((f) => f.name)).toEqual(['fn']);
      expect(m.diagnostics.map((d) => [d.severity, d.message])).toEqual([
        [
          'warning',
          "Soon retries will not be supported for function 'Functions.fn'. For more information, please visit http://aka.ms/func-retry-policies.",
        ],
      ]);
    },
  );

  test('a timer function gets no warning', () => {
    expect(
      load('{"strategy":"fixedDelay","maxRetryCount":1,"delayInterval":"00:00:01"}').diagnostics,
    ).toEqual([]);
  });
});
