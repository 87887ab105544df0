import { foldCase } from './ordinalIgnoreCase';
import type { RouteLiteral, RoutePart, RouteSeparator } from './routeTemplate';

/**
 * Matches one path segment against a segment of several parts, like `{name}.{ext}` or `v{major}-{minor}`,
 * with RoutePatternMatcher's algorithm: right to left, each literal found at its LAST occurrence (ignoring
 * case) that still leaves at least one character for the parameter after it. Being greedy from the right,
 * `{a}-{b}` splits "x-y-z" into a = "x-y", b = "z". Every parameter needs a non-empty value.
 *
 * A trailing optional parameter behind a "." separator (`{name}.{ext?}`) is first matched as present; if
 * that fails and the text does not end with the separator, the segment is matched again without both.
 * Values are written to `values` only on success.
 */
export function matchComplexSegment(
  parts: readonly RoutePart[],
  text: string,
  values: Record<string, string | null>,
): boolean {
  const lastIndex = parts.length - 1;
  const last = parts[lastIndex];
  const beforeLast = parts[lastIndex - 1];
  let found = matchFrom(parts, text, lastIndex);
  if (!found && last?.kind === 'parameter' && last.isOptional && beforeLast?.kind === 'separator') {
    const endsWithSeparator = foldCase(text).endsWith(foldCase(beforeLast.text));
    if (!endsWithSeparator) found = matchFrom(parts, text, lastIndex - 2);
  }
  if (found) Object.assign(values, found);
  return found !== undefined;
}

function matchFrom(
  parts: readonly RoutePart[],
  text: string,
  firstUsed: number,
): Record<string, string> | undefined {
  const folded = foldCase(text);
  const found: Record<string, string> = {};
  let end = text.length; // everything from here on is consumed
  let pending: string | undefined; // a parameter waiting for the literal on its left
  let literalOnRight: RouteLiteral | RouteSeparator | undefined;

  for (let index = firstUsed; index >= 0; index--) {
    const part = parts[index]!;
    let newEnd = end;
    if (part.kind === 'parameter') {
      pending = part.name;
    } else {
      literalOnRight = part;
      const searchEnd = pending === undefined ? end : end - 1;
      if (searchEnd === 0) return undefined;
      const at = folded.slice(0, searchEnd).lastIndexOf(foldCase(part.text));
      if (at === -1) return undefined;
      // The rightmost part, when a literal, must end the text: "{a}.txt" does not match "x.txt.bak".
      if (index === parts.length - 1 && at + part.text.length !== text.length) return undefined;
      newEnd = at;
    }
    if (pending !== undefined && ((literalOnRight && part.kind !== 'parameter') || index === 0)) {
      const start =
        literalOnRight === undefined || part.kind === 'parameter' ? 0 : newEnd + literalOnRight.text.length;
      if (end - start === 0) return undefined;
      found[pending] = text.slice(start, end);
      pending = undefined;
      literalOnRight = undefined;
    }
    end = newEnd;
  }
  // A literal on the far left must reach the start: "{a}" after "v" does not match "xv1".
  return end === 0 || parts[0]?.kind === 'parameter' ? found : undefined;
}
