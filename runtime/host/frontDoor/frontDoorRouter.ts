import { utf8Decode } from '../../core/bytes/utf8';
import type { HostState } from '../../core/control/protocol';
import type { ExchangeTrigger } from '../../core/exchange/exchange';
import type { ExchangeRecorder } from '../../core/exchange/exchangeRecorder';
import { isBinaryBodyContentType } from '../../core/http/bodyEncoding';
import { kestrelRequestHeaders } from '../../core/http/kestrelHeaders';
import { parseQuery } from '../../core/http/queryString';
import { HINTS } from '../../core/invocation/hintCatalogue';
import { httpModeOf } from '../../core/invocation/httpMode';
import type { HttpRequestFacts } from '../../core/invocation/httpPayload';
import { writeHttpInvocationBody } from '../../core/invocation/httpPayloadBytes';
import { ADMIN_REASON } from '../../core/invocation/logLines';
import { encodeBase64 } from '../../core/queues/base64';
import type { AppContext } from '../hostContext';
import { joinedHeader } from '../http/headerMap';
import type { ServerConnection, ServerRequest, ServerResponse } from '../http/serverConnection';
import { forwardRequest, splitTarget } from '../invocation/forwardInvoker';
import { invokePayload } from '../invocation/payloadInvoker';
import { outcomeResult, runInvocation } from '../invocation/pipeline';
import { proxyRequest } from '../invocation/proxyInvoker';
import { newSysFacts } from '../invocation/sysFacts';
import { handleAdmin } from './adminApi';
import { noRouteHint } from './noRouteHint';
import { authorize, functionAuthLevel } from './auth';
import { respondEmpty, respondHttpResult, respondText } from './responses';
import { routeRegexTester } from './routeRegex';

/** What the front door needs from the host, whether or not the app could load. */
export interface FrontDoorContext {
  /** Absent when host.json is unusable: nothing can run until it is fixed. */
  readonly app?: AppContext;
  readonly state: HostState;
  readonly errors: readonly string[];
  record(trigger: ExchangeTrigger, title: string): ExchangeRecorder;
}

const NOT_RUNNING = 'Function host is not running.';
/** A call still running after this shows as pending in the exchange view. */
const PENDING_AFTER_MS = 100;
/** While an answer streams, the exchange is republished at most this often. */
const STREAM_UPDATE_MS = 40;
const ADMIN_PATH = /^\/admin(\/|$)/i;
// eslint-disable-next-line no-control-regex
const NEEDS_ENCODING = /[\x00-\x20"#<>'\x7f-\uffff]/;

/** Handles one request at the front door, recording the whole exchange. */
export function routeRequest(
  ctx: FrontDoorContext,
  req: ServerRequest,
  res: ServerResponse,
  conn: ServerConnection,
): void {
  const rec = ctx.record('http', `${req.method} ${req.url}`);
  res.setHeader('Server', 'Kestrel');
  watchStreaming(res, rec);
  res.onDone(() => {
    const { inbound, outbound } = conn.takeCaptured();
    rec.hop('caller', 'host', inbound, undefined, 0);
    rec.hop('host', 'caller', outbound);
    rec.status = res.statusCode;
    rec.finish(rec.error === undefined ? 'succeeded' : 'failed');
  });

  const [pathname, rawSearch] = splitTarget(req.url);
  // Node's URL parser used to give the query; it percent-encodes a few characters, so they still are.
  const search = NEEDS_ENCODING.test(rawSearch) ? new URL(req.url, 'http://localhost').search : rawSearch;
  const isAdmin = ADMIN_PATH.test(pathname);
  const app = ctx.app;
  if (!app || ((ctx.state === 'Error' || ctx.state === 'Stopped') && !isAdmin)) {
    void req.body.read().then(
      () => {
        if (isAdmin && /^\/admin\/host\/status\/?$/i.test(pathname)) {
          respondText(
            res,
            200,
            JSON.stringify({ state: ctx.state, errors: ctx.errors }),
            'application/json; charset=utf-8',
          );
          return;
        }
        rec.error = ctx.errors.length ? `${NOT_RUNNING} ${ctx.errors[0]}` : NOT_RUNNING;
        respondText(res, 503, NOT_RUNNING, 'text/plain; charset=utf-8');
      },
      () => undefined,
    );
    return;
  }
  void route(app, req, res, conn, pathname, search, rec).catch((e: unknown) => {
    rec.error = (e as Error).message;
    if (!res.headersSent) respondEmpty(res, 500);
    else res.destroy();
  });
}

/** Publishes the exchange while its answer streams, so a viewer sees each piece arrive. */
function watchStreaming(res: ServerResponse, rec: ExchangeRecorder): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  res.onBodyChunk((chunk, last) => {
    rec.noteChunk('host', 'caller', chunk);
    if (last || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      rec.update();
    }, STREAM_UPDATE_MS);
  });
  res.onDone(() => clearTimeout(timer));
}

