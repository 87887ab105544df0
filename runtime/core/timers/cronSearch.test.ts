import { expect, test } from 'vitest';
import { nextCronWallTime } from './cronSearch';
import type { CronExpression } from './ncrontab';
import { parseCron } from './ncrontab';

function cron(text: string): CronExpression {
  const result = parseCron(text);
  if (!result.ok) throw new Error(result.error);
  return result.cron;
}

/** Wall-clock readings are written as ISO text without a zone. */
function next(expression: string, base: string): string | undefined {
  const ms = nextCronWallTime(cron(expression), Date.parse(`${base}Z`));
  return ms === undefined ? undefined : new Date(ms).toISOString().slice(0, 19);
}

test.each([
  // minutes, 5 fields
  ['2003-01-01T00:00:00', '* * * * *', '2003-01-01T00:01:00'],
  ['2003-01-01T23:59:00', '* * * * *', '2003-01-02T00:00:00'],
  ['2003-12-31T23:59:00', '* * * * *', '2004-01-01T00:00:00'],
  ['2003-02-28T23:59:00', '* * * * *', '2003-03-01T00:00:00'],
  ['2004-02-28T23:59:00', '* * * * *', '2004-02-29T00:00:00'],
  ['2003-01-01T00:49:00', '45-47,48,49 * * * *', '2003-01-01T01:45:00'],
  ['2003-01-01T00:57:00', '2/5 * * * *', '2003-01-01T01:02:00'],
  // seconds, 6 fields
  ['2003-01-01T00:00:00', '45 * * * * *', '2003-01-01T00:00:45'],
  ['2003-01-01T00:00:49', '45-47,48,49 * * * * *', '2003-01-01T00:01:45'],
  ['2003-01-01T00:00:57', '2/5 * * * * *', '2003-01-01T00:01:02'],
  ['2003-01-01T00:57:30', '9 2/5 * * * *', '2003-01-01T01:02:09'],
  ['2021-02-24T09:50:35', '* 0-1 10 * * *', '2021-02-24T10:00:00'],
  ['2021-02-24T09:50:35', '* 55 * * * *', '2021-02-24T09:55:00'],
  ['2024-12-31T23:59:59', '* * * * * *', '2025-01-01T00:00:00'],
  // strictly after the base, and sub-second bases count from the whole second
  ['2024-01-01T00:00:00', '0 0 0 * * *', '2024-01-02T00:00:00'],
  ['2024-01-01T00:00:00.500', '* * * * * *', '2024-01-01T00:00:01'],
  ['2024-01-01T00:00:00.999', '0 * * * * *', '2024-01-01T00:01:00'],
  // hours, ranges with steps
  ['2003-12-20T10:00:00', '* 3/4 * * *', '2003-12-20T11:00:00'],
  ['2000-01-01T12:00:00', '40 14/1 * * *', '2000-01-01T14:40:00'],
  ['2024-05-03T13:30:00', '0 9-17/4 * * 1-5', '2024-05-03T17:00:00'],
  ['2024-05-03T17:30:00', '0 9-17/4 * * 1-5', '2024-05-06T09:00:00'],
  // day of month and end of month
  ['2003-01-07T00:00:00', '30 * 1 * *', '2003-02-01T00:30:00'],
  ['2000-01-31T00:00:00', '0 0 15,30,31 * *', '2000-02-15T00:00:00'],
  ['2000-03-31T00:00:00', '0 0 15,30,31 * *', '2000-04-15T00:00:00'],
  ['2000-04-15T00:00:00', '0 0 15,30,31 * *', '2000-04-30T00:00:00'],
  ['2000-04-30T00:00:00', '0 0 15,30,31 * *', '2000-05-15T00:00:00'],
  ['2024-01-31T00:00:00', '0 0 0 31 * *', '2024-03-31T00:00:00'],
  ['2024-04-26T00:00:00', '0 0 0 20/5 * *', '2024-04-30T00:00:00'],
  ['2024-04-30T00:00:00', '0 0 0 20/5 * *', '2024-05-20T00:00:00'],
  // months, names, year rollover
  ['2003-12-01T05:00:00', '10 * * 6 *', '2004-06-01T00:10:00'],
  ['2002-07-01T05:00:00', '10 * * February,April-Jun *', '2003-02-01T00:10:00'],
  [
    '1988-03-11T14:23:00',
    '20 * * january,FeB,Mar,april,May,JuNE,July,Augu,SEPT-October,Nov,DECEM *',
    '1988-03-11T15:20:00',
  ],
  // day of week: 0 and Sun are Sunday
  ['2003-06-26T10:00:00', '30 6 * * 0', '2003-06-29T06:30:00'],
  ['2003-06-26T10:00:00', '30 6 * * SUNDAY', '2003-06-29T06:30:00'],
  ['2003-06-01T14:55:00', '15 18 * * Mon', '2003-06-02T18:15:00'],
  ['2003-06-30T18:15:00', '15 18 * * Mon', '2003-07-07T18:15:00'],
  // day of month AND day of week (vixie cron would fire on every Monday and every 1st)
  ['2003-01-01T12:00:00', '45 16 1 * Mon', '2003-09-01T16:45:00'],
  ['2003-09-01T23:45:00', '45 16 1 * Mon', '2003-12-01T16:45:00'],
  ['2024-01-01T00:00:00', '0 0 0 13 * Fri', '2024-09-13T00:00:00'],
  ['2024-01-01T00:00:00', '0 0 0 29 2 1', '2044-02-29T00:00:00'],
  // leap years, including the 100/400 rules
  ['2000-01-01T12:00:00', '1 12 29 2 *', '2000-02-29T12:01:00'],
  ['2000-02-29T12:01:00', '1 12 29 2 *', '2004-02-29T12:01:00'],
  ['1896-03-01T00:00:00', '0 0 29 2 *', '1904-02-29T00:00:00'],
  ['2004-02-29T12:01:00', '1 12 28 2 *', '2005-02-28T12:01:00'],
  ['9000-01-01T00:00:00', '0 0 29 Feb Mon', '9008-02-29T00:00:00'],
])('from %s, %j fires next at %s', (base, expression, expected) => {
  expect(next(expression, base)).toBe(expected);
});

test.each([
  ['0 0 0 30 2 *', '2024-01-01T00:00:00'],
  ['* * 31 Feb *', '2001-01-01T00:00:00'],
  ['0 0 0 31 4,6,9,11 *', '2024-01-01T00:00:00'],
  // the last Monday 29 February before year 10000 is in 9988
  ['0 0 29 Feb Mon', '9988-02-29T00:00:00'],
])('%j never fires after %s', (expression, base) => {
  expect(next(expression, base)).toBeUndefined();
});

test('an impossible date is given up on quickly, not searched second by second', () => {
  const started = performance.now();
  for (let i = 0; i < 20; i++) expect(next('* * * 30 Feb *', '2024-01-01T00:00:00')).toBeUndefined();
  expect(performance.now() - started).toBeLessThan(1000);
});
