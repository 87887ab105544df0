import { describe, expect, test } from 'vitest';
import { differsFromExample, sameFiles } from './embedHandoff';
import { HELLO } from '../playground/testPlayground';

const fromHello = { kind: 'example', name: 'hello', example: 'hello' } as const;
const hello = { name: 'hello', files: HELLO };

describe('whether an embed has anything to carry to the full playground', () => {
  test('the example as loaded: nothing', () => {
    expect(differsFromExample(fromHello, { files: { ...HELLO }, drafts: {} }, hello)).toBe(false);
  });

  test('an unsaved change', () => {
    expect(
      differsFromExample(fromHello, { files: { ...HELLO }, drafts: { 'handler.js': 'changed' } }, hello),
    ).toBe(true);
  });

  test('a saved change, a new file or a deleted one', () => {
    const saved = { ...HELLO, 'handler.js': 'changed' };
    expect(differsFromExample(fromHello, { files: saved, drafts: {} }, hello)).toBe(true);
    expect(differsFromExample(fromHello, { files: { ...HELLO, 'x.js': '' }, drafts: {} }, hello)).toBe(true);
    const { 'host.json': _gone, ...fewer } = HELLO;
    expect(differsFromExample(fromHello, { files: fewer, drafts: {} }, hello)).toBe(true);
  });

  test('a saved change undone by an unsaved one: the app is the example again', () => {
    const saved = { ...HELLO, 'handler.js': 'changed' };
    const drafts = { 'handler.js': HELLO['handler.js'] };
    expect(differsFromExample(fromHello, { files: saved, drafts }, hello)).toBe(false);
  });

  test('an app from a share link, a share file or an import, even one made from an example', () => {
    const files = { files: { ...HELLO }, drafts: {} };
    expect(differsFromExample({ kind: 'link', name: 'hello', example: 'hello' }, files, hello)).toBe(true);
    expect(differsFromExample({ kind: 'file', name: 'hello', example: 'hello' }, files, hello)).toBe(true);
    expect(differsFromExample({ kind: 'import', name: 'hello' }, files, hello)).toBe(true);
  });

  test("while the example's files are not known, or are another example's: carried, to be safe", () => {
    const files = { files: { ...HELLO }, drafts: {} };
    expect(differsFromExample(fromHello, files, undefined)).toBe(true);
    expect(differsFromExample(fromHello, files, { name: 'order', files: HELLO })).toBe(true);
  });
});

test('sameFiles compares names and contents, in any order', () => {
  expect(sameFiles({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true);
  expect(sameFiles({ a: '1' }, { a: '2' })).toBe(false);
  expect(sameFiles({ a: '1' }, { a: '1', b: '' })).toBe(false);
  expect(sameFiles({ a: '1', c: '' }, { a: '1', b: '' })).toBe(false);
});
