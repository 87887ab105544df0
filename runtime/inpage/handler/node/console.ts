import { util } from '../polyfills';

interface Writer {
  write(text: string): unknown;
}

/**
 * Node's inspect prints an Error as its stack (plus own properties); the util polyfill prints
 * `[Error: message]`. Errors are the one thing handlers log all the time, so show them as Node.
 */
function inspectError(error: Error): string {
  const extra = Object.keys(error).filter((key) => key !== 'stack' && key !== 'message');
  const stack = error.stack ?? String(error);
  if (extra.length === 0) return stack;
  const record = error as unknown as Record<string, unknown>;
  return `${stack} {\n${extra.map((key) => `  ${key}: ${util().inspect(record[key])}`).join(',\n')}\n}`;
}

/** util.format, with Errors shown as Node shows them. */
export function formatLikeNode(args: readonly unknown[]): string {
  // A format string with placeholders: util.format knows them (%s of an Error is its
  // toString in both). Otherwise each argument as Node's console shows it, space-separated.
  if (typeof args[0] === 'string' && args[0].includes('%')) return util().format(...args);
  return args
    .map((arg) =>
      typeof arg === 'string' ? arg : arg instanceof Error ? inspectError(arg) : util().inspect(arg),
    )
    .join(' ');
}

/** A console for one handler process: stdout for log/info/debug, stderr for warn/error. */
export function createConsole(stdout: Writer, stderr: Writer) {
  const counts = new Map<string, number>();
  const timers = new Map<string, number>();
  let indent = '';
  const print = (writer: Writer, args: readonly unknown[]) => {
    const text = formatLikeNode(args);
    writer.write(`${indent ? text.replace(/^/gm, indent) : text}\n`);
  };
  const out = (...args: unknown[]) => print(stdout, args);
  const err = (...args: unknown[]) => print(stderr, args);
  return {
    log: out,
    info: out,
    debug: out,
    warn: err,
    error: err,
    trace: (...args: unknown[]) => {
      const stack = (new Error().stack ?? '').split('\n').slice(2).join('\n');
      err(`Trace${args.length ? `: ${util().format(...args)}` : ''}\n${stack}`);
    },
    dir: (value: unknown, options?: object) => stdout.write(`${util().inspect(value, options)}\n`),
    dirxml: out,
    table: out,
    assert: (condition: unknown, ...args: unknown[]) => {
      if (!condition) err(args.length ? `Assertion failed: ${util().format(...args)}` : 'Assertion failed');
    },
    count: (label = 'default') => {
      const count = (counts.get(label) ?? 0) + 1;
      counts.set(label, count);
      out(`${label}: ${count}`);
    },
    countReset: (label = 'default') => {
      counts.delete(label);
    },
    time: (label = 'default') => {
      timers.set(label, performance.now());
    },
    timeLog: (label = 'default', ...args: unknown[]) => {
      const started = timers.get(label);
      if (started !== undefined) out(`${label}: ${(performance.now() - started).toFixed(3)}ms`, ...args);
    },
    timeEnd: (label = 'default') => {
      const started = timers.get(label);
      if (started === undefined) return;
      timers.delete(label);
      out(`${label}: ${(performance.now() - started).toFixed(3)}ms`);
    },
    group: (...args: unknown[]) => {
      if (args.length) out(...args);
      indent += '  ';
    },
    groupCollapsed: (...args: unknown[]) => {
      if (args.length) out(...args);
      indent += '  ';
    },
    groupEnd: () => {
      indent = indent.slice(2);
    },
  };
}
