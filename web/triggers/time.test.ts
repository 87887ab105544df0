import { describe, expect, test } from 'vitest';
import { formatClockOffset, formatInZone, formatRelative, formatSpan } from './time';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('formatSpan', () => {
  test('shows the two largest units, rounded down', () => {
    expect(formatSpan(0)).toBe('0s');
    expect(formatSpan(999)).toBe('0s');
    expect(formatSpan(12 * s + 900)).toBe('12s');
    expect(formatSpan(4 * m + 12 * s)).toBe('4m 12s');
    expect(formatSpan(3 * h + 5 * m + 59 * s)).toBe('3h 5m');
    expect(formatSpan(2 * d + 3 * h + 4 * m)).toBe('2d 3h');
    expect(formatSpan(400 * d)).toBe('400d');
  });

  test('drops a zero second unit', () => {
    expect(formatSpan(2 * d + 5 * m)).toBe('2d');
    expect(formatSpan(h + 30 * s)).toBe('1h');
    expect(formatSpan(m)).toBe('1m');
  });

  test('ignores the sign', () => {
    expect(formatSpan(-(4 * m + 12 * s))).toBe('4m 12s');
  });
});

describe('formatRelative', () => {
  const now = 1_795_218_435_271;
  test('says in how long, or how long ago', () => {
    expect(formatRelative(now + 7 * s + 100, now)).toBe('in 7s');
    expect(formatRelative(now - 3 * s, now)).toBe('3s ago');
    expect(formatRelative(now + 2 * d + 3 * h, now)).toBe('in 2d 3h');
    expect(formatRelative(now - 61 * m, now)).toBe('1h 1m ago');
  });

  test('says now within a second', () => {
    expect(formatRelative(now, now)).toBe('now');
    expect(formatRelative(now + 999, now)).toBe('now');
    expect(formatRelative(now - 999, now)).toBe('now');
  });
});

describe('formatClockOffset', () => {
  test('shows how far the clock was moved ahead', () => {
    expect(formatClockOffset(0)).toBeUndefined();
    expect(formatClockOffset(500)).toBeUndefined();
    expect(formatClockOffset(2 * d + 3 * h + 10 * s)).toBe('clock +2d 3h');
    expect(formatClockOffset(10 * s)).toBe('clock +10s');
  });
});

describe('formatInZone', () => {
  const instant = Date.UTC(2026, 10, 20, 23, 47, 20, 500);
  test('reads the wall clock of the time zone', () => {
    expect(formatInZone(instant, 'UTC')).toEqual({ text: 'Fri 2026-11-20 23:47:20', zone: 'UTC' });
    expect(formatInZone(instant, 'America/New_York')).toEqual({
      text: 'Fri 2026-11-20 18:47:20',
      zone: 'America/New_York',
    });
    expect(formatInZone(instant, 'Asia/Tokyo')).toEqual({
      text: 'Sat 2026-11-21 08:47:20',
      zone: 'Asia/Tokyo',
    });
  });

  test('follows daylight saving time', () => {
    expect(formatInZone(Date.UTC(2026, 6, 1, 12), 'Europe/Berlin').text).toBe('Wed 2026-07-01 14:00:00');
    expect(formatInZone(Date.UTC(2026, 0, 1, 12), 'Europe/Berlin').text).toBe('Thu 2026-01-01 13:00:00');
  });

  test('falls back to UTC for a zone it does not know, and says so', () => {
    expect(formatInZone(instant, 'Not/A_Zone')).toEqual({ text: 'Fri 2026-11-20 23:47:20', zone: 'UTC' });
  });

  test('shows midnight as 00, not 24', () => {
    expect(formatInZone(Date.UTC(2026, 0, 2, 0, 0, 0), 'UTC').text).toBe('Fri 2026-01-02 00:00:00');
  });

  test('reads UTC as an Intl formatter in UTC does, without one', () => {
    // 'Etc/UTC' is the same clock, read through Intl's formatter.
    const viaIntl = (ms: number) => formatInZone(ms, 'Etc/UTC').text;
    const instants = [
      Date.UTC(2028, 1, 29, 23, 59, 59, 999),
      Date.UTC(2026, 11, 31, 23, 59, 59),
      Date.UTC(2027, 0, 1, 0, 0, 0),
      Date.UTC(1999, 8, 9, 9, 9, 9),
      ...Array.from({ length: 40 }, (_, i) => Date.UTC(2026, 0, 1) + i * 997 * 60 * 60 * 1000 + i * 61_003),
    ];
    for (const at of instants) expect(formatInZone(at, 'UTC')).toEqual({ text: viaIntl(at), zone: 'UTC' });
  });
});
