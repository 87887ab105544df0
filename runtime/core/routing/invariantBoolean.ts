import { isDotnetWhiteSpace } from './dotnetWhitespace';
import { equalsIgnoreCase } from './ordinalIgnoreCase';

function isWhiteOrNull(ch: string): boolean {
  return ch === '\u0000' || isDotnetWhiteSpace(ch);
}

/** `bool.TryParse`: "True"/"False" in any case, ignoring white space and NUL characters at either end. */
export function isInvariantBoolean(text: string): boolean {
  let start = 0;
  let end = text.length;
  while (start < end && isWhiteOrNull(text.charAt(start))) start++;
  while (end > start && isWhiteOrNull(text.charAt(end - 1))) end--;
  const core = text.slice(start, end);
  return equalsIgnoreCase(core, 'True') || equalsIgnoreCase(core, 'False');
}
