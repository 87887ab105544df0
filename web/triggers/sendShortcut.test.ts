import { describe, expect, test } from 'vitest';
import { isSendShortcut, requestSend, SEND_REQUEST_EVENT } from './sendShortcut';

const key = (extra: Partial<{ key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }>) => ({
  key: 'Enter',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...extra,
});

describe('isSendShortcut', () => {
  test('is Ctrl+Enter or Cmd+Enter', () => {
    expect(isSendShortcut(key({ ctrlKey: true }))).toBe(true);
    expect(isSendShortcut(key({ metaKey: true }))).toBe(true);
    expect(isSendShortcut(key({}))).toBe(false);
    expect(isSendShortcut(key({ ctrlKey: true, altKey: true }))).toBe(false);
    expect(isSendShortcut(key({ key: 'a', ctrlKey: true }))).toBe(false);
  });
});

describe('requestSend', () => {
  test('reaches a listening composer and says whether one answered', () => {
    const target = new EventTarget();
    expect(requestSend(target)).toBe(false);
    let heard = 0;
    target.addEventListener(SEND_REQUEST_EVENT, (e) => {
      heard++;
      e.preventDefault();
    });
    expect(requestSend(target)).toBe(true);
    expect(heard).toBe(1);
  });
});
