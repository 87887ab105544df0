import { expect, test } from 'vitest';
import { adjustForDst, shouldUseMonitor } from './monitor';
import type { TimerSchedule } from './schedule';
import { parseSchedule } from './schedule';

function schedule(expression: string): TimerSchedule {
  const result = parseSchedule(expression);
  if (!result.ok) throw new Error(result.error);
  return result.schedule;
}

// The extension's own ShouldDisableScheduleMonitor cases, read as "monitor stays on".
test.each([
  ['* * * * * *', false],
  ['*/5 * * * * *', false],
  ['  */5    * *      * * *', false],
  ['10,20,45 * * * * *', false],
  ['*/30 * * * * *', false],
  ['0 */5 * * * *', true],
  ['0 30 * * * *', true],
  ['* 30 * * * *', true],
  ['* */30 * * * *', true],
  ['0 * * * * *', true],
  ['30 * * * * *', true],
  ['* 1-5 * * * *', true],
  ['* * 12 * * Mon', true],
  ['* 59 11 * * 1,2,3,4,5', true],
  // twice within one minute, but only at midnight: the extension does not look that far
  ['0,30 0 0 * * *', true],
  // 5 fields fire at most once a minute
  ['* * * * *', true],
  ['*/2 * * * *', true],
])('cron %j keeps its monitor: %s', (expression, expected) => {
  expect(shouldUseMonitor(schedule(expression))).toBe(expected);
});

test.each([
  ['* */20 * * * *', '2020-10-30T00:00:00Z'],
  ['* */20 * * * *', '2020-10-30T00:20:00Z'],
  ['* */20 * * * *', '2020-10-30T00:15:00Z'],
  ['* */20 * * * *', '2020-10-30T00:19:30Z'],
])('%j keeps its monitor whatever the time (%s)', (expression, now) => {
  expect(shouldUseMonitor(schedule(expression), true, Date.parse(now))).toBe(true);
});

test.each([
  // counted from now, exclusive at both ends: landing exactly on :00 sees only :30
  ['2024-01-01T10:00:00.000Z', true],
  ['2024-01-01T10:00:00.001Z', false],
  ['2024-01-01T10:00:10.000Z', false],
])('0,30 * * * * * from %s keeps its monitor: %s', (now, expected) => {
  expect(shouldUseMonitor(schedule('0,30 * * * * *'), true, Date.parse(now), 'UTC')).toBe(expected);
});

test.each([
  ['00:00:59', false],
  ['00:01:00', true],
  ['01:00:00', true],
  ['00:00:00', false],
  ['-01:00:00', false],
  ['24:00:00', true],
])('TimeSpan %j keeps its monitor: %s', (expression, expected) => {
  expect(shouldUseMonitor(schedule(expression))).toBe(expected);
});

test.each(['0 0 * * * *', '01:00:00', '*/5 * * * * *', '00:00:10'])(
  'useMonitor false turns the monitor off for %j',
  (expression) => {
    expect(shouldUseMonitor(schedule(expression), false)).toBe(false);
  },
);

test('useMonitor defaults to true', () => {
  expect(shouldUseMonitor(schedule('0 0 * * * *'), undefined)).toBe(true);
});

test.each([
  ['0 0 * * * *', true],
  ['*/5 * * * *', true],
  ['01:00:00', false],
  ['5', false],
])('%j adjusts for DST: %s', (expression, expected) => {
  expect(adjustForDst(schedule(expression))).toBe(expected);
});
