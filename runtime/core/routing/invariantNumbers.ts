import { NUMBER_WHITE as W, trimDotnetWhiteSpace } from './dotnetWhitespace';
import { equalsIgnoreCase } from './ordinalIgnoreCase';

// NumberStyles.Integer: surrounding white space and one leading sign; digits are ASCII only.
const INTEGER = new RegExp(`^${W}*([+-]?\\d+)${W}*$`);

// Group separators may follow a digit anywhere before the decimal point, and nowhere after it.
const MANTISSA = '(?:\\d[\\d,]*(?:\\.\\d*)?|\\.\\d+)';

// NumberStyles.Number: a sign may lead or trail (not both); nothing may sit between a leading sign and digits.
const NUMBER = new RegExp(`^${W}*(?:[+-]?(${MANTISSA})|(${MANTISSA})${W}*[+-])${W}*$`);

// NumberStyles.Float | AllowThousands: leading sign only, optional exponent.
const FLOAT = new RegExp(`^${W}*[+-]?${MANTISSA}(?:[eE][+-]?\\d+)?${W}*$`);

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const DECIMAL_MAX = 2n ** 96n - 1n;

function parseInteger(text: string, min: bigint, max: bigint): bigint | undefined {
  const m = INTEGER.exec(text);
  if (!m) return undefined;
  const value = BigInt(m[1]!);
  return value < min || value > max ? undefined : value;
}

/** `int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)`. */
export function parseInvariantInt32(text: string): number | undefined {
  const value = parseInteger(text, INT32_MIN, INT32_MAX);
  return value === undefined ? undefined : Number(value);
}

/** `long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)`; BigInt keeps all 64 bits. */
export function parseInvariantInt64(text: string): bigint | undefined {
  return parseInteger(text, INT64_MIN, INT64_MAX);
}

/**
 * Whether `decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture)` succeeds. Extra
 * fraction digits are rounded away rather than rejected, so only a too-large integer part fails; an integer
 * part of exactly the maximum fails when its fraction would round it up.
 */
export function isInvariantDecimal(text: string): boolean {
  const m = NUMBER.exec(text);
  if (!m) return false;
  const [whole = '', fraction = ''] = (m[1] ?? m[2]!).replaceAll(',', '').split('.');
  const integerPart = BigInt(whole === '' ? '0' : whole);
  if (integerPart > DECIMAL_MAX) return false;
  return !(integerPart === DECIMAL_MAX && fraction !== '' && fraction.charAt(0) >= '5');
}

/**
 * Whether `double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, InvariantCulture)`
 * succeeds; `float` accepts the same texts. Since .NET Core 3.0 an out-of-range value parses to infinity
 * instead of failing, and the invariant symbols "Infinity", "-Infinity", "NaN" (any case) are accepted.
 */
export function isInvariantFloatingPoint(text: string): boolean {
  if (FLOAT.test(text)) return true;
  const trimmed = trimDotnetWhiteSpace(text);
  const unsigned = trimmed.startsWith('+') || trimmed.startsWith('-') ? trimmed.slice(1) : trimmed;
  return equalsIgnoreCase(unsigned, 'NaN') || equalsIgnoreCase(unsigned, 'Infinity');
}
