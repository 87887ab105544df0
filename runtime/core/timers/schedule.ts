/**
 * Timer schedules as the timer extension builds them (`TimerSchedule.Create`): the expression is
 * tried as NCrontab first, then as a .NET TimeSpan, and is an error when it is neither.
 * Times are UTC milliseconds; occurrences are computed in an IANA time zone, the host's local zone.
 */
import { parseTimeSpan } from '../time/timeSpan';
import type { CronExpression } from './ncrontab';
import { nextCronWallTime } from './cronSearch';
import { formatCron, parseCron } from './ncrontab';
import { isAmbiguousWallClock, resolveWallClock, utcOffsetAt, wallClockOf } from './timeZone';

export interface CronTimerSchedule {
  readonly kind: 'cron';
  readonly expression: string;
  readonly cron: CronExpression;
  /**
   * The extension's `CronSchedule.IsInterval`: true when the second, minute or hour field of
   * NCrontab's normalized text holds `*` or a range (`-`), e.g. `0 *∕5 * * * *` or `0 0 9-17 * * *`.
   * Such schedules run through both passes of a fall-back hour; point-in-time ones run once.
   * `0 0,30 9 * * *` is not an interval (no two values adjacent), even written `0 *∕30 9 * * *`.
   */
  readonly isInterval: boolean;
}

export interface TimeSpanTimerSchedule {
  readonly kind: 'timeSpan';
  readonly expression: string;
  /** May be zero or negative: .NET's TimeSpan.TryParse accepts both and so does the host. */
  readonly intervalMs: number;
}

export type TimerSchedule = CronTimerSchedule | TimeSpanTimerSchedule;

export type ScheduleParseResult =
  | { ok: true; schedule: TimerSchedule }
  | {
      ok: false;
      /** Why each reading failed, for people. */
      error: string;
      /** The host's exact message, for logs that should match it. */
      hostMessage: string;
    };

export function parseSchedule(expression: string): ScheduleParseResult {
  const cron = parseCron(expression);
  if (cron.ok) {
    return {
      ok: true,
      schedule: { kind: 'cron', expression, cron: cron.cron, isInterval: isIntervalCron(cron.cron) },
    };
  }
  const intervalMs = parseTimeSpan(expression);
  if (intervalMs !== undefined) {
    return { ok: true, schedule: { kind: 'timeSpan', expression, intervalMs } };
  }
  const hostMessage = `The schedule expression '${expression}' was not recognized as a valid cron expression or timespan string.`;
  return {
    ok: false,
    hostMessage,
    error:
      `${hostMessage} As cron: ${cron.error}. As a TimeSpan: it is not in a .NET TimeSpan format ` +
      `such as 'hh:mm:ss', 'd.hh:mm:ss' or a whole number of days.`,
  };
}

function isIntervalCron(cron: CronExpression): boolean {
  const parts = formatCron(cron).split(' ');
  const checked = parts.length === 6 ? 3 : 2;
  return parts.slice(0, checked).some((p) => p.includes('*') || p.includes('/') || p.includes('-'));
}

/**
 * The first occurrence strictly after `afterUtcMs`, or undefined when a cron schedule never fires
 * again (e.g. `0 0 0 30 2 *`). A TimeSpan schedule's next occurrence is `afterUtcMs + interval`:
 * pass the last occurrence, or the start time when there is none. (The host adds the interval to
 * a local DateTime, which is not reproduced: across a DST change its Next can differ from this by
 * the DST shift.) A zero or negative TimeSpan does not move forward; the host
 * accepts one and then fires without pause. Throws RangeError for an unknown time zone.
 */
export function nextOccurrence(
  schedule: TimerSchedule,
  afterUtcMs: number,
  timeZone = 'UTC',
): number | undefined {
  if (schedule.kind === 'timeSpan') return afterUtcMs + schedule.intervalMs;
  return nextCronOccurrence(schedule, afterUtcMs, timeZone);
}

/** `count` occurrences, each computed from the one before, as `TimerSchedule.GetNextOccurrences` does. */
export function nextOccurrences(
  schedule: TimerSchedule,
  afterUtcMs: number,
  timeZone: string,
  count: number,
): number[] {
  const result: number[] = [];
  let base = afterUtcMs;
  while (result.length < count) {
    const next = nextOccurrence(schedule, base, timeZone);
    if (next === undefined) break;
    result.push(next);
    base = next;
  }
  return result;
}

/**
 * `CronSchedule.GetNextOccurrence`: NCrontab runs on the local reading of "now", and its answer
 * (a local reading) is turned back into an instant the .NET way (`resolveWallClock`), which moves
 * a time inside a spring-forward gap forward by the gap: a 02:30 run happens at 03:30.
 * Then `TryAdjustAmbiguousTime` handles fall-back, in three cases:
 * 1. point in time, next ambiguous, offsets of now and next differ (now still in DST): move next
 *    by the offset difference, i.e. run at the first pass of the hour, not the second;
 * 2. point in time, next ambiguous, same offset (already past the fall-back): skip every
 *    ambiguous reading, so the second pass never runs;
 * 3. interval, now or next ambiguous, offsets differ: move next by the offset difference, so an
 *    every-30-minutes schedule runs 01:00 EDT, 01:30 EDT, 01:00 EST, 01:30 EST, 02:00 EST.
 * Case 3 is applied even when next is a day away, as the extension does: `0 0-5 1 * * *` at
 * 01:05 EDT on fall-back day gets 00:00 EST the next day. Kept for fidelity.
 */
function nextCronOccurrence(
  schedule: CronTimerSchedule,
  afterUtcMs: number,
  timeZone: string,
): number | undefined {
  const nowWall = wallClockOf(afterUtcMs, timeZone);
  const nextWall = nextCronWallTime(schedule.cron, nowWall);
  if (nextWall === undefined) return undefined;
  const next = resolveWallClock(nextWall, timeZone);

  const nowAmbiguous = isAmbiguousWallClock(nowWall, timeZone);
  const nextAmbiguous = isAmbiguousWallClock(wallClockOf(next, timeZone), timeZone);
  if (!nowAmbiguous && !nextAmbiguous) return next;

  const offsetShift = utcOffsetAt(next, timeZone) - utcOffsetAt(afterUtcMs, timeZone);
  if (!schedule.isInterval && nextAmbiguous) {
    if (offsetShift !== 0) return next + offsetShift;
    let wall: number | undefined = wallClockOf(next, timeZone);
    while (wall !== undefined && isAmbiguousWallClock(wall, timeZone)) {
      wall = nextCronWallTime(schedule.cron, wall);
    }
    return wall === undefined ? undefined : resolveWallClock(wall, timeZone);
  }
  if (schedule.isInterval && offsetShift !== 0) return next + offsetShift;
  return next;
}
