import { invalidArgType } from '../nodeErrors';
import { nodeInspect } from '../polyfills';
import { renderTable } from './consoleTable';

interface Writer {
  write(text: string): unknown;
}

/**
 * What Node's console prints for its arguments on a stream that is not a terminal: util.format,
 * Node's own (node-inspect-extracted), so objects, Maps, arrays and Errors read as under Node.
 */
export function formatLikeNode(args: readonly unknown[]): string {
  // Strings alone need no inspect: the common log line does not load it.
  if (args.every((arg) => typeof arg === 'string') && !(args.length > 1 && args[0]!.includes('%'))) {
    return args.join(' ');
  }
  return nodeInspect().format(...args);
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
      err(`Trace${args.length ? `: ${formatLikeNode(args)}` : ''}\n${stack}`);
    },
    dir: (value: unknown, options?: object) =>
      stdout.write(`${nodeInspect().inspect(value, { customInspect: false, ...options })}\n`),
    dirxml: out,
    table: (data: unknown, properties?: unknown) => {
      if (properties !== undefined && !Array.isArray(properties)) {
        throw invalidArgType('properties', 'an instance of Array', properties);
      }
      const table = renderTable(nodeInspect(), data, properties as string[] | undefined);
      if (table === undefined) out(data);
      else out(table);
    },
    assert: (condition: unknown, ...args: unknown[]) => {
      if (!condition) err(args.length ? `Assertion failed: ${formatLikeNode(args)}` : 'Assertion failed');
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
