import { describe, expect, test } from 'vitest';
import { parseJson } from '../json/parseJson';
import { decodeDotnetBase64, encodeBase64 } from './base64';
import { decodeMessageBody, encodeMessageBody } from './messageEncoding';
import { looksLikeJson, queueMessagesFromOutput } from './queueOutput';
import { utf8Decode, utf8Encode } from '../bytes/utf8';

/** Converts the `Outputs[name]` JSON text as the host would and returns [text, decodedFromBase64] pairs. */
function convert(json: string, dataType?: string): [string, boolean][] {
  const result = queueMessagesFromOutput(parseJson(json), dataType);
  if (!result.ok) throw new Error(result.error);
  return result.messages.map((m) => [m.text, m.decodedFromBase64]);
}

function bytesOf(json: string, dataType?: string): number[][] {
  const result = queueMessagesFromOutput(parseJson(json), dataType);
  if (!result.ok) throw new Error(result.error);
  return result.messages.map((m) => [...m.bytes]);
}

describe('queueMessagesFromOutput', () => {
  test.each<[string, string, [string, boolean][]]>([
    ['a plain string', '"hello world"', [['hello world', false]]],
    ['a string of the wrong length for base64', '"hello"', [['hello', false]]],
    [
      'a JSON-array string: one message per element',
      '"[\\"a\\", 2, true]"',
      [
        ['a', false],
        ['2', false],
        ['True', false],
      ],
    ],
    ['a JSON-array string with surrounding whitespace', '" \\n[1] \\t"', [['1', false]]],
    [
      'a JSON-object string, re-serialized indented',
      '"{\\"orderId\\":7,\\"items\\":[1,2]}"',
      [['{\n  "orderId": 7,\n  "items": [\n    1,\n    2\n  ]\n}', false]],
    ],
    [
      'an array: elements via ToString()',
      '["x", {"b": 1}, 2.50, null, false, [1]]',
      [
        ['x', false],
        ['{\n  "b": 1\n}', false],
        ['2.5', false],
        ['', false],
        ['False', false],
        ['[\n  1\n]', false],
      ],
    ],
    [
      'array elements that look like base64 stay text',
      '["test", "abcd"]',
      [
        ['test', false],
        ['abcd', false],
      ],
    ],
    ['an object: indented JSON', '{"a": "x", "n": null}', [['{\n  "a": "x",\n  "n": null\n}', false]]],
    ['an integer', '42', [['42', false]]],
    ['the number 1234 (the string "1234" would be base64)', '1234', [['1234', false]]],
    ['a float that is whole: .NET prints no decimals', '2.0', [['2', false]]],
    ['a float', '0.1', [['0.1', false]]],
    ['a big integer keeps its digits', '12345678901234567890', [['12345678901234567890', false]]],
    ['true', 'true', [['True', false]]],
    ['an empty array: no messages', '[]', []],
    ['a string that is only bracket-shaped at one end', '"[1] and more"', [['[1] and more', false]]],
  ])('%s', (_label, json, expected) => {
    expect(convert(json)).toEqual(expected);
  });

  test.each([
    ['"test"', [0xb5, 0xeb, 0x2d]],
    ['"abcd"', [0x69, 0xb7, 0x1d]],
    ['"ab cd\\r\\n"', [0x69, 0xb7, 0x1d]],
    ['"1234"', [0xd7, 0x6d, 0xf8]],
    ['"SGVsbG8="', [...utf8Encode('Hello')]],
    ['""', []],
    ['"   "', []],
  ])('the string %s happens to be valid base64: its decoded bytes are the message', (json, bytes) => {
    const result = queueMessagesFromOutput(parseJson(json));
    expect(result).toMatchObject({ ok: true, messages: [{ decodedFromBase64: true }] });
    if (result.ok) {
      expect([...result.messages[0]!.bytes]).toEqual(bytes);
      expect(result.messages[0]!.text).toBe(utf8Decode(new Uint8Array(bytes)));
    }
  });

  test('decoded bytes that are not UTF-8 show as replacement characters', () => {
    expect(convert('"test"')).toEqual([['\ufffd\ufffd-', true]]);
    expect(convert('"SGVsbG8="')).toEqual([['Hello', true]]);
  });

  test('plain text is sent as its UTF-8 bytes', () => {
    expect(bytesOf('"héllo"')).toEqual([[0x68, 0xc3, 0xa9, 0x6c, 0x6c, 0x6f]]);
  });

  test.each(['binary', 'Binary'])(
    'dataType %j skips the base64 attempt, but still splits arrays',
    (dataType) => {
      expect(convert('"test"', dataType)).toEqual([['test', false]]);
      expect(bytesOf('"test"', dataType)).toEqual([[...utf8Encode('test')]]);
      expect(convert('"[1,2]"', dataType)).toEqual([
        ['1', false],
        ['2', false],
      ]);
    },
  );

  test('dataType string still tries base64, as only binary is exempt', () => {
    expect(convert('"test"', 'string')).toEqual([['\ufffd\ufffd-', true]]);
  });

  test('null or a missing output queues nothing', () => {
    expect(queueMessagesFromOutput(parseJson('null'))).toEqual({ ok: true, messages: [] });
    expect(queueMessagesFromOutput(undefined)).toEqual({ ok: true, messages: [] });
  });

  test('a bracketed string that is not valid JSON fails the binding, as JToken.Parse throws', () => {
    const result = queueMessagesFromOutput(parseJson('"[not json]"'));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatch(/^The queue output value looks like JSON .* not valid JSON: /);
  });
});

