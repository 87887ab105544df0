/**
 * .NET `StringComparison.OrdinalIgnoreCase`: code point by code point with simple (one-to-one) upper-casing.
 * JS `toUpperCase` alone would use full case mapping, where "ß" becomes "SS" and lengths change; routing
 * looks literals up by index, so the folded text must keep every index of the original.
 */
export function foldCase(text: string): string {
  let folded = '';
  for (const ch of text) {
    const upper = ch.toUpperCase();
    folded += upper.length === ch.length ? upper : ch;
  }
  return folded;
}

export function equalsIgnoreCase(a: string, b: string): boolean {
  return a.length === b.length && foldCase(a) === foldCase(b);
}
