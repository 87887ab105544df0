// A SyntaxError caught from eval says what is wrong but not where (no line, no column). Node
// prints `file:line` and a caret, so we find the place ourselves, with the engine's own parser:
// the error sits at the end of the shortest prefix of the file that already fails with it.
//
// A prefix is compiled inside a function that is never closed, followed by a sentinel token. If
// the real error lies within the prefix, the parser stops there with the same message whatever
// follows; if not, it stops at the sentinel (or at the end), and two different sentinels give
// two different messages. Compilation never runs anything: the unclosed function cannot parse.

const SENTINELS = ['\n\u0001', '\n)', '\n]'];

function parseMessage(head: string, text: string): string | undefined {
  try {
    (0, eval)(head + text);
    return undefined;
  } catch (error) {
    return error instanceof SyntaxError ? error.message : undefined;
  }
}

/** True when `prefix` already fails with `message`, whatever would follow it. */
function failsWithin(head: string, prefix: string, message: string): boolean {
  return SENTINELS.every((sentinel) => parseMessage(head, prefix + sentinel) === message);
}

export interface SyntaxPosition {
  /** 1-based line in `code`. */
  readonly line: number;
  /** 1-based column: the first character of the offending token. */
  readonly column: number;
}

/**
 * Where in `code` the SyntaxError `message` is, as V8 reports it for the same code compiled as
 * the body of a function (`async` for modules with top-level await).
 */
export function findSyntaxError(
  code: string,
  message: string,
  options: { async?: boolean; strict?: boolean } = {},
): SyntaxPosition | undefined {
  const head = `(${options.async ? 'async ' : ''}function(){${options.strict ? '"use strict";' : ''}`;
  const lines = code.split('\n');
  if (!failsWithin(head, code, message)) {
    // The error is at the very end (an unclosed brace or comment): Node reports the last line.
    const last = lines.length;
    return { line: last, column: (lines[last - 1] ?? '').length + 1 };
  }
  // Smallest number of whole lines that fails: the error is on the last of them.
  let low = 1;
  let high = lines.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (failsWithin(head, lines.slice(0, middle).join('\n'), message)) high = middle;
    else low = middle + 1;
  }
  const before = lines.slice(0, low - 1).join('\n') + (low > 1 ? '\n' : '');
  const text = lines[low - 1] ?? '';
  // Then the smallest number of characters of that line that fails.
  let left = 1;
  let right = text.length;
  while (left < right) {
    const middle = (left + right) >> 1;
    if (failsWithin(head, before + text.slice(0, middle), message)) right = middle;
    else left = middle + 1;
  }
  // The character that made it fail starts the offending token; back up over the identifier
  // or number it belongs to, which V8 marks from its start.
  let column = left;
  while (column > 1 && /[\w$]/.test(text[column - 1] ?? '') && /[\w$]/.test(text[column - 2] ?? '')) {
    column -= 1;
  }
  return { line: low, column };
}
