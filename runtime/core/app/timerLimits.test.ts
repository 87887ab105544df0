// TimeSpan schedules that would fire without pause are refused by name; cron fields NCrontab
// itself accepts (a step of 0, a range written backwards) keep loading as it reads them.
import { expect, test } from 'vitest';
import { loadApp } from './appModel';
import { formatDiagnostic } from './diagnostics';
import { formatCron } from '../timers/ncrontab';

const HOST = '{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":"node"}}}';
const HTTP_FN =
  '{"bindings":[{"type":"httpTrigger","direction":"in","name":"req"},{"type":"http","direction":"out","name":"res"}]}';

function load(schedule: string) {
  return loadApp(
    {
      hostJson: HOST,
      functionFolders: [
        {
          name: 'tick',
          functionJson: `{"bindings":[{"type":"timerTrigger","direction":"in","name":"t","schedule":"${schedule}"}]}`,
        },
        { name: 'ok', functionJson: HTTP_FN },
      ],
    },
    {},
  );
}

test.each([
  ['00:00:00', 'zero'],
  ['-00:00:01', 'negative'],
  ['00:00:00.0000001', 'shorter than one second'],
  ['00:00:00.5', 'shorter than one second'],
])('the TimeSpan schedule %s is refused as a %s interval, naming the function', (schedule, what) => {
  const m = load(schedule);
  expect(m.functions.map((f) => f.name)).toEqual(['ok']);
  expect(m.diagnostics).toHaveLength(1);
  expect(m.diagnostics[0]).toMatchObject({ functionName: 'tick', severity: 'error' });
  expect(formatDiagnostic(m.diagnostics[0]!)).toMatch(
    new RegExp(
      `^tick/function.json:1:\\d+: bindings\\[0\\].schedule: The schedule '${schedule.replace(/\./g, '\\.')}' is a ${what} interval: the timer would fire again as soon as each run ends, without pause\\.`,
    ),
  );
});

test('one second and more load', () => {
  expect(load('00:00:01').functions.map((f) => f.timer?.schedule.kind)).toEqual([undefined, 'timeSpan']);
  expect(load('1.00:00:00').diagnostics).toEqual([]);
});

test.each([
  ['*/0 * * * * *', '* * * * * *'],
  ['59-0 * * * * *', '* * * * * *'],
  ['0 */0 * * * *', '0 * * * * *'],
  ['0 30-10 * * * *', '0 10-30 * * * *'],
])(
  'NCrontab accepts %s (a step below 1 is 1, a backwards range is swapped): it loads as %s',
  (schedule, normal) => {
    const m = load(schedule);
    expect(m.diagnostics).toEqual([]);
    const timer = m.functions.find((f) => f.name === 'tick')?.timer;
    expect(timer?.schedule.kind === 'cron' && formatCron(timer.schedule.cron)).toBe(normal);
  },
);
