import { describe, expect, test } from 'vitest';
import { compareNames } from './nameOrder';

const icu = new Intl.Collator('en', { sensitivity: 'base' });
const sign = (n: number) => Math.sign(n);
const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));

describe('compareNames', () => {
  test('orders every pair of printable ASCII characters as ICU does', () => {
    for (const a of PRINTABLE)
      for (const b of PRINTABLE)
        expect([a, b, sign(compareNames(a, b))]).toEqual([a, b, sign(icu.compare(a, b))]);
  });

  test('orders names as ICU does, prefixes and case included', () => {
    const names = [
      'README.md',
      'readme.md',
      'function.json',
      'function_app',
      'function-app',
      'Function',
      'func',
      'host.json',
      'local.settings.json',
      'a b',
      'a_b',
      'a-b',
      'a.b',
      'ab',
      'a1',
      'a10',
      'a2',
      'Zeta',
      'zeta',
      '.env',
      '_hidden',
      '~tmp',
      '$x',
    ];
    for (const a of names)
      for (const b of names)
        expect([a, b, sign(compareNames(a, b))]).toEqual([a, b, sign(icu.compare(a, b))]);
  });

  test('agrees with ICU on random ASCII names', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const alphabet = 'aAbB_-.0 9zZ~';
    const name = () =>
      Array.from(
        { length: 1 + Math.floor(random() * 5) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
    for (let i = 0; i < 3000; i++) {
      const a = name();
      const b = name();
      expect([a, b, sign(compareNames(a, b))]).toEqual([a, b, sign(icu.compare(a, b))]);
    }
  });

  test('leaves names beyond ASCII to ICU: accents are equal at base strength, other scripts keep their order', () => {
    expect(compareNames('résumé.txt', 'resume.txt')).toBe(0);
    expect(sign(compareNames('ab', 'abé'))).toBe(-1);
    expect(sign(compareNames('données', 'dz'))).toBe(sign(icu.compare('données', 'dz')));
    expect(sign(compareNames('日本.txt', 'a.txt'))).toBe(sign(icu.compare('日本.txt', 'a.txt')));
  });
});
