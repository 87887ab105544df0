import { describe, expect, test } from 'vitest';
import { loadApp } from './appModel';
import { formatDiagnostic } from './diagnostics';

const HOST = '{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":"node"}}}';
const HTTP_FN =
  '{"bindings":[{"type":"httpTrigger","direction":"in","name":"req"},{"type":"http","direction":"out","name":"res"}]}';
const DAY_MS = 24 * 60 * 60 * 1000;

function load(functionJson: string, env: Record<string, string> = {}) {
  return loadApp(
    {
      hostJson: HOST,
      functionFolders: [
        { name: 'fn', functionJson },
        { name: 'ok', functionJson: HTTP_FN },
      ],
    },
    env,
  );
}
const queueTrigger = (extra: string) =>
  `{"bindings":[{"type":"queueTrigger","direction":"in","name":"msg"${extra}}]}`;
const timerTrigger = (extra: string) =>
  `{"bindings":[{"type":"timerTrigger","direction":"in","name":"tick"${extra}}]}`;

describe('a bad binding fails its function only, with its message and place', () => {
  test.each([
    [
      'bad cron',
      timerTrigger(',"schedule":"0 0 25 * * *"'),
      "fn/function.json:1:79: bindings[0].schedule: The schedule expression '0 0 25 * * *' was not recognized as a valid cron expression or timespan string. As cron: '25' is out of range for the hour field (0-23). As a TimeSpan: it is not in a .NET TimeSpan format",
    ],
    [
      'bad TimeSpan (25 hours in d.hh:mm:ss)',
      timerTrigger(',"schedule":"1.25:00:00"'),
      "bindings[0].schedule: The schedule expression '1.25:00:00' was not recognized as a valid cron expression or timespan string. As cron: '1.25:00:00' has 1 field;",
    ],
    [
      'bad schedule from a setting names both forms',
      timerTrigger(',"schedule":"%SCHED%"'),
      "not in a .NET TimeSpan format such as 'hh:mm:ss', 'd.hh:mm:ss' or a whole number of days. (resolved from '%SCHED%')",
    ],
    [
      'missing schedule',
      timerTrigger(''),
      "fn/function.json:1:14: bindings[0].schedule: The 'schedule' property is required for a timerTrigger binding",
    ],
    [
      'empty schedule',
      timerTrigger(',"schedule":" "'),
      "bindings[0].schedule: The 'schedule' property is required for a timerTrigger binding (it is empty)",
    ],
    [
      'non-boolean runOnStartup',
      timerTrigger(',"schedule":"0 0 * * * *","runOnStartup":"yes"'),
      "fn/function.json:1:108: bindings[0].runOnStartup: 'yes' is not a boolean (use true or false)",
    ],
    [
      'non-boolean useMonitor',
      timerTrigger(',"schedule":"0 0 * * * *","useMonitor":1'),
      "bindings[0].useMonitor: '1' is not a boolean (use true or false)",
    ],
    [
      'bad queue name',
      queueTrigger(',"queueName":"Bad_Name"'),
      "fn/function.json:1:79: bindings[0].queueName: Invalid queue name 'bad_name' (from 'Bad_Name'): a queue name may contain only lowercase letters, digits and hyphens ('_' at position 3 is not allowed).",
    ],
    [
      'bad queue name from a setting',
      queueTrigger(',"queueName":"%Q%"'),
      "bindings[0].queueName: Invalid queue name 'a--b' (from '%Q%'): a queue name must not contain consecutive hyphens (at position 1).",
    ],
    [
      'a trigger queue name is never a template',
      queueTrigger(',"queueName":"in-{x}"'),
      "bindings[0].queueName: Invalid queue name 'in-{x}': a queue name may contain only lowercase letters",
    ],
    [
      'missing queueName',
      queueTrigger(''),
      "fn/function.json:1:14: bindings[0].queueName: The 'queueName' property is required for a queueTrigger binding",
    ],
    [
      'queueName not a string',
      queueTrigger(',"queueName":["a"]'),
      'bindings[0].queueName: expected a string, found an array',
    ],
    [
      'queue output without queueName',
      HTTP_FN.replace(']}', ',{"type":"queue","direction":"out","name":"out"}]}'),
      "bindings[2].queueName: The 'queueName' property is required for a queue binding",
    ],
    [
      'queue output name too short',
      HTTP_FN.replace(']}', ',{"type":"queue","direction":"out","name":"out","queueName":"ab"}]}'),
      "bindings[2].queueName: Invalid queue name 'ab': a queue name must be 3-63 characters long (it has 2).",
    ],
  ])('%s', (_why, functionJson, expected) => {
    const m = load(functionJson, { SCHED: 'every minute', Q: 'A--B' });
    expect(m.functions.map((f) => f.name)).toEqual(['ok']);
    expect(m.diagnostics.map(formatDiagnostic)).toHaveLength(1);
    expect(formatDiagnostic(m.diagnostics[0]!)).toContain(expected);
    expect(m.diagnostics[0]?.functionName).toBe('fn');
  });

  test.each([
    ['schedule', timerTrigger(',"schedule":"%MISSING%"')],
    ['queueName', queueTrigger(',"queueName":"%MISSING%"')],
  ])('an unresolved %%SETTING%% in %s is reported once', (key, functionJson) => {
    const m = load(functionJson);
    expect(m.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringContaining(
        `bindings[0].${key}: '%MISSING%' does not resolve to a value: app setting 'MISSING' is not defined`,
      ),
    ]);
  });
});

