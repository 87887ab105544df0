import { expect, test } from 'vitest';
import { combinePath, isPathRooted } from './dotnetPath';

test.each([
  ['/app', 'bin', '/app/bin'],
  ['/app/', 'bin', '/app/bin'],
  ['/app', '/opt/bin', '/opt/bin'],
  ['/app', '', '/app'],
  ['', 'bin', 'bin'],
  ['/app', '../bin', '/app/../bin'],
  ['/app', './bin/', '/app/./bin/'],
  ['/app', 'C:\\bin', '/app/C:\\bin'],
])('Path.Combine(%j, %j) is %j', (first, second, expected) => {
  expect(combinePath(first, second)).toBe(expected);
});

test.each([
  ['/x', true],
  ['x', false],
  ['', false],
  ['./x', false],
  ['~/x', false],
  ['C:\\x', false],
])('IsPathRooted(%j) is %j', (path, expected) => {
  expect(isPathRooted(path)).toBe(expected);
});
