import { writeJson } from '../../core/json/writeJson';
import { fromPlain, jsonObject, jsonString, jsonBool, jsonArray } from '../../core/json/jsonNode';
import type { JsonNode } from '../../core/json/jsonNode';
import { parseJson } from '../../core/json/parseJson';
import { formatRouteForDisplay } from '../../core/routing/functionRoute';
import { utf8Decode, utf8Encode } from '../../core/bytes/utf8';
import type { ExchangeRecorder } from '../../core/exchange/exchangeRecorder';
import { HOST_VERSION } from '../constants';
import type { AppContext } from '../hostContext';
import type { ServerRequest, ServerResponse } from '../http/serverConnection';
import { splitTarget } from '../invocation/forwardInvoker';
import { foreignOrigin } from './adminOrigin';
import { isAdminRequest } from './auth';
import { respondEmpty } from './responses';

const INSTANCE_ID = randomHex(32);

/** The admin endpoints Core Tools serves: host status, ping, function listing and invoke. */
export async function handleAdmin(
  runtime: AppContext,
  req: ServerRequest,
  res: ServerResponse,
  rec: ExchangeRecorder,
): Promise<void> {
  const pathname = new URL(splitTarget(req.url)[0], 'http://localhost').pathname;
  const path = pathname.replace(/\/+$/, '').toLowerCase();
  const method = req.method;
  const body = await req.body.read();
  const origin = foreignOrigin(req);
  if (origin !== undefined) {
    const why =
      `Refused ${method} ${pathname}: it was sent by a web page of another site (Origin: ${origin}, ` +
      `this host: ${req.header('host') ?? 'no Host header'}). Admin requests from other sites are refused ` +
      'so that no page can run functions here; requests without an Origin (curl, scripts, the playground) are not affected.';
    runtime.log('warning', 'Host.Admin', why);
    rec.error = why;
    return respondEmpty(res, 403);
  }
  if (!isAdminRequest(req, runtime.enableAuth, runtime.keys)) return respondEmpty(res, 401);

  if (path === '/admin/host/ping' && (method === 'GET' || method === 'POST')) return respondEmpty(res, 200);
  if (path === '/admin/host/status' && method === 'GET') return sendJson(res, 200, hostStatus(runtime));
  if (path === '/admin/functions' && method === 'GET') {
    return sendJson(
      res,
      200,
      jsonArray(runtime.app.functions.map((fn) => functionMetadata(runtime, fn.name)!)),
    );
  }
  const m = /^\/admin\/functions\/([^/]+)(\/status)?$/.exec(pathname.replace(/\/+$/, ''));
  if (!m) return respondEmpty(res, 404);
  const name = decodeURIComponent(m[1]!);
  const fn = runtime.app.functions.find((f) => f.name.toLowerCase() === name.toLowerCase());
  if (m[2]) {
    if (!fn || method !== 'GET') return respondEmpty(res, 404);
    return sendJson(res, 200, jsonObject([['metadata', functionMetadata(runtime, fn.name)!]]));
  }
  if (method === 'GET') {
    const meta = fn && functionMetadata(runtime, fn.name);
    return meta ? sendJson(res, 200, meta) : respondEmpty(res, 404);
  }
  if (method !== 'POST') return respondEmpty(res, 405);
  if (!fn) return respondEmpty(res, 404);
  let input: string | undefined;
  try {
    const parsed = body.length ? parseJson(utf8Decode(body)) : undefined;
    const inputNode =
      parsed?.kind === 'object' ? parsed.entries.find(([k]) => k.toLowerCase() === 'input')?.[1] : undefined;
    input =
      inputNode === undefined
        ? undefined
        : inputNode.kind === 'string'
          ? inputNode.value
          : writeJson(inputNode);
  } catch {
    input = undefined;
  }
  if (body.length === 0 || input === undefined) return respondEmpty(res, 400);

  rec.functionName = fn.name;
  respondEmpty(res, 202);
  // Fire and forget, as the host's FunctionsController does: the invocation is its own exchange.
  const invocation = runtime.record('admin', `invoke ${fn.name}`);
  invocation.causedBy = rec.id;
  void runtime.invokeNonHttp(fn, input, invocation);
}

function hostStatus(runtime: AppContext): JsonNode {
  const hostname = runtime.platform.hostname();
  const entries: [string, JsonNode][] = [
    ['id', jsonString(hostname.toLowerCase())],
    ['state', jsonString(runtime.state())],
    ['version', jsonString(HOST_VERSION.split('.').slice(0, 3).join('.') + '.0')],
    ['versionDetails', jsonString(`${HOST_VERSION} (TypeScript port)`)],
    ['platformVersion', jsonString('')],
    ['instanceId', jsonString(INSTANCE_ID)],
    ['computerName', jsonString(hostname)],
    ['processUptime', fromPlain(Math.round(runtime.platform.monotonic()))],
    ['functionAppContentEditingState', jsonString('NotAllowed')],
  ];
  const bundle = runtime.config.raw.entries.find(([k]) => k.toLowerCase() === 'extensionbundle')?.[1];
  if (bundle?.kind === 'object') {
    const id = bundle.entries.find(([k]) => k.toLowerCase() === 'id')?.[1];
    const version = bundle.entries.find(([k]) => k.toLowerCase() === 'version')?.[1];
    entries.push([
      'extensionBundle',
      jsonObject([
        ['id', id ?? jsonString('')],
        ['version', version ?? jsonString('')],
      ]),
    ]);
  }
  const errors = runtime.errors();
  if (errors.length) entries.push(['errors', jsonArray(errors.map(jsonString))]);
  return jsonObject(entries);
}

function functionMetadata(runtime: AppContext, name: string): JsonNode | undefined {
  const fn = runtime.app.functions.find((f) => f.name === name);
  if (!fn) return undefined;
  const base = `http://localhost:${runtime.frontDoorPort}`;
  const href = `${base}/admin/functions/${fn.name}`;
  const bindings = jsonArray(fn.bindings.map((b) => b.props));
  return jsonObject([
    ['name', jsonString(fn.name)],
    ['script_root_path_href', jsonString(`${base}/admin/vfs/${fn.name}/`)],
    [
      'script_href',
      jsonString(`${base}/admin/vfs/${runtime.customHandler.description.defaultExecutablePath}`),
    ],
    ['config_href', jsonString(`${base}/admin/vfs/${fn.name}/function.json`)],
    ['test_data_href', jsonString(`${base}/admin/vfs/data/Functions/sampledata/${fn.name}.dat`)],
    ['href', jsonString(href)],
    [
      'invoke_url_template',
      jsonString(
        fn.http ? `${base}/${formatRouteForDisplay(fn.http.route, runtime.config.routePrefix)}` : '',
      ),
    ],
    ['language', jsonString('custom')],
    ['config', jsonObject([['bindings', bindings]])],
    ['isDisabled', jsonBool(fn.disabled)],
    ['isDirect', jsonBool(false)],
    ['isProxy', jsonBool(false)],
  ]);
}

function sendJson(res: ServerResponse, status: number, node: JsonNode): void {
  const bytes = utf8Encode(writeJson(node));
  res.writeHead(status, undefined, [
    'Content-Type',
    'application/json; charset=utf-8',
    'Content-Length',
    String(bytes.length),
  ]);
  res.end(bytes);
}

function randomHex(n: number): string {
  let s = '';
  while (s.length < n) s += Math.floor(Math.random() * 16).toString(16);
  return s;
}
