/**
 * The composition root: the one place that creates the stores, picks and creates the engine,
 * starts the session and renders the page. Everything else receives what it needs.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { DemoEngine } from './app/demoEngine';
import { createLayoutStore } from './app/layoutStore';
import { createActions, fileToOpen } from './app/playgroundActions';
import { bootTimeoutFromLocation, chooseEngine } from './engine/chooseEngine';
import { LocalEngine, readLocalEngineConfig } from './engine/localEngine';
import { WebContainerEngine } from './engine/webcontainerEngine';
import { defaultRequestFor, SEED_REQUEST } from './examples/defaultRequest';
import { DEFAULT_EXAMPLE, examples, loadExample } from './examples/examples';
import { PlaygroundSession } from './session/session';
import type { Stores } from './session/session';
import { createExchangesStore } from './stores/exchangesStore';
import { createFilesStore } from './stores/filesStore';
import { createRuntimeStore } from './stores/runtimeStore';
import { createTerminalStore } from './stores/terminalStore';
import { createTriggersStore } from './stores/triggersStore';
import './styles/theme.css';
import './styles/layout.css';

declare global {
  interface Window {
    /** Test hook, only with `?test` in the URL. */
    __playground?: { readonly stores: Stores; readonly session: PlaygroundSession };
  }
}

const params = new URLSearchParams(location.search);
const bootTimeoutMs = bootTimeoutFromLocation(location);

const engine = chooseEngine(location, document, {
  factories: {
    local: (config) => new LocalEngine(config),
    webcontainer: () => new WebContainerEngine(bootTimeoutMs !== undefined ? { bootTimeoutMs } : {}),
    fake: () => new DemoEngine(),
  },
  readLocalEngineConfig,
});

const stores: Stores = {
  files: createFilesStore(),
  runtime: createRuntimeStore(engine.kind),
  exchanges: createExchangesStore(),
  triggers: createTriggersStore(SEED_REQUEST),
  terminal: createTerminalStore(),
};
const session = new PlaygroundSession(engine, stores);
const layout = createLayoutStore(safeLocalStorage());
const actions = createActions({
  stores,
  session,
  loadExample,
  onExampleOpened(name) {
    const url = new URL(location.href);
    if (name === DEFAULT_EXAMPLE) url.searchParams.delete('example');
    else url.searchParams.set('example', name);
    history.replaceState(history.state, '', url);
  },
});

if (params.has('test')) window.__playground = { stores, session };

function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

async function openFirstExample(): Promise<void> {
  const requested = params.get('example');
  const name = requested && examples.some((e) => e.name === requested) ? requested : DEFAULT_EXAMPLE;
  if (requested && name !== requested) {
    stores.terminal
      .getState()
      .write(`[playground] There is no example named '${requested}'; opened '${name}'.\r\n`);
  }
  const files = await loadExample(name);
  stores.files.getState().load(files, name, fileToOpen(files));
  stores.triggers.getState().compose(defaultRequestFor(name, files));
}

const root = document.getElementById('app');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App
        stores={stores}
        session={session}
        layout={layout}
        actions={actions}
        examples={examples}
        {...(bootTimeoutMs !== undefined && { bootTimeoutMs })}
      />
    </StrictMode>,
  );
}

void openFirstExample()
  .then(() => session.start())
  .catch(actions.report);
