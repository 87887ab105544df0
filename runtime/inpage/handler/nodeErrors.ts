// Errors shaped as Node's internal ones: a `code`, and the code in the stack's first line
// (`TypeError [ERR_X]: message`) while `name` stays the plain class name.
export type NodeError = Error & { code: string };

type ErrorClass = new (message: string) => Error;

export function nodeError(Class: ErrorClass, code: string, message: string): NodeError {
  const error = new Class(message) as NodeError;
  const plainName = error.name;
  // V8 renders the stack's header from `name` on first access; Node does the same trick.
  error.name = `${plainName} [${code}]`;
  void error.stack;
  delete (error as { name?: string }).name;
  Object.defineProperty(error, 'code', {
    value: code,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return error;
}

/** Node's wording for `Received ...` in ERR_INVALID_ARG_TYPE. */
export function describeReceived(value: unknown): string {
  if (value === null || value === undefined) return `Received ${String(value)}`;
  if (typeof value === 'function') return `Received function ${value.name || '<anonymous>'}`;
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: string } }).constructor?.name;
    return name ? `Received an instance of ${name}` : 'Received [object Object]';
  }
  let shown = String(value).slice(0, 25);
  if (typeof value === 'string') shown = `'${shown}'`;
  return `Received type ${typeof value} (${shown})`;
}
