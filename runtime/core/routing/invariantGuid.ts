import { trimDotnetWhiteSpace } from './dotnetWhitespace';

const D = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const N = /^[0-9a-f]{32}$/i;
const DBP = new RegExp(`^(?:${D}|\\{${D}\\}|\\(${D}\\))$`, 'i');
const BYTE = '0x[0-9a-f]{1,2}';
const X = new RegExp(
  `^\\{0x[0-9a-f]{1,8},0x[0-9a-f]{1,4},0x[0-9a-f]{1,4},\\{(?:${BYTE},){7}${BYTE}\\}\\}$`,
  'i',
);

/**
 * `Guid.TryParse`: the N, D, B, P and X formats, hex digits in any case, white space trimmed at both ends
 * (and, for X only, removed everywhere, as .NET does before reading that format).
 */
export function isInvariantGuid(text: string): boolean {
  const trimmed = trimDotnetWhiteSpace(text);
  if (N.test(trimmed) || DBP.test(trimmed)) return true;
  return X.test(trimmed.replace(/\s/g, ''));
}
