/**
 * The TimerInfo value a timer-triggered handler receives in `Data.<name>`:
 * `{"Schedule":{"AdjustForDST":…},"ScheduleStatus":{"Last","Next","LastUpdated"}|null,"IsPastDue":…}`.
 */
import type { JsonObject } from '../json/jsonNode';
import { jsonBool, jsonNull, jsonObject, jsonString } from '../json/jsonNode';
import { MS_PER_HOUR, MS_PER_MINUTE, fromEpochMs, toEpochMs } from './calendar';
import { adjustForDst } from './monitor';
import type { TimerSchedule } from './schedule';
import { resolveWallClock, utcOffsetAt, wallClockOf } from './timeZone';

/**
 * The monitor's record, as UTC ms. `null` stands for .NET's `default(DateTime)`, which a fresh
 * monitor with no history has in `Last` and `LastUpdated`.
 */
export interface ScheduleStatus {
  readonly last: number | null;
  readonly next: number;
  readonly lastUpdated: number | null;
}

export interface TimerInfoInput {
  readonly schedule: TimerSchedule;
  /** null when the monitor is off (see `shouldUseMonitor`): handlers then get `"ScheduleStatus":null`. */
  readonly status: ScheduleStatus | null;
  readonly isPastDue: boolean;
  /** The host's local zone, which the dates are written in. Default 'UTC', as in Azure. */
  readonly timeZone?: string;
}

/** The status a monitor starts with before any run: never ran, due at `next`. */
export function freshScheduleStatus(next: number): ScheduleStatus {
  return { last: null, next, lastUpdated: null };
}

export function timerInfoJson(input: TimerInfoInput): JsonObject {
  const timeZone = input.timeZone ?? 'UTC';
  const status = input.status;
  return jsonObject([
    ['Schedule', jsonObject([['AdjustForDST', jsonBool(adjustForDst(input.schedule))]])],
    [
      'ScheduleStatus',
      status === null
        ? jsonNull
        : jsonObject([
            ['Last', jsonString(formatLocalDateTime(status.last, timeZone))],
            ['Next', jsonString(formatLocalDateTime(status.next, timeZone))],
            ['LastUpdated', jsonString(formatLocalDateTime(status.lastUpdated, timeZone))],
          ]),
    ],
    ['IsPastDue', jsonBool(input.isPastDue)],
  ]);
}

const DEFAULT_DATE_TIME_WALL = toEpochMs({ year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0 });

/**
 * A local-kind DateTime as Json.NET writes it: `yyyy-MM-ddTHH:mm:ss.FFFFFFF±HH:MM`, the fraction
 * without trailing zeros and left out when zero (only milliseconds exist here, so at most 3
 * digits), and the offset's hours and minutes truncated as Json.NET does (an LMT offset of
 * -04:56:02 is written -04:56).
 * `null` is `default(DateTime)`, 0001-01-01T00:00:00 local: `0001-01-01T00:00:00+00:00` in UTC.
 */
export function formatLocalDateTime(utcMs: number | null, timeZone = 'UTC'): string {
  const instant = utcMs ?? resolveWallClock(DEFAULT_DATE_TIME_WALL, timeZone);
  const t = fromEpochMs(wallClockOf(instant, timeZone));
  const date = `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}`;
  const time = `${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}`;
  const fraction = t.ms === 0 ? '' : `.${pad(t.ms, 3).replace(/0+$/, '')}`;
  return `${date}T${time}${fraction}${formatOffset(utcOffsetAt(instant, timeZone))}`;
}

function formatOffset(offsetMs: number): string {
  const abs = Math.abs(offsetMs);
  const hours = Math.floor(abs / MS_PER_HOUR);
  const minutes = Math.floor((abs % MS_PER_HOUR) / MS_PER_MINUTE);
  return `${offsetMs < 0 ? '-' : '+'}${pad(hours, 2)}:${pad(minutes, 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
