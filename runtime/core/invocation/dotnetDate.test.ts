import { expect, test } from 'vitest';
import { formatUtcDateTime } from './dotnetDate';

/** The form written straight from a Date, which the cached whole seconds must reproduce. */
function reference(ms: number, extraTicks = 0): string {
  const d = new Date(ms);
  const fraction = (
    String(d.getUTCMilliseconds()).padStart(3, '0') + String(extraTicks).padStart(4, '0')
  ).replace(/0+$/, '');
  return `${d.toISOString().slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

test('UtcNow text: the same as from a Date, across seconds, before 1970 and with fractional input', () => {
  const base = Date.UTC(2024, 4, 1, 10, 15, 0, 0);
  const times = [base, base + 1, base + 999, base + 1000, base - 1, base + 120.7, -1, -1500.5, 0, 1e12 + 5];
  for (const ms of times)
    for (const ticks of [0, 1, 4567, 9999]) expect(formatUtcDateTime(ms, ticks)).toBe(reference(ms, ticks));
  // The same second again, after another one: the cache follows.
  expect(formatUtcDateTime(base + 5, 10)).toBe(reference(base + 5, 10));
  expect(() => formatUtcDateTime(NaN)).toThrow(RangeError);
});
