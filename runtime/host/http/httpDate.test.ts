import { describe, expect, test } from 'vitest';
import { httpDate } from './httpDate';

describe('httpDate', () => {
  test('RFC 1123 in GMT, as Node writes its Date header', () => {
    expect(httpDate(Date.UTC(2024, 4, 1, 10, 0, 0))).toBe('Wed, 01 May 2024 10:00:00 GMT');
    expect(httpDate(Date.UTC(1999, 11, 31, 23, 59, 59, 999))).toBe('Fri, 31 Dec 1999 23:59:59 GMT');
  });

  test('the value changes with the second, not within it', () => {
    const start = Date.UTC(2024, 0, 2, 3, 4, 5);
    expect(httpDate(start + 999)).toBe('Tue, 02 Jan 2024 03:04:05 GMT');
    expect(httpDate(start)).toBe('Tue, 02 Jan 2024 03:04:05 GMT');
    expect(httpDate(start + 1000)).toBe('Tue, 02 Jan 2024 03:04:06 GMT');
    // Going back a second is honoured too (the cache is keyed by the second, not monotonic).
    expect(httpDate(start - 1)).toBe('Tue, 02 Jan 2024 03:04:04 GMT');
  });
});
