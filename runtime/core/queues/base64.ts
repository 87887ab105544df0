const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = 61; // '='

const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

function isDotnetBase64Space(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * .NET 8's `Convert.FromBase64String`, returning undefined where it throws a FormatException:
 * space, tab, CR and LF are ignored anywhere; what remains must be a multiple of 4 characters
 * of the standard alphabet, with one or two `=` only at the very end. The unused low bits of
 * the last character are not checked (.NET 9 started rejecting non-zero ones; the v4 host runs on
 * .NET 8). The empty string, or only whitespace, decodes to zero bytes.
 */
export function decodeDotnetBase64(text: string): Uint8Array | undefined {
  const codes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isDotnetBase64Space(c)) codes.push(c);
  }
  if (codes.length % 4 !== 0) return undefined;
  let padding = 0;
  if (codes.length > 0 && codes[codes.length - 1] === PAD) padding = codes[codes.length - 2] === PAD ? 2 : 1;
  const out = new Uint8Array((codes.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < codes.length; i += 4) {
    const last = i + 4 === codes.length;
    const a = value(codes[i]!);
    const b = value(codes[i + 1]!);
    const c = last && padding === 2 ? 0 : value(codes[i + 2]!);
    const d = last && padding >= 1 ? 0 : value(codes[i + 3]!);
    if (a < 0 || b < 0 || c < 0 || d < 0) return undefined;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 0xff;
    if (o < out.length) out[o++] = n & 0xff;
  }
  return out;
}

function value(code: number): number {
  return code < 128 ? VALUES[code]! : -1;
}

/** Standard base64 with padding, as `Convert.ToBase64String` writes it. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const rest = bytes.length - i;
    const n = (bytes[i]! << 16) | ((rest > 1 ? bytes[i + 1]! : 0) << 8) | (rest > 2 ? bytes[i + 2]! : 0);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
    out += rest > 1 ? ALPHABET[(n >> 6) & 63]! : '=';
    out += rest > 2 ? ALPHABET[n & 63]! : '=';
  }
  return out;
}
