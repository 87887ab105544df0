/**
 * Headers as Node's http module keeps them for an outgoing message: one entry per name ignoring
 * case, in first-set order; setting a name again replaces its value AND its spelling in place.
 * The front door and the handler hop reproduce what Node wrote, so they keep this quirk (two
 * `Set-Cookie` lines handed to writeHead after a setHeader leave only the last).
 */
export class HeaderMap {
  private readonly entries = new Map<string, [string, string]>();

  set(name: string, value: string): void {
    const lower = name.toLowerCase();
    const entry = this.entries.get(lower);
    if (entry) {
      entry[0] = name;
      entry[1] = value;
    } else this.entries.set(lower, [name, value]);
  }

  /** A flat [name, value, …] list, each set in order. */
  setAll(flat: readonly string[]): void {
    for (let i = 0; i + 1 < flat.length; i += 2) if (flat[i]) this.set(flat[i]!, flat[i + 1]!);
  }

  has(lowerName: string): boolean {
    return this.entries.has(lowerName);
  }

  get(lowerName: string): string | undefined {
    return this.entries.get(lowerName)?.[1];
  }

  delete(lowerName: string): void {
    this.entries.delete(lowerName);
  }

  /** Appends every entry to `out` as header pairs. */
  flatten(out: string[]): string[] {
    for (const [name, value] of this.entries.values()) out.push(name, value);
    return out;
  }
}

/** The first value of `name` in a flat raw header list, ignoring case. */
export function rawHeader(rawHeaders: readonly string[], lowerName: string): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2)
    if (isNamed(rawHeaders[i]!, lowerName)) return rawHeaders[i + 1];
  return undefined;
}

/** Every value of `name` joined with ', ', as Node's `req.headers` holds a repeated custom header. */
export function joinedHeader(rawHeaders: readonly string[], lowerName: string): string | undefined {
  let out: string | undefined;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2)
    if (isNamed(rawHeaders[i]!, lowerName))
      out = out === undefined ? rawHeaders[i + 1]! : `${out}, ${rawHeaders[i + 1]!}`;
  return out;
}

/**
 * `name.toLowerCase() === lowerName` without making the lower-case copy, which these lookups
 * (several per request, over every header) used to: ASCII is folded here, anything else is left
 * to toLowerCase.
 */
function isNamed(name: string, lowerName: string): boolean {
  const n = name.length;
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    if (c > 0x7f) return name.toLowerCase() === lowerName;
    const t = lowerName.charCodeAt(i);
    if (c !== t && !(c >= 0x41 && c <= 0x5a && (c | 0x20) === t)) return false;
  }
  return n === lowerName.length;
}
