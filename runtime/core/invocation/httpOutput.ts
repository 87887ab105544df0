import type { JsonNode } from '../json/jsonNode';
import { describeKind, getProp } from '../json/jsonNode';
import { parseJson } from '../json/parseJson';
import { dotnetToString } from '../json/writeJson';
import type { KestrelHeaderFault } from '../http/kestrelHeaderChars';
import { kestrelHeaderFault } from '../http/kestrelHeaderChars';
import type { Hint } from './hints';
import { HINTS } from './hintCatalogue';

/** The response the host writes to the caller. */
export interface HttpResult {
  readonly status: number;
  /** Header lines in order; `Content-Type` included when the host sets one. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
  /**
   * Writing the function's response failed in Kestrel after the invocation succeeded: the host's
   * exception middleware answers 500 with the headers set before the bad one and no body.
   */
  readonly writeFault?: KestrelHeaderFault;
}

export type HttpOutputResult =
  { ok: true; result: HttpResult; hints: Hint[] } | { ok: false; error: string; hints: Hint[] };

/**
 * An `Outputs[res]` value, read the way the host deserializes it into
 * `{StatusCode, Status, Body, Headers}` and writes it through RawScriptResult: `status` is never
 * consulted, header values are `ToString()`-ed, the body is text, and the content type always
 * gets `; charset=utf-8`.
 */
export function mapHttpOutput(name: string, value: JsonNode): HttpOutputResult {
  const hints: Hint[] = [];
  const where = `Outputs.${name}`;
  let obj: JsonNode = value;
  if (value.kind === 'string') {
    try {
      obj = parseJson(value.value, { comments: false, trailingCommas: false });
    } catch {
      return failDeserialize(where, `a string that is not JSON ("${truncate(value.value)}")`, hints);
    }
  }
  if (obj.kind !== 'object') return failDeserialize(where, describeKind(obj), hints);

  const statusNode = getProp(obj, 'statusCode');
  const status = readStatus(statusNode, where, hints);
  if (status === 'invalid') {
    return { ok: false, error: `${where}.statusCode is out of the HTTP status range`, hints };
  }
  if (statusNode === undefined && getProp(obj, 'status') !== undefined) {
    hints.push(HINTS.statusNotStatusCode(where, status));
  }

  const headers: [string, string][] = [];
  let contentType: string | undefined;
  const headersNode = getProp(obj, 'headers');
  if (headersNode !== undefined && headersNode.kind !== 'null') {
    if (headersNode.kind !== 'object')
      return failDeserialize(`${where}.headers`, describeKind(headersNode), hints);
    const seen = new Set<string>();
    for (const [key, v] of headersNode.entries) {
      if (v.kind === 'null') {
        hints.push(HINTS.nullHeaderValue(where, key));
        return { ok: false, error: `${where}.headers["${key}"] is null`, hints };
      }
      const lower = key.toLowerCase();
      const text = dotnetToString(v);
      // RawScriptResult sets the headers in order, each one checked by Kestrel as it is set.
      const fault = lower === 'content-type' || !seen.has(lower) ? kestrelHeaderFault(key, text) : undefined;
      if (fault) {
        hints.push(HINTS.headerRefused(where, key, describeKind(v), fault.char));
        if (contentType !== undefined) headers.push(['Content-Type', contentType]);
        return { ok: true, result: { status: 500, headers, body: '', writeFault: fault }, hints };
      }
      if (lower === 'content-type') {
        contentType = text;
      } else if (!seen.has(lower)) {
        seen.add(lower);
        headers.push([key, text]);
      }
    }
  }

  const bodyNode = getProp(obj, 'body');
  const body = bodyNode === undefined ? '' : dotnetToString(bodyNode);
  return { ok: true, result: withBody(status, headers, contentType, body, hints), hints };
}

/** `Outputs` without the response's key: the binding writes the empty intermediate object itself. */
export function emptyHttpOutput(): HttpResult {
  return withBody(200, [], undefined, '{}', []);
}

/** No http output set at all: MVC's ObjectResult(null) answers 204. */
export function noContentHttpOutput(): HttpResult {
  return { status: 204, headers: [], body: '' };
}

function withBody(
  status: number,
  headers: [string, string][],
  contentType: string | undefined,
  body: string,
  hints: Hint[],
): HttpResult {
  if ((status === 204 || status === 304) && body !== '') {
    hints.push(HINTS.bodyOnNoContent(status));
    return { status, headers, body: '' };
  }
  return { status, headers: [...headers, ['Content-Type', withCharset(contentType ?? 'text/plain')]], body };
}

function withCharset(contentType: string): string {
  return /;\s*charset=/i.test(contentType) ? contentType : `${contentType}; charset=utf-8`;
}

function readStatus(node: JsonNode | undefined, where: string, hints: Hint[]): number | 'invalid' {
  if (node === undefined || node.kind === 'null') return 200;
  const text = node.kind === 'object' || node.kind === 'array' ? '' : dotnetToString(node).trim();
  if (!/^[+-]?\d{1,10}$/.test(text)) {
    hints.push(HINTS.unparsableStatusCode(where, truncate(text)));
    return 200;
  }
  const n = Number(text);
  return n < 100 || n > 999 ? 'invalid' : n;
}

function failDeserialize(where: string, what: string, hints: Hint[]): HttpOutputResult {
  hints.push(HINTS.resNotObject(where, what));
  return {
    ok: false,
    error: `Failed while trying to Deserialize to httpOutputBindingResponse (${where} is ${what})`,
    hints,
  };
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
