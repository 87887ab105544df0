import type { SourcePos } from '../json/jsonNode';

/**
 * A problem found in one of the app's files. `where` is a JSON path such as
 * `customHandler.description.arguments[1]`; line and column are 1-based.
 */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly where?: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
  /** The function the problem belongs to; absent for app-wide problems. */
  readonly functionName?: string;
  /** What to change, in plain words, when the message is the real host's terse wording. */
  readonly hint?: string;
  /** Set when the handler's own output reported it (a crash), not the host's reading of the files. */
  readonly source?: 'handler';
}

export function diagnostic(
  severity: Diagnostic['severity'],
  file: string,
  message: string,
  at?: { where?: string; pos?: SourcePos | undefined; functionName?: string; hint?: string },
): Diagnostic {
  return {
    severity,
    file,
    message,
    ...(at?.where !== undefined && { where: at.where }),
    ...(at?.pos && { line: at.pos.line, column: at.pos.column }),
    ...(at?.functionName !== undefined && { functionName: at.functionName }),
    ...(at?.hint !== undefined && { hint: at.hint }),
  };
}

/** `order/function.json:5:14: bindings[0].type: message` */
export function formatDiagnostic(d: Diagnostic): string {
  const place = d.line !== undefined ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file;
  return `${place}: ${d.where ? `${d.where}: ` : ''}${d.message}`;
}
