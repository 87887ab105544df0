import { expect, test } from 'vitest';
import type { TimerSchedule } from './schedule';
import { nextOccurrence, nextOccurrences, parseSchedule } from './schedule';
import { formatLocalDateTime } from './timerInfo';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function schedule(expression: string): TimerSchedule {
  const result = parseSchedule(expression);
  if (!result.ok) throw new Error(result.error);
  return result.schedule;
}

test.each([
  ['0 */5 * * * *', 'cron'],
  ['*/5 * * * *', 'cron'],
  ['00:05:00', 'timeSpan'],
  // one token is not cron (6 fields needed), so it is a TimeSpan of days
  ['5', 'timeSpan'],
])('%j is a %s schedule', (expression, kind) => {
  expect(schedule(expression).kind).toBe(kind);
});

test.each([
  ['00:00:30', 30_000],
  ['01:00:00', HOUR],
  ['1.00:00', DAY],
  ['5', 5 * DAY],
  // the trap the docs warn about: hours over 23 make it d:hh:mm
  ['24:00:00', 24 * DAY],
  ['00:00:00', 0],
  ['-00:05:00', -5 * MINUTE],
])('TimeSpan %j is an interval of %d ms', (expression, intervalMs) => {
  expect(schedule(expression)).toEqual({ kind: 'timeSpan', expression, intervalMs });
});

test.each([
  ['invalid', `'invalid' has 1 field`],
  ['every night', `'every night' has 2 fields`],
  ['0 0 25 * * *', `'25' is out of range for the hour field (0-23)`],
  ['* * * *', `'* * * *' has 4 fields`],
])('%j is neither cron nor TimeSpan', (expression, cronReason) => {
  const hostMessage = `The schedule expression '${expression}' was not recognized as a valid cron expression or timespan string.`;
  const result = parseSchedule(expression);
  expect(result).toEqual({
    ok: false,
    hostMessage,
    error: expect.stringContaining(hostMessage) as unknown,
  });
  if (result.ok) return;
  expect(result.error).toContain(`As cron: ${cronReason}`);
  expect(result.error).toContain(`As a TimeSpan: it is not in a .NET TimeSpan format`);
});

test.each([
  // a `*` or a range in second, minute or hour of the normalized text
  ['* * * * * *', true],
  ['0 */5 * * * *', true],
  ['0 0 * * * *', true],
  ['0 0 9-17 * * *', true],
  ['0 0,1 9 * * *', true],
  ['*/5 * * * *', true],
  ['15,45 * * * * *', true],
  // only day, month or weekday vary, or the values are not adjacent
  ['0 30 9 * * *', false],
  ['0 30 9 * * 1-5', false],
  ['0 */30 9 * * *', false],
  ['0 0 9,17 * * *', false],
  ['15,45 0 0 * * *', false],
  ['30 9 * * *', false],
])('%j isInterval: %s', (expression, isInterval) => {
  const s = schedule(expression);
  expect(s.kind === 'cron' && s.isInterval).toBe(isInterval);
});

