/**
 * When the timer extension keeps a schedule monitor (the persisted Last/Next status), from
 * `TimerSchedule.Create` and `ShouldDisableScheduleMonitor`.
 */
import { MS_PER_MINUTE, toEpochMs } from './calendar';
import { nextCronWallTime } from './cronSearch';
import { formatCron } from './ncrontab';
import type { CronTimerSchedule, TimerSchedule } from './schedule';
import { wallClockOf } from './timeZone';

/** function.json's `useMonitor` when it is absent. */
export const DEFAULT_USE_MONITOR = true;

/**
 * Whether the monitor is on: never when `useMonitor` is false; for a TimeSpan, only when the
 * interval is at least one minute; for cron, unless it fires more than once a minute.
 *
 * The extension's cron test is narrower than "two occurrences under a minute apart": only when
 * every part after the first of NCrontab's normalized text is `*` does it count occurrences in
 * the minute after now (exclusive) and switch the monitor off at 2 or more. So `* 1-5 * * * *`
 * (every second of five minutes an hour) and `0,30 0 0 * * *` keep their monitor.
 * Because the count starts at now, a 2-value seconds field can see only 1 when now falls exactly
 * on one of its seconds; `nowUtcMs` lets a caller reproduce that. Without it, a base half a
 * second into a minute is used, which is what the host practically always sees.
 */
export function shouldUseMonitor(
  schedule: TimerSchedule,
  useMonitor: boolean = DEFAULT_USE_MONITOR,
  nowUtcMs?: number,
  timeZone = 'UTC',
): boolean {
  if (!useMonitor) return false;
  if (schedule.kind === 'timeSpan') return schedule.intervalMs >= MS_PER_MINUTE;
  const nowWall = nowUtcMs === undefined ? TYPICAL_NOW_WALL : wallClockOf(nowUtcMs, timeZone);
  return !firesMoreThanOnceAMinute(schedule, nowWall);
}

const TYPICAL_NOW_WALL = toEpochMs({ year: 2000, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 500 });

function firesMoreThanOnceAMinute(schedule: CronTimerSchedule, nowWall: number): boolean {
  const parts = formatCron(schedule.cron).split(' ');
  if (!parts.slice(1).every((p) => p === '*')) return false;
  const end = nowWall + MS_PER_MINUTE;
  const first = nextCronWallTime(schedule.cron, nowWall);
  if (first === undefined || first >= end) return false;
  const second = nextCronWallTime(schedule.cron, first);
  return second !== undefined && second < end;
}

/**
 * The schedule's `AdjustForDST`, sent to handlers in `TimerInfo.Schedule`: true for cron,
 * false for a TimeSpan.
 */
export function adjustForDst(schedule: TimerSchedule): boolean {
  return schedule.kind === 'cron';
}
