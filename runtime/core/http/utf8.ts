// runtime/core is typed against ES2022 only, which has no TextEncoder/TextDecoder, and the callers here
// need to know where invalid input is, which TextDecoder hides behind U+FFFD.

/** UTF-8 bytes of a string; a lone surrogate becomes U+FFFD, as .NET's encoders do. */
export function utf8Encode(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else {
      bytes.push(
        0xf0 | (cp >> 18),
        0x80 | ((cp >> 12) & 0x3f),
        0x80 | ((cp >> 6) & 0x3f),
        0x80 | (cp & 0x3f),
      );
    }
  }
  return bytes;
}

/**
 * Decodes one UTF-8 scalar starting at `bytes[start]` with .NET's `Rune.DecodeFromUtf8` rules
 * (no overlongs, no surrogates, nothing above U+10FFFF). Returns the code point and its length,
 * or undefined when the sequence there is invalid or truncated.
 */
export function decodeUtf8Scalar(
  bytes: readonly number[],
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
