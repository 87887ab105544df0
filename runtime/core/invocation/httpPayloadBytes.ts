import type { JsonNode } from '../json/jsonNode';
import { quoteJsonString } from '../json/writeJson';
import { jsonBytes as out } from '../json/writeJsonUtf8';
import type { HttpRequestFacts, SysFacts } from './httpPayload';
import { jsonBodyProperties } from './httpPayload';

/*
 * The HTTP payload (`buildHttpInvocationBody`) written straight into UTF-8 bytes, with no node
 * tree in between: the bytes are exactly `writeJsonUtf8(buildHttpInvocationBody(...))`, which
 * stays the readable statement of the shape (and the differential test's reference). This runs
 * once per HTTP invocation, on the host's busiest path.
 */

// Metadata values written from the facts rather than held as nodes.
const QUERY = 1;
const HEADERS = 2;
const SYS = 3;
type MetaValue = JsonNode | typeof QUERY | typeof HEADERS | typeof SYS;

// Shared across calls: writing is synchronous, and both are emptied before returning.
const metaKeys: string[] = [];
const metaValues: MetaValue[] = [];
const metaIndex = new Map<string, number>();

/** Frozen nodes (the shared identity arrays of auth.ts) cannot change: their bytes are written once. */
const nodeBytes = new WeakMap<JsonNode, Uint8Array>();

export function writeHttpInvocationBody(
  triggerName: string,
  req: HttpRequestFacts,
  otherInputs: readonly string[],
  sys: SysFacts,
): Uint8Array {
  out.begin();
  out.ascii('{"Data":{');
  out.string(triggerName);
  out.ascii(':');
  writeRequestData(req);
  for (const name of otherInputs) {
    out.ascii(',');
    out.string(name);
    out.ascii(':"null"');
  }
  out.ascii('},"Metadata":');
  writeMetadata(req, sys);
  out.ascii('}');
  return out.end();
}

function writeRequestData(req: HttpRequestFacts): void {
  out.ascii('{"Url":');
  out.string(req.url);
  out.ascii(',"Method":');
  out.string(req.method);
  out.ascii(',"Query":');
  writeJoinedPairs(req.query);
  out.ascii(',"Headers":{');
  const headers = req.headers;
  for (let i = 0; i < headers.length; i++) {
    const [name, values] = headers[i]!;
    if (i > 0) out.ascii(',');
    out.string(name);
    out.ascii(':[');
    for (let j = 0; j < values.length; j++) {
      if (j > 0) out.ascii(',');
      out.string(values[j]!);
    }
    out.ascii(']');
  }
  out.ascii('},"Params":{');
  const params = req.params;
  for (let i = 0; i < params.length; i++) {
    const [key, value] = params[i]!;
    if (i > 0) out.ascii(',');
    out.string(key);
    if (value === null) out.ascii(':null');
    else {
      out.ascii(':');
      out.string(value);
    }
  }
  out.ascii('},"Identities":');
  writeCached(req.identities);
  if (req.body) {
    out.ascii(',"Body":');
    out.string(req.body.binary ? req.body.base64() : req.body.text);
  }
  out.ascii('}');
}

function writeCached(node: JsonNode): void {
  if (!Object.isFrozen(node)) {
    out.node(node);
    return;
  }
  const cached = nodeBytes.get(node);
  if (cached) {
    out.bytes(cached);
    return;
  }
  const from = out.mark();
  out.node(node);
  nodeBytes.set(node, out.since(from));
}

/** As `buildHttpMetadata`: a case-insensitive dictionary, a later value replacing an earlier one in place. */
function writeMetadata(req: HttpRequestFacts, sys: SysFacts): void {
  try {
    for (const [key, value] of jsonBodyProperties(req)) put(key, value);
    for (const [key, values] of req.query) {
      if (key.toLowerCase() === 'code') continue;
      const last = values[values.length - 1];
      if (last !== undefined) put(key, doubleEncoded(last));
    }
    for (const [key, value] of req.params) if (value !== null) put(key, doubleEncoded(value));
    put('Query', QUERY);
    put('Headers', HEADERS);
    put('sys', SYS);
    out.ascii('{');
    for (let i = 0; i < metaKeys.length; i++) {
      if (i > 0) out.ascii(',');
      out.string(metaKeys[i]!);
      out.ascii(':');
      const value = metaValues[i]!;
      if (value === QUERY) writeMetadataQuery(req);
      else if (value === HEADERS) writeJoinedPairs(req.headers);
      else if (value === SYS) writeSys(sys);
      else out.node(value);
    }
    out.ascii('}');
  } finally {
    metaKeys.length = 0;
    metaValues.length = 0;
    metaIndex.clear();
  }
}

function put(key: string, value: MetaValue): void {
  if (typeof value === 'object' && value.kind === 'null') return;
  const lower = key.toLowerCase();
  const existing = metaIndex.get(lower);
  if (existing !== undefined) metaValues[existing] = value;
  else {
    metaIndex.set(lower, metaKeys.length);
    metaKeys.push(key);
    metaValues.push(value);
  }
}

/** `doubleEncode`: the JSON text of the value, as a string. */
function doubleEncoded(text: string): JsonNode {
  return { kind: 'string', value: quoteJsonString(text) };
}

function writeMetadataQuery(req: HttpRequestFacts): void {
  out.ascii('{');
  const query = req.query;
  for (let i = 0; i < query.length; i++) {
    const [key, values] = query[i]!;
    if (i > 0) out.ascii(',');
    out.string(key);
    out.ascii(':');
    out.string(values[values.length - 1] ?? '');
  }
  out.ascii('}');
}

/** `{"name":"v1,v2",…}`: each name once, its values joined with commas (Query, Metadata.Headers). */
function writeJoinedPairs(pairs: readonly (readonly [string, readonly string[]])[]): void {
  out.ascii('{');
  for (let i = 0; i < pairs.length; i++) {
    const [name, values] = pairs[i]!;
    if (i > 0) out.ascii(',');
    out.string(name);
    out.ascii(':');
    out.string(values.length === 1 ? values[0]! : values.join(','));
  }
  out.ascii('}');
}

function writeSys(sys: SysFacts): void {
  out.ascii('{"MethodName":');
  out.string(sys.methodName);
  out.ascii(',"UtcNow":');
  out.string(sys.utcNow);
  out.ascii(',"RandGuid":');
  out.string(sys.randGuid);
  out.ascii('}');
}
