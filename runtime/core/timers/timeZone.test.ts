import { expect, test } from 'vitest';
import {
  instantsAtWallClock,
  isAmbiguousWallClock,
  isValidTimeZone,
  resolveWallClock,
  utcOffsetAt,
  wallClockOf,
} from './timeZone';

const wall = (text: string) => Date.parse(`${text}Z`);
const iso = (ms: number) => new Date(ms).toISOString();

test.each([
  ['2024-11-03T01:30:00', 'America/New_York', ['2024-11-03T05:30:00.000Z', '2024-11-03T06:30:00.000Z']],
  ['2024-11-03T00:59:59', 'America/New_York', ['2024-11-03T04:59:59.000Z']],
  ['2024-11-03T01:00:00', 'America/New_York', ['2024-11-03T05:00:00.000Z', '2024-11-03T06:00:00.000Z']],
  ['2024-11-03T02:00:00', 'America/New_York', ['2024-11-03T07:00:00.000Z']],
  ['2024-03-10T02:30:00', 'America/New_York', []],
  ['2024-03-10T03:00:00', 'America/New_York', ['2024-03-10T07:00:00.000Z']],
  ['2024-10-27T01:30:00', 'Europe/London', ['2024-10-27T00:30:00.000Z', '2024-10-27T01:30:00.000Z']],
  ['2024-03-31T01:30:00', 'Europe/London', []],
  ['2024-03-31T01:30:00', 'UTC', ['2024-03-31T01:30:00.000Z']],
])('local %s in %s is the instants %j', (local, timeZone, instants) => {
  expect(instantsAtWallClock(wall(local), timeZone).map(iso)).toEqual(instants);
  expect(isAmbiguousWallClock(wall(local), timeZone)).toBe(instants.length === 2);
});

test.each([
  // ambiguous: standard time, the later instant
  ['2024-11-03T01:30:00', 'America/New_York', '2024-11-03T06:30:00.000Z'],
  // in the gap: the offset before it, so the reading moves on by the gap
  ['2024-03-10T02:30:00', 'America/New_York', '2024-03-10T07:30:00.000Z'],
  ['2024-03-31T01:30:00', 'Europe/London', '2024-03-31T01:30:00.000Z'],
  ['2024-07-01T12:00:00', 'Europe/London', '2024-07-01T11:00:00.000Z'],
])('local %s in %s resolves as .NET does to %s', (local, timeZone, instant) => {
  expect(iso(resolveWallClock(wall(local), timeZone))).toBe(instant);
});

test('offsets and local readings keep milliseconds', () => {
  const instant = Date.parse('2024-07-01T12:00:00.123Z');
  expect(iso(wallClockOf(instant, 'America/New_York'))).toBe('2024-07-01T08:00:00.123Z');
  expect(utcOffsetAt(instant, 'America/New_York')).toBe(-4 * 3_600_000);
});

test('time zone names are checked by Intl', () => {
  expect(isValidTimeZone('Europe/London')).toBe(true);
  expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
});
