import { expect, test } from 'vitest';
import { formatTimeSpan, parseTimeSpan } from './timeSpan';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

test.each([
  ['00:00:30', 30 * S],
  ['00:05:00', 5 * M],
  ['01:30', H + 30 * M],
  ['5', 5 * D],
  ['24:00:00', 24 * D],
  ['1.02:03:04', D + 2 * H + 3 * M + 4 * S],
  ['1:02:03:04', D + 2 * H + 3 * M + 4 * S],
  ['00:00:01.5', 1.5 * S],
  ['-00:00:01', -S],
  [' 00:01:00 ', M],
])('%j parses to %d ms', (text, ms) => {
  expect(parseTimeSpan(text)).toBe(ms);
});

test.each(['', 'abc', '24:00', '00:60:00', '1:2:3:4:5', '00:00:00.12345678', '1h'])(
  '%j is not a TimeSpan',
  (text) => {
    expect(parseTimeSpan(text)).toBeUndefined();
  },
);

test('formats like .NET "c"', () => {
  expect(formatTimeSpan(30 * S)).toBe('00:00:30');
  expect(formatTimeSpan(24 * D)).toBe('24.00:00:00');
  expect(formatTimeSpan(D + 2 * H + 3 * M + 4.5 * S)).toBe('1.02:03:04.5000000');
});
