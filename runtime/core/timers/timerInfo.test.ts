import { expect, test } from 'vitest';
import { writeJson } from '../json/writeJson';
import type { TimerSchedule } from './schedule';
import { parseSchedule } from './schedule';
import { formatLocalDateTime, freshScheduleStatus, timerInfoJson } from './timerInfo';

function schedule(expression: string): TimerSchedule {
  const result = parseSchedule(expression);
  if (!result.ok) throw new Error(result.error);
  return result.schedule;
}

test.each([
  ['2024-05-01T10:15:00Z', 'UTC', '2024-05-01T10:15:00+00:00'],
  ['2024-05-01T10:10:00.003Z', 'UTC', '2024-05-01T10:10:00.003+00:00'],
  ['2024-05-01T10:10:00.120Z', 'UTC', '2024-05-01T10:10:00.12+00:00'],
  ['2024-05-01T10:10:00.500Z', 'UTC', '2024-05-01T10:10:00.5+00:00'],
  ['2024-05-01T10:15:00Z', 'America/New_York', '2024-05-01T06:15:00-04:00'],
  ['2024-01-15T10:15:00Z', 'America/New_York', '2024-01-15T05:15:00-05:00'],
  ['2024-07-01T00:00:00Z', 'Europe/London', '2024-07-01T01:00:00+01:00'],
  ['2024-07-01T00:00:00Z', 'Asia/Kolkata', '2024-07-01T05:30:00+05:30'],
  ['2024-07-01T00:00:00Z', 'Asia/Kathmandu', '2024-07-01T05:45:00+05:45'],
  ['2024-07-01T00:00:00Z', 'Pacific/Kiritimati', '2024-07-01T14:00:00+14:00'],
  // the two 01:30s of New York's fall-back night differ only by offset
  ['2024-11-03T05:30:00Z', 'America/New_York', '2024-11-03T01:30:00-04:00'],
  ['2024-11-03T06:30:00Z', 'America/New_York', '2024-11-03T01:30:00-05:00'],
])('%s in %s is written %s', (instant, timeZone, expected) => {
  expect(formatLocalDateTime(Date.parse(instant), timeZone)).toBe(expected);
});

test.each([
  ['UTC', '0001-01-01T00:00:00+00:00'],
  // before railway time zones the tz database has local mean time, -04:56:02 in New York;
  // Json.NET writes only the offset's hours and minutes
  ['America/New_York', '0001-01-01T00:00:00-04:56'],
])('default(DateTime) in %s is written %s', (timeZone, expected) => {
  expect(formatLocalDateTime(null, timeZone)).toBe(expected);
});

test('the value a handler receives, as in the reference example (UTC)', () => {
  const info = timerInfoJson({
    schedule: schedule('0 */5 * * * *'),
    status: {
      last: Date.parse('2024-05-01T10:10:00.003Z'),
      next: Date.parse('2024-05-01T10:15:00Z'),
      lastUpdated: Date.parse('2024-05-01T10:10:00.003Z'),
    },
    isPastDue: false,
  });
  expect(writeJson(info)).toBe(
    '{"Schedule":{"AdjustForDST":true},' +
      '"ScheduleStatus":{"Last":"2024-05-01T10:10:00.003+00:00","Next":"2024-05-01T10:15:00+00:00",' +
      '"LastUpdated":"2024-05-01T10:10:00.003+00:00"},"IsPastDue":false}',
  );
});

test('a fresh monitor has default Last and LastUpdated', () => {
  const info = timerInfoJson({
    schedule: schedule('0 0 * * * *'),
    status: freshScheduleStatus(Date.parse('2024-05-01T11:00:00Z')),
    isPastDue: false,
  });
  expect(writeJson(info)).toBe(
    '{"Schedule":{"AdjustForDST":true},' +
      '"ScheduleStatus":{"Last":"0001-01-01T00:00:00+00:00","Next":"2024-05-01T11:00:00+00:00",' +
      '"LastUpdated":"0001-01-01T00:00:00+00:00"},"IsPastDue":false}',
  );
});

test('with no monitor, ScheduleStatus is null; a TimeSpan does not adjust for DST', () => {
  const info = timerInfoJson({ schedule: schedule('00:00:10'), status: null, isPastDue: true });
  expect(writeJson(info)).toBe('{"Schedule":{"AdjustForDST":false},"ScheduleStatus":null,"IsPastDue":true}');
});

test('dates are written in the given time zone', () => {
  const info = timerInfoJson({
    schedule: schedule('0 30 9 * * *'),
    status: {
      last: Date.parse('2024-03-08T14:30:00Z'),
      next: Date.parse('2024-03-11T13:30:00Z'),
      lastUpdated: Date.parse('2024-03-08T14:30:00.25Z'),
    },
    isPastDue: false,
    timeZone: 'America/New_York',
  });
  expect(writeJson(info)).toBe(
    '{"Schedule":{"AdjustForDST":true},' +
      '"ScheduleStatus":{"Last":"2024-03-08T09:30:00-05:00","Next":"2024-03-11T09:30:00-04:00",' +
      '"LastUpdated":"2024-03-08T09:30:00.25-05:00"},"IsPastDue":false}',
  );
});
