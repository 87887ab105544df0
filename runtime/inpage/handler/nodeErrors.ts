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

/**
 * Node's wording for `Received ...` in ERR_INVALID_ARG_TYPE: a string is quoted, and past 28
 * characters cut to 25 and `...`; other primitives in full.
 */
export function describeReceived(value: unknown): string {
  if (value === null || value === undefined) return `Received ${String(value)}`;
  if (typeof value === 'function') return `Received function ${value.name || '<anonymous>'}`;
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: string } }).constructor?.name;
    return name ? `Received an instance of ${name}` : 'Received [object Object]';
  }
  const shown =
    typeof value === 'string'
      ? `'${value.length > 28 ? `${value.slice(0, 25)}...` : value}'`
      : `${String(value)}${typeof value === 'bigint' ? 'n' : ''}`;
  return `Received type ${typeof value} (${shown})`;
}

/** Node's ERR_INVALID_ARG_TYPE: `name` must be `expected` (as Node words it), and what came. */
export function invalidArgType(name: string, expected: string, value: unknown): NodeError {
  return nodeError(
    TypeError,
    'ERR_INVALID_ARG_TYPE',
    `The "${name}" argument must be ${expected}. ${describeReceived(value)}`,
  );
}
