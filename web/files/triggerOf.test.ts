import { expect, test } from 'vitest';
import { declaredTrigger, folderTrigger } from './triggerOf';

test('declaredTrigger reads the first trigger binding, and survives broken JSON', () => {
  expect(declaredTrigger('{"bindings":[{"type":"http"},{"type":"queueTrigger"}]}')).toBe('queueTrigger');
  expect(declaredTrigger('{"bindings":[{"type":"http"}]}')).toBeUndefined();
  expect(declaredTrigger('{ nope')).toBeUndefined();
  expect(declaredTrigger('null')).toBeUndefined();
  expect(declaredTrigger(undefined)).toBeUndefined();
});

test('folderTrigger prefers the host functions', () => {
  const functions = [{ name: 'order', trigger: 'httpTrigger', disabled: true }];
  expect(folderTrigger('order', functions, undefined)).toEqual({
    trigger: 'httpTrigger',
    disabled: true,
    loaded: true,
  });
  expect(folderTrigger('tick', functions, '{"bindings":[{"type":"timerTrigger"}]}')).toEqual({
    trigger: 'timerTrigger',
    disabled: false,
    loaded: false,
  });
  expect(folderTrigger('none', functions, '{}')).toBeUndefined();
});
