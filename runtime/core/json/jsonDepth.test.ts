import { expect, test } from 'vitest';
import { JSON_NET_MAX_DEPTH, JsonSyntaxError, parseJson } from './parseJson';

const nested = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}${close.repeat(depth)}`;

test("Json.NET's reader depth: 64 nested containers parse, the 65th is refused where it opens", () => {
  expect(() => parseJson(nested(64), { maxDepth: JSON_NET_MAX_DEPTH })).not.toThrow();
  const text = `{\n  "a": ${nested(65)}\n}`;
  const error = (() => {
    try {
      parseJson(text, { maxDepth: JSON_NET_MAX_DEPTH });
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  expect(error).toBeInstanceOf(JsonSyntaxError);
  expect(error).toMatchObject({
    reason: "The reader's MaxDepth of 64 has been exceeded",
    line: 2,
    column: 8 + 63,
  });
});

test('5,000 levels give a syntax error, not a stack overflow, even without a limit asked for', () => {
  for (const [open, close] of [
    ['[', ']'],
    ['{"a":', '}'],
  ] as const) {
    expect(() => parseJson(nested(5000, open, close))).toThrow(JsonSyntaxError);
    expect(() => parseJson(nested(5000, open, close))).toThrow(/MaxDepth of 1000 has been exceeded/);
  }
  expect(() => parseJson(nested(1000))).not.toThrow();
});
