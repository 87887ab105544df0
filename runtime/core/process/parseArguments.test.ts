import { expect, test } from 'vitest';
import { parseArgumentsIntoList } from './parseArguments';

test.each<[string, string[]]>([
  ['', []],
  ['   ', []],
  [' --a --b', ['--a', '--b']],
  ['a\tb', ['a', 'b']],
  ['  a   b  ', ['a', 'b']],
  ['a\nb', ['a\nb']],
  ['a\rb', ['a\rb']],
  [' "my file.js"', ['my file.js']],
  ['a"b c"d', ['ab cd']],
  ['"unterminated arg', ['unterminated arg']],
  ['a "" b', ['a', '', 'b']],
  ['""', ['']],
  ['a""b', ['ab']],
  ['"a""b"', ['a"b']],
  ['"a"" b"', ['a" b']],
  ['"""', ['"']],
  ['""""', ['"']],
  ['"""" x', ['"', 'x']],
  ['"a""', ['a"']],
  ['a\\b', ['a\\b']],
  ['a\\\\b', ['a\\\\b']],
  ['a\\', ['a\\']],
  ['\\"a', ['"a']],
  ['\\\\"a b"', ['\\a b']],
  ['\\\\\\"a', ['\\"a']],
  ['\\\\\\\\"a b"', ['\\\\a b']],
  ['"a\\" b"', ['a" b']],
  ['"C:\\dir\\"', ['C:\\dir"']],
  ['"C:\\dir\\\\"', ['C:\\dir\\']],
  ['"a\\\\"" b"', ['a\\" b']],
  ['x\\\\"" y', ['x\\', 'y']],
])('%j splits into %j', (commandLine, expected) => {
  expect(parseArgumentsIntoList(commandLine)).toEqual(expected);
});
