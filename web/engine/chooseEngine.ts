import type { Engine, EngineKind } from './engine';
import { EngineBootError } from './engine';

/**
 * How to make each engine. Injected rather than imported so this module pulls in neither the
 * WebContainer code nor the local engine, and tests can pass stubs.
 */
export interface EngineFactories<LocalConfig> {
  /** Gets the config the local server put in the page. */
  readonly local?: (config: LocalConfig) => Engine;
  readonly webcontainer: () => Engine;
  /** Only for tests and demos. */
  readonly fake?: () => Engine;
}

export interface ChooseEngineOptions<Doc, LocalConfig> {
  readonly factories: EngineFactories<LocalConfig>;
  /** Finds the local server's `<meta name="fchp-engine">` config (readLocalEngineConfig in localEngine.ts). */
  readonly readLocalEngineConfig: (document: Doc) => LocalConfig | undefined;
}

const KINDS: readonly EngineKind[] = ['local', 'webcontainer', 'fake'];

/**
 * Picks the engine for this page: `?engine=local|webcontainer|fake` wins; otherwise the local
 * engine when the local server (`npm start`) served the page, else a WebContainer. An engine that
 * cannot be had comes back as one whose boot() fails with reason 'refused', so the page shows the
 * same failure screen as for any other boot failure.
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
      `There is no engine called "${requested}": use local, webcontainer or fake.`,
    );
  }
  const servedLocally = localConfig !== undefined && factories.local !== undefined;
  const kind = (requested as EngineKind | null) ?? (servedLocally ? 'local' : 'webcontainer');
  switch (kind) {
    case 'local':
      if (localConfig === undefined || !factories.local) {
        return refused('local', 'The local engine is only available when the page is served by npm start.');
      }
      return factories.local(localConfig);
    case 'fake':
      if (!factories.fake) return refused('fake', 'The fake engine is only available in tests.');
      return factories.fake();
    case 'webcontainer':
      return factories.webcontainer();
  }
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
