/**
 * .NET (Core 3.0+) `double.ToString()` / "R": the shortest round-trip digits, in fixed notation
 * unless the decimal exponent is at least 15 or below -4, where it is `d.dddE+XX`.
 */
export function formatDotnetDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '-∞';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, expText] = value.toExponential().split('e') as [string, string];
  const exponent = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent >= 15 || exponent < -4) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const expAbs = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${digits[0]}${frac}E${exponent < 0 ? '-' : '+'}${expAbs}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intLen = exponent + 1;
  if (digits.length <= intLen) return sign + digits + '0'.repeat(intLen - digits.length);
  return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
}

/** How Json.NET writes a double token: the "R" text, with ".0" added when it has no '.' or exponent. */
export function formatJsonNetDouble(value: number): string {
  const text = formatDotnetDouble(value);
  return /[.EN∞]/.test(text) ? text : `${text}.0`;
}
