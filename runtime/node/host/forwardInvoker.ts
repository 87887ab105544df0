import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { FunctionDef } from '../../core/app/functionJson';
import { kestrelRequestHeaders } from '../../core/http/kestrelHeaders';
import { parseQuery, rebuildQuery } from '../../core/http/queryString';
import { hint } from '../../core/invocation/hints';
import { TappedSocket } from '../wire/tappedSocket';
import { HOST_VERSION } from './constants';
import type { ExchangeRecorder } from './exchangeRecorder';
import { callHandler, HandlerCallError, headerValue } from './handlerCall';
import type { InvocationServices } from './invocationServices';
import { waitForHandler } from './invocationServices';

// Content headers travel with the body in .NET; the rest are request headers.
const CONTENT_HEADERS = new Set(['content-length', 'content-type', 'transfer-encoding']);
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export interface ForwardOutcome {
  readonly ok: boolean;
  readonly error?: string;
}

/**
 * Legacy forwarding (`enableForwardingHttpRequest`, or the httpWorker section): the caller's
 * request is rebuilt and sent on, the answer buffered and relayed verbatim, non-2xx included.
 */
export async function forwardRequest(
  services: InvocationServices,
  fn: FunctionDef,
  legacyHttpWorker: boolean,
  req: IncomingMessage,
  body: Buffer,
  res: ServerResponse,
  rec: ExchangeRecorder,
  invocationId: string = randomUUID(),
): Promise<ForwardOutcome> {
  const ready = await beginInvocation(services, fn, rec, invocationId);
  if (!ready.ok) return ready;
  const port = ready.port;
  const url = new URL(req.url ?? '/', 'http://localhost');
  const query = rebuildQuery(parseQuery(url.search));
  const path = (legacyHttpWorker ? `/${fn.name}` : url.pathname) + (query ? `?${query}` : '');

  const headers: [string, string][] = [];
  let sawUserAgent = false;
  for (const [name, values] of kestrelRequestHeaders(req.rawHeaders)) {
    if (CONTENT_HEADERS.has(name.toLowerCase())) continue;
    let value = values.join(', ');
    if (name.toLowerCase() === 'user-agent') {
      value = `${value} Azure-Functions-Host/${HOST_VERSION}`;
      sawUserAgent = true;
    }
    headers.push([name, value]);
  }
  headers.push(['X-Azure-Functions-HostVersion', HOST_VERSION]);
  headers.push(['X-Azure-Functions-InvocationId', invocationId]);
  if (!sawUserAgent) headers.push(['User-Agent', `Azure-Functions-Host/${HOST_VERSION}`]);
  const contentLength = Number(req.headers['content-length'] ?? 0);
  const sendBody = contentLength > 0;
  if (sendBody) {
    headers.push(['Content-Length', String(body.length)]);
    if (req.headers['content-type']) headers.push(['Content-Type', req.headers['content-type']]);
  } else if (body.length > 0) {
    rec.addHints([
      hint(
        'chunked-request-body',
        'The caller sent its body chunked (no Content-Length). In forwarding mode the real host forwards a body only when Content-Length > 0, so the handler got none.',
      ),
    ]);
  }

  try {
    const answer = await callHandler(services.agent, {
      port,
      method: req.method ?? 'GET',
      path,
      headers,
      ...(sendBody && { body }),
    });
    rec.hop('host', 'handler', answer.sent);
    rec.hop('handler', 'host', answer.received);
    const relayed: string[] = [];
    const isChunked = /chunked/i.test(headerValue(answer.rawHeaders, 'transfer-encoding') ?? '');
    for (let i = 0; i + 1 < answer.rawHeaders.length; i += 2) {
      const name = answer.rawHeaders[i]!;
      const lower = name.toLowerCase();
      if (lower === 'transfer-encoding' && isChunked) continue;
      if (lower === 'connection' || lower === 'keep-alive' || lower === 'date' || lower === 'server')
        continue;
      if (lower === 'content-length') continue;
      relayed.push(name, answer.rawHeaders[i + 1]!);
    }
    relayed.push('Content-Length', String(answer.body.length));
    res.writeHead(answer.status, answer.reason, relayed);
    res.end(answer.body);
    return { ok: true };
  } catch (e) {
    if (e instanceof HandlerCallError) rec.hop('host', 'handler', e.sent);
    return { ok: false, error: (e as Error).message };
  }
}

