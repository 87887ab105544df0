import { expect, test } from 'vitest';
import { appendedText, stripAnsi } from './appendedText';

test.each([
  ['abc', 'abcdef', { reset: false, text: 'def' }],
  ['abc', 'abc', { reset: false, text: '' }],
  ['', 'xyz', { reset: false, text: 'xyz' }],
  ['abcdef', 'cdefgh', { reset: false, text: 'gh' }],
  ['abcdef', 'efghijkl', { reset: false, text: 'ghijkl' }],
  ['abc', '', { reset: true, text: '' }],
  ['abc', 'xyz', { reset: true, text: 'xyz' }],
])('appendedText(%j, %j)', (previous, next, expected) => {
  expect(appendedText(previous, next)).toEqual(expected);
});

test('stripAnsi removes colours and carriage returns before newlines', () => {
  expect(stripAnsi('\u001b[32mFunctions:\u001b[0m\r\n\torder: [POST]\r\n')).toBe(
    'Functions:\n\torder: [POST]\n',
  );
  expect(stripAnsi('\u001b]0;title\u0007text')).toBe('text');
});
