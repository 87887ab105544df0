/** Finding a cron expression's next occurrence on the wall clock, as NCrontab's `GetNextOccurrence`. */
import { MAX_YEAR, MS_PER_SECOND, dayOfWeek, daysInMonth, fromEpochMs, toEpochMs } from './calendar';
import type { CronExpression, CronField } from './ncrontab';

/**
 * The first wall-clock time (see `calendar.ts`) strictly after `afterWallMs` that matches every
 * field, to the whole second as NCrontab computes it; undefined when there is none up to year 9999.
 * Skips whole months, days, hours and minutes that cannot match instead of stepping by seconds.
 */
export function nextCronWallTime(cron: CronExpression, afterWallMs: number): number | undefined {
  const start = fromEpochMs(Math.floor(afterWallMs / MS_PER_SECOND) * MS_PER_SECOND + MS_PER_SECOND);
  let { year, month, day, hour, minute, second } = start;
  // Month, day and weekday patterns repeat every 400 Gregorian years, so a schedule that has not
  // matched within 401 years never will (e.g. 30 February).
  const lastYear = Math.min(MAX_YEAR, start.year + 401);

  while (year <= lastYear) {
    const m = nextValue(cron.month, month);
    if (m === undefined) {
      [year, month, day, hour, minute, second] = [year + 1, 1, 1, 0, 0, 0];
      continue;
    }
    if (m !== month) [month, day, hour, minute, second] = [m, 1, 0, 0, 0];

    const d = nextValue(cron.day, day);
    if (d === undefined || d > daysInMonth(year, month)) {
      [month, day, hour, minute, second] = [month + 1, 1, 0, 0, 0];
      continue;
    }
    if (d !== day) [day, hour, minute, second] = [d, 0, 0, 0];
    if (!cron.dayOfWeek.values.includes(dayOfWeek(year, month, day))) {
      [day, hour, minute, second] = [day + 1, 0, 0, 0];
      continue;
    }

    const h = nextValue(cron.hour, hour);
    if (h === undefined) {
      [day, hour, minute, second] = [day + 1, 0, 0, 0];
      continue;
    }
    if (h !== hour) [hour, minute, second] = [h, 0, 0];

    const mi = nextValue(cron.minute, minute);
    if (mi === undefined) {
      [hour, minute, second] = [hour + 1, 0, 0];
      continue;
    }
    if (mi !== minute) [minute, second] = [mi, 0];

    const s = nextValue(cron.second, second);
    if (s === undefined) {
      [minute, second] = [minute + 1, 0];
      continue;
    }
    return toEpochMs({ year, month, day, hour, minute, second: s });
  }
  return undefined;
}

function nextValue(field: CronField, from: number): number | undefined {
  return field.values.find((v) => v >= from);
}
