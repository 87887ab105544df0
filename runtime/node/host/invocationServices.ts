import type { HandlerSupervisor } from '../handler/handlerSupervisor';
import type { HandlerAgent } from '../wire/handlerAgent';

export type LogLevel = 'debug' | 'information' | 'warning' | 'error';

export interface LogFields {
  readonly functionName?: string;
  readonly invocationId?: string;
}

/** What an invocation needs from the running host. */
export interface InvocationServices {
  readonly agent: HandlerAgent;
  readonly handler: HandlerSupervisor;
  readonly functionTimeoutMs: number | null;
  readonly initializationTimeoutMs: number;
  log(level: LogLevel, category: string, message: string, fields?: LogFields): void;
}

/**
 * Waits for the handler like the host's dispatcher: up to four initialization budgets
 * ((ErrorEventsThreshold + 1) × initializationTimeout) before giving up.
 */
export async function waitForHandler(services: InvocationServices): Promise<void> {
  const budget = 4 * services.initializationTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      services.handler.whenReady(),
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
