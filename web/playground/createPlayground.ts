import type { Engine } from '../engine/engine';
import type { ExampleInfo } from '../examples/examples';
import type { ExampleMeta } from '../examples/exampleMeta';
import { PlaygroundSession } from '../session/session';
import type { Stores } from '../session/session';
import type { LayoutStorage } from '../shell/layoutStore';
import { createLayoutStore } from '../shell/layoutStore';
import { createUiStore } from '../shell/uiStore';
import { createExchangesStore } from '../stores/exchangesStore';
import { createFilesStore } from '../stores/filesStore';
import { createRuntimeStore } from '../stores/runtimeStore';
import { createTerminalStore } from '../stores/terminalStore';
import type { ComposedRequest } from '../stores/triggersStore';
import { createTriggersStore } from '../stores/triggersStore';
import type { AddressChange } from './appActions';
import { createAppActions, loadedTrusted } from './appActions';
import type { LazyModules } from './lazy/modules';
import { createActions } from './playgroundActions';
import { createRunGate, gatedEngine } from './runGate';
import { createWorkActions } from './workActions';
import type { WorkPersistenceOptions } from '../stores/persistence/workPersistence';
import { createWorkPersistence } from '../stores/persistence/workPersistence';

/**
 * What the playground needs from its surroundings. The page passes the real ones (main.tsx);
 * tests pass a fake engine, a few examples and recorders, and get the same wiring.
 */
export interface PlaygroundDependencies {
  /** The chosen engine; the playground puts it behind the run gate. */
  readonly engine: Engine;
  /** The request the HTTP composer shows before any example fills it. */
  readonly seedRequest: ComposedRequest;
  /** The example the page opens first, named as the app's origin until something is opened. */
  readonly defaultExample: string;
  readonly examples: readonly ExampleInfo[];
  readonly loadExample: (name: string) => Promise<Record<string, string>>;
  /** An example's playground.json: the trigger it opens on and its "try this" suggestions. */
  readonly exampleMeta?: (name: string) => ExampleMeta | undefined;
  readonly modules: LazyModules;
  /** Where pane sizes are kept between visits; none keeps them for this page only. */
  readonly layoutStorage?: LayoutStorage | undefined;
  /** What was wrong with the embed options in the address, shown under the toolbar. */
  readonly embedProblems?: readonly string[];
  /** Asks a yes/no question (window.confirm in the page). */
  readonly confirm: (question: string) => boolean;
  /** Keeps the address in step with what is open, so a reload opens it again. */
  readonly setAddress: (change: AddressChange) => void;
  readonly download: (bytes: Uint8Array, name: string, type: string) => void;
  /**
   * Where the work is kept as the person types (the page: localStorage, Web Locks, history);
   * none keeps nothing (an embed, most tests).
   */
  readonly workStorage?: Omit<WorkPersistenceOptions, 'stores'> | undefined;
}

export type Playground = ReturnType<typeof createPlayground>;

/**
 * The composition root: creates the stores, the run gate around the engine, the session and the
 * actions, wired to each other once, here, for the page and for the tests alike.
 */
export function createPlayground(deps: PlaygroundDependencies) {
  // Code from a share link waits here for the person's yes before the local engine runs it.
  const gate = createRunGate();
  const engine = gatedEngine(deps.engine, gate);
  const stores: Stores = {
    files: createFilesStore(),
    runtime: createRuntimeStore(engine.kind),
    exchanges: createExchangesStore(),
    triggers: createTriggersStore(deps.seedRequest),
    terminal: createTerminalStore(),
  };
  const session = new PlaygroundSession(engine, stores);
  const layout = createLayoutStore(deps.layoutStorage);
  const ui = createUiStore({ kind: 'example', name: deps.defaultExample, example: deps.defaultExample });
  if (deps.embedProblems) ui.getState().setEmbedProblems(deps.embedProblems);

  const persistence = deps.workStorage
    ? createWorkPersistence({
        ...deps.workStorage,
        stores: { files: stores.files, triggers: stores.triggers, ui },
      })
    : undefined;

  const actions = createActions({
    stores,
    session,
    loadExample: deps.loadExample,
    ...(deps.exampleMeta && { exampleMeta: deps.exampleMeta }),
    onExampleOpened(name) {
      loadedTrusted(ui, gate, { kind: 'example', name, example: name });
      deps.setAddress({ example: name, clearHash: true });
    },
  });
  const isExample = (name: string | undefined) =>
    name !== undefined && deps.examples.some((e) => e.name === name);
  const work = createWorkActions({
    stores,
    session,
    ui,
    gate,
    base: actions,
    persistence,
    loadExample: deps.loadExample,
    isExample,
    defaultExample: deps.defaultExample,
    confirm: deps.confirm,
    setAddress: deps.setAddress,
  });
  const app = createAppActions({
    stores,
    session,
    base: actions,
    ui,
    layout,
    gate,
    examples: deps.examples,
    modules: deps.modules,
    confirm: deps.confirm,
    setAddress: deps.setAddress,
    download: deps.download,
    work,
    ...(persistence && { onLinkOpened: (hash: string | undefined) => persistence.setLink(hash) }),
  });
  return { gate, engine, stores, session, layout, ui, actions, app, work, persistence };
}
