/**
 * The column just past the token that starts at `column` (1-based) in a line: a whole JSON
 * string with its quotes, a word, or at least one character. Host diagnostics name where a token
 * starts; underlining the whole token makes them easy to see.
 */
export function tokenEndColumn(line: string, column: number): number {
  const start = column - 1;
  if (start >= line.length) return column + 1;
  if (line[start] === '"') {
    for (let i = start + 1; i < line.length; i++) {
      if (line[i] === '\\') i++;
      else if (line[i] === '"') return i + 2;
    }
    return line.length + 1;
  }
  const word = /^[^\s,:{}[\]"]+/.exec(line.slice(start));
  return column + Math.max(1, word?.[0].length ?? 1);
}
