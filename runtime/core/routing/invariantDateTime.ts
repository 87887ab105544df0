import { trimDotnetWhiteSpace } from './dotnetWhitespace';

/*
 * A subset of `DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None)`. The .NET parser
 * is a lenient tokenizer that accepts far more shapes than are worth porting; these are the forms a route
 * value realistically takes, each checked against the calendar as .NET does:
 *   2024-02-29, 2024/2/29, 2024.02.29                  year first
 *   02/29/2024, 2-29-2024, 02/29/24                    month first (the invariant culture's MM/dd/yyyy)
 *   29 Feb 2024, Feb 29, 2024, Thu, 29 Feb 2024        English month names, optional matching day name
 *   any of those followed by a time (after 'T' for the year-first form, or a space), or a time alone:
 *   13:45, 13:45:30, 13:45:30.1234567, 1:45 PM, with an optional Z, GMT or +hh:mm offset.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const TIME =
  '(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?(?: ?([ap]m))?(?: ?(z|gmt|[+-]\\d{1,2}(?::?\\d{2})?))?';
const WORD = '([a-z]+)';

const TIME_ONLY = new RegExp(`^${TIME}$`, 'i');
const YEAR_FIRST = new RegExp(`^(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?:(?:t| +)${TIME})?$`, 'i');
const MONTH_FIRST = new RegExp(`^(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4}|\\d{2})(?: +${TIME})?$`, 'i');
const DAY_MONTH_NAME = new RegExp(`^(?:${WORD},? +)?(\\d{1,2}) +${WORD} +(\\d{4})(?: +${TIME})?$`, 'i');
const MONTH_NAME_DAY = new RegExp(`^(?:${WORD},? +)?${WORD} +(\\d{1,2}),? +(\\d{4})(?: +${TIME})?$`, 'i');

interface Time {
  hour: string;
  minute: string;
  second: string | undefined;
  meridiem: string | undefined;
  zone: string | undefined;
}

export function isInvariantDateTime(text: string): boolean {
  const t = trimDotnetWhiteSpace(text);
  let m: RegExpExecArray | null;
  if ((m = TIME_ONLY.exec(t))) return validTime(timeAt(m, 1));
  if ((m = YEAR_FIRST.exec(t))) {
    return validDate(Number(m[1]), Number(m[3]), Number(m[4])) && validOptionalTime(m, 5);
  }
  if ((m = MONTH_FIRST.exec(t))) {
    return validDate(fullYear(m[4]!), Number(m[1]), Number(m[3])) && validOptionalTime(m, 5);
  }
  if ((m = DAY_MONTH_NAME.exec(t))) {
    return validNamedDate(m[1], Number(m[4]), m[3]!, Number(m[2])) && validOptionalTime(m, 5);
  }
  if ((m = MONTH_NAME_DAY.exec(t))) {
    return validNamedDate(m[1], Number(m[4]), m[2]!, Number(m[3])) && validOptionalTime(m, 5);
  }
  return false;
}

function timeAt(m: RegExpExecArray, first: number): Time {
  return {
    hour: m[first]!,
    minute: m[first + 1]!,
    second: m[first + 2],
    meridiem: m[first + 3],
    zone: m[first + 4],
  };
}

function validOptionalTime(m: RegExpExecArray, first: number): boolean {
  return m[first] === undefined || validTime(timeAt(m, first));
}

function validTime(time: Time): boolean {
  const hour = Number(time.hour);
  const maxHour = time.meridiem === undefined ? 23 : 12;
  if (hour > maxHour || Number(time.minute) > 59 || Number(time.second ?? '0') > 59) return false;
  return time.zone === undefined || validZone(time.zone);
}

function validZone(zone: string): boolean {
  const m = /^[+-](\d{1,2}):?(\d{2})?$/.exec(zone);
  if (!m) return true; // Z or GMT
  return Number(m[1]) <= 14 && Number(m[2] ?? '0') <= 59;
}

// The Gregorian calendar's TwoDigitYearMax is 2049.
function fullYear(digits: string): number {
  if (digits.length === 4) return Number(digits);
  const yy = Number(digits);
  return yy <= 49 ? 2000 + yy : 1900 + yy;
}

function validDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validNamedDate(dayName: string | undefined, year: number, monthName: string, day: number): boolean {
  const month = indexOfName(monthName, MONTHS, MONTH_NAMES) + 1;
  if (month === 0 || !validDate(year, month, day)) return false;
  if (dayName === undefined) return true;
  // .NET rejects a day name that disagrees with the date.
  return indexOfName(dayName, DAYS, DAY_NAMES) === weekday(year, month, day);
}

function indexOfName(word: string, abbreviations: readonly string[], names: readonly string[]): number {
  const lower = word.toLowerCase();
  const index = abbreviations.indexOf(lower);
  return index >= 0 ? index : names.indexOf(lower);
}

function weekday(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCDay();
}
