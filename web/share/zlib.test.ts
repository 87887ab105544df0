import { describe, expect, test } from 'vitest';
import { fromBase64Url, toBase64Url } from './base64url';
import { adler32, zlibCompress, zlibInflate } from './zlib';

describe('base64url', () => {
  test('round trips every length and byte value', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + length * 31) & 0xff);
      const text = toBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(fromBase64Url(text)).toEqual({ ok: true, value: bytes });
    }
  });

  test('matches the standard encoding', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xbf, 0x00, 0x10]);
    expect(toBase64Url(bytes)).toBe(
      btoa(String.fromCharCode(...bytes))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, ''),
    );
  });
});

describe('zlib', () => {
  test('Adler-32 of a known text', () => {
    expect(adler32(new TextEncoder().encode('Wikipedia'))).toBe(0x11e60398);
  });

  test('round trip', () => {
    const bytes = new TextEncoder().encode('hello '.repeat(1000));
    expect(zlibInflate(zlibCompress(bytes), 1 << 20, 'too large')).toEqual({ ok: true, value: bytes });
  });

  test('stops at the cap', () => {
    const bytes = new Uint8Array(5000);
    expect(zlibInflate(zlibCompress(bytes), 4999, 'too large')).toEqual({ ok: false, error: 'too large' });
    expect(zlibInflate(zlibCompress(bytes), 5000, 'too large').ok).toBe(true);
  });
});
