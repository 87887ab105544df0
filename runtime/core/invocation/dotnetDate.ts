/**
 * Json.NET's ISO form for a UTC DateTime: `yyyy-MM-ddTHH:mm:ss.FFFFFFFZ`, trailing zeros of
 * the fraction dropped. `extraTicks` (0-9999, 100 ns units) adds sub-millisecond digits, since
 * JavaScript clocks stop at milliseconds and the real host prints seven digits.
 */
export function formatUtcDateTime(ms: number, extraTicks = 0): string {
  // The whole seconds change once a second, and every invocation writes one of these.
  const t = Math.trunc(ms); // as Date does
  const second = Math.floor(t / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedSeconds = new Date(second * 1000).toISOString().slice(0, 19);
  }
  const millis = t - second * 1000;
  const fraction = (String(millis).padStart(3, '0') + String(extraTicks).padStart(4, '0')).replace(/0+$/, '');
  return `${cachedSeconds}${fraction ? `.${fraction}` : ''}Z`;
}

let cachedSecond = NaN;
let cachedSeconds = '';

/** A DateTimeOffset as the payload carries it: whole seconds, with the offset (`+00:00` for UTC). */
export function formatDateTimeOffsetSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}
