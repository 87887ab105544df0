import type { Diagnostic } from '../../runtime/core/app/diagnostics';
import type { HostStatusEvent } from '../../runtime/core/control/protocol';

type HostStatus = Omit<HostStatusEvent, 'type'>;

/** What the handler banner says, or undefined when the handler is fine. */
export type HandlerProblem =
  /** Waiting for the handler to open its port for a few seconds already (the host's words). */
  | { readonly kind: 'slow'; readonly text: string }
  /** It crashed, and its output names the file and line. */
  | { readonly kind: 'crash'; readonly place: Diagnostic }
  /** It stopped or the host gave up on it; the host's last error says why. */
  | { readonly kind: 'stopped'; readonly text: string };

/** Reads the host's status and problems into the one thing the page should say about the handler. */
export function handlerProblem(
  host: HostStatus | undefined,
  diagnostics: readonly Diagnostic[],
): HandlerProblem | undefined {
  const crash = diagnostics.find((d) => d.source === 'handler');
  if (crash) return { kind: 'crash', place: crash };
  if (!host) return undefined;
  const { handler } = host;
  if (handler.state === 'starting' && handler.detail) return { kind: 'slow', text: handler.detail };
  if (handler.state === 'failed' || handler.state === 'exited' || host.state === 'Error') {
    const text = host.errors.at(-1) ?? handler.detail ?? 'The handler stopped.';
    return { kind: 'stopped', text };
  }
  return undefined;
}

/** `handler.js:12`, or with the column when known. */
export function placeOf(d: Diagnostic): string {
  return d.line === undefined ? d.file : `${d.file}:${d.line}${d.column !== undefined ? `:${d.column}` : ''}`;
}

/**
 * A sentence for the host's state where the page explains why it cannot send: never the bare
 * state name ("The host is error.").
 */
export function hostStateSentence(state: string | undefined): string {
  switch (state) {
    case undefined:
      return 'The host has not started yet.';
    case 'Starting':
      return 'The host is starting…';
    case 'Running':
      return 'The host is running.';
    case 'Error':
      return 'The host stopped on an error: fix it and save, or Restart.';
    case 'Stopped':
      return 'The host has stopped: press Restart to start it again.';
    default:
      return `The host reports the state "${state}".`;
  }
}
