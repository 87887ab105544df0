import { describe, expect, test } from 'vitest';
import {
  MAX_PATH_LENGTH,
  clashProblem,
  decodeFileBytes,
  fileSetProblem,
  fileText,
  hasFile,
  pathProblem,
} from './fileRules';

const PROTOTYPE_NAMES = ['toString', 'constructor', 'valueOf', 'hasOwnProperty', '__proto__'];

describe('the file rules every way in shares', () => {
  test('names every object inherits are ordinary file names', () => {
    for (const name of PROTOTYPE_NAMES) {
      expect(pathProblem(name), name).toBeUndefined();
      expect(hasFile({}, name), name).toBe(false);
      expect(fileText({}, name), name).toBeUndefined();
      expect(clashProblem(['handler.js'], name), name).toBeUndefined();
      expect(fileSetProblem(['handler.js', name, `${name}2/x.js`]), name).toBeUndefined();
    }
    const files = Object.fromEntries([
      ['__proto__', 'p'],
      ['toString', 't'],
    ]);
    expect(fileText(files, '__proto__')).toBe('p');
    expect(fileText(files, 'toString')).toBe('t');
  });

  test('a path is at most MAX_PATH_LENGTH characters, and the message does not echo a huge one', () => {
    expect(pathProblem('a'.repeat(MAX_PATH_LENGTH))).toBeUndefined();
    const problem = pathProblem(`${'a'.repeat(5000)}.js`);
    expect(problem).toBe(`A path may be at most ${MAX_PATH_LENGTH} characters (this one has 5003).`);
  });

  test('clashes: same name, case twins, a file where a folder is and the reverse', () => {
    expect(clashProblem(['handler.js'], 'handler.js')).toBe(`'handler.js' already exists.`);
    expect(clashProblem(['handler.js'], 'Handler.js')).toBe(
      `'Handler.js' differs from 'handler.js' only in case.`,
    );
    expect(clashProblem(['order/function.json'], 'Order')).toBe(
      `'Order' is already a folder (it holds 'order/function.json').`,
    );
    expect(clashProblem(['notes'], 'notes/a.txt')).toBe(
      `'notes' is a file, so it cannot be a folder of 'notes/a.txt'.`,
    );
    // A rename compares against everything but the old name (and what is under it).
    expect(clashProblem(['a.js', 'b.js'], 'A.js', 'a.js')).toBeUndefined();
    expect(clashProblem(['old/x.js', 'other.js'], 'new', 'old')).toBeUndefined();
  });

  test('a whole set: case twins and file-or-folder are refused, naming both', () => {
    expect(fileSetProblem(['handler.js', 'Handler.js'])).toBe(
      `'Handler.js' and 'handler.js' differ only in case.`,
    );
    expect(fileSetProblem(['a', 'A/b.js'])).toBe(`'a' is a file, so it cannot be a folder of 'A/b.js'.`);
    expect(fileSetProblem(['a/b.js', 'a/c.js', 'b.js'])).toBeUndefined();
  });

  test('decodes UTF-8 (keeping a BOM), UTF-16 by its BOM (saying so), and calls the rest binary', () => {
    expect(decodeFileBytes(new TextEncoder().encode('{"a":"é"}'))).toEqual({ text: '{"a":"é"}' });
    expect(decodeFileBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toEqual({ text: '\uFEFF{}' });
    const le = new Uint8Array([0xff, 0xfe, 0x7b, 0, 0xe9, 0, 0x7d, 0]);
    expect(decodeFileBytes(le)).toEqual({ text: '{é}', note: 'was UTF-16 LE; it is kept as UTF-8' });
    const be = new Uint8Array([0xfe, 0xff, 0, 0x7b, 0, 0x7d]);
    expect(decodeFileBytes(be)).toEqual({ text: '{}', note: 'was UTF-16 BE; it is kept as UTF-8' });
    expect(decodeFileBytes(new Uint8Array([0x7b, 0, 0x7d]))).toEqual({ binary: true });
    expect(decodeFileBytes(new Uint8Array([0xc3, 0x28]))).toEqual({ binary: true });
    // An odd byte count is not UTF-16, whatever its first bytes say.
    expect(decodeFileBytes(new Uint8Array([0xff, 0xfe, 0x7b]))).toEqual({ binary: true });
    // Control characters an editor never writes make it binary too.
    expect(decodeFileBytes(new Uint8Array([0x61, 0x01]))).toEqual({ binary: true });
  });
});
