/**
 * IANA time zones through `Intl.DateTimeFormat` alone, and the way .NET's `TimeZoneInfo` turns a
 * local reading back into an instant. Wall-clock times are encoded as in `calendar.ts`.
 */
import { MS_PER_DAY, toEpochMs } from './calendar';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // Throws RangeError for an unknown zone, which is the caller's error to report.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function isUtc(timeZone: string): boolean {
  return timeZone === 'UTC' || timeZone === 'Etc/UTC';
}

/** The local reading of an instant in `timeZone`, milliseconds included. */
export function wallClockOf(utcMs: number, timeZone: string): number {
  if (isUtc(timeZone)) return utcMs;
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(utcMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const ms = ((utcMs % 1000) + 1000) % 1000;
  return toEpochMs({
    year: fields['year'] ?? 0,
    month: fields['month'] ?? 1,
    day: fields['day'] ?? 1,
    hour: fields['hour'] ?? 0,
    minute: fields['minute'] ?? 0,
    second: fields['second'] ?? 0,
    ms,
  });
}

/** Local minus UTC at an instant, in ms (negative west of Greenwich; may hold seconds for LMT). */
export function utcOffsetAt(utcMs: number, timeZone: string): number {
  return wallClockOf(utcMs, timeZone) - utcMs;
}

/**
 * The instants whose local reading is `wallMs`, ascending: one normally, two in a fall-back
 * overlap, none in a spring-forward gap. Assumes at most one offset change within a day either
 * side, which holds for every real zone.
 */
export function instantsAtWallClock(wallMs: number, timeZone: string): number[] {
  if (isUtc(timeZone)) return [wallMs];
  const offsets = new Set([
    utcOffsetAt(wallMs - MS_PER_DAY, timeZone),
    utcOffsetAt(wallMs, timeZone),
    utcOffsetAt(wallMs + MS_PER_DAY, timeZone),
  ]);
  const instants = [...offsets]
    .map((offset) => wallMs - offset)
    .filter((utcMs) => wallClockOf(utcMs, timeZone) === wallMs);
  return [...new Set(instants)].sort((a, b) => a - b);
}

/** .NET `TimeZoneInfo.IsAmbiguousTime` for a local reading: it occurs twice. */
export function isAmbiguousWallClock(wallMs: number, timeZone: string): boolean {
  return instantsAtWallClock(wallMs, timeZone).length > 1;
}

/**
 * A local reading to an instant, as `new DateTimeOffset(localDateTime)` does in .NET:
 * - an ambiguous reading is taken as standard time, which in a fall-back overlap is the later
 *   instant (the second 01:30);
 * - a reading in a spring-forward gap gets the standard offset, i.e. the one in force before the
 *   gap, so 02:30 on the New York spring-forward day becomes 07:30Z = 03:30 EDT.
 * .NET says "standard offset"; Intl cannot name it, so the later instant and the pre-gap offset
 * stand in for it. They agree for DST transitions; they could differ only where a zone changed
 * its base offset.
 */
export function resolveWallClock(wallMs: number, timeZone: string): number {
  const instants = instantsAtWallClock(wallMs, timeZone);
  const last = instants[instants.length - 1];
  if (last !== undefined) return last;
  return wallMs - utcOffsetAt(wallMs - MS_PER_DAY, timeZone);
}

/**
 * The zone timers run in: `WEBSITE_TIME_ZONE`, then `TZ`, then the machine's, as the host's
 * process-local time does. An unknown configured zone falls back to UTC with a warning.
 */
export function timerTimeZone(
  configured: string | undefined,
  machineZone: string,
): { zone: string; warning?: string } {
  if (configured && isValidTimeZone(configured)) return { zone: configured };
  if (configured)
    return {
      zone: 'UTC',
      warning: `The time zone '${configured}' (WEBSITE_TIME_ZONE/TZ) is not a known IANA zone; timers use UTC.`,
    };
  return { zone: machineZone || 'UTC' };
}
