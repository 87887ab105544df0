import { getProp } from '../../runtime/core/json/jsonNode';
import type { JsonNode } from '../../runtime/core/json/jsonNode';
import { parseJson } from '../../runtime/core/json/parseJson';
import type { ComposedRequest } from '../stores/triggersStore';
import { sampleRoutePath } from '../triggers/routeSample';

/** The seed's request for the `order` example: what the composer shows on first open. */
export const SEED_REQUEST: ComposedRequest = {
  method: 'POST',
  path: '/api/order',
  headers: [['Content-Type', 'application/json']],
  body: '{"id":1005,"quantity":2,"color":"black"}',
};

/** An MCP server (the mcp-custom-handler profile) answers at /mcp: the request it needs first. */
const MCP_INITIALIZE: ComposedRequest = {
  method: 'POST',
  path: '/mcp',
  headers: [
    ['Content-Type', 'application/json'],
    ['Accept', 'application/json, text/event-stream'],
  ],
  body: '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"composer","version":"1.0.0"}}}',
};

const EMPTY_REQUEST: ComposedRequest = { method: 'GET', path: '/api/', headers: [], body: '' };

function parse(text: string | undefined): JsonNode | undefined {
  if (text === undefined) return undefined;
  try {
    return parseJson(text);
  } catch {
    return undefined;
  }
}

function stringAt(node: JsonNode | undefined, ...keys: string[]): string | undefined {
  let at = node;
  for (const key of keys) at = at?.kind === 'object' ? getProp(at, key) : undefined;
  return at?.kind === 'string' ? at.value : undefined;
}

/** The route prefix host.json sets (`extensions.http.routePrefix`), `api` by default. */
export function routePrefixOf(hostJson: string | undefined): string {
  const prefix = stringAt(parse(hostJson), 'extensions', 'http', 'routePrefix') ?? 'api';
  return prefix.replace(/^\/+|\/+$/g, '');
}

/**
 * A request for the composer that reaches the app's first HTTP function: the seed's order for the
 * `order` example, otherwise the function's route with its first method (and a JSON body for
 * methods that carry one).
 */
export function defaultRequestFor(example: string, files: Readonly<Record<string, string>>): ComposedRequest {
  if (example === 'order') return SEED_REQUEST;
  if (stringAt(parse(files['host.json']), 'configurationProfile')?.toLowerCase() === 'mcp-custom-handler')
    return MCP_INITIALIZE;
  const prefix = routePrefixOf(files['host.json']);
  const functionFiles = Object.keys(files)
    .filter((p) => /^[^/]+\/function\.json$/.test(p))
    .sort();
  for (const path of functionFiles) {
    const root = parse(files[path]);
    const bindings = root?.kind === 'object' ? getProp(root, 'bindings') : undefined;
    if (bindings?.kind !== 'array') continue;
    const trigger = bindings.items.find(
      (b) => b.kind === 'object' && stringAt(b, 'type')?.toLowerCase() === 'httptrigger',
    );
    if (!trigger || trigger.kind !== 'object') continue;
    const name = path.slice(0, path.indexOf('/'));
    const route = stringAt(trigger, 'route') ?? name;
    const methods = getProp(trigger, 'methods');
    const first = methods?.kind === 'array' ? methods.items.find((m) => m.kind === 'string') : undefined;
    const method = first?.kind === 'string' ? first.value.toUpperCase() : 'GET';
    const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
    return {
      method,
      path: sampleRoutePath(`/${[prefix, route].filter(Boolean).join('/')}`),
      headers: hasBody ? [['Content-Type', 'application/json']] : [],
      body: hasBody ? '{}' : '',
    };
  }
  return { ...EMPTY_REQUEST, path: prefix ? `/${prefix}/` : '/' };
}
