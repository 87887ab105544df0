/**
 * Splits `ProcessStartInfo.Arguments` into argv the way .NET does on Unix
 * (`Process.ParseArgumentsIntoList`, the MSVC CRT rules):
 * - only space and tab separate arguments; newlines are ordinary characters;
 * - `"` toggles quoting; inside quotes, `""` is a literal `"` and quoting continues;
 * - backslashes are literal unless a `"` follows: then 2n backslashes give n and the quote
 *   still acts as a quote, while 2n+1 give n and a literal `"`;
 * - `""` standing alone is an empty argument.
 */
export function parseArgumentsIntoList(commandLine: string): string[] {
  const results: string[] = [];
  let i = 0;
  while (i < commandLine.length) {
    while (isSeparator(commandLine.charAt(i))) i++;
    if (i >= commandLine.length) break;
    const next = readArgument(commandLine, i);
    results.push(next.value);
    i = next.end;
  }
  return results;
}

function isSeparator(c: string): boolean {
  return c === ' ' || c === '\t';
}

function readArgument(text: string, start: number): { value: string; end: number } {
  let value = '';
  let inQuotes = false;
  let i = start;
  while (i < text.length) {
    let backslashes = 0;
    while (text.charAt(i) === '\\') {
      i++;
      backslashes++;
    }
    if (backslashes > 0) {
      if (text.charAt(i) !== '"') {
        value += '\\'.repeat(backslashes);
      } else {
        value += '\\'.repeat(Math.floor(backslashes / 2));
        if (backslashes % 2 !== 0) {
          value += '"';
          i++;
        }
      }
      continue;
    }

    const c = text.charAt(i);
    if (c === '"') {
      if (inQuotes && text.charAt(i + 1) === '"') {
        value += '"';
        i++;
      } else {
        inQuotes = !inQuotes;
      }
      i++;
      continue;
    }
    if (isSeparator(c) && !inQuotes) break;
    value += c;
    i++;
  }
  return { value, end: i };
}
