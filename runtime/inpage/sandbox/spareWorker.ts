/**
 * One worker started ahead of need. Evaluating a worker's script (the host, or the Node layer of
 * the handler) is most of what starting one costs, and it needs nothing of the app: a spare that
 * has done it while the page was busy elsewhere makes a host run or a handler (re)start begin at
 * once. A spare only waits for its first message, so no code of the app runs in it until taken.
 * There is one, for the first start (opening the page): it is not replaced, because making one
 * costs as much as the start it saves and would compete with the running app for the cores.
 * It ends with the sandbox iframe, as every worker the sandbox started does.
 */
export interface SpareWorker {
  /** The spare if there is one and it is sound, else a fresh worker. */
  take(): Worker;
  /** Ends the spare, unused: the sandbox was given other scripts. */
  discard(): void;
  /** Workers made from now on start from `url` (the same script, from another source). */
  use(url: string): void;
}

export function spareWorker(firstUrl: string, name: string): SpareWorker {
  let url = firstUrl;
  let spare: { worker: Worker; failed: boolean } | undefined;

  const make = () => {
    const entry = { worker: new Worker(url, { name }), failed: false };
    // A script that fails to load fails again in a fresh worker, where the taker hears it.
    entry.worker.onerror = (event) => {
      event.preventDefault();
      entry.failed = true;
    };
    spare = entry;
  };
  make();

  return {
    take() {
      const entry = spare;
      spare = undefined;
      if (entry && !entry.failed) {
        entry.worker.onerror = null;
        return entry.worker;
      }
      entry?.worker.terminate();
      return new Worker(url, { name });
    },
    discard() {
      spare?.worker.terminate();
      spare = undefined;
    },
    use(next) {
      url = next;
    },
  };
}
