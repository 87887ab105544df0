import type { Checked } from './result';
import { ok, problem } from './result';

/**
 * Base64url (RFC 4648 §5) without padding: the alphabet survives URLs, chat tools and Discord
 * (which dislikes a trailing `=`). Written here because `btoa` works on Latin-1 strings, not bytes.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    const chars = Math.min(4, bytes.length - i + 1);
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Decodes strictly: only the alphabet, no padding, and no length a cut-off group leaves. */
export function fromBase64Url(text: string): Checked<Uint8Array> {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || VALUES[code] === -1) {
      return problem(`is damaged: it holds a character a share link never has (${quote1(text, i)}).`);
    }
  }
  // One character alone cannot hold a byte: the text stopped in the middle of a group.
  if (text.length % 4 === 1) return problem('is damaged: it was cut short.');
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let count = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    bits = ((bits << 6) | VALUES[text.charCodeAt(i)]!) & 0xffffff;
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes[at++] = (bits >> count) & 0xff;
    }
  }
  // The last character's unused low bits are ignored: after a cut they are arbitrary, and the
  // cut is then reported by the decompressor, which knows the data ended early.
  return ok(bytes);
}

function quote1(text: string, i: number): string {
  const char = String.fromCodePoint(text.codePointAt(i)!);
  return `${JSON.stringify(char)} at position ${i + 1}`;
}
