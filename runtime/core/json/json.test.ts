import { describe, expect, test } from 'vitest';
import { parseJson, JsonSyntaxError } from './parseJson';
import { writeJson, dotnetToString, quoteJsonString } from './writeJson';
import { formatDotnetDouble } from './dotnetNumber';
import { getProp, toPlain, type JsonObject } from './jsonNode';

describe('parseJson', () => {
  test('keeps key order, including integer-like keys that JS objects reorder', () => {
    expect(writeJson(parseJson('{"b":1,"1":2,"a":[true,null]}'))).toBe('{"b":1,"1":2,"a":[true,null]}');
  });

  test('accepts comments and trailing commas, as Json.NET does in host.json', () => {
    const node = parseJson(`{
      // a comment
      "a": [1, 2,], /* block */
      "b": "x",
    }`);
    expect(writeJson(node)).toBe('{"a":[1,2],"b":"x"}');
  });

  test('keeps floats as floats: 2.0 is written back as 2.0, ints as digits', () => {
    expect(writeJson(parseJson('[2.0, 2, 1e2, 1.50, 12345678901234567890]'))).toBe(
      '[2.0,2,100.0,1.5,12345678901234567890]',
    );
  });

  test.each([
    ['{"a":1', 'Unexpected end of file', 1, 7],
    ['{\n  "a": tru\n}', "Unexpected token 'tru'", 2, 8],
    ['{\n  "a": 1,\n  b: 2\n}', 'expected a property name in double quotes', 3, 3],
    ['', 'The file is empty', 1, 1],
    ['{"a": "x\ny"}', 'Unterminated string', 1, 7],
    ['[1 2]', "expected ',' or ']'", 1, 4],
    ['{} x', "Unexpected character 'x' after the end", 1, 4],
  ])('reports %j with line and column', (text, reason, line, column) => {
    try {
      parseJson(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(JsonSyntaxError);
      const err = e as JsonSyntaxError;
      expect(err.message).toContain(reason);
      expect([err.line, err.column]).toEqual([line, column]);
    }
  });

  test('records positions of nested nodes', () => {
    const root = parseJson('{\n  "bindings": [\n    { "type": 5 }\n  ]\n}') as JsonObject;
    const bindings = getProp(root, 'Bindings');
    expect(bindings?.kind).toBe('array');
    const first = bindings?.kind === 'array' ? (bindings.items[0] as JsonObject) : undefined;
    expect(getProp(first!, 'type')?.pos).toEqual({ line: 3, column: 15 });
  });

  test('duplicate keys keep the last value in the first place', () => {
    expect(writeJson(parseJson('{"a":1,"b":2,"a":3}'))).toBe('{"a":3,"b":2}');
  });
});

describe('writeJson', () => {
  test('indented output matches Json.NET Formatting.Indented', () => {
    expect(writeJson(parseJson('{"ok":true,"list":[1,{"x":null}],"empty":{},"none":[]}'), true)).toBe(
      '{\n  "ok": true,\n  "list": [\n    1,\n    {\n      "x": null\n    }\n  ],\n  "empty": {},\n  "none": []\n}',
    );
  });

  test('escapes like Json.NET: control chars and U+2028, not non-ASCII or HTML characters', () => {
    expect(quoteJsonString('a"b\\c\n\u0001\u2028é<>\'')).toBe('"a\\"b\\\\c\\n\\u0001\\u2028é<>\'"');
  });
});

describe('.NET formatting', () => {
  test.each([
    [1, '1'],
    [1.5, '1.5'],
    [0.1, '0.1'],
    [1e14, '100000000000000'],
    [1e15, '1E+15'],
    [1.2345678901234568e17, '1.2345678901234568E+17'],
    [0.0001, '0.0001'],
    [0.00001, '1E-05'],
    [-2.5e-7, '-2.5E-07'],
  ])('double %d prints as %s', (value, text) => {
    expect(formatDotnetDouble(value)).toBe(text);
  });

  test('ToString of tokens', () => {
    expect(dotnetToString(parseJson('true'))).toBe('True');
    expect(dotnetToString(parseJson('2.0'))).toBe('2');
    expect(dotnetToString(parseJson('"x"'))).toBe('x');
    expect(dotnetToString(parseJson('null'))).toBe('');
    expect(dotnetToString(parseJson('[1]'))).toBe('[\n  1\n]');
  });
});

test('duplicate keys keep the last value in the first place, in small objects and past the map threshold', () => {
  const keys = Array.from({ length: 24 }, (_, i) => `k${i}`);
  const text = `{${keys.map((k, i) => `"${k}":${i}`).join(',')},"k2":"a","k20":"b","k23":"c","new":1,"k0":"d"}`;
  const node = parseJson(text);
  if (node.kind !== 'object') throw new Error('not an object');
  expect(node.entries.map(([k]) => k)).toEqual([...keys, 'new']);
  const plain = toPlain(node) as Record<string, unknown>;
  expect([plain.k0, plain.k2, plain.k20, plain.k23, plain.k5, plain.new]).toEqual(['d', 'a', 'b', 'c', 5, 1]);
  const small = parseJson('{"a":1,"b":2,"a":3}');
  expect(small.kind === 'object' && small.entries.map(([k, v]) => `${k}=${toPlain(v)}`)).toEqual([
    'a=3',
    'b=2',
  ]);
});
