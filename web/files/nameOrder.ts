/**
 * File names in the order of `localeCompare(b, 'en', { sensitivity: 'base' })`, without touching
 * ICU for plain ASCII names: the page's first collation loads ICU's collation data (~20 ms on the
 * main thread before the first paint), and the file tree sorts on its first render.
 */

/**
 * Printable ASCII by primary weight in ICU's root collation (CLDR, non-ignorable punctuation):
 * what a base-strength comparison sees, letters without case. nameOrder.test.ts checks it against
 * Intl.Collator.
 */
const ASCII_ORDER = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz';

const RANK = new Uint8Array(128);
for (let i = 0; i < ASCII_ORDER.length; i++) {
  const code = ASCII_ORDER.charCodeAt(i);
  RANK[code] = i + 1;
  if (code >= 0x61 && code <= 0x7a) RANK[code - 0x20] = i + 1;
}

let collator: Intl.Collator | undefined;
const icuOrder = (a: string, b: string) =>
  (collator ??= new Intl.Collator('en', { sensitivity: 'base' })).compare(a, b);

/** Negative, zero or positive as `a.localeCompare(b, 'en', { sensitivity: 'base' })`. */
export function compareNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ra = RANK[a.charCodeAt(i)] ?? 0;
    const rb = RANK[b.charCodeAt(i)] ?? 0;
    // Beyond printable ASCII (accents, other scripts, controls): ICU's own order decides.
    if (ra === 0 || rb === 0) return icuOrder(a, b);
    if (ra !== rb) return ra - rb;
  }
  const longer = a.length > n ? a : b;
  for (let i = n; i < longer.length; i++) if ((RANK[longer.charCodeAt(i)] ?? 0) === 0) return icuOrder(a, b);
  return a.length - b.length;
}