describe('looksLikeJson (Utility.IsJson)', () => {
  test.each([
    ['{}', true],
    ['[]', true],
    ['  {"a":1}\n', true],
    ['\u0085[1]\u00a0', true],
    ['{', false],
    ['[}', false],
    ['"[]"', false],
    ['\ufeff[]', false],
    ['', false],
  ])('%j → %j', (text, expected) => {
    expect(looksLikeJson(text)).toBe(expected);
  });
});

describe('decodeDotnetBase64 (Convert.FromBase64String)', () => {
  test.each([
    ['', []],
    ['QQ==', [0x41]],
    ['QUI=', [0x41, 0x42]],
    ['QUJD', [0x41, 0x42, 0x43]],
    [' Q U\tJ\nD\r', [0x41, 0x42, 0x43]],
    ['QQ= =', [0x41]],
    ['QR==', [0x41]],
    ['+/+/', [0xfb, 0xff, 0xbf]],
  ])('%j decodes to %j', (text, bytes) => {
    expect([...(decodeDotnetBase64(text) ?? [0xdead])]).toEqual(bytes);
  });

  test.each([
    'Q',
    'QQ=',
    'QUJDR',
    'Q===',
    '====',
    'QQ==QUJD',
    'QU=J',
    'QUJ-',
    'QUJ_',
    'QUJ\u00e9',
    'Q\vUJD',
    'hello',
  ])('%j is not base64', (text) => {
    expect(decodeDotnetBase64(text)).toBeUndefined();
  });

  test('encodeBase64 round-trips every length and byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let n = 0; n <= 10; n++) {
      const slice = bytes.subarray(256 - n);
      expect([...decodeDotnetBase64(encodeBase64(slice))!]).toEqual([...slice]);
    }
    expect(encodeBase64(bytes)).toHaveLength(344);
    expect([...decodeDotnetBase64(encodeBase64(bytes))!]).toEqual([...bytes]);
    expect(encodeBase64(utf8Encode('Hello'))).toBe('SGVsbG8=');
  });
});

describe('message encoding', () => {
  test('base64 stores base64 text; none stores the UTF-8 text', () => {
    const bytes = utf8Encode('{"a":1}');
    expect(encodeMessageBody(bytes, 'base64')).toBe('eyJhIjoxfQ==');
    expect(encodeMessageBody(bytes, 'none')).toBe('{"a":1}');
    expect(decodeMessageBody('eyJhIjoxfQ==', 'base64')).toEqual(bytes);
    expect(decodeMessageBody('{"a":1}', 'none')).toEqual(bytes);
  });

  test('a message that is not base64 cannot be decoded under base64 encoding', () => {
    expect(decodeMessageBody('{"a":1}', 'base64')).toBeUndefined();
  });
});
