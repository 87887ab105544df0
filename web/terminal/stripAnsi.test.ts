import { expect, test } from 'vitest';
import { stripAnsi } from './stripAnsi';

test('stripAnsi removes colours and carriage returns before newlines', () => {
  expect(stripAnsi('\u001b[32mFunctions:\u001b[0m\r\n\torder: [POST]\r\n')).toBe(
    'Functions:\n\torder: [POST]\n',
  );
  expect(stripAnsi('\u001b]0;title\u0007text')).toBe('text');
});
