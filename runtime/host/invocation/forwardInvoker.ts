import type { FunctionDef } from '../../core/app/functionJson';
import type { ExchangeRecorder } from '../../core/exchange/exchangeRecorder';
import { forwardRequestHeaders, forwardResponseHeaders } from '../../core/invocation/handlerHeaders';
import { HINTS } from '../../core/invocation/hintCatalogue';
import { parseQuery, rebuildQuery } from '../../core/http/queryString';
import { callHandler, HandlerCallError } from '../handler/handlerChannel';
import type { AppContext } from '../hostContext';
import type { ServerRequest, ServerResponse } from '../http/serverConnection';
import { waitForHandler } from './waitForHandler';

export interface ForwardOutcome {
  readonly ok: boolean;
  readonly error?: string;
}

/**
 * Legacy forwarding (`enableForwardingHttpRequest`, or the httpWorker section): the caller's
 * request is rebuilt and sent on, the answer buffered and relayed verbatim, non-2xx included.
 */
export async function forwardRequest(
  ctx: AppContext,
  fn: FunctionDef,
  req: ServerRequest,
  body: Uint8Array,
  res: ServerResponse,
  rec: ExchangeRecorder,
  invocationId: string,
): Promise<ForwardOutcome> {
  try {
    await waitForHandler(ctx);
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  const port = ctx.handler.port;
  const legacyHttpWorker = ctx.customHandler.section === 'httpWorker';
  const [pathname, search] = splitTarget(req.url);
  const query = rebuildQuery(parseQuery(search));
  const path = (legacyHttpWorker ? `/${fn.name}` : pathname) + (query ? `?${query}` : '');
  const contentLength = Number(req.header('content-length') ?? 0);
  const sendBody = contentLength > 0;
  if (!sendBody && body.length > 0) {
    rec.addHints([HINTS.chunkedRequestBody('forwarding')]);
  }
  const headers = forwardRequestHeaders(req.rawHeaders, invocationId, {
    sendBody,
    length: body.length,
    contentType: req.header('content-type'),
  });
  try {
    const answer = await callHandler(ctx.channel, port, {
      method: req.method,
      path,
      headers,
      ...(sendBody && { body }),
      onBodyChunk: (chunk) => rec.noteChunk('handler', 'host', chunk),
    });
    rec.hop('host', 'handler', answer.sent);
    rec.hop('handler', 'host', answer.received);
    res.writeHead(
      answer.status,
      answer.reason,
      forwardResponseHeaders(answer.rawHeaders, answer.body.length),
    );
    res.end(answer.body);
    return { ok: true };
  } catch (e) {
    if (e instanceof HandlerCallError) rec.hop('host', 'handler', e.sent);
    return { ok: false, error: (e as Error).message };
  }
}

/** `/path?query` as the path (kept raw) and the search part with its `?`. */
export function splitTarget(url: string): [string, string] {
  const q = url.indexOf('?');
  return q < 0 ? [url, ''] : [url.slice(0, q), url.slice(q)];
}
