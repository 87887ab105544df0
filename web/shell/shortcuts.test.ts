import { describe, expect, test } from 'vitest';
import type { KeyLike } from './shortcuts';
import { isMacPlatform, shortcutFor, shortcutLabel } from './shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcutFor', () => {
  test.each([
    [key('s', { ctrlKey: true }), false, 'save'],
    [key('S', { ctrlKey: true, shiftKey: true }), false, 'saveAll'],
    [key('Enter', { ctrlKey: true }), false, 'send'],
    [key('s', { metaKey: true }), true, 'save'],
    [key('s', { metaKey: true, shiftKey: true }), true, 'saveAll'],
    [key('Enter', { metaKey: true }), true, 'send'],
    [key('s'), false, undefined],
    [key('s', { metaKey: true }), false, undefined],
    [key('s', { ctrlKey: true }), true, undefined],
    [key('s', { ctrlKey: true, altKey: true }), false, undefined],
    [key('Enter', { ctrlKey: true, shiftKey: true }), false, undefined],
    [key('x', { ctrlKey: true }), false, undefined],
  ] as const)('%j on mac=%s → %s', (event, mac, expected) => {
    expect(shortcutFor(event, mac)).toBe(expected);
  });
});

test('labels', () => {
  expect(shortcutLabel('save', false)).toBe('Ctrl+S');
  expect(shortcutLabel('saveAll', false)).toBe('Ctrl+Shift+S');
  expect(shortcutLabel('send', false)).toBe('Ctrl+Enter');
  expect(shortcutLabel('saveAll', true)).toBe('⌘⇧S');
});

test('isMacPlatform', () => {
  expect(isMacPlatform({ platform: 'MacIntel', userAgent: '' })).toBe(true);
  expect(isMacPlatform({ platform: 'Linux x86_64', userAgent: 'X11' })).toBe(false);
  expect(isMacPlatform({ platform: '', userAgent: 'Mozilla/5.0 (iPad; CPU OS 17_0)' })).toBe(true);
  expect(isMacPlatform(undefined)).toBe(false);
});
