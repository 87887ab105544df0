import { expect, test } from 'vitest';
import { diffFiles } from './fileDiff';

test('only changed and new files are written; missing ones removed', () => {
  const before = new Map([
    ['host.json', '{}'],
    ['a/function.json', '1'],
    ['gone.js', 'x'],
  ]);
  const after = new Map([
    ['host.json', '{}'],
    ['a/function.json', '2'],
    ['new.js', 'y'],
  ]);
  const diff = diffFiles(before, after);
  expect([...diff.write]).toEqual([
    ['a/function.json', '2'],
    ['new.js', 'y'],
  ]);
  expect(diff.remove).toEqual(['gone.js']);
});
