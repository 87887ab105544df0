/**
 * The playground, loaded by the entry (main.tsx): reads the address, picks the engine, has createPlayground wire the rest,
 * renders the page and starts the session. Only what needs the browser's window lives here.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './shell/App';
import type { AddressChange } from './playground/appActions';
import { applyThemeAttribute } from './shell/colorScheme';
import { DemoEngine } from './engine/demoEngine';
import { lazyModules } from './playground/lazy/modules';
import { createPlayground } from './playground/createPlayground';
import { startPlayground } from './playground/startup';
import { deferredChunksReleased, holdDeferredChunks } from './playground/deferredChunks';
import { startupSettled } from './playground/startupSettled';
import { readEmbedOptions } from './embed/embedOptions';
import { bootTimeoutFromLocation, chooseEngine } from './engine/chooseEngine';
import { engineChoices } from './engine/engineChoices';
import { switchEngine } from './playground/switchEngine';
import { loadInPageBundles, sandboxScript, workerScriptUrls } from './engine/inPageBundles';
import { discardEarlySandbox, takeEarlySandbox } from './engine/earlySandbox';
import { workerUrlsFor } from './engine/sandboxIframe';
import { InPageEngine } from './engine/inPageEngine';
import { LocalEngine, readLocalEngineConfig } from './engine/localEngine';
import { WebContainerEngine } from './engine/webcontainerEngine';
import { downloadBlob } from './transfer/downloadBlob';
import { SEED_REQUEST } from './examples/defaultRequest';
import { DEFAULT_EXAMPLE, exampleMeta, examples, loadExample } from './examples/examples';
import type { PlaygroundSession, Stores } from './session/session';
import type { EngineKind } from './engine/engine';
import { createClaims } from './stores/persistence/tabClaims';
import { HISTORY_KEY } from './stores/persistence/workPersistence';
import './styles/theme.css';

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

const { stores, session, layout, ui, gate, actions, app, work, persistence } = createPlayground({
  engine: chooseEngine(location, document, {
    factories: {
      local: (config) => new LocalEngine(config),
      inpage: () =>
        new InPageEngine({
          loadBundles: loadInPageBundles,
          ...(sandboxScript !== undefined && { sandboxScript }),
          workerUrls: workerUrlsFor(workerScriptUrls, window),
          takeEarlySandbox,
          keepScriptsWhen: deferredChunksReleased,
        }),
      webcontainer: () => new WebContainerEngine(bootTimeoutMs !== undefined ? { bootTimeoutMs } : {}),
      fake: () => new DemoEngine(),
    },
    readLocalEngineConfig,
    // Read at boot, once the first app is open: it decides in-page or WebContainer.
    appFiles: () => new Map(Object.entries(stores.files.getState().files)),
    onEngineChosen: (kind) => {
      if (kind !== 'inpage') discardEarlySandbox();
      stores.runtime.setState({ engineKind: kind });
    },
  }),
  seedRequest: SEED_REQUEST,
  defaultExample: DEFAULT_EXAMPLE,
  examples,
  loadExample,
  exampleMeta,
  modules: lazyModules,
  // An embed keeps its sizes to itself: a docs page must not change the reader's playground layout.
  layoutStorage: embed.embed ? undefined : safeLocalStorage(),
  embedProblems,
  confirm: (question) => window.confirm(question),
  setAddress,
  download: downloadBlob,
  // An embed keeps no work: a docs page's frame must not take over the reader's own playground.
  workStorage: embed.embed ? undefined : workStorage(),
});

/**
 * localStorage, Web Locks and the tab's history: the work kept as the person types (why
 * localStorage and not IndexedDB: docs/architecture.md, "Never losing work").
 */
function workStorage() {
  const storage = safeLocalStorage();
  if (!storage) return undefined;
  return {
    storage,
    claims: createClaims(typeof navigator !== 'undefined' ? navigator.locks : undefined),
    history: window.history,
    page: window,
    onProblem: (message: string) =>
      ui.getState().setNote({ tone: 'warning', title: 'Not kept', lines: [message] }),
  };
}

/**
 * Keeps the address in step with what is open, so a reload opens it again; another app gets its
 * own history entry, naming its workspace, so Back returns to the previous app and its work.
 */
function setAddress({ example, clearHash, push }: AddressChange): void {
  const url = new URL(location.href);
  if (example === null || example === DEFAULT_EXAMPLE) url.searchParams.delete('example');
  else url.searchParams.set('example', example);
  if (clearHash) url.hash = '';
  if (push && !embed.embed) history.pushState({ [HISTORY_KEY]: persistence?.id }, '', url);
  else history.replaceState(history.state, '', url);
}

if (params.has('test')) window.__playground = { stores, session };

function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const servedLocally = readLocalEngineConfig(document) !== undefined;
const engines = engineChoices({ servedLocally, current: stores.runtime.getState().engineKind });
/** The toolbar's engine switcher: a reload into `?engine=<kind>`, the work in a share link. */
const onSwitchEngine = (kind: EngineKind) =>
  void switchEngine(kind, {
    location: window.location,
    linkCarryingWork: (href) => app.linkCarryingWork(href),
    confirm: (question) => window.confirm(question),
  }).catch(actions.report);

// Started before the first render, so that the engine's scripts are fetched as early as can be.
const started = startPlayground({
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
  exampleMeta,
  search: location.search,
  hash: location.hash,
  persistence,
  work,
});
started.catch(actions.report);
// Monaco and xterm wait until the runtime is up and no answer is awaited (deferredChunks.ts).
holdDeferredChunks({ settled: startupSettled(started, stores.runtime), busy: () => session.waiting });

const root = document.getElementById('app');
if (root) {
  // One task (Preact renders at once: vite.config.ts), kept to what shows (docs/architecture.md).
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
        engines={engines}
        onSwitchEngine={onSwitchEngine}
        {...(bootTimeoutMs !== undefined && { bootTimeoutMs })}
      />
    </StrictMode>,
  );
}

// Back and Forward between apps this tab opened: each entry names its workspace.
window.addEventListener(
  'popstate',
  (event) => void work.openHistoryEntry(event.state, location.search).catch(actions.report),
);

// A share link pasted into the address bar of this page changes only the hash: no reload.
window.addEventListener('hashchange', () => void app.openLink(location.search, location.hash));

if (embed.embed) {
  void import('./embed/messageApi')
    .then(async ({ allowedParentOrigin, startMessageApi }) => {
      const { createEmbedHost } = await import('./embed/embedHost');
      startMessageApi(
        window,
        allowedParentOrigin(embed, document.referrer),
        createEmbedHost({ stores, session, actions: app, ui, gate }),
      );
    })
    .catch(actions.report);
}
