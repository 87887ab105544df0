import { expect, test } from 'vitest';
import { tokenEndColumn } from './markerRange';

test.each([
  ['      "direction": "in",', 7, 18],
  ['  "a\\"b": 1', 3, 9],
  ['  "open', 3, 8],
  ['  "x": 12345,', 8, 13],
  ['  "x": true }', 8, 12],
  ['{', 1, 2],
  ['', 1, 2],
  ['  "x": ,', 8, 9],
])('tokenEndColumn(%j, %i) = %i', (line, column, end) => {
  expect(tokenEndColumn(line, column)).toBe(end);
});
