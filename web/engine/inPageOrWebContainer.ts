import type { Engine, EngineKind } from './engine';
import { EngineBootError } from './engine';
import { inPageSupport } from './inPageSupport';

export interface InPageOrWebContainerOptions {
  readonly inpage: () => Engine;
  readonly webcontainer: () => Engine;
  /** The app the page holds when it boots (the engine sees files only after). */
  readonly appFiles: () => ReadonlyMap<string, string>;
  /** Told which engine boot() picked, and why when it is not the in-page one. */
  readonly onChosen?: (kind: EngineKind, reason?: string) => void;
}

/**
 * The static site's engine: the in-page engine when it can run the app (a node handler with a
 * JavaScript entry: every bundled example), otherwise a WebContainer. The choice is made once, at
 * boot, from the app open then: a booted engine stays, so an app opened later that the in-page
 * engine cannot run gets the in-page host's explanation of why, and where it can run.
 */
export function inPageOrWebContainer(options: InPageOrWebContainerOptions): Engine {
  let chosen: Engine | undefined;
  /** The in-page engine started by prepare(), before the app is known; used if the app fits. */
  let prepared: Engine | undefined;
  /** Why the in-page engine was passed over, when it was. */
  let reason: string | undefined;
  const engine = (): Engine => {
    if (!chosen) throw new Error('The engine has not booted (call boot() first).');
    return chosen;
  };
  return {
    kind: 'inpage',
    prepare() {
      // Only the in-page engine is prepared: a WebContainer is a heavy boot for an app that may fit.
      if (chosen || prepared) return;
      prepared = options.inpage();
      prepared.prepare?.();
    },
    async boot(signal) {
      if (!chosen) {
        const support = inPageSupport(options.appFiles());
        chosen = support.ok ? (prepared ?? options.inpage()) : options.webcontainer();
        reason = support.ok ? undefined : support.reason;
        if (!support.ok) void prepared?.dispose();
        prepared = undefined;
        options.onChosen?.(chosen.kind, reason);
      }
      try {
        await chosen.boot(signal);
      } catch (e) {
        // The fallback failing too (no isolation here): say first why it was needed at all.
        if (reason === undefined || !(e instanceof EngineBootError)) throw e;
        throw new EngineBootError(e.reason, `This app cannot run in the page: ${reason}. ${e.message}`);
      }
    },
    syncFiles: async (files) => engine().syncFiles(files),
    startHost: async () => engine().startHost(),
    dispose: async () => {
      await prepared?.dispose();
      await chosen?.dispose();
    },
  };
}
