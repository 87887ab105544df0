import { FakeEngine } from '../engine/testEngine';
import type { EngineKind } from '../engine/engine';
import type { ExampleInfo } from '../examples/examples';
import { PlaygroundSession } from '../session/session';
import { createExchangesStore } from '../stores/exchangesStore';
import { createFilesStore } from '../stores/filesStore';
import { createRuntimeStore } from '../stores/runtimeStore';
import { createTerminalStore } from '../stores/terminalStore';
import { createTriggersStore } from '../stores/triggersStore';
import type { AddressChange } from './appActions';
import { createAppActions, loadedTrusted } from './appActions';
import { createLayoutStore } from '../shell/layoutStore';
import type { LazyModules } from './lazy/modules';
import { createActions } from './playgroundActions';
import { createRunGate, gatedEngine } from './runGate';
import { createUiStore } from '../shell/uiStore';

/** Test support: the page's pieces wired as main.tsx wires them, around a fake engine. */

export const ORDER = {
  'host.json':
    '{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":"node","defaultWorkerPath":"handler.js"}}}',
  'handler.js': 'const routes = {};\n',
  'order/function.json': '{"bindings":[{"type":"httpTrigger","name":"req","methods":["post"]}]}',
};

export const HELLO = {
  'host.json': '{"version":"2.0"}',
  'handler.js': 'hello\n',
  'hello/function.json': '{"bindings":[{"type":"httpTrigger","name":"req","methods":["get"]}]}',
};

export const EXAMPLES: ExampleInfo[] = [
  { name: 'hello', description: 'hello' },
  { name: 'order', description: 'order' },
];

export async function loadExample(name: string): Promise<Record<string, string>> {
  if (name === 'order') return { ...ORDER };
  if (name === 'hello') return { ...HELLO };
  throw new Error(`There is no example named '${name}'.`);
}

export const realModules: LazyModules = {
  share: () => import('./lazy/share'),
  transfer: () => import('./lazy/transfer'),
};

export function setup(options: { kind?: EngineKind; answer?: boolean; modules?: LazyModules } = {}) {
  const fake = new FakeEngine((command) =>
    command.type === 'http.request' ? { status: 200, exchangeId: 'x1' } : undefined,
  );
  const gate = createRunGate();
  const engine = gatedEngine(fake, gate);
  const stores = {
    files: createFilesStore(),
    runtime: createRuntimeStore(options.kind ?? 'local'),
    exchanges: createExchangesStore(),
    triggers: createTriggersStore({ method: 'GET', path: '/', headers: [], body: '' }),
    terminal: createTerminalStore(),
  };
  const session = new PlaygroundSession(engine, stores);
  const ui = createUiStore({ kind: 'example', name: 'order', example: 'order' });
  const layout = createLayoutStore();
  const addresses: AddressChange[] = [];
  const questions: string[] = [];
  const downloads: { name: string; type: string; bytes: Uint8Array }[] = [];
  const base = createActions({
    stores,
    session,
    loadExample,
    onExampleOpened: (name) => loadedTrusted(ui, gate, { kind: 'example', name, example: name }),
  });
  const app = createAppActions({
    stores,
    session,
    base,
    ui,
    layout,
    gate,
    examples: EXAMPLES,
    modules: options.modules ?? realModules,
    confirm: (question) => {
      questions.push(question);
      return options.answer ?? true;
    },
    setAddress: (change) => addresses.push(change),
    download: (bytes, name, type) => downloads.push({ bytes, name, type }),
  });
  return { fake, gate, engine, stores, session, ui, layout, base, app, addresses, questions, downloads };
}

/** Lets queued promise callbacks run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
