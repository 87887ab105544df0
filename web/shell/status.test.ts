import { expect, test } from 'vitest';
import { engineLabel, engineTone, handlerTone, hostTone, triggerBadge } from './status';

test('engine phases', () => {
  expect(engineTone({ phase: 'running' })).toBe('ok');
  expect(engineTone({ phase: 'booting' })).toBe('busy');
  expect(engineTone({ phase: 'starting-host' })).toBe('busy');
  expect(engineTone({ phase: 'failed', reason: 'timeout', message: 'm' })).toBe('error');
  expect(engineTone({ phase: 'stopped', message: 'm' })).toBe('idle');
  expect(engineLabel({ phase: 'starting-host' })).toBe('starting host');
});

test.each([
  ['Running', 'ok'],
  ['Starting', 'busy'],
  ['Error', 'error'],
  ['Stopped', 'idle'],
  [undefined, 'idle'],
])('host %s is %s', (state, tone) => {
  expect(hostTone(state)).toBe(tone);
});

test.each([
  ['ready', 'ok'],
  ['starting', 'busy'],
  ['exited', 'error'],
  ['failed', 'error'],
  ['stopped', 'idle'],
])('handler %s is %s', (state, tone) => {
  expect(handlerTone(state)).toBe(tone);
});

test.each([
  ['httpTrigger', 'HTTP'],
  ['QueueTrigger', 'queue'],
  ['timerTrigger', 'timer'],
  ['blobTrigger', 'blob'],
])('triggerBadge(%s)', (type, badge) => {
  expect(triggerBadge(type)).toBe(badge);
});
