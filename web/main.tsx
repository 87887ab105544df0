/**
 * The composition root: the one place that creates the stores, picks and creates the engine,
 * starts the session and renders the page. Everything else receives what it needs.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createAppActions, loadedTrusted } from './app/appActions';
import type { AddressChange } from './app/appActions';
import { applyThemeAttribute } from './app/colorScheme';
import { DemoEngine } from './app/demoEngine';
import { createLayoutStore } from './app/layoutStore';
import { lazyModules } from './app/lazy/modules';
import { createActions } from './app/playgroundActions';
import { createRunGate, gatedEngine } from './app/runGate';
import { startPlayground } from './app/startup';
import { createUiStore } from './app/uiStore';
import { readEmbedOptions } from './embed/embedOptions';
import { bootTimeoutFromLocation, chooseEngine } from './engine/chooseEngine';
import { loadInPageBundles } from './engine/inPageBundles';
import { InPageEngine } from './engine/inPageEngine';
import { LocalEngine, readLocalEngineConfig } from './engine/localEngine';
import { WebContainerEngine } from './engine/webcontainerEngine';
import { downloadBlob } from './transfer/download';
import { SEED_REQUEST } from './examples/defaultRequest';
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
const { options: embed, problems: embedProblems } = readEmbedOptions(location.search);
applyThemeAttribute(document.documentElement, embed.theme);

// Code from a share link waits here for the person's yes before the local engine runs it.
const gate = createRunGate();
const engine = gatedEngine(
  chooseEngine(location, document, {
    factories: {
      local: (config) => new LocalEngine(config),
      inpage: () => new InPageEngine({ loadBundles: loadInPageBundles }),
      webcontainer: () => new WebContainerEngine(bootTimeoutMs !== undefined ? { bootTimeoutMs } : {}),
      fake: () => new DemoEngine(),
    },
    readLocalEngineConfig,
    // Read at boot, once the first app is open: it decides in-page or WebContainer.
    appFiles: () => new Map(Object.entries(stores.files.getState().files)),
    onEngineChosen: (kind) => stores.runtime.setState({ engineKind: kind }),
  }),
  gate,
);

const stores: Stores = {
  files: createFilesStore(),
  runtime: createRuntimeStore(engine.kind),
  exchanges: createExchangesStore(),
  triggers: createTriggersStore(SEED_REQUEST),
  terminal: createTerminalStore(),
};
const session = new PlaygroundSession(engine, stores);
// An embed keeps its sizes to itself: a docs page must not change the reader's playground layout.
const layout = createLayoutStore(embed.embed ? undefined : safeLocalStorage());
const ui = createUiStore({ kind: 'example', name: DEFAULT_EXAMPLE, example: DEFAULT_EXAMPLE });
ui.getState().setEmbedProblems(embedProblems);

/** Keeps the address in step with what is open, so a reload opens it again. */
function setAddress({ example, clearHash }: AddressChange): void {
  const url = new URL(location.href);
  if (example === null || example === DEFAULT_EXAMPLE) url.searchParams.delete('example');
  else url.searchParams.set('example', example);
  if (clearHash) url.hash = '';
  history.replaceState(history.state, '', url);
}

const actions = createActions({
  stores,
  session,
  loadExample,
  onExampleOpened(name) {
    loadedTrusted(ui, gate, { kind: 'example', name, example: name });
    setAddress({ example: name, clearHash: true });
  },
});
const app = createAppActions({
  stores,
  session,
  base: actions,
  ui,
  layout,
  gate,
  examples,
  modules: lazyModules,
  confirm: (question) => window.confirm(question),
  setAddress,
  download: downloadBlob,
});

if (params.has('test')) window.__playground = { stores, session };

function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
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
        app={app}
        ui={ui}
        examples={examples}
        loadExample={loadExample}
        embed={embed}
        {...(bootTimeoutMs !== undefined && { bootTimeoutMs })}
      />
    </StrictMode>,
  );
}

void startPlayground({
  stores,
  session,
  ui,
  gate,
  actions: app,
  modules: lazyModules,
  examples,
  defaultExample: DEFAULT_EXAMPLE,
  loadExample,
  embed,
  search: location.search,
  hash: location.hash,
}).catch(actions.report);

// A share link pasted into the address bar of this page changes only the hash: no reload.
window.addEventListener('hashchange', () => void app.openLink(location.search, location.hash));

if (embed.embed) {
  void import('./embed/messageApi')
    .then(async ({ allowedParentOrigin, startMessageApi }) => {
      const { createEmbedHost } = await import('./app/embedHost');
      startMessageApi(
        window,
        allowedParentOrigin(embed, document.referrer),
        createEmbedHost({ stores, session, actions: app, ui, gate }),
      );
    })
    .catch(actions.report);
}
