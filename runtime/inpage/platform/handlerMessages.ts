import type { FromHandler } from '../protocol';

/** Checks a message from a handler worker on arrival; undefined for anything malformed. */
export function readFromHandler(value: unknown): FromHandler | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  switch (m.t) {
    case 'output':
      return (m.stream === 'stdout' || m.stream === 'stderr') && typeof m.text === 'string'
        ? { t: 'output', stream: m.stream, text: m.text }
        : undefined;
    case 'listen':
      return isInteger(m.id) && isInteger(m.port) ? { t: 'listen', id: m.id, port: m.port } : undefined;
    case 'unlisten':
      return isInteger(m.port) ? { t: 'unlisten', port: m.port } : undefined;
    case 'exit':
      return isInteger(m.code) ? { t: 'exit', code: m.code } : undefined;
    default:
      return undefined;
  }
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}
