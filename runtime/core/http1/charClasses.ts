// Byte classes for the parser, as 256-entry tables so a class test is one load.

function table(test: (byte: number) => boolean): Uint8Array {
  const out = new Uint8Array(256);
  for (let b = 0; b < 256; b++) out[b] = test(b) ? 1 : 0;
  return out;
}

const isAlpha = (b: number): boolean => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
const isDigit = (b: number): boolean => b >= 0x30 && b <= 0x39;

/** RFC 9110 tchar: what header names and chunk-extension tokens are made of. */
export const TOKEN = table(
  (b) => isAlpha(b) || isDigit(b) || "!#$%&'*+-.^_`|~".includes(String.fromCharCode(b)),
);

/** What llhttp takes in a URL path: visible ASCII; '?' and '#' are handled before this test. */
export const URL_CHAR = table((b) => b > 0x20 && b < 0x7f);

/** Letters of a URL scheme. */
export const ALPHA = table(isAlpha);

/** Characters of an absolute-form authority (userinfo and host, brackets for IPv6). */
export const SERVER_CHAR = table(
  (b) => isAlpha(b) || isDigit(b) || "-_.!~*'()%;:&=+$,[]@".includes(String.fromCharCode(b)),
);

/** Quoted-string text in a chunk extension: HTAB, SP, visible ASCII except '"' and '\', obs-text. */
export const QDTEXT = table(
  (b) => b === 0x09 || b === 0x20 || b === 0x21 || (b >= 0x23 && b <= 0x7e && b !== 0x5c) || b >= 0x80,
);

/** Value of a hex digit, or -1. */
export const HEX = Int8Array.from({ length: 256 }, (_, b) =>
  isDigit(b) ? b - 0x30 : b >= 0x61 && b <= 0x66 ? b - 0x57 : b >= 0x41 && b <= 0x46 ? b - 0x37 : -1,
);
