import { describe, expect, it } from 'vitest';
import { utf8Encode } from '../bytes/utf8';
import type { JsonNode } from './jsonNode';
import { jsonArray, jsonBool, jsonInt, jsonNull, jsonObject, jsonString } from './jsonNode';
import { parseJson } from './parseJson';
import { writeJson } from './writeJson';
import { writeJsonUtf8 } from './writeJsonUtf8';

const same = (node: JsonNode) =>
  expect(Array.from(writeJsonUtf8(node))).toEqual(Array.from(utf8Encode(writeJson(node))));

describe('writeJsonUtf8', () => {
  it('writes the bytes of the compact text for every kind of node', () => {
    same(jsonObject());
    same(jsonArray([]));
    same(jsonNull);
    same(jsonBool(true));
    same(jsonInt(-12345678901234));
    same(parseJson('{"a":1.5e300,"b":[0.1,-0.0,1e-7],"c":{"d":null,"e":false}}'));
  });

  it('escapes as Json.NET does and encodes every other character as UTF-8', () => {
    const tricky = [
      '"',
      '\\',
      '\b\f\n\r\t',
      '\u0000\u0001\u001f',
      '\u007f',
      '\u0085',
      '\u2028\u2029',
      "<>&'",
    ];
    const unicode = [
      'é',
      'Ω',
      '€',
      '中文',
      '😀',
      '\ud83d',
      '\ude00',
      'a\ud83dz',
      '\ud83d\ud83d\ude00',
      '\uffff',
    ];
    for (const text of [...tricky, ...unicode]) {
      same(jsonString(text));
      same(jsonObject([[text, jsonString(text)]]));
    }
  });

  it('matches the text writer on random strings of every code unit range', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const ranges = [0x20, 0x80, 0x800, 0xd800, 0xe000, 0x10000];
    for (let n = 0; n < 500; n++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let i = 0; i < length; i++)
        text += String.fromCharCode(Math.floor(random() * ranges[n % ranges.length]!));
      same(jsonArray([jsonString(text), jsonObject([[text, jsonInt(n)]])]));
    }
  });

  it('grows past its buffer and keeps earlier results intact', () => {
    const big = jsonString('x'.repeat(100_000) + 'é');
    const first = writeJsonUtf8(jsonString('first'));
    same(big);
    expect(new TextDecoder().decode(first)).toBe('"first"');
  });
});
