import { describe, expect, test, vi } from 'vitest';
import type { Command } from '../../runtime/core/control/protocol';
import { SEED_REQUEST } from '../examples/defaultRequest';
import { FakeEngine } from '../engine/testEngine';
import { PlaygroundSession } from '../session/session';
import { createExchangesStore } from '../stores/exchangesStore';
import { createFilesStore } from '../stores/filesStore';
import { createRuntimeStore } from '../stores/runtimeStore';
import { createTerminalStore } from '../stores/terminalStore';
import { createTriggersStore } from '../stores/triggersStore';
import { createActions, fileToOpen } from './playgroundActions';

const ORDER = {
  'host.json':
    '{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":"node","defaultWorkerPath":"handler.js"}}}',
  'handler.js': 'const routes = {};\n',
  'order/function.json': '{"bindings":[{"type":"httpTrigger","name":"req","methods":["post"]}]}',
  'lib/util.js': 'module.exports = {};\n',
};

function setup() {
  const engine = new FakeEngine((command) =>
    command.type === 'http.request' ? { status: 200, exchangeId: 'x1' } : undefined,
  );
  const stores = {
    files: createFilesStore(),
    runtime: createRuntimeStore('fake'),
    exchanges: createExchangesStore(),
    triggers: createTriggersStore({ method: 'GET', path: '/', headers: [], body: '' }),
    terminal: createTerminalStore(),
  };
  const session = new PlaygroundSession(engine, stores);
  const opened: string[] = [];
  const actions = createActions({
    stores,
    session,
    loadExample: async (name) => {
      if (name !== 'order') throw new Error(`There is no example named '${name}'.`);
      return { ...ORDER };
    },
    onExampleOpened: (name) => opened.push(name),
  });
  const commands = () => engine.processes.flatMap((p) => p.commands.map((c: Command) => c.type));
  return { engine, stores, session, actions, opened, commands };
}

describe('playground actions', () => {
  test('opening an example loads it, opens the handler and fills the composer, without starting', async () => {
    const { stores, actions, opened, engine } = setup();
    await actions.openExample('order');
    expect(stores.files.getState().active).toBe('handler.js');
    expect(stores.files.getState().source).toBe('order');
    expect(stores.triggers.getState().composer).toEqual(SEED_REQUEST);
    expect(opened).toEqual(['order']);
    expect(engine.processes).toEqual([]);
  });

  test('an unknown example is reported in the terminal', async () => {
    const { stores, actions } = setup();
    await actions.openExample('nope');
    expect(stores.terminal.getState().buffer).toContain("There is no example named 'nope'.");
  });

  test('run starts the engine, then restarts the host; opening an example restarts it too', async () => {
    const { engine, actions } = setup();
    await actions.openExample('order');
    await actions.runOrRestart();
    expect(engine.processes).toHaveLength(1);
    await actions.runOrRestart();
    expect(engine.processes).toHaveLength(2);
    expect(engine.processes[0]!.killed).toBe(true);
    await actions.openExample('order');
    expect(engine.processes).toHaveLength(3);
  });

  test('a new function adds its function.json, notes the route in the handler and reloads the app', async () => {
    const { stores, actions, commands } = setup();
    await actions.openExample('order');
    await actions.runOrRestart();
    expect(actions.addFunction('ship', 'queue')).toBeUndefined();
    const files = stores.files.getState();
    expect(JSON.parse(files.files['ship/function.json']!).bindings[0].type).toBe('queueTrigger');
    expect(files.files['handler.js']).toContain("Function 'ship' (queue trigger)");
    expect(files.drafts).toEqual({});
    expect(files.active).toBe('ship/function.json');
    expect(files.openTabs).toContain('handler.js');
    await vi.waitFor(() => expect(commands()).toContain('app.reload'));
    expect(actions.addFunction('ship', 'http')).toBe("'ship' already exists.");
  });

  test('a new function keeps the handler draft unsaved', async () => {
    const { stores, actions } = setup();
    await actions.openExample('order');
    stores.files.getState().edit('handler.js', 'const routes = { edited: 1 };\n');
    actions.addFunction('tick', 'timer');
    const files = stores.files.getState();
    expect(files.files['handler.js']).toBe('const routes = {};\n');
    expect(files.drafts['handler.js']).toMatch(/^const routes = \{ edited: 1 \};\n\n\/\/ Function 'tick'/);
  });

  test('rename and delete apply the change; a name in use is refused', async () => {
    const { stores, actions, commands } = setup();
    await actions.openExample('order');
    await actions.runOrRestart();
    expect(actions.rename('lib', 'order')).toBe("'order' already exists.");
    expect(actions.rename('lib/util.js', 'lib/bad/../x.js')).toMatch(/segment/);
    expect(actions.rename('lib', 'shared')).toBeUndefined();
    expect(stores.files.getState().files['shared/util.js']).toBeDefined();
    await vi.waitFor(() => expect(commands()).toContain('handler.restart'));
    actions.remove('order');
    expect(Object.keys(stores.files.getState().files)).not.toContain('order/function.json');
    await vi.waitFor(() => expect(commands()).toContain('app.reload'));
    expect(actions.createFile('notes.txt')).toBeUndefined();
    expect(actions.createFile('notes.txt')).toBe("'notes.txt' already exists.");
  });

  test('send posts the composer request; without a host it says so in the terminal', async () => {
    const { stores, actions, engine } = setup();
    await actions.send();
    expect(stores.terminal.getState().buffer).toContain('The host is not running yet.');
    await actions.openExample('order');
    await actions.runOrRestart();
    await actions.send();
    const sent = engine.processes[0]!.commands.find((c) => c.type === 'http.request');
    expect(sent).toMatchObject({ request: { method: 'POST', path: '/api/order', body: SEED_REQUEST.body } });
  });

  test('save applies through the session', async () => {
    const { stores, actions, commands } = setup();
    await actions.openExample('order');
    await actions.runOrRestart();
    stores.files.getState().edit('order/function.json', '{"bindings":[]}');
    await actions.save('order/function.json');
    expect(commands()).toContain('app.reload');
    stores.files.getState().edit('handler.js', 'x');
    await actions.saveAll();
    expect(commands()).toContain('handler.restart');
  });

  test('fileToOpen prefers the handler host.json names', () => {
    expect(fileToOpen(ORDER)).toBe('handler.js');
    expect(fileToOpen({ 'host.json': '{}', 'b/function.json': '', 'a/function.json': '' })).toBe(
      'a/function.json',
    );
  });
});
