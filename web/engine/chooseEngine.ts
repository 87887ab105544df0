import type { Engine, EngineKind } from './engine';
import { EngineBootError } from './engine';
import { inPageOrWebContainer } from './inPageOrWebContainer';

/**
 * How to make each engine. Injected rather than imported so this module pulls in neither the
 * WebContainer code nor the local engine, and tests can pass stubs.
 */
export interface EngineFactories<LocalConfig> {
  /** Gets the config the local server put in the page. */
  readonly local?: (config: LocalConfig) => Engine;
  readonly inpage?: () => Engine;
  readonly webcontainer: () => Engine;
  /** Only for tests and demos. */
  readonly fake?: () => Engine;
}

export interface ChooseEngineOptions<Doc, LocalConfig> {
  readonly factories: EngineFactories<LocalConfig>;
  /** Finds the local server's `<meta name="fchp-engine">` config (readLocalEngineConfig in localEngine.ts). */
  readonly readLocalEngineConfig: (document: Doc) => LocalConfig | undefined;
  /**
   * The app the page holds, read when the engine boots: on the static site it decides between
   * the in-page engine and a WebContainer. Without it the in-page engine is taken as it is.
   */
  readonly appFiles?: () => ReadonlyMap<string, string>;
  /** Told when the static site's engine settles on a kind at boot (it may not be 'inpage'). */
  readonly onEngineChosen?: (kind: EngineKind, reason?: string) => void;
}

const KINDS: readonly EngineKind[] = ['inpage', 'local', 'webcontainer', 'fake'];

/**
 * Picks the engine for this page: `?engine=inpage|local|webcontainer|fake` wins; otherwise the
 * local engine when the local server (`npm start`) served the page, else the in-page engine when
 * it can run the app and a WebContainer when it cannot. An engine that cannot be had comes back
 * as one whose boot() fails with reason 'refused', so the page shows the same failure screen as
 * for any other boot failure.
 */
export function chooseEngine<Doc, LocalConfig>(
  location: Pick<Location, 'search'>,
  document: Doc,
  options: ChooseEngineOptions<Doc, LocalConfig>,
): Engine {
  const { factories } = options;
  const requested = new URLSearchParams(location.search).get('engine');
  const localConfig = options.readLocalEngineConfig(document);

  if (requested !== null && !KINDS.includes(requested as EngineKind)) {
    return refused(
      'webcontainer',
      `There is no engine called "${requested}": use inpage, local, webcontainer or fake.`,
    );
  }
  const servedLocally = localConfig !== undefined && factories.local !== undefined;
  if (requested === null && !servedLocally) return staticSiteEngine(options);
  const kind = (requested as EngineKind | null) ?? 'local';
  switch (kind) {
    case 'local':
      if (localConfig === undefined || !factories.local) {
        return refused('local', 'The local engine is only available when the page is served by npm start.');
      }
      return factories.local(localConfig);
    case 'inpage':
      if (!factories.inpage) return refused('inpage', 'The in-page engine is not part of this page.');
      return factories.inpage();
    case 'fake':
      if (!factories.fake) return refused('fake', 'The fake engine is only available in tests.');
      return factories.fake();
    case 'webcontainer':
      return factories.webcontainer();
  }
}

/** In-page when the app fits (decided at boot, when the app is known), a WebContainer otherwise. */
function staticSiteEngine<Doc, LocalConfig>(options: ChooseEngineOptions<Doc, LocalConfig>): Engine {
  const { inpage, webcontainer } = options.factories;
  if (!inpage) return webcontainer();
  if (!options.appFiles) return inpage();
  return inPageOrWebContainer({
    inpage,
    webcontainer,
    appFiles: options.appFiles,
    ...(options.onEngineChosen && { onChosen: options.onEngineChosen }),
  });
}

/** Reads the `?bootTimeout=<ms>` test hook (e2e tests make the WebContainer boot give up quickly). */
export function bootTimeoutFromLocation(location: Pick<Location, 'search'>): number | undefined {
  const value = new URLSearchParams(location.search).get('bootTimeout');
  if (value === null) return undefined;
  const ms = Number(value);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/** An engine that was asked for but cannot run here: boot() says why, the rest is never reached. */
function refused(kind: EngineKind, message: string): Engine {
  const fail = () => Promise.reject(new EngineBootError('refused', message));
  return {
    kind,
    boot: fail,
    syncFiles: fail,
    startHost: fail,
    dispose: () => Promise.resolve(),
  };
}
