import { expect, test } from 'vitest';
import { PlaygroundSession } from '../session/session';
import { createExchangesStore } from '../stores/exchangesStore';
import { createFilesStore } from '../stores/filesStore';
import { createRuntimeStore } from '../stores/runtimeStore';
import { createTerminalStore } from '../stores/terminalStore';
import { createTriggersStore } from '../stores/triggersStore';
import { declaredFunctions, DemoEngine } from './demoEngine';

test('the demo engine reports a running host with the declared functions', async () => {
  const stores = {
    files: createFilesStore(),
    runtime: createRuntimeStore('fake'),
    exchanges: createExchangesStore(),
    triggers: createTriggersStore({ method: 'GET', path: '/', headers: [], body: '' }),
    terminal: createTerminalStore(),
  };
  stores.files
    .getState()
    .load({ 'host.json': '{}', 'tick/function.json': '{"bindings":[{"type":"timerTrigger"}]}' }, 'x');
  const session = new PlaygroundSession(new DemoEngine(), stores);
  await session.start();
  expect(stores.runtime.getState().engine.phase).toBe('running');
  expect(stores.runtime.getState().host?.handler.state).toBe('ready');
  expect(stores.runtime.getState().functions).toEqual([
    { name: 'tick', trigger: 'timerTrigger', disabled: false },
  ]);
  expect(stores.terminal.getState().buffer).toContain('[fake engine]');
  expect(await session.sendRequest({ method: 'GET', path: '/api/x', headers: [], body: '' })).toEqual({
    status: 200,
  });
});

test('declaredFunctions skips folders without a trigger', () => {
  expect(
    declaredFunctions(
      new Map([
        ['a/function.json', '{}'],
        ['b/c/function.json', '{"bindings":[{"type":"httpTrigger"}]}'],
      ]),
    ),
  ).toEqual([]);
  expect(declaredFunctions(undefined)).toEqual([]);
});
