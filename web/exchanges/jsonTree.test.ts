import { describe, expect, test } from 'vitest';
import { decodeNested, parseJsonTree, prettyJson, printJson } from './jsonTree';
import type { JsonTreeNode, JsonTreeString } from './jsonTree';

const str = (node: JsonTreeNode | undefined): JsonTreeString => {
  if (node?.kind !== 'string') throw new Error(`not a string: ${JSON.stringify(node)}`);
  return node;
};

describe('prettyJson', () => {
  test('prints like JSON.stringify with two spaces', () => {
    const samples = [
      '{"a":1,"b":[true,false,null],"c":{"d":"e"},"f":[],"g":{}}',
      '[1,{"x":[[]]},"s"]',
      '"just a string"',
      '42',
      'null',
      ' \n\t{ "spaced" :  [ 1 , 2 ] } \r\n',
    ];
    for (const text of samples) {
      expect(prettyJson(text)).toBe(JSON.stringify(JSON.parse(text), null, 2));
    }
  });

  test('keeps the order of integer-like keys, which JSON.parse moves first', () => {
    const text = '{"b":1,"10":2,"a":3,"2":4}';
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['2', '10', 'b', 'a']);
    expect(prettyJson(text)).toBe('{\n  "b": 1,\n  "10": 2,\n  "a": 3,\n  "2": 4\n}');
  });

  test('keeps numbers and escapes exactly as written', () => {
    expect(prettyJson('[12345678901234567890,1.50,1E+3,-0]')).toBe(
      '[\n  12345678901234567890,\n  1.50,\n  1E+3,\n  -0\n]',
    );
    expect(prettyJson('{"k\\u00e9y":"a\\/b\\n"}')).toBe('{\n  "k\\u00e9y": "a\\/b\\n"\n}');
  });

  test('keeps duplicate keys, which JSON.parse collapses', () => {
    expect(prettyJson('{"a":1,"a":2}')).toBe('{\n  "a": 1,\n  "a": 2\n}');
  });

  test('uses the indent it is given', () => {
    expect(prettyJson('{"a":[1]}', '\t')).toBe('{\n\t"a": [\n\t\t1\n\t]\n}');
  });

  test('rejects what is not strict JSON', () => {
    for (const text of [
      '',
      'not json',
      '{"a":1,}',
      '[1,]',
      "{'a':1}",
      '{a:1}',
      '01',
      '1.',
      '.5',
      '"unterminated',
      '"tab\there"',
      '"bad \\x escape"',
      '"\\u12"',
      '{"a":1} trailing',
      'True',
      'NaN',
      '{"a" 1}',
      '[1 2]',
    ]) {
      expect(parseJsonTree(text), text).toBeUndefined();
    }
  });

  test('gives up on absurd nesting instead of overflowing the stack', () => {
    expect(parseJsonTree('['.repeat(100_000) + ']'.repeat(100_000))).toBeUndefined();
    expect(parseJsonTree('['.repeat(50) + ']'.repeat(50))).toBeDefined();
  });

  test('reads a long string without trouble', () => {
    const long = 'x'.repeat(2_000_000);
    expect(str(parseJsonTree(JSON.stringify(long))).value).toBe(long);
  });
});

describe('decodeNested', () => {
  test('decodes the double-encoded Metadata values the host sends', () => {
    const tree = parseJsonTree('{"Id":"\\"1005\\"","DequeueCount":"1","qty":"\\"2\\""}');
    if (tree?.kind !== 'object') throw new Error('expected an object');
    const [id, count, qty] = tree.entries.map((e) => str(e.value));
    expect(id!.raw).toBe('"\\"1005\\""');
    expect(decodeNested(id!)).toEqual({ kind: 'string', raw: '"1005"', value: '1005' });
    expect(decodeNested(count!)).toBeUndefined();
    expect(decodeNested(qty!)).toEqual({ kind: 'string', raw: '"2"', value: '2' });
  });

  test('decodes an object held in a string, keeping its key order', () => {
    const body = JSON.stringify({ Data: { msg: JSON.stringify({ z: 1, '5': 2 }) } });
    expect(body).toBe('{"Data":{"msg":"{\\"5\\":2,\\"z\\":1}"}}');
    const text = '{"Data":{"msg":"{\\"z\\":1,\\"5\\":2}"}}';
    const tree = parseJsonTree(text);
    if (tree?.kind !== 'object' || tree.entries[0]?.value.kind !== 'object') throw new Error('shape');
    const msg = str(tree.entries[0].value.entries[0]?.value);
    const decoded = decodeNested(msg);
    expect(decoded && printJson(decoded)).toBe('{\n  "z": 1,\n  "5": 2\n}');
  });

  test('decodes layer by layer (a queue message that was JSON text, encoded twice)', () => {
    const inner = '{\n  "id": 1005\n}';
    const twice = JSON.stringify(JSON.stringify(inner));
    const layer1 = decodeNested(str(parseJsonTree(twice)));
    expect(layer1).toEqual({ kind: 'string', raw: JSON.stringify(inner), value: inner });
    const layer2 = decodeNested(str(layer1));
    expect(layer2 && printJson(layer2)).toBe('{\n  "id": 1005\n}');
  });

  test('leaves plain text, numbers, literals and broken JSON alone', () => {
    for (const value of ['hello', '1005', 'true', 'null', '{not json', '[1,', '"open', '']) {
      expect(decodeNested({ kind: 'string', raw: JSON.stringify(value), value }), value).toBeUndefined();
    }
  });

  test('accepts JSON with surrounding whitespace', () => {
    expect(decodeNested({ kind: 'string', raw: '', value: '  [1]\n' })).toEqual({
      kind: 'array',
      items: [{ kind: 'number', raw: '1' }],
    });
  });
});
