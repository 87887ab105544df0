import { expect, test } from 'vitest';
import { dayOfWeek, daysFromCivil, daysInMonth, fromEpochMs, toEpochMs } from './calendar';

test.each([1, 1582, 1900, 1970, 2000, 2024, 9999])(
  'calendar arithmetic agrees with Date in year %d',
  (year) => {
    for (let month = 1; month <= 12; month++) {
      const date = new Date(0);
      date.setUTCFullYear(year, month - 1, 17);
      expect(daysFromCivil(year, month, 17) * 86_400_000).toBe(date.getTime());
      expect(dayOfWeek(year, month, 17)).toBe(date.getUTCDay());
      expect(fromEpochMs(date.getTime() + 45_296_789)).toEqual({
        year,
        month,
        day: 17,
        hour: 12,
        minute: 34,
        second: 56,
        ms: 789,
      });
      expect(toEpochMs({ year, month, day: 17, hour: 12, minute: 34, second: 56, ms: 789 })).toBe(
        date.getTime() + 45_296_789,
      );
    }
  },
);

test.each([
  [2024, 2, 29],
  [2023, 2, 28],
  [2000, 2, 29],
  [1900, 2, 28],
  [2024, 4, 30],
  [2024, 12, 31],
])('%d-%d has %d days', (year, month, days) => {
  expect(daysInMonth(year, month)).toBe(days);
});