async function route(
  app: AppContext,
  req: ServerRequest,
  res: ServerResponse,
  conn: ServerConnection,
  pathname: string,
  search: string,
  rec: ExchangeRecorder,
): Promise<void> {
  if (ADMIN_PATH.test(pathname)) {
    rec.title = `${req.method} ${pathname}`;
    await handleAdmin(app, req, res, rec);
    return;
  }
  const match =
    app.routes.matchNow(req.method, pathname) ??
    (await app.routes.match(req.method, pathname, (fn) => routeRegexTester(app, fn)));
  if (match.kind === 'none' || (match.fn.disabled && !isAdminKey(app, req))) {
    if (match.kind === 'none') rec.addHints([noRouteHint(app, req.method, pathname)]);
    await req.body.read();
    respondEmpty(res, 404);
    return;
  }
  const fn = match.fn;
  rec.functionName = fn.name;
  const query = parseQuery(search);
  const auth = authorize(req, query, functionAuthLevel(fn), app.enableAuth, app.keys);
  if (!auth.ok) {
    await req.body.read();
    respondEmpty(res, 401);
    return;
  }
  const mode = httpModeOf(fn, app.customHandler);
  rec.mode = mode;
  const options = app.customHandler;
  const wantsRaw =
    options.enableProxyingHttpRequest ||
    options.enableForwardingHttpRequest ||
    options.section === 'httpWorker';
  if (mode === 'payload' && wantsRaw) {
    rec.addHints([HINTS.forwardingFallback(options.enableProxyingHttpRequest, fn.name)]);
  }
  // A slow call shows as pending in the exchange view; a fast one costs a single event.
  const pending = setTimeout(() => rec.update(), PENDING_AFTER_MS);
  res.onDone(() => clearTimeout(pending));

  if (mode === 'proxy') {
    const result = await runInvocation(app, {
      fn,
      rec,
      reason: ADMIN_REASON,
      invoke: async (id) => outcomeResult(await proxyRequest(app, req, res, conn.remoteAddress, rec, id)),
      finishExchange: false,
    });
    if (result.kind !== 'succeeded' && !res.headersSent) respondEmpty(res, 500);
    else if (result.kind !== 'succeeded') res.destroy();
    return;
  }
  const body = await req.body.read();
  if (mode === 'forwarding') {
    const result = await runInvocation(app, {
      fn,
      rec,
      reason: ADMIN_REASON,
      invoke: async (id) => outcomeResult(await forwardRequest(app, fn, req, body, res, rec, id)),
      finishExchange: false,
    });
    if (result.kind !== 'succeeded') respondEmpty(res, 500);
    return;
  }
  const payload = writeHttpInvocationBody(
    fn.trigger.name,
    requestFacts(req, body, query, Object.entries(match.values), auth.identities, rec),
    fn.inputs.map((b) => b.name),
    newSysFacts(fn.name, app.now(), () => app.platform.randomUUID()),
  );
  const result = await runInvocation(app, {
    fn,
    rec,
    reason: ADMIN_REASON,
    invoke: (id) => invokePayload(app, fn, payload, rec, id),
    finishExchange: false,
  });
  if (result.kind === 'succeeded')
    respondHttpResult(app, req, res, rec, result.http ?? { status: 204, headers: [], body: '' });
  else respondEmpty(res, 500);
}

function requestFacts(
  req: ServerRequest,
  body: Uint8Array,
  query: [string, string[]][],
  params: HttpRequestFacts['params'],
  identities: HttpRequestFacts['identities'],
  rec: ExchangeRecorder,
): HttpRequestFacts {
  const contentLength = Number(req.header('content-length') ?? 0);
  if (contentLength <= 0 && body.length > 0) {
    rec.addHints([HINTS.chunkedRequestBody('payload')]);
  }
  return {
    url: `http://${req.header('host') ?? 'localhost'}${req.url}`,
    method: req.method,
    headers: kestrelRequestHeaders(req.rawHeaders),
    query,
    params,
    identities,
    ...(contentLength > 0 && {
      body: {
        text: utf8Decode(body),
        base64: () => encodeBase64(body),
        binary: isBinaryBodyContentType(req.header('content-type')),
      },
    }),
  };
}

function isAdminKey(app: AppContext, req: ServerRequest): boolean {
  return app.enableAuth && joinedHeader(req.rawHeaders, 'x-functions-key') === app.keys.master;
}
