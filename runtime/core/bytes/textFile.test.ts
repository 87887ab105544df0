import { expect, test } from 'vitest';
import { decodeTextFile } from './textFile';

const TEXT = '{"version": "2.0", "ü": "✓ 𝄞"}';

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 + i * 2 + (littleEndian ? 0 : 1)] = unit & 0xff;
    out[2 + i * 2 + (littleEndian ? 1 : 0)] = unit >> 8;
  }
  return out;
}

function utf32(text: string, littleEndian: boolean): Uint8Array {
  const points = [0xfeff, ...[...text].map((c) => c.codePointAt(0)!)];
  const view = new DataView(new ArrayBuffer(points.length * 4));
  points.forEach((p, i) => view.setUint32(i * 4, p, littleEndian));
  return new Uint8Array(view.buffer);
}

test.each([
  ['UTF-8 without a BOM', new TextEncoder().encode(TEXT)],
  ['UTF-8 with a BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TEXT)])],
  ['UTF-16 LE with a BOM', utf16(TEXT, true)],
  ['UTF-16 BE with a BOM', utf16(TEXT, false)],
  ['UTF-32 LE with a BOM', utf32(TEXT, true)],
  ['UTF-32 BE with a BOM', utf32(TEXT, false)],
])('%s decodes to the text, without the mark', (_name, bytes) => {
  expect(decodeTextFile(bytes)).toBe(TEXT);
});

test('bytes that are not valid in their encoding become U+FFFD, as .NET decodes them', () => {
  expect(decodeTextFile(new Uint8Array([0x7b, 0xc3, 0x7d]))).toBe('{\ufffd}');
  expect(decodeTextFile(new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x00]))).toBe('{\ufffd');
});
