import { expect, test } from 'vitest';
import { languageOf, markersFor } from './editorProps';

test.each([
  ['host.json', 'json'],
  ['order/function.json', 'json'],
  ['handler.js', 'javascript'],
  ['server.cjs', 'javascript'],
  ['handler.ts', 'typescript'],
  ['handler.py', 'python'],
  ['README.md', 'markdown'],
  ['run.sh', 'shell'],
  ['Makefile', 'plaintext'],
])('languageOf(%j) = %s', (path, language) => {
  expect(languageOf(path)).toBe(language);
});

test('markersFor keeps the file own diagnostics, with the JSON path in the message', () => {
  const markers = markersFor(
    [
      {
        severity: 'error',
        file: 'order/function.json',
        line: 5,
        column: 14,
        where: 'bindings[0].type',
        message: 'bad',
      },
      { severity: 'warning', file: 'host.json', message: 'whole file' },
      { severity: 'error', file: 'order/function.json', message: 'no place' },
    ],
    'order/function.json',
  );
  expect(markers).toEqual([
    { line: 5, column: 14, message: 'bindings[0].type: bad', severity: 'error' },
    { line: 1, message: 'no place', severity: 'error' },
  ]);
});
