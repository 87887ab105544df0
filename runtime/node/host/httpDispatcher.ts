import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FunctionDef } from '../../core/app/functionJson';
import { isBinaryBodyContentType } from '../../core/http/bodyEncoding';
import { kestrelRequestHeaders } from '../../core/http/kestrelHeaders';
import { parseQuery } from '../../core/http/queryString';
import { hint } from '../../core/invocation/hints';
import { buildHttpInvocationBody } from '../../core/invocation/httpPayload';
import type { HttpRequestFacts } from '../../core/invocation/httpPayload';
import type { RouteValues } from '../../core/routing/matchRoute';
import type { TappedSocket } from '../wire/tappedSocket';
import type { HostState } from '../../core/control/protocol';
import type { ExchangeTrigger } from '../../core/exchange/exchange';
import { handleAdmin } from './adminApi';
import { authorize, functionAuthLevel } from './auth';
import type { ExchangeRecorder } from './exchangeRecorder';
import { forwardRequest, proxyRequest } from './forwardInvoker';
import type { HostRuntime } from './hostRuntime';
import { httpModeOf } from './httpMode';
import { invokePayload } from './payloadInvoker';
import { newSysFacts } from './sysFacts';

/** What the front door needs from the host, whether or not the app could load. */
export interface FrontDoorContext {
  /** Absent when host.json is unusable: nothing can run until it is fixed. */
  readonly runtime?: HostRuntime;
  readonly state: HostState;
  readonly errors: readonly string[];
  record(trigger: ExchangeTrigger, title: string): ExchangeRecorder;
}

const NOT_RUNNING = 'Function host is not running.';

/** Handles one request at the front door, recording the whole exchange. */
export function dispatchHttp(
  ctx: FrontDoorContext,
  req: IncomingMessage,
  res: ServerResponse,
  socket: TappedSocket,
): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const rec = ctx.record('http', `${req.method} ${req.url}`);
  res.setHeader('Server', 'Kestrel');
  let closed = false;
  const complete = () => {
    if (closed) return;
    closed = true;
    const { inbound, outbound } = socket.takeCaptured();
    rec.hop('caller', 'host', inbound, undefined, 0);
    rec.hop('host', 'caller', outbound);
    rec.status = res.statusCode;
    rec.finish(rec.error === undefined ? 'succeeded' : 'failed');
  };
  res.on('finish', complete);
  res.on('close', complete);

  const isAdmin = /^\/admin(\/|$)/i.test(url.pathname);
  const runtime = ctx.runtime;
  if (!runtime || ((ctx.state === 'Error' || ctx.state === 'Stopped') && !isAdmin)) {
    void drain(req).then(() => {
      if (isAdmin && /^\/admin\/host\/status\/?$/i.test(url.pathname)) {
        const body = JSON.stringify({ state: ctx.state, errors: ctx.errors });
        res.writeHead(200, {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': Buffer.byteLength(body),
        });
        res.end(body);
        return;
      }
      rec.error = ctx.errors.length ? `${NOT_RUNNING} ${ctx.errors[0]}` : NOT_RUNNING;
      res.writeHead(503, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Length': Buffer.byteLength(NOT_RUNNING),
      });
      res.end(NOT_RUNNING);
    });
    return;
  }
  void route(runtime, req, res, url, rec).catch((e: unknown) => {
    rec.error = (e as Error).message;
    if (!res.headersSent) respondEmpty(res, 500);
    else res.destroy();
  });
}

async function route(
  runtime: HostRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  rec: ExchangeRecorder,
) {
  if (/^\/admin(\/|$)/i.test(url.pathname)) {
    rec.title = `${req.method} ${url.pathname}`;
    await handleAdmin(runtime, req, res, url, rec);
    return;
  }
  const rawPath = (req.url ?? '/').split('?')[0]!;
  const match = runtime.routes.match(req.method ?? 'GET', rawPath);
  if (match.kind === 'none' || (match.fn.disabled && !isAdminKey(runtime, req))) {
    await drain(req);
    respondEmpty(res, 404);
    return;
  }
  const fn = match.fn;
  rec.functionName = fn.name;
  const query = parseQuery(url.search);
  const auth = authorize(req, query, functionAuthLevel(fn), runtime.enableAuth, runtime.keys);
  if (!auth.ok) {
    await drain(req);
    respondEmpty(res, 401);
    return;
  }
  const mode = httpModeOf(fn, runtime.customHandler);
  rec.mode = mode;
  const options = runtime.customHandler;
  const wantsRaw =
    options.enableProxyingHttpRequest ||
    options.enableForwardingHttpRequest ||
    options.section === 'httpWorker';
  if (mode === 'payload' && wantsRaw) {
    rec.addHints([
      hint(
        'forwarding-fallback',
        `host.json asks for ${options.enableProxyingHttpRequest ? 'proxying' : 'forwarding'}, but ${fn.name} has bindings besides one httpTrigger and one http output, so the host sends it the payload (POST /${fn.name}) instead of the original request.`,
      ),
    ]);
  }
  rec.update();
  const invocationId = randomUUID();
  rec.invocationId = invocationId;
  runtime.log(
    'information',
    'Host.Function',
    `Executing 'Functions.${fn.name}' (Reason='This function was programmatically called via the host APIs.', Id=${invocationId})`,
    { functionName: fn.name, invocationId },
  );

  if (mode === 'proxy') {
    const outcome = await proxyRequest(runtime, fn, req, res, rec, invocationId);
    logExecuted(runtime, fn, rec, outcome.ok, outcome.error);
    if (!outcome.ok) {
      rec.error = outcome.error;
      if (!res.headersSent) respondEmpty(res, 500);
    }
    return;
  }
  const body = await readBody(req);
  if (mode === 'forwarding') {
    const outcome = await forwardRequest(
      runtime,
      fn,
      runtime.customHandler.section === 'httpWorker',
      req,
      body,
      res,
      rec,
      invocationId,
    );
    logExecuted(runtime, fn, rec, outcome.ok, outcome.error);
    if (!outcome.ok) {
      rec.error = outcome.error;
      respondEmpty(res, 500);
    }
    return;
  }
  await invokeHttpPayload(
    runtime,
    fn,
    req,
    body,
    query,
    match.values,
    auth.identities,
    res,
    rec,
    invocationId,
  );
}

