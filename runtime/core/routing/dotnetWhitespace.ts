/**
 * `char.IsWhiteSpace`: Unicode separators plus the C0 whitespace controls, U+0085 and U+00A0.
 * JS `\s` differs: it includes U+FEFF and leaves out U+0085.
 */
const WHITE_SPACE = /^[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

export function isDotnetWhiteSpace(ch: string): boolean {
  return WHITE_SPACE.test(ch);
}

/** `string.Trim()`: trims `char.IsWhiteSpace` characters from both ends. */
export function trimDotnetWhiteSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isDotnetWhiteSpace(text.charAt(start))) start++;
  while (end > start && isDotnetWhiteSpace(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

/**
 * The white space that `NumberStyles.AllowLeadingWhite`/`AllowTrailingWhite` skip: only U+0009-U+000D and
 * U+0020, narrower than `char.IsWhiteSpace`.
 */
export const NUMBER_WHITE = '[\\t\\n\\v\\f\\r ]';
