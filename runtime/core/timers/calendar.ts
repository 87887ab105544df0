/**
 * Proleptic Gregorian calendar arithmetic on plain numbers, for years 1–9999 (.NET's DateTime range).
 *
 * A "wall-clock time" in this folder is a local reading (year, month, day, hour, minute, second, ms)
 * encoded as the milliseconds that reading would be if it were UTC. That lets the cron search work
 * on local readings with integer arithmetic, as NCrontab does on a `DateTime`, and leaves time
 * zones to `timeZone.ts`.
 */

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60 * MS_PER_SECOND;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;

/** .NET's `DateTime.MaxValue.Year`: NCrontab stops searching past it. */
export const MAX_YEAR = 9999;

/** A calendar reading. `month` is 1–12 and `day` 1–31, as in cron, not JavaScript's 0-based month. */
export interface CivilTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly ms: number;
}

// Howard Hinnant's days_from_civil / civil_from_days. Date.UTC is avoided because it maps
// years 0–99 to 1900–1999, and .NET's default DateTime is in year 1.
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function toEpochMs(t: Omit<CivilTime, 'ms'> & { ms?: number }): number {
  const days = daysFromCivil(t.year, t.month, t.day);
  return (
    days * MS_PER_DAY +
    t.hour * MS_PER_HOUR +
    t.minute * MS_PER_MINUTE +
    t.second * MS_PER_SECOND +
    (t.ms ?? 0)
  );
}

export function fromEpochMs(epochMs: number): CivilTime {
  const days = Math.floor(epochMs / MS_PER_DAY);
  let rest = epochMs - days * MS_PER_DAY;
  const hour = Math.floor(rest / MS_PER_HOUR);
  rest -= hour * MS_PER_HOUR;
  const minute = Math.floor(rest / MS_PER_MINUTE);
  rest -= minute * MS_PER_MINUTE;
  const second = Math.floor(rest / MS_PER_SECOND);
  return { ...civilFromDays(days), hour, minute, second, ms: rest - second * MS_PER_SECOND };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** 0 = Sunday … 6 = Saturday, as cron and .NET's `DayOfWeek` number them. */
export function dayOfWeek(year: number, month: number, day: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((daysFromCivil(year, month, day) + 4) % 7) + 7) % 7;
}
