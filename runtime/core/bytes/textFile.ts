// A config file's text as .NET's File.ReadAllText gives it: the encoding comes from a byte order
// mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE), UTF-8 without one; the mark itself is dropped.
interface Decoder {
  decode(bytes: Uint8Array): string;
}
const codecs = globalThis as unknown as {
  TextDecoder: new (label: string, options?: { ignoreBOM?: boolean }) => Decoder;
};

export function decodeTextFile(bytes: Uint8Array): string {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return utf32(bytes.subarray(4), true);
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return utf32(bytes.subarray(4), false);
  if (b0 === 0xff && b1 === 0xfe) return decode('utf-16le', bytes.subarray(2));
  if (b0 === 0xfe && b1 === 0xff) return decode('utf-16be', bytes.subarray(2));
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return decode('utf-8', bytes.subarray(3));
  return decode('utf-8', bytes);
}

function decode(label: string, bytes: Uint8Array): string {
  return new codecs.TextDecoder(label, { ignoreBOM: true }).decode(bytes);
}

/** No TextDecoder reads UTF-32: code points, invalid ones (and a cut-off tail) as U+FFFD. */
function utf32(bytes: Uint8Array, littleEndian: boolean): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 4) {
    if (i + 4 > bytes.length) {
      text += '\ufffd';
      break;
    }
    const [a, b, c, d] = [bytes[i]!, bytes[i + 1]!, bytes[i + 2]!, bytes[i + 3]!];
    const cp = littleEndian ? a | (b << 8) | (c << 16) | (d << 24) : d | (c << 8) | (b << 16) | (a << 24);
    const valid = cp >= 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
    text += valid ? String.fromCodePoint(cp) : '\ufffd';
  }
  return text;
}
