import type { JsonNode, JsonObject } from '../json/jsonNode';
import { jsonNull, jsonObject, jsonString, jsonArray } from '../json/jsonNode';
import { parseJson } from '../json/parseJson';
import { dotnetToString } from '../json/writeJson';
import { buildSys, doubleEncode, invocationData, payloadEnvelope } from './payloadEnvelope';
import type { SysFacts } from './payloadEnvelope';

export type { SysFacts };

/** What the host knows about an incoming HTTP request, already shaped as ASP.NET Core shows it. */
export interface HttpRequestFacts {
  /** `http://{Host header}{Path}{QueryString}`. */
  readonly url: string;
  readonly method: string;
  /** Kestrel's order and canonical names, repeated headers collected. */
  readonly headers: readonly (readonly [string, readonly string[]])[];
  readonly query: readonly (readonly [string, readonly string[]])[];
  /** Route values; null for an optional parameter that did not match. */
  readonly params: readonly (readonly [string, string | null])[];
  readonly identities: JsonNode;
  /** Present only when the request had Content-Length > 0, as the host reads the body only then. */
  readonly body?: {
    readonly text: string;
    readonly base64: () => string;
    /** `application/octet-stream` or `multipart/*`: the body travels as base64. */
    readonly binary: boolean;
  };
}

/** `{"Url":...,"Method":...,"Query":{},"Headers":{},"Params":{},"Identities":[],"Body":...}` in the host's order. */
export function buildHttpRequestData(req: HttpRequestFacts): JsonObject {
  const entries: [string, JsonNode][] = [
    ['Url', jsonString(req.url)],
    ['Method', jsonString(req.method)],
    ['Query', jsonObject(req.query.map(([k, v]) => [k, jsonString(v.join(','))]))],
    ['Headers', jsonObject(req.headers.map(([k, v]) => [k, jsonArray(v.map(jsonString))]))],
    ['Params', jsonObject(req.params.map(([k, v]) => [k, v === null ? jsonNull : jsonString(v)]))],
    ['Identities', req.identities],
  ];
  if (req.body) entries.push(['Body', jsonString(req.body.binary ? req.body.base64() : req.body.text)]);
  return jsonObject(entries);
}

/**
 * The trigger's binding data as the host puts it in Metadata: JSON-body properties, query values
 * (except `code`), route values, `Query`, `Headers`, then `sys`. Keys are case-insensitive, a
 * later value replacing an earlier one in its place, and null values are skipped.
 */
export function buildHttpMetadata(req: HttpRequestFacts, sys: SysFacts): JsonObject {
  const meta = jsonObject();
  // Binding data is a case-insensitive dictionary: a later value replaces an earlier one in its
  // place and under the first key's spelling.
  const at = new Map<string, number>();
  const put = (key: string, value: JsonNode | undefined) => {
    if (value === undefined || value.kind === 'null') return;
    const lower = key.toLowerCase();
    const existing = at.get(lower);
    if (existing !== undefined) meta.entries[existing] = [meta.entries[existing]![0], value];
    else {
      at.set(lower, meta.entries.length);
      meta.entries.push([key, value]);
    }
  };
  for (const [key, value] of jsonBodyProperties(req)) put(key, value);
  for (const [key, values] of req.query) {
    if (key.toLowerCase() === 'code') continue;
    const last = values[values.length - 1];
    if (last !== undefined) put(key, doubleEncode(last));
  }
  for (const [key, value] of req.params) if (value !== null) put(key, doubleEncode(value));
  put('Query', jsonObject(req.query.map(([k, v]) => [k, jsonString(v[v.length - 1] ?? '')])));
  put('Headers', jsonObject(req.headers.map(([k, v]) => [k, jsonString(v.join(','))])));
  put('sys', buildSys(sys));
  return meta;
}

/** A JSON body's top-level properties as binding data puts them (objects as they are, scalars double-encoded). */
export function jsonBodyProperties(req: HttpRequestFacts): [string, JsonNode][] {
  const text = req.body?.text.trim();
  if (!text || !text.startsWith('{')) return [];
  let root: JsonNode;
  try {
    root = parseJson(text, { comments: false, trailingCommas: false });
  } catch {
    return [];
  }
  if (root.kind !== 'object') return [];
  const out: [string, JsonNode][] = [];
  for (const [key, value] of root.entries) {
    if (value.kind === 'array' || value.kind === 'null') continue;
    out.push([key, value.kind === 'object' ? value : doubleEncode(dotnetToString(value))]);
  }
  return out;
}

/** The whole body the host POSTs to `/{FunctionName}` for an HTTP-triggered function. */
export function buildHttpInvocationBody(
  triggerName: string,
  req: HttpRequestFacts,
  otherInputs: readonly string[],
  sys: SysFacts,
): JsonObject {
  return payloadEnvelope(
    invocationData(triggerName, buildHttpRequestData(req), otherInputs),
    buildHttpMetadata(req, sys),
  );
}
