import type { Engine, EngineKind } from './engine';
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
  const engine = (): Engine => {
    if (!chosen) throw new Error('The engine has not booted (call boot() first).');
    return chosen;
  };
  return {
    kind: 'inpage',
    boot(signal) {
      if (!chosen) {
        const support = inPageSupport(options.appFiles());
        chosen = support.ok ? options.inpage() : options.webcontainer();
        options.onChosen?.(chosen.kind, support.ok ? undefined : support.reason);
      }
      return chosen.boot(signal);
    },
    syncFiles: async (files) => engine().syncFiles(files),
    startHost: async () => engine().startHost(),
    dispose: async () => chosen?.dispose(),
  };
}
