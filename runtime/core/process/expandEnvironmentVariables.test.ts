import { expect, test } from 'vitest';
import { expandEnvironmentVariables } from './expandEnvironmentVariables';

const env = { A: 'x', B: 'y', EMPTY: '', Path: '/mixed', UNSET: undefined };

test.each([
  ['%A%', 'x'],
  ['pre-%A%-post', 'pre-x-post'],
  ['%A%%B%', 'xy'],
  ['%EMPTY%', ''],
  ['%UNKNOWN%', '%UNKNOWN%'],
  ['%UNSET%', '%UNSET%'],
  ['no percent', 'no percent'],
  ['', ''],
  ['%', '%'],
  ['50%', '50%'],
  ['%%', '%%'],
  ['%%%', '%%%'],
  ['%%A%', '%x'],
  ['%A%B%', 'xB%'],
  ['%X%B%', '%Xy'],
  ['%X%Y%B%', '%X%Yy'],
  ['%A', '%A'],
  ['A%', 'A%'],
  ['%a%', '%a%'],
  ['%PATH%', '%PATH%'],
  ['%Path%', '/mixed'],
  ['%constructor%', '%constructor%'],
  ['%toString%', '%toString%'],
  ['%A B%', '%A B%'],
])('%j expands to %j', (text, expected) => {
  expect(expandEnvironmentVariables(text, env)).toBe(expected);
});

test('a value is not expanded again', () => {
  expect(expandEnvironmentVariables('%A%', { A: '%B%', B: 'y' })).toBe('%B%');
});

test('a name with spaces or symbols is looked up as it is', () => {
  expect(expandEnvironmentVariables('%my var%', { 'my var': 'ok' })).toBe('ok');
  expect(expandEnvironmentVariables('%ConnectionStrings:db%', { 'ConnectionStrings:db': 'cs' })).toBe('cs');
});