test.each([
  // UTC, 5 and 6 fields
  [
    '*/15 9-17 * * Mon-Fri',
    'UTC',
    '2024-05-03T17:50:00Z',
    ['2024-05-06T09:00:00+00:00', '2024-05-06T09:15:00+00:00'],
  ],
  [
    '0 0 9 * * *',
    'Asia/Kolkata',
    '2024-01-01T00:00:00Z',
    ['2024-01-01T09:00:00+05:30', '2024-01-02T09:00:00+05:30'],
  ],
  // strictly after: a base on an occurrence gives the one after it
  ['0 0 * * * *', 'UTC', '2024-01-01T10:00:00Z', ['2024-01-01T11:00:00+00:00']],
  ['0 0 * * * *', 'UTC', '2024-01-01T10:00:00.001Z', ['2024-01-01T11:00:00+00:00']],
  // New York spring forward (2024-03-10 02:00 EST -> 03:00 EDT): a time in the gap moves on by an hour
  [
    '0 30 2 * * *',
    'America/New_York',
    '2024-03-09T12:00:00Z',
    ['2024-03-10T03:30:00-04:00', '2024-03-11T02:30:00-04:00', '2024-03-12T02:30:00-04:00'],
  ],
  [
    '0 */30 * * * *',
    'America/New_York',
    '2024-03-10T06:10:00Z',
    ['2024-03-10T01:30:00-05:00', '2024-03-10T03:00:00-04:00', '2024-03-10T03:30:00-04:00'],
  ],
  // New York fall back (2024-11-03 02:00 EDT -> 01:00 EST): a point in time runs once, at the first 01:30
  [
    '0 30 1 * * *',
    'America/New_York',
    '2024-11-02T12:00:00Z',
    ['2024-11-03T01:30:00-04:00', '2024-11-04T01:30:00-05:00', '2024-11-05T01:30:00-05:00'],
  ],
  // ... and started during the second pass, it skips the second 01:30
  ['0 30 1 * * *', 'America/New_York', '2024-11-03T06:10:00Z', ['2024-11-04T01:30:00-05:00']],
  // an interval runs through both passes
  [
    '0 */30 * * * *',
    'America/New_York',
    '2024-11-03T04:10:00Z',
    [
      '2024-11-03T00:30:00-04:00',
      '2024-11-03T01:00:00-04:00',
      '2024-11-03T01:30:00-04:00',
      '2024-11-03T01:00:00-05:00',
      '2024-11-03T01:30:00-05:00',
      '2024-11-03T02:00:00-05:00',
    ],
  ],
  [
    '0 0 * * * *',
    'America/New_York',
    '2024-11-03T03:30:00Z',
    [
      '2024-11-03T00:00:00-04:00',
      '2024-11-03T01:00:00-04:00',
      '2024-11-03T01:00:00-05:00',
      '2024-11-03T02:00:00-05:00',
    ],
  ],
  // the extension's quirk: an interval leaving the first pass for a time a day away is moved back an hour
  [
    '0 0-5 1 * * *',
    'America/New_York',
    '2024-11-03T05:04:00Z',
    ['2024-11-03T01:05:00-04:00', '2024-11-04T00:00:00-05:00', '2024-11-04T01:00:00-05:00'],
  ],
  // London spring forward (2024-03-31 01:00 GMT -> 02:00 BST)
  [
    '0 30 1 * * *',
    'Europe/London',
    '2024-03-30T12:00:00Z',
    ['2024-03-31T02:30:00+01:00', '2024-04-01T01:30:00+01:00'],
  ],
  // London fall back (2024-10-27 02:00 BST -> 01:00 GMT)
  [
    '0 30 1 * * *',
    'Europe/London',
    '2024-10-26T12:00:00Z',
    ['2024-10-27T01:30:00+01:00', '2024-10-28T01:30:00+00:00'],
  ],
  [
    '0 */15 * * * *',
    'Europe/London',
    '2024-10-27T00:40:00Z',
    [
      '2024-10-27T01:45:00+01:00',
      '2024-10-27T01:00:00+00:00',
      '2024-10-27T01:15:00+00:00',
      '2024-10-27T01:30:00+00:00',
      '2024-10-27T01:45:00+00:00',
      '2024-10-27T02:00:00+00:00',
    ],
  ],
  // southern hemisphere fall back (2024-04-07 03:00 AEDT -> 02:00 AEST)
  [
    '0 30 2 * * *',
    'Australia/Sydney',
    '2024-04-06T00:00:00Z',
    ['2024-04-07T02:30:00+11:00', '2024-04-08T02:30:00+10:00'],
  ],
  [
    '0 */30 * * * *',
    'Australia/Sydney',
    '2024-04-06T15:10:00Z',
    ['2024-04-07T02:30:00+11:00', '2024-04-07T02:00:00+10:00', '2024-04-07T02:30:00+10:00'],
  ],
])('%j in %s after %s fires at %j', (expression, timeZone, base, expected) => {
  const occurrences = nextOccurrences(schedule(expression), Date.parse(base), timeZone, expected.length);
  expect(occurrences.map((ms) => formatLocalDateTime(ms, timeZone))).toEqual(expected);
  // every occurrence is strictly later than the one before
  [Date.parse(base), ...occurrences].reduce((previous, current) => {
    expect(current).toBeGreaterThan(previous);
    return current;
  });
});

test('a TimeSpan schedule fires the interval after the last occurrence or the start', () => {
  const start = Date.parse('2024-03-09T12:00:00Z');
  const s = schedule('1.00:00:00');
  expect(nextOccurrence(s, start, 'America/New_York')).toBe(start + DAY);
  expect(nextOccurrences(s, start, 'America/New_York', 3)).toEqual([
    start + DAY,
    start + 2 * DAY,
    start + 3 * DAY,
  ]);
});

test('a cron schedule that never fires again has no next occurrence', () => {
  const s = schedule('0 0 0 30 2 *');
  expect(nextOccurrence(s, Date.parse('2024-01-01T00:00:00Z'))).toBeUndefined();
  expect(nextOccurrences(s, Date.parse('2024-01-01T00:00:00Z'), 'UTC', 5)).toEqual([]);
});

test('the time zone defaults to UTC', () => {
  expect(nextOccurrence(schedule('0 30 9 * * *'), Date.parse('2024-07-01T00:00:00Z'))).toBe(
    Date.parse('2024-07-01T09:30:00Z'),
  );
});

test('an unknown time zone is a RangeError', () => {
  expect(() => nextOccurrence(schedule('0 0 * * * *'), 0, 'Mars/Olympus_Mons')).toThrow(RangeError);
});

test('a year of weekday runs in New York is computed quickly', () => {
  const s = schedule('0 30 9 * * Mon-Fri');
  const started = performance.now();
  const occurrences = nextOccurrences(s, Date.parse('2024-01-01T00:00:00Z'), 'America/New_York', 262);
  expect(occurrences).toHaveLength(262);
  expect(formatLocalDateTime(occurrences[261]!, 'America/New_York')).toBe('2024-12-31T09:30:00-05:00');
  expect(performance.now() - started).toBeLessThan(1000);
});
