import { expect, test } from 'vitest';
import type { CronExpression } from './ncrontab';
import { formatCron, parseCron } from './ncrontab';

function cron(text: string): CronExpression {
  const result = parseCron(text);
  if (!result.ok) throw new Error(result.error);
  return result.cron;
}

test.each([
  // NCrontab's own formatting cases
  ['* 1-2,3 * * *', '* 1-3 * * *'],
  ['* * * */2 *', '* * * 1,3,5,7,9,11 *'],
  ['10-40/15 * * * *', '10,25,40 * * * *'],
  ['* * * Mar,Jan,Aug Fri,Mon-Tue', '* * * 1,3,8 1-2,5'],
  ['1 * 1-2,3 * * *', '1 * 1-3 * * *'],
  ['55 * * * Mar,Jan,Aug Fri,Mon-Tue', '55 * * * 1,3,8 1-2,5'],
  // 6 tokens keep a seconds part; extra spaces are ignored
  ['  */5    * *      * * *', '0,5,10,15,20,25,30,35,40,45,50,55 * * * * *'],
  // a backwards range is swapped
  ['0 10-5 * * *', '0 5-10 * * *'],
  ['0 0 * * 6-0', '0 0 * * *'],
  // a step below 1 means 1; a step may carry a sign
  ['*/0 * * * * *', '* * * * * *'],
  ['0 5/0 * * *', '0 5-23 * * *'],
  ['*/+20 * * * *', '0,20,40 * * * *'],
  ['*/100 * * * *', '0 * * * *'],
  // a/n runs to the end of the field
  ['0 0 20/5 * *', '0 0 20,25,30 * *'],
  // names: any case-insensitive prefix, first match wins
  ['0 0 * Ju T', '0 0 * 6 2'],
  ['0 0 * sept-DECEM sun-SAT', '0 0 * 9-12 *'],
  ['0 0 * JANUARY Sunday', '0 0 * 1 0'],
  // int.Parse allows trailing white space after a number
  ['0 0 12 * * 1\n', '0 0 12 * * 1'],
])('%j normalizes to %j', (expression, formatted) => {
  expect(formatCron(cron(expression))).toBe(formatted);
});

test.each([
  ['* * * * *', false],
  ['0 * * * * *', true],
])('%j includes seconds: %s', (expression, includesSeconds) => {
  expect(cron(expression).includesSeconds).toBe(includesSeconds);
});

test('the 5-field form fixes the second at 0', () => {
  expect(cron('* * * * *').second.values).toEqual([0]);
});

const FIELDS_HELP =
  'a cron expression needs 6 (second minute hour day-of-month month day-of-week) ' +
  'or 5 (minute hour day-of-month month day-of-week), separated by spaces';

test.each([
  ['', `'' has 0 fields; ${FIELDS_HELP}`],
  ['garbage', `'garbage' has 1 field; ${FIELDS_HELP}`],
  ['* * * *', `'* * * *' has 4 fields; ${FIELDS_HELP}`],
  ['* * * * * * *', `'* * * * * * *' has 7 fields; ${FIELDS_HELP}`],
  ['60 * * * * *', `'60' is out of range for the second field (0-59)`],
  ['61 * * * *', `'61' is out of range for the minute field (0-59)`],
  ['0 61 * * * *', `'61' is out of range for the minute field (0-59)`],
  ['0 0 24 * * *', `'24' is out of range for the hour field (0-23)`],
  ['* 1,2,3,456,7 * * *', `'456' is out of range for the hour field (0-23)`],
  ['0 0 0 0 * *', `'0' is out of range for the day-of-month field (1-31)`],
  ['0 0 0 32 * *', `'32' is out of range for the day-of-month field (1-31)`],
  ['0 0 0 0/5 * *', `'0' is out of range for the day-of-month field (1-31)`],
  ['0 0 0 * 13 *', `'13' is out of range for the month field (1-12)`],
  ['0 0 0 * * 7', `'7' is out of range for the day-of-week field (0-6)`],
  ['0 0 0 * * 1-7', `'7' is out of range for the day-of-week field (0-6)`],
  ['0 0 0 * * 99999999999', `'99999999999' is out of range for the day-of-week field (0-6)`],
  ['bad * * * *', `'bad' is not a valid value for the minute field (expected a number 0-59)`],
  ['* 1,Z,3,4 * * *', `'Z' is not a valid value for the hour field (expected a number 0-23)`],
  ['* 3-l2 * * *', `'l2' is not a valid value for the hour field (expected a number 0-23)`],
  ['0 */x * * * *', `'x' is not a valid step in the minute field '*/x' (expected a whole number)`],
  ['* 1/Z * * *', `'Z' is not a valid step in the hour field '1/Z' (expected a whole number)`],
  ['0 5/ * * * *', `'' is not a valid step in the minute field '5/' (expected a whole number)`],
  ['5, * * * *', `The minute field '5,' has an empty item (check for a stray comma)`],
  [
    '0 0 0 * Foo *',
    `'Foo' is not a valid value for the month field (expected a number 1-12 or a name such as 'Jan')`,
  ],
  [
    '* * * * mon,bad,wed',
    `'bad' is not a valid value for the day-of-week field (expected a number 0-6 or a name such as 'Sun')`,
  ],
  [
    '0 0 0 L * *',
    `'L' is not a valid value for the day-of-month field (expected a number 1-31); NCrontab has no L, W, # or ? syntax`,
  ],
  [
    '0 0 0 ? * MON',
    `'?' is not a valid value for the day-of-month field (expected a number 1-31); NCrontab has no L, W, # or ? syntax`,
  ],
  [
    '0 0 0 * * 2#1',
    `'2#1' is not a valid value for the day-of-week field (expected a number 0-6 or a name such as 'Sun'); NCrontab has no L, W, # or ? syntax`,
  ],
  // only spaces separate fields, so a tab joins two of them
  ['0\t0 12 * * *', `'0\t0' is not a valid value for the minute field (expected a number 0-59)`],
])('%j is rejected: %s', (expression, error) => {
  expect(parseCron(expression)).toEqual({ ok: false, error });
});
