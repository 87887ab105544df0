import type { RuntimeState, RuntimeStore } from '../stores/runtimeStore';

/** The runtime is still on its way up: booting, starting the host, or the host starting its handler. */
function starting({ engine, host }: RuntimeState): boolean {
  return (
    engine.phase === 'booting' ||
    engine.phase === 'starting-host' ||
    (engine.phase === 'running' && (host === undefined || host.state === 'Starting'))
  );
}

/**
 * Resolves once the page's start-up has settled: `started` (startPlayground) has returned and the
 * runtime is no longer on its way up (the host runs or is in error, the engine failed or stopped,
 * or the page waits for a click or a yes). Never rejects: a failed start has settled too.
 */
export function startupSettled(started: Promise<unknown>, runtime: RuntimeStore): Promise<void> {
  return started
    .catch(() => undefined)
    .then(
      () =>
        new Promise<void>((resolve) => {
          const check = (state: RuntimeState) => {
            if (starting(state)) return false;
            resolve();
            return true;
          };
          if (check(runtime.getState())) return;
          const stop = runtime.subscribe((state) => {
            if (check(state)) stop();
          });
        }),
    );
}
