import { describe, expect, test } from 'vitest';
import { buildTree, functionFolders, isWithin, problemLevels } from './tree';

describe('buildTree', () => {
  test('folders first, then files, sorted by name without regard to case', () => {
    const tree = buildTree([
      'host.json',
      'order/function.json',
      'handler.js',
      'Alpha/function.json',
      'a/b/c.txt',
    ]);
    expect(tree.map((n) => `${n.kind}:${n.path}`)).toEqual([
      'folder:a',
      'folder:Alpha',
      'folder:order',
      'file:handler.js',
      'file:host.json',
    ]);
    expect(tree[0]!.children[0]).toMatchObject({ kind: 'folder', path: 'a/b' });
    expect(tree[0]!.children[0]!.children[0]).toMatchObject({
      kind: 'file',
      path: 'a/b/c.txt',
      name: 'c.txt',
    });
  });

  test('an empty app is an empty tree', () => {
    expect(buildTree([])).toEqual([]);
  });
});

test('isWithin', () => {
  expect(isWithin('order/function.json', 'order')).toBe(true);
  expect(isWithin('order', 'order')).toBe(true);
  expect(isWithin('orders/function.json', 'order')).toBe(false);
});

test('functionFolders are the top-level folders holding a function.json', () => {
  expect([...functionFolders(['order/function.json', 'a/b/function.json', 'host.json', 'lib/x.js'])]).toEqual(
    ['order'],
  );
});

test('problemLevels marks the file and the folders above it, errors first', () => {
  const levels = problemLevels([
    { file: 'order/function.json', severity: 'warning' },
    { file: 'order/other.json', severity: 'error' },
    { file: 'host.json', severity: 'warning' },
  ]);
  expect(Object.fromEntries(levels)).toEqual({
    order: 'error',
    'order/function.json': 'warning',
    'order/other.json': 'error',
    'host.json': 'warning',
  });
});
