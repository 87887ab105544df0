import { describe, expect, test } from 'vitest';
import { encodeShareFragment } from './codec';
import { V1_ORDER_LINK, V1_ORDER_STATE } from './fixtures/v1';
import { exampleUrl, readShareRequest, shareUrl } from './location';

describe('what the address asks for', () => {
  test('nothing', () => {
    expect(readShareRequest('', '')).toEqual({ kind: 'none' });
    expect(readShareRequest('?other=1', '#')).toEqual({ kind: 'none' });
    expect(readShareRequest('?example=', '')).toEqual({ kind: 'none' });
  });

  test('an example by name', () => {
    expect(readShareRequest('?example=order', '')).toEqual({ kind: 'example', name: 'order' });
    expect(readShareRequest('?example=..%2Fx', '')).toEqual({
      kind: 'error',
      error: 'There is no example named "../x".',
    });
  });

  test('a share link, which wins over ?example=', () => {
    expect(readShareRequest('?example=hello', `#${V1_ORDER_LINK}`)).toEqual({
      kind: 'state',
      state: V1_ORDER_STATE,
    });
  });

  test('a broken share link', () => {
    expect(readShareRequest('', '#s1.abc+')).toEqual({
      kind: 'error',
      error: 'This share link is damaged: it holds a character a share link never has ("+" at position 4).',
    });
  });
});

describe('addresses', () => {
  test('share URL replaces the hash and drops ?example=', () => {
    const fragment = encodeShareFragment(V1_ORDER_STATE);
    const url = shareUrl('https://play.example/app/?example=hello&theme=dark#old', fragment);
    expect(url).toBe(`https://play.example/app/?theme=dark#${fragment}`);
    const back = new URL(url);
    expect(readShareRequest(back.search, back.hash)).toEqual({ kind: 'state', state: V1_ORDER_STATE });
  });

  test('example URL', () => {
    expect(exampleUrl('https://play.example/#s1.abc', 'timer')).toBe('https://play.example/?example=timer');
  });
});
