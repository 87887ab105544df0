/**
 * The big chunks the page can do without at first (Monaco, xterm): each has a plain stand-in (a
 * text area, a text log) until it arrives. Fetching, parsing and running them (megabytes of
 * script, then long tasks that measure fonts and lay out) competes for the cores with the engine
 * starting, and then with the person's first request. So they are held until the start-up has
 * settled and a moment has passed with no answer awaited, or until the editor is used, or until a
 * ceiling passes whatever happens.
 */

export interface DeferredChunksHold {
  /** Resolves when the start-up has settled: the runtime runs, failed or waits for a click. */
  readonly settled: Promise<unknown>;
  /** Whether the person waits for something (a request's answer): the quiet moment starts over. */
  readonly busy?: () => boolean;
  /** After the start-up, how long with no answer awaited before loading. */
  readonly quietMs?: number;
  /** Counted from the hold: the chunks load then, however the start-up goes. */
  readonly ceilingMs?: number;
}

export const DEFERRED_QUIET_MS = 1_000;
/**
 * Every start settles in the end (a boot times out, a handler that never listens fails its
 * readiness thrice); this bounds a start that is merely very slow.
 */
export const DEFERRED_CEILING_MS = 30_000;

let held: Promise<void> | undefined;
let releaseNow: (() => void) | undefined;

/** Holds deferred chunks. Called once by the page before its first render; without it nothing is held (tests). */
export function holdDeferredChunks(hold: DeferredChunksHold): void {
  const quietMs = hold.quietMs ?? DEFERRED_QUIET_MS;
  held = new Promise<void>((resolve) => {
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const release = () => {
      clearTimeout(quiet);
      clearTimeout(ceiling);
      releaseNow = undefined;
      resolve();
    };
    const wait = () => {
      quiet = setTimeout(() => (hold.busy?.() ? wait() : release()), quietMs);
    };
    const ceiling = setTimeout(release, hold.ceilingMs ?? DEFERRED_CEILING_MS);
    releaseNow = release;
    void hold.settled.then(wait, wait);
  });
}

/** The person is using what a held chunk provides (the editor): load now. */
export function loadDeferredChunksNow(): void {
  releaseNow?.();
}

/** Resolves once the hold (if any) is over: when the page may fetch what can wait. */
export function deferredChunksReleased(): Promise<void> {
  return deferred(() => Promise.resolve())();
}

/** `load`, started once the hold (if any) is over: for React.lazy and dynamic imports. */
export function deferred<T>(load: () => Promise<T>): () => Promise<T> {
  return () => (held ?? Promise.resolve()).then(load);
}