/**
 * Proxying (`enableProxyingHttpRequest`, as YARP does it): the original path and query go to
 * the handler with X-Forwarded-* and the invocation headers; bodies stream both ways, and a
 * refused connection is retried up to 10 times (50 ms, doubling, at most 250 ms apart).
 */
export async function proxyRequest(
  services: InvocationServices,
  fn: FunctionDef,
  req: IncomingMessage,
  res: ServerResponse,
  rec: ExchangeRecorder,
  invocationId: string = randomUUID(),
): Promise<ForwardOutcome> {
  const ready = await beginInvocation(services, fn, rec, invocationId);
  if (!ready.ok) return ready;
  const port = ready.port;
  const headers: [string, string][] = [];
  let originalHost = '';
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    const lower = name.toLowerCase();
    if (lower === 'host') {
      originalHost = req.rawHeaders[i + 1]!;
      continue;
    }
    if (HOP_BY_HOP.has(lower) && lower !== 'transfer-encoding') continue;
    if (lower.startsWith('x-forwarded-') || lower === 'x-azure-functions-hostversion') continue;
    if (lower === 'x-azure-functions-invocationid' || lower === 'x-ms-invocation-id') continue;
    headers.push([name, req.rawHeaders[i + 1]!]);
  }
  headers.unshift(['Host', `127.0.0.1:${port}`]);
  headers.push(['X-Forwarded-For', (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '')]);
  headers.push(['X-Forwarded-Proto', 'http']);
  headers.push(['X-Forwarded-Host', originalHost]);
  headers.push(['X-Azure-Functions-HostVersion', HOST_VERSION]);
  headers.push(['X-Azure-Functions-InvocationId', invocationId]);
  headers.push(['x-ms-invocation-id', invocationId]);

  let delay = 50;
  for (let attempt = 1; ; attempt++) {
    const outcome = await proxyOnce(services, port, req, res, headers, rec);
    if (outcome !== 'refused') return outcome;
    if (attempt >= 10)
      return { ok: false, error: `The handler refused 10 connection attempts on 127.0.0.1:${port}.` };
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 250);
  }
}

function proxyOnce(
  services: InvocationServices,
  port: number,
  req: IncomingMessage,
  res: ServerResponse,
  headers: [string, string][],
  rec: ExchangeRecorder,
): Promise<ForwardOutcome | 'refused'> {
  return new Promise((resolve) => {
    let piped = false;
    const out = http.request({
      host: '127.0.0.1',
      port,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      agent: services.agent,
      setHost: false,
    });
    for (const [name, value] of headers) out.setHeader(name, value);
    out.removeHeader('connection');
    const capture = () =>
      out.socket instanceof TappedSocket
        ? out.socket.takeCaptured()
        : { inbound: Buffer.alloc(0), outbound: Buffer.alloc(0) };
    const startPiping = () => {
      if (piped) return;
      piped = true;
      req.pipe(out);
    };
    out.on('socket', (socket) => {
      // Piping only once connected keeps the body unread, so a refused attempt can be retried.
      const raw = socket instanceof TappedSocket ? socket.socket : socket;
      if (raw.connecting) raw.once('connect', startPiping);
      else startPiping();
    });
    out.on('response', (answer) => {
      const relayed: string[] = [];
      for (let i = 0; i + 1 < answer.rawHeaders.length; i += 2) {
        const lower = answer.rawHeaders[i]!.toLowerCase();
        if (HOP_BY_HOP.has(lower)) continue;
        relayed.push(answer.rawHeaders[i]!, answer.rawHeaders[i + 1]!);
      }
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, relayed);
      answer.pipe(res);
      answer.on('end', () => {
        const { inbound, outbound } = capture();
        rec.hop('host', 'handler', outbound);
        rec.hop('handler', 'host', inbound);
        resolve({ ok: true });
      });
      answer.on('error', (err) => resolve({ ok: false, error: err.message }));
    });
    out.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED' && !piped) {
        resolve('refused');
        return;
      }
      const { outbound } = capture();
      if (outbound.length) rec.hop('host', 'handler', outbound);
      resolve({ ok: false, error: err.message });
    });
  });
}

/** Ties the exchange to the invocation and waits for the handler, as payload mode does. */
async function beginInvocation(
  services: InvocationServices,
  fn: FunctionDef,
  rec: ExchangeRecorder,
  invocationId: string,
): Promise<{ ok: true; port: number } | { ok: false; error: string }> {
  rec.invocationId = invocationId;
  rec.functionName = fn.name;
  try {
    await waitForHandler(services);
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  return { ok: true, port: services.handler.port };
}
