/**
 * The few JSON-RPC 2.0 messages of MCP the panel speaks, written by hand (the SDK's schemas would
 * weigh more than the whole panel), and checked as they arrive: a message that is not what MCP
 * says gets a plain error naming what is wrong.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type RpcMessage =
  | {
      readonly kind: 'request';
      readonly id: string | number;
      readonly method: string;
      readonly params?: JsonObject;
    }
  | { readonly kind: 'notification'; readonly method: string; readonly params?: JsonObject }
  | { readonly kind: 'result'; readonly id: string | number | null; readonly result: JsonObject }
  | {
      readonly kind: 'error';
      readonly id: string | number | null;
      readonly error: { readonly code: number; readonly message: string; readonly data?: JsonValue };
    };

export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks one parsed value against JSON-RPC 2.0's four message shapes. */
export function checkRpcMessage(value: unknown): Checked<RpcMessage> {
  if (!isObject(value)) return { ok: false, error: 'a JSON-RPC message must be a JSON object' };
  if (value.jsonrpc !== '2.0') return { ok: false, error: '"jsonrpc" must be "2.0"' };
  const id = value.id;
  const validId = typeof id === 'string' || typeof id === 'number';
  if (value.params !== undefined && !isObject(value.params))
    return { ok: false, error: '"params" must be an object' };
  const params = value.params as JsonObject | undefined;
  if (typeof value.method === 'string') {
    if (id === undefined)
      return { ok: true, value: { kind: 'notification', method: value.method, ...(params && { params }) } };
    if (!validId) return { ok: false, error: '"id" must be a string or a number' };
    return { ok: true, value: { kind: 'request', id, method: value.method, ...(params && { params }) } };
  }
  if (!validId && id !== null)
    return { ok: false, error: 'a response needs an "id" (a string, a number or null)' };
  if ('result' in value) {
    if (!isObject(value.result)) return { ok: false, error: '"result" must be an object' };
    return { ok: true, value: { kind: 'result', id, result: value.result } };
  }
  const error = value.error;
  if (isObject(error) && typeof error.code === 'number' && typeof error.message === 'string') {
    const data = error.data;
    return {
      ok: true,
      value: {
        kind: 'error',
        id,
        error: { code: error.code, message: error.message, ...(data !== undefined && { data }) },
      },
    };
  }
  return { ok: false, error: 'a response needs "result", or "error" with a numeric "code" and a "message"' };
}

/** Parses text as one JSON-RPC message (or a batch of them), checking each. */
export function parseRpcText(text: string): Checked<RpcMessage[]> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message}` };
  }
  const items = Array.isArray(value) ? value : [value];
  const messages: RpcMessage[] = [];
  for (const [i, item] of items.entries()) {
    const checked = checkRpcMessage(item);
    if (!checked.ok)
      return { ok: false, error: items.length > 1 ? `message ${i + 1}: ${checked.error}` : checked.error };
    messages.push(checked.value);
  }
  return { ok: true, value: messages };
}

/** The newest protocol version the panel asks for; servers may answer an older one they know. */
export const PROTOCOL_VERSION = '2025-06-18';

export function initializeRequest(id: number): JsonObject {
  return {
    jsonrpc: '2.0',
    id,
    method: 'initialize',
    params: {
      protocolVersion: PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: 'functions-playground', version: '1.0.0' },
    },
  };
}

export const initializedNotification: JsonObject = { jsonrpc: '2.0', method: 'notifications/initialized' };

export function toolsListRequest(id: number): JsonObject {
  return { jsonrpc: '2.0', id, method: 'tools/list' };
}

export function toolsCallRequest(id: number, name: string, args: JsonObject): JsonObject {
  return {
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name, arguments: args, _meta: { progressToken: `p${id}` } },
  };
}

export interface ServerInfo {
  readonly protocolVersion: string;
  readonly name: string;
  readonly version: string;
}

/** What `initialize` must answer: the protocol version and who the server is. */
export function checkInitializeResult(result: JsonObject): Checked<ServerInfo> {
  if (typeof result.protocolVersion !== 'string')
    return { ok: false, error: 'the initialize result has no "protocolVersion" string' };
  const info = result.serverInfo;
  if (!isObject(info) || typeof info.name !== 'string')
    return { ok: false, error: 'the initialize result has no "serverInfo" with a "name"' };
  return {
    ok: true,
    value: {
      protocolVersion: result.protocolVersion,
      name: info.name,
      version: typeof info.version === 'string' ? info.version : '',
    },
  };
}

export interface ToolInfo {
  readonly name: string;
  readonly description?: string;
  readonly inputSchema: JsonObject;
}

/** What `tools/list` must answer: tools with a name and an object input schema. */
export function checkToolsList(result: JsonObject): Checked<ToolInfo[]> {
  if (!Array.isArray(result.tools)) return { ok: false, error: 'the tools/list result has no "tools" array' };
  const tools: ToolInfo[] = [];
  for (const [i, tool] of result.tools.entries()) {
    if (!isObject(tool) || typeof tool.name !== 'string')
      return { ok: false, error: `tool ${i + 1} has no "name"` };
    if (!isObject(tool.inputSchema))
      return { ok: false, error: `tool '${tool.name}' has no "inputSchema" object` };
    tools.push({
      name: tool.name,
      ...(typeof tool.description === 'string' && { description: tool.description }),
      inputSchema: tool.inputSchema,
    });
  }
  return { ok: true, value: tools };
}
