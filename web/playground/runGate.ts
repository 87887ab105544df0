import type { Engine } from '../engine/engine';

/**
 * Holds code from a share link or share file back from the local engine until the person says
 * it may run. While held, the engine writes no files and starts no host; everything else (boot,
 * editing) goes on. Code that runs in the WebContainer sandbox is never held.
 */
export interface RunGate {
  readonly held: boolean;
  hold(): void;
  release(): void;
}

export function createRunGate(): RunGate {
  let held = false;
  return {
    get held() {
      return held;
    },
    hold: () => void (held = true),
    release: () => void (held = false),
  };
}

/** Raised by a held engine's startHost; the caller shows the confirmation instead. */
export class RunHeldError extends Error {
  constructor() {
    super('The app from the link has not been allowed to run yet: press Run and confirm.');
    this.name = 'RunHeldError';
  }
}

/** The engine, with `syncFiles` and `startHost` held back while the gate is held. */
export function gatedEngine(engine: Engine, gate: RunGate): Engine {
  return {
    kind: engine.kind,
    boot: (signal) => engine.boot(signal),
    // No code of the app runs before startHost, so preparing is never held.
    ...(engine.prepare && { prepare: () => engine.prepare!() }),
    syncFiles: (files) => (gate.held ? Promise.resolve() : engine.syncFiles(files)),
    startHost: () => (gate.held ? Promise.reject(new RunHeldError()) : engine.startHost()),
    // Passed on, or the runtime's errors (blocked cookies or storage) never reach the page.
    ...(engine.onError && { onError: (listener) => engine.onError!(listener) }),
    dispose: () => engine.dispose(),
  };
}

/** Whether code from a link must wait for a yes: only the local engine runs it outside a sandbox. */
export function needsConfirmation(engineKind: string): boolean {
  return engineKind === 'local';
}
