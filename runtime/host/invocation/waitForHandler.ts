import type { AppContext } from '../hostContext';

/**
 * Waits for the handler like the host's dispatcher: up to four initialization budgets
 * ((ErrorEventsThreshold + 1) × initializationTimeout) before giving up.
 */
export async function waitForHandler(ctx: AppContext): Promise<void> {
  if (ctx.handler.state === 'ready') return;
  const budget = 4 * ctx.initializationTimeoutMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      ctx.handler.whenReady(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Initialization timed out: the handler was not ready within ${budget} ms.`)),
          budget,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