async function invokeHttpPayload(
  runtime: HostRuntime,
  fn: FunctionDef,
  req: IncomingMessage,
  body: Buffer,
  query: [string, string[]][],
  values: RouteValues,
  identities: HttpRequestFacts['identities'],
  res: ServerResponse,
  rec: ExchangeRecorder,
  invocationId: string,
) {
  const contentLength = Number(req.headers['content-length'] ?? 0);
  const contentType = req.headers['content-type'];
  if (contentLength <= 0 && body.length > 0) {
    rec.addHints([
      hint(
        'chunked-request-body',
        'The caller sent its body chunked (no Content-Length). The real host puts Body in the payload only when Content-Length > 0, so Data.req has no Body.',
      ),
    ]);
  }
  const facts: HttpRequestFacts = {
    url: `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`,
    method: req.method ?? 'GET',
    headers: kestrelRequestHeaders(req.rawHeaders),
    query,
    params: Object.entries(values),
    identities,
    ...(contentLength > 0 && {
      body: {
        text: body.toString('utf8'),
        base64: () => body.toString('base64'),
        binary: isBinaryBodyContentType(contentType),
      },
    }),
  };
  const otherInputs = fn.inputs.map((b) => b.name);
  const payload = buildHttpInvocationBody(
    fn.trigger.name,
    facts,
    otherInputs,
    newSysFacts(fn.name, runtime.now()),
  );
  const result = await invokePayload(runtime, fn, payload, rec, invocationId);
  rec.addHints(result.hints);
  if (result.kind === 'succeeded') {
    rec.addLogs(result.logs);
    runtime.deliverOutputs(fn, result.outputs, rec);
    const http = result.http ?? { status: 204, headers: [], body: '' };
    const bytes = Buffer.from(http.body, 'utf8');
    const headerList: string[] = [];
    for (const [k, v] of http.headers) headerList.push(k, v);
    headerList.push('Content-Length', String(bytes.length));
    res.writeHead(http.status, headerList);
    res.end(req.method === 'HEAD' ? undefined : bytes);
    logExecuted(runtime, fn, rec, true);
  } else {
    rec.error = result.kind === 'failed' ? result.error : 'The invocation never completed.';
    logExecuted(runtime, fn, rec, false, rec.error);
    respondEmpty(res, 500);
  }
}

function logExecuted(
  runtime: HostRuntime,
  fn: FunctionDef,
  rec: ExchangeRecorder,
  ok: boolean,
  error?: string,
) {
  const fields = {
    functionName: fn.name,
    ...(rec.invocationId !== undefined && { invocationId: rec.invocationId }),
  };
  if (!ok && error)
    runtime.log(
      'error',
      'Host.Function',
      `Executed 'Functions.${fn.name}' (Failed, Id=${rec.invocationId ?? 'none'}) ${error}`,
      fields,
    );
  else
    runtime.log(
      'information',
      'Host.Function',
      `Executed 'Functions.${fn.name}' (Succeeded, Id=${rec.invocationId ?? 'none'}, Duration=${Math.round(rec.elapsed())}ms)`,
      fields,
    );
}

export function respondEmpty(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Length': 0 });
  res.end();
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function drain(req: IncomingMessage): Promise<void> {
  return readBody(req).then(() => undefined);
}

function isAdminKey(runtime: HostRuntime, req: IncomingMessage): boolean {
  const key = req.headers['x-functions-key'];
  return runtime.enableAuth && key === runtime.keys.master;
}
