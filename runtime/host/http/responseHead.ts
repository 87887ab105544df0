import { reasonPhrase } from '../../core/http1/statusText';
import type { HeaderMap } from './headerMap';

export interface ResponseHeadInput {
  readonly status: number;
  readonly reason?: string;
  readonly headers: HeaderMap;
  readonly requestMethod: string;
  /** The request was HTTP/1.0. */
  readonly http10: boolean;
  /** The connection stays open after this response. */
  readonly keepAlive: boolean;
  readonly keepAliveTimeoutSeconds: number;
  readonly date: string;
  /** Known when the whole body is handed over at once with nothing written before (Node's end(data)). */
  readonly knownLength?: number;
}

export interface ResponseHead {
  readonly lines: string[];
  readonly startLine: string;
  /** The body goes chunk-framed. */
  readonly chunked: boolean;
  /** No body may follow (HEAD, 1xx, 204, 304). */
  readonly bodyless: boolean;
  /** The connection stays open after this answer. */
  readonly keepAlive: boolean;
}

/**
 * What Node's http.ServerResponse writes for a head: the set headers in order, then `Date`
 * unless set, `Connection` (and `Keep-Alive`), then a length or chunked framing unless the
 * headers already frame the body. The front door's bytes have always been Node's, and the
 * in-page platform must write the same ones.
 */
export function buildResponseHead(input: ResponseHeadInput): ResponseHead {
  const { status, headers } = input;
  const lines = headers.flatten([]);
  if (!headers.has('date')) lines.push('Date', input.date);
  const bodyless = input.requestMethod === 'HEAD' || status === 204 || status === 304 || status < 200;
  const hasLength = headers.has('content-length');
  const te = headers.get('transfer-encoding');
  const chunkedByHeader = te !== undefined && /(?:^|,)\s*chunked\s*$/i.test(te);
  // Node frames an HTTP/1.0 answer only with a length the handler set; otherwise the body ends
  // with the connection, so it cannot be kept.
  const keepAlive = input.keepAlive && (!input.http10 || hasLength);
  if (!headers.has('connection')) {
    if (keepAlive) {
      lines.push('Connection', 'keep-alive');
      if (!headers.has('keep-alive')) lines.push('Keep-Alive', `timeout=${input.keepAliveTimeoutSeconds}`);
    } else lines.push('Connection', 'close');
  }
  let chunked = chunkedByHeader;
  if (!hasLength && te === undefined && !bodyless && status !== 204 && status !== 304) {
    if (input.http10) {
      // No framing: the body runs until the connection closes.
    } else if (input.knownLength !== undefined) lines.push('Content-Length', String(input.knownLength));
    else {
      lines.push('Transfer-Encoding', 'chunked');
      chunked = true;
    }
  }
  const reason = input.reason ?? reasonPhrase(status) ?? 'unknown';
  return {
    lines,
    startLine: `HTTP/1.1 ${status} ${reason}`,
    chunked: chunked && !bodyless,
    bodyless,
    keepAlive: keepAlive && !/close/i.test(headers.get('connection') ?? ''),
  };
}
