import { allocBytes } from './byteSlab';

// TextEncoder and TextDecoder exist in every runtime this code targets (Node, browsers, the
// WebContainer), but not in the ES2022 lib that runtime/core is compiled against, so they are
// reached through globalThis with just the members used here.
interface Encoder {
  encode(text: string): Uint8Array;
}
interface Decoder {
  decode(bytes: Uint8Array): string;
}
interface TextCodecs {
  TextEncoder: new () => Encoder;
  TextDecoder: new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => Decoder;
}

const codecs = globalThis as unknown as TextCodecs;
let encoder: Encoder | undefined;
let decoder: Decoder | undefined;

/** UTF-8 bytes of `text`; lone surrogates become U+FFFD, as .NET's `Encoding.UTF8` does. */
export function utf8Encode(text: string): Uint8Array {
  encoder ??= new codecs.TextEncoder();
  return encoder.encode(text);
}

/**
 * `utf8Encode`, with short ASCII text (most bodies a function answers with) written into a
 * carved array (byteSlab.ts) instead of a buffer of its own.
 */
export function utf8EncodeShort(text: string): Uint8Array {
  const n = text.length;
  if (n > 512) return utf8Encode(text);
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) > 0x7f) return utf8Encode(text);
  const bytes = allocBytes(n);
  for (let i = 0; i < n; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Text from UTF-8 bytes; invalid sequences become U+FFFD, as `Encoding.UTF8.GetString` does. A
 * leading BOM is kept as U+FEFF, because GetString does not strip it.
 */
export function utf8Decode(bytes: Uint8Array): string {
  decoder ??= new codecs.TextDecoder('utf-8', { ignoreBOM: true });
  return decoder.decode(bytes);
}

/**
 * Decodes one UTF-8 scalar starting at `bytes[start]` with .NET's `Rune.DecodeFromUtf8` rules
 * (no overlongs, no surrogates, nothing above U+10FFFF). Returns the code point and its length,
 * or undefined when the sequence there is invalid or truncated.
 */
export function decodeUtf8Scalar(
  bytes: ArrayLike<number>,
  start: number,
): { codePoint: number; length: number } | undefined {
  const b0 = bytes[start];
  if (b0 === undefined) return undefined;
  if (b0 < 0x80) return { codePoint: b0, length: 1 };
  let length: number;
  let min: number;
  let cp: number;
  if (b0 >= 0xc2 && b0 <= 0xdf) [length, min, cp] = [2, 0x80, b0 & 0x1f];
  else if (b0 >= 0xe0 && b0 <= 0xef) [length, min, cp] = [3, 0x800, b0 & 0x0f];
  else if (b0 >= 0xf0 && b0 <= 0xf4) [length, min, cp] = [4, 0x10000, b0 & 0x07];
  else return undefined;
  for (let i = 1; i < length; i++) {
    const b = bytes[start + i];
    if (b === undefined || (b & 0xc0) !== 0x80) return undefined;
    cp = (cp << 6) | (b & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  return { codePoint: cp, length };
}
