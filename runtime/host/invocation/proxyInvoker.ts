import type { ExchangeRecorder } from '../../core/exchange/exchangeRecorder';
import { proxyRequestHeaders, proxyResponseHeaders } from '../../core/invocation/handlerHeaders';
import { HandlerCallError } from '../handler/handlerChannel';
import type { AppContext } from '../hostContext';
import { ClientError } from '../http/httpClient';
import type { ServerRequest, ServerResponse } from '../http/serverConnection';
import type { ForwardOutcome } from './forwardInvoker';
import { waitForHandler } from './waitForHandler';

/**
 * Proxying (`enableProxyingHttpRequest`, as YARP does it): the original path and query go to
 * the handler with X-Forwarded-* and the invocation headers; bodies stream both ways, and a
 * refused connection is retried up to 10 times (50 ms, doubling, at most 250 ms apart).
 */
export async function proxyRequest(
  ctx: AppContext,
  req: ServerRequest,
  res: ServerResponse,
  remoteAddress: string,
  rec: ExchangeRecorder,
  invocationId: string,
): Promise<ForwardOutcome> {
  try {
    await waitForHandler(ctx);
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  const port = ctx.handler.port;
  const headers = proxyRequestHeaders(req.rawHeaders, port, invocationId, remoteAddress || '127.0.0.1');
  // A request with neither length nor chunking has no body: Node's client then says so itself.
  const hasBody = req.header('content-length') !== undefined || req.header('transfer-encoding') !== undefined;
  let delay = 50;
  for (let attempt = 1; ; attempt++) {
    const outcome = await proxyOnce(ctx, port, req, res, headers, hasBody, rec);
    if (outcome !== 'refused') return outcome;
    if (attempt >= 10)
      return { ok: false, error: `The handler refused 10 connection attempts on 127.0.0.1:${port}.` };
    await new Promise<void>((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 250);
  }
}

async function proxyOnce(
  ctx: AppContext,
  port: number,
  req: ServerRequest,
  res: ServerResponse,
  headers: [string, string][],
  hasBody: boolean,
  rec: ExchangeRecorder,
): Promise<ForwardOutcome | 'refused'> {
  try {
    const answer = await ctx.channel.call(port, {
      method: req.method,
      path: req.url,
      headers,
      ...(hasBody ? { bodyStream: req.body } : { body: new Uint8Array(0) }),
      onHead: (head) => res.writeHead(head.status, head.reason, proxyResponseHeaders(head.rawHeaders)),
      onBody: (chunk) => res.write(chunk),
      onBodyChunk: (chunk) => rec.noteChunk('handler', 'host', chunk),
    });
    rec.hop('host', 'handler', answer.sent);
    rec.hop('handler', 'host', answer.received);
    res.end();
    return { ok: true };
  } catch (e) {
    if (e instanceof ClientError && e.code === 'ECONNREFUSED' && e.sent.length === 0) return 'refused';
    if (e instanceof HandlerCallError && e.sent.length) rec.hop('host', 'handler', e.sent);
    return { ok: false, error: (e as Error).message };
  }
}
