import type { Diagnostic } from '../../core/app/diagnostics';
import { crashReport } from '../../core/process/crashReport';

/** How long a handler may stay silent before the playground says which port the host waits on. */
export const SLOW_START_NOTICE_MS = 3_000;

/** How many of a handler's last output lines are kept to find where it crashed. */
export const OUTPUT_KEPT = 60;

/** The words of the slow-start notice: the port the host gave, and the ports the output names. */
export function slowStartNotice(
  port: number,
  mentioned: readonly number[],
  afterMs: number,
  timeoutMs: number,
): string {
  const elsewhere = mentioned.filter((p) => p !== port);
  const waited = `${Math.round(afterMs / 1000)} s`;
  const base = `The handler has not opened port ${port} after ${waited}: the host gave it that port in FUNCTIONS_CUSTOMHANDLER_PORT and waits up to ${Math.round(timeoutMs / 1000)} s.`;
  if (elsewhere.length === 0) return base;
  const ports = elsewhere.join(', ');
  return `${base} Its output mentions port ${ports}: listen on the port in FUNCTIONS_CUSTOMHANDLER_PORT instead.`;
}

/**
 * A handler crash as a problem on the line its output blames, so it shows in the Problems list and
 * in the editor; `how` is `code 1` or `signal SIGSEGV`.
 */
export function crashProblem(
  output: readonly string[],
  appRoot: string,
  how: string,
): Diagnostic | undefined {
  const report = crashReport(output, appRoot);
  if (!report) return undefined;
  return {
    severity: 'error',
    file: report.file,
    line: report.line,
    ...(report.column !== undefined && { column: report.column }),
    message: `${report.message} (the handler exited with ${how})`,
    source: 'handler',
  };
}
