/** Times for the timers and queues views, relative to the host's clock (which fast-forwarding moves). */

const UNITS = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
] as const;

/** A span in its two largest units, rounded down: `2d 3h`, `4m 12s`, `12s`, `0s`. */
export function formatSpan(ms: number): string {
  let rest = Math.floor(Math.abs(ms));
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || parts.length > 0) parts.push(`${n}${unit}`);
    if (parts.length === 2) break;
  }
  const shown = parts.filter((p, i) => i === 0 || !p.startsWith('0'));
  return shown.length === 0 ? '0s' : shown.join(' ');
}

/** `in 4m 12s`, `3s ago` or `now` (within a second). */
export function formatRelative(targetMs: number, nowMs: number): string {
  const diff = targetMs - nowMs;
  if (Math.abs(diff) < 1000) return 'now';
  return diff > 0 ? `in ${formatSpan(diff)}` : `${formatSpan(diff)} ago`;
}

/** `clock +2d 3h` when fast-forwarding moved the host's clock ahead; `undefined` otherwise. */
export function formatClockOffset(offsetMs: number): string | undefined {
  return offsetMs >= 1000 ? `clock +${formatSpan(offsetMs)}` : undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat | undefined>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
  if (!formatters.has(timeZone)) {
    let formatter: Intl.DateTimeFormat | undefined;
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        weekday: 'short',
      });
    } catch {
      formatter = undefined;
    }
    formatters.set(timeZone, formatter);
  }
  return formatters.get(timeZone);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const two = (n: number) => String(n).padStart(2, '0');

/**
 * UTC from Date's own getters: a time-zone formatter costs the first call ~100-200 ms of ICU
 * zone data on the page's main thread, and most apps' timers run in UTC.
 */
function formatUtc(epochMs: number): string {
  const d = new Date(epochMs);
  return (
    `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`
  );
}

/**
 * An instant as the wall clock of a time zone reads it: `Fri 2026-11-20 23:47:20`. A zone this
 * browser does not know is shown in UTC, and `zone` says so.
 */
export function formatInZone(epochMs: number, timeZone: string): { text: string; zone: string } {
  const formatter = timeZone === 'UTC' ? undefined : formatterFor(timeZone);
  if (!formatter) return { text: formatUtc(epochMs), zone: 'UTC' };
  const part: Record<string, string> = {};
  for (const p of formatter.formatToParts(new Date(epochMs))) part[p.type] = p.value;
  return {
    text: `${part.weekday} ${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`,
    zone: timeZone,
  };
}
