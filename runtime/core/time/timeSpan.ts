/**
 * .NET `TimeSpan.TryParse` with the invariant culture, returning milliseconds or undefined.
 * Forms: `d`, `hh:mm`, `hh:mm:ss[.fffffff]`, `d.hh:mm[:ss[.fffffff]]`, `d:hh:mm:ss[.fffffff]`.
 * A bare number is days, and `hh:mm:ss` whose hours exceed 23 is read as `d:hh:mm`, so
 * `"24:00:00"` is 24 days: the surprise the timer docs warn about.
 */
export function parseTimeSpan(text: string): number | undefined {
  const t = text.trim();
  const negative = t.startsWith('-');
  const body = negative ? t.slice(1) : t;
  const ms = parseUnsigned(body);
  if (ms === undefined) return undefined;
  return negative ? -ms : ms;
}

const MS_SECOND = 1000;
const MS_MINUTE = 60 * MS_SECOND;
const MS_HOUR = 60 * MS_MINUTE;
const MS_DAY = 24 * MS_HOUR;
const MAX_DAYS = 10675199;

function parseUnsigned(body: string): number | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,8})$/.exec(body))) return days(m[1]!);
  if ((m = /^(\d{1,8})\.(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/.exec(body))) {
    return compose(m[1]!, m[2]!, m[3]!, m[4] ?? '0', m[5]);
  }
  if ((m = /^(\d{1,2}):(\d{1,2})$/.exec(body))) return compose('0', m[1]!, m[2]!, '0', undefined);
  if ((m = /^(\d{1,8}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,7}))?$/.exec(body))) {
    const asTime = compose('0', m[1]!, m[2]!, m[3]!, m[4]);
    if (asTime !== undefined || m[4] !== undefined) return asTime;
    return compose(m[1]!, m[2]!, m[3]!, '0', undefined);
  }
  if ((m = /^(\d{1,8}):(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,7}))?$/.exec(body))) {
    return compose(m[1]!, m[2]!, m[3]!, m[4]!, m[5]);
  }
  return undefined;
}

function days(d: string): number | undefined {
  const n = Number(d);
  return n > MAX_DAYS ? undefined : n * MS_DAY;
}

function compose(
  d: string,
  h: string,
  m: string,
  s: string,
  fraction: string | undefined,
): number | undefined {
  const [dn, hn, mn, sn] = [Number(d), Number(h), Number(m), Number(s)];
  if (dn > MAX_DAYS || hn > 23 || mn > 59 || sn > 59) return undefined;
  const fractionMs = fraction === undefined ? 0 : Number(`0.${fraction}`) * MS_SECOND;
  return dn * MS_DAY + hn * MS_HOUR + mn * MS_MINUTE + sn * MS_SECOND + fractionMs;
}

/** Formats milliseconds as .NET's constant "c" format, e.g. `00:00:30` or `1.02:03:04.5000000`. */
export function formatTimeSpan(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const d = Math.floor(rest / MS_DAY);
  rest -= d * MS_DAY;
  const h = Math.floor(rest / MS_HOUR);
  rest -= h * MS_HOUR;
  const m = Math.floor(rest / MS_MINUTE);
  rest -= m * MS_MINUTE;
  const s = Math.floor(rest / MS_SECOND);
  const ticks = Math.round((rest - s * MS_SECOND) * 10000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const frac = ticks > 0 ? `.${String(ticks).padStart(7, '0')}` : '';
  return `${sign}${d > 0 ? `${d}.` : ''}${pad(h)}:${pad(m)}:${pad(s)}${frac}`;
}
