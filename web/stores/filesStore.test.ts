import { describe, expect, test } from 'vitest';
import { createFilesStore } from './filesStore';

const NAMES = ['toString', 'constructor', 'valueOf', 'hasOwnProperty', '__proto__'];

describe('the files store keys files by name, whatever the name', () => {
  test('creates, edits, saves, renames and removes files named like what objects inherit', () => {
    const store = createFilesStore();
    store.getState().load({ 'handler.js': 'x' }, 'test');
    for (const name of NAMES) {
      expect(store.getState().create(name, `${name}!`), name).toBeUndefined();
      expect(Object.getOwnPropertyDescriptor(store.getState().files, name)?.value, name).toBe(`${name}!`);
      expect(store.getState().create(name), name).toBe(`'${name}' already exists.`);
    }
    expect(Object.getPrototypeOf(store.getState().files)).toBe(Object.prototype);
    store.getState().edit('__proto__', 'draft');
    expect(Object.getOwnPropertyDescriptor(store.getState().drafts, '__proto__')?.value).toBe('draft');
    expect(Object.getPrototypeOf(store.getState().drafts)).toBe(Object.prototype);
    expect(store.getState().save('__proto__')).toBe('code');
    expect(Object.getOwnPropertyDescriptor(store.getState().files, '__proto__')?.value).toBe('draft');
    expect(store.getState().save('toString')).toBeUndefined(); // no draft: nothing to save
    expect(store.getState().rename('valueOf', 'constructor2')).toBeUndefined();
    expect(store.getState().rename('handler.js', 'hasOwnProperty')).toBe(`'hasOwnProperty' already exists.`);
    store.getState().remove('__proto__');
    expect(Object.keys(store.getState().files).sort()).toEqual([
      'constructor',
      'constructor2',
      'handler.js',
      'hasOwnProperty',
      'toString',
    ]);
  });

  test('refuses a name that clashes by case or by folder, and an over-long one', () => {
    const store = createFilesStore();
    store.getState().load({ 'handler.js': 'x', 'order/function.json': '{}' }, 'test');
    expect(store.getState().create('Handler.js')).toBe(
      `'Handler.js' differs from 'handler.js' only in case.`,
    );
    expect(store.getState().create('order')).toBe(
      `'order' is already a folder (it holds 'order/function.json').`,
    );
    expect(store.getState().create('handler.js/x.js')).toBe(
      `'handler.js' is a file, so it cannot be a folder of 'handler.js/x.js'.`,
    );
    expect(store.getState().create(`${'a'.repeat(300)}.js`)).toMatch(/at most 260 characters/);
    // A rename that only changes case is fine: the old name is not a clash with itself.
    expect(store.getState().rename('handler.js', 'Handler.js')).toBeUndefined();
    expect(Object.keys(store.getState().files).sort()).toEqual(['Handler.js', 'order/function.json']);
  });

  test('load opens the file asked for only when the app holds it', () => {
    const store = createFilesStore();
    store.getState().load({ 'b.js': '', 'a.js': '' }, 'test', 'toString');
    expect(store.getState().active).toBe('a.js');
  });
});
