import type { Engine, EngineKind } from '../engine/engine';
import { FakeEngine } from '../engine/testEngine';
import type { ExampleInfo } from '../examples/examples';
import type { AddressChange } from './appActions';
import { createPlayground } from './createPlayground';
import type { PlaygroundDependencies } from './createPlayground';
import type { LazyModules } from './lazy/modules';

/** Test support: the playground as the page composes it, around a fake engine and small examples. */

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

export function setup(
  options: {
    kind?: EngineKind;
    answer?: boolean;
    modules?: LazyModules;
    workStorage?: PlaygroundDependencies['workStorage'];
  } = {},
) {
  const fake = new FakeEngine((command) =>
    command.type === 'http.request' ? { status: 200, exchangeId: 'x1' } : undefined,
  );
  const addresses: AddressChange[] = [];
  const questions: string[] = [];
  const downloads: { name: string; type: string; bytes: Uint8Array }[] = [];
  const playground = createPlayground({
    engine: asKind(fake, options.kind ?? 'local'),
    seedRequest: { method: 'GET', path: '/', headers: [], body: '' },
    defaultExample: 'order',
    examples: EXAMPLES,
    loadExample,
    modules: options.modules ?? realModules,
    confirm: (question) => {
      questions.push(question);
      return options.answer ?? true;
    },
    setAddress: (change) => addresses.push(change),
    download: (bytes, name, type) => downloads.push({ bytes, name, type }),
    workStorage: options.workStorage,
  });
  const { actions: base, ...rest } = playground;
  return { fake, ...rest, base, addresses, questions, downloads };
}

/** The fake, presenting itself as the engine kind under test (the run gate depends on it). */
function asKind(engine: Engine, kind: EngineKind): Engine {
  return {
    kind,
    boot: (signal) => engine.boot(signal),
    syncFiles: (files) => engine.syncFiles(files),
    startHost: () => engine.startHost(),
    dispose: () => engine.dispose(),
  };
}

/** Lets queued promise callbacks run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
