import type { HeaderMap } from './headerMap';

// Node's ClientRequest frames a body by default for every method but these.
const NO_DEFAULT_BODY = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT']);

export interface RequestHeadInput {
  readonly method: string;
  readonly path: string;
  readonly headers: HeaderMap;
  /** The body's size when it is handed over whole; undefined when it streams. */
  readonly bodyLength: number | undefined;
  /** Node's client without an agent closes the connection after the answer. */
  readonly connectionClose?: boolean;
}

/**
 * What Node's http.ClientRequest writes: the set headers in order, then `Content-Length` (or
 * chunked framing) unless the headers already say how the body is framed. The host's calls to
 * the handler and the playground's calls to the front door were made by Node's client; both
 * platforms keep those bytes.
 */
export function buildRequestHead(input: RequestHeadInput): {
  startLine: string;
  lines: string[];
  chunked: boolean;
} {
  const { headers, method } = input;
  const lines = headers.flatten([]);
  if (input.connectionClose && !headers.has('connection')) lines.push('Connection', 'close');
  const te = headers.get('transfer-encoding');
  let chunked = te !== undefined && /(?:^|,)\s*chunked\s*$/i.test(te);
  if (te === undefined && !headers.has('content-length')) {
    if (input.bodyLength === undefined) {
      if (!NO_DEFAULT_BODY.has(method)) {
        lines.push('Transfer-Encoding', 'chunked');
        chunked = true;
      }
    } else if (input.bodyLength > 0 || !NO_DEFAULT_BODY.has(method)) {
      lines.push('Content-Length', String(input.bodyLength));
    }
  }
  return { startLine: `${method} ${input.path} HTTP/1.1`, lines, chunked };
}
