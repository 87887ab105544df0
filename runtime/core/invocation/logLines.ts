/** The host's log lines around an invocation, written as Functions' executor writes them. */

export const ADMIN_REASON = 'This function was programmatically called via the host APIs.';

export function executingLine(functionName: string, reason: string, invocationId: string): string {
  return `Executing 'Functions.${functionName}' (Reason='${reason}', Id=${invocationId})`;
}

export function executedLine(
  functionName: string,
  succeeded: boolean,
  invocationId: string,
  durationMs: number,
): string {
  return `Executed 'Functions.${functionName}' (${succeeded ? 'Succeeded' : 'Failed'}, Id=${invocationId}, Duration=${Math.round(durationMs)}ms)`;
}

export function queueReason(queue: string): string {
  return `New queue message detected on '${queue}'.`;
}

export function timerReason(firedAtIso: string, reason: string): string {
  return `Timer fired at ${firedAtIso} (${reason})`;
}

export function functionTimeoutLine(limit: string, functionName: string, invocationId: string): string {
  return `Timeout value of ${limit} exceeded by function 'Functions.${functionName}' (Id: '${invocationId}'). Initiating cancellation.`;
}