describe('valid bindings expose what the runtime needs, parsed once', () => {
  test.each([
    ['a 10-second cron', '*/10 * * * * *', {}, 'cron', undefined],
    ['"24:00:00", which .NET reads as 24 days', '24:00:00', {}, 'timeSpan', 24 * DAY_MS],
    ['a bare number of days', '5', {}, 'timeSpan', 5 * DAY_MS],
    ['a schedule from a setting', '%SCHED%', { SCHED: '00:00:30' }, 'timeSpan', 30_000],
  ])('%s', (_why, schedule, env, kind, intervalMs) => {
    const m = load(timerTrigger(`,"schedule":"${schedule}"`), env);
    expect(m.diagnostics).toEqual([]);
    const timer = m.functions.find((f) => f.name === 'fn')?.timer;
    expect(timer).toMatchObject({ runOnStartup: false, useMonitor: true, schedule: { kind } });
    if (intervalMs !== undefined) expect(timer?.schedule).toMatchObject({ intervalMs });
  });

  test.each([
    [',"runOnStartup":true,"useMonitor":false', true, false],
    [',"runOnStartup":"True","useMonitor":"false"', true, false],
    [',"runOnStartup":"%RUN%"', true, true],
    [',"runOnStartup":null,"useMonitor":null', false, true],
  ])('runOnStartup and useMonitor %s', (extra, runOnStartup, useMonitor) => {
    const m = load(timerTrigger(`,"schedule":"0 0 * * * *"${extra}`), { RUN: 'true' });
    expect(m.diagnostics).toEqual([]);
    expect(m.functions[0]?.timer).toMatchObject({ runOnStartup, useMonitor });
  });

  test('queue names are %SETTING%-resolved and lower-cased on the trigger and the outputs', () => {
    const m = load(
      '{"bindings":[{"type":"queueTrigger","direction":"in","name":"msg","queueName":"%IN%"},' +
        '{"type":"queue","direction":"out","name":"out","queueName":"Orders-%ENV%"}]}',
      { IN: 'My-Queue', ENV: 'Dev' },
    );
    expect(m.diagnostics).toEqual([]);
    const fn = m.functions[0]!;
    expect(fn.trigger.queueName).toBe('my-queue');
    expect(fn.outputs.map((b) => b.queueName)).toEqual(['orders-dev']);
    expect(fn.timer).toBeUndefined();
  });

  test('a queue output named with {binding expressions} loads with a warning and no queue name', () => {
    const m = load(
      HTTP_FN.replace(']}', ',{"type":"queue","direction":"out","name":"out","queueName":"out-{id}"}]}'),
    );
    expect(m.functions.map((f) => f.name)).toEqual(['fn', 'ok']);
    expect(m.diagnostics.map((d) => [d.severity, formatDiagnostic(d)])).toEqual([
      [
        'warning',
        "fn/function.json:1:173: bindings[2].queueName: The queue name 'out-{id}' uses binding expressions, which this host does not evaluate: values sent to 'out' are shown but not queued.",
      ],
    ]);
    expect(m.functions[0]?.outputs[1]?.queueName).toBeUndefined();
  });

  test('other bindings get no queue name or timer, and the storage connection is not checked', () => {
    const m = load(queueTrigger(',"queueName":"jobs","connection":"NoSuchSetting"'));
    expect(m.diagnostics).toEqual([]);
    expect(m.functions.find((f) => f.name === 'ok')?.bindings.map((b) => b.queueName)).toEqual([
      undefined,
      undefined,
    ]);
  });
});
