import type { BindingDef, FunctionDef } from '../app/functionJson';
import type { JsonNode, JsonObject } from '../json/jsonNode';
import { describeKind, getProp } from '../json/jsonNode';
import { parseJson, JsonSyntaxError } from '../json/parseJson';
import { dotnetToString } from '../json/writeJson';
import type { Hint } from './hints';
import { hint } from './hints';
import type { HttpResult } from './httpOutput';
import { emptyHttpOutput, mapHttpOutput, noContentHttpOutput } from './httpOutput';

/** The handler's answer to a payload-mode invocation. */
export interface HandlerAnswer {
  readonly status: number;
  readonly reason?: string;
  readonly contentType?: string;
  readonly bodyText: string;
}

/** A value the handler set for a non-HTTP output binding. */
export interface OutputValue {
  readonly binding: BindingDef;
  readonly value: JsonNode;
}

export type InvocationResult =
  | {
      readonly kind: 'succeeded';
      readonly logs: readonly string[];
      readonly outputs: readonly OutputValue[];
      /** The caller's response, for HTTP-triggered functions. */
      readonly http?: HttpResult;
      readonly hints: readonly Hint[];
    }
  | { readonly kind: 'failed'; readonly error: string; readonly hints: readonly Hint[] }
  /** The real host deserializes an empty JSON body to null and never completes the invocation. */
  | { readonly kind: 'never-completes'; readonly hints: readonly Hint[] };

const JSON_MEDIA_TYPES = ['application/json', 'text/json'];

/** Maps a payload-mode answer to logs, outputs and the caller's response, rule by rule as the host does. */
export function mapInvocationResult(fn: FunctionDef, answer: HandlerAnswer): InvocationResult {
  const hints: Hint[] = [];
  if (answer.status < 200 || answer.status > 299) {
    const error = `Response status code does not indicate success: ${answer.status} (${answer.reason ?? ''}).`;
    hints.push(
      hint(
        'non-2xx-result',
        `The handler answered ${answer.status}. In payload mode any non-2xx answer fails the invocation: Outputs and Logs are ignored${fn.http ? ' and the caller gets 500 with an empty body' : ''}. Answer 200 and put the status in Outputs.${httpOutputName(fn) ?? 'res'}.statusCode.`,
      ),
    );
    return { kind: 'failed', error, hints };
  }

  const mediaType = (answer.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!JSON_MEDIA_TYPES.includes(mediaType)) {
    const shown = answer.contentType ? `'${answer.contentType}'` : 'no Content-Type';
    hints.push(
      hint(
        'non-json-result',
        `The handler answered with ${shown}. The real host reads the result only as JSON (application/json), so the invocation fails. Set the header Content-Type: application/json.`,
      ),
    );
    return {
      kind: 'failed',
      error: `Invalid HttpResponseMessage: No MediaTypeFormatter is available to read an object of type 'HttpScriptInvocationResult' from content with media type '${mediaType || 'application/octet-stream'}'.`,
      hints,
    };
  }

  if (answer.bodyText.trim() === '' || answer.bodyText.trim() === 'null') {
    hints.push(
      hint(
        'empty-json-result',
        `The handler's JSON body was ${answer.bodyText.trim() === '' ? 'empty' : 'null'}. The real host reads that as no result and never completes the invocation: it waits until functionTimeout. Return {} at least.`,
      ),
    );
    return { kind: 'never-completes', hints };
  }

  let root: JsonNode;
  try {
    root = parseJson(answer.bodyText);
  } catch (e) {
    const where = e instanceof JsonSyntaxError ? ` at line ${e.line}, column ${e.column}: ${e.reason}` : '';
    hints.push(
      hint('invalid-json-result', `The handler's answer is not valid JSON${where}. The invocation fails.`),
    );
    return {
      kind: 'failed',
      error: `Invalid HttpResponseMessage: the body is not valid JSON${where}`,
      hints,
    };
  }
  if (root.kind !== 'object') {
    hints.push(
      hint(
        'invalid-json-result',
        `The handler answered with ${describeKind(root)}; the host expects an object with Outputs, Logs and ReturnValue.`,
      ),
    );
    return {
      kind: 'failed',
      error: `Cannot deserialize ${describeKind(root)} into HttpScriptInvocationResult`,
      hints,
    };
  }
  return mapResultObject(fn, root, hints);
}

function mapResultObject(fn: FunctionDef, root: JsonObject, hints: Hint[]): InvocationResult {
  const outputsNode = getProp(root, 'Outputs');
  const logsNode = getProp(root, 'Logs');
  const returnValue = getProp(root, 'ReturnValue');

  let outputs: JsonObject | undefined;
  if (outputsNode !== undefined && outputsNode.kind !== 'null') {
    if (outputsNode.kind !== 'object') {
      return fail(hints, `Outputs must be an object, found ${describeKind(outputsNode)}`);
    }
    outputs = { kind: 'object', entries: [...outputsNode.entries] };
  }
  const logs: string[] = [];
  if (logsNode !== undefined && logsNode.kind !== 'null') {
    if (logsNode.kind !== 'array')
      return fail(hints, `Logs must be an array of strings, found ${describeKind(logsNode)}`);
    for (const item of logsNode.items) logs.push(dotnetToString(item));
  }

  const hasReturnBinding = fn.outputs.some((b) => b.name === '$return');
  const hasReturnValue = returnValue !== undefined && returnValue.kind !== 'null';
  if (!hasReturnBinding && hasReturnValue) {
    if (returnValue.kind === 'object') {
      outputs ??= { kind: 'object', entries: [] };
      for (const [k, v] of returnValue.entries) setExact(outputs, k, v);
    } else {
      hints.push(
        hint(
          'return-value-ignored',
          'ReturnValue is ignored: function.json has no "$return" output binding. Put the value in Outputs instead.',
        ),
      );
    }
  }

  for (const [key] of outputs?.entries ?? []) {
    if (!fn.outputs.some((b) => b.name.toLowerCase() === key.toLowerCase()) && key !== '$return') {
      hints.push(
        hint(
          'unknown-output',
          `Outputs.${key} matches no output binding in function.json, so the host ignores it.`,
        ),
      );
    }
  }

  const values: OutputValue[] = [];
  let http: HttpResult | undefined;
  for (const binding of fn.outputs) {
    const isHttp = binding.typeLower === 'http';
    if (binding.name === '$return') {
      if (!hasReturnValue) continue;
      if (isHttp) {
        const mapped = mapReturnHttp(returnValue);
        hints.push(...mapped.hints);
        if (!mapped.ok) return fail(hints, mapped.error);
        http = mapped.result;
      } else {
        values.push({ binding, value: returnValue });
      }
      continue;
    }
    const value = outputs && getOutput(outputs, binding.name);
    if (isHttp) {
      if (!outputs) continue;
      if (value === undefined) {
        hints.push(
          hint(
            'outputs-missing-res',
            `Outputs has no "${binding.name}", so the real host answers 200 with the body {} as text/plain.`,
          ),
        );
        http = emptyHttpOutput();
        continue;
      }
      const mapped = mapHttpOutput(binding.name, value);
      hints.push(...mapped.hints);
      if (!mapped.ok) return fail(hints, mapped.error);
      http = mapped.result;
    } else if (value !== undefined) {
      values.push({ binding, value });
    }
  }

  if (fn.http && !http) {
    hints.push(
      hint(
        'no-outputs',
        `The result sets no HTTP response (no Outputs.${httpOutputName(fn) ?? 'res'}), so the caller gets 204 No Content.`,
      ),
    );
    http = noContentHttpOutput();
  }
  return { kind: 'succeeded', logs, outputs: values, ...(http && { http }), hints };
}

/** `$return` http: the full HTTP binding, where `status` does count and a value without `body` is the body. */
function mapReturnHttp(value: JsonNode): ReturnType<typeof mapHttpOutput> {
  let candidate = value;
  if (value.kind === 'string') {
    try {
      candidate = parseJson(value.value, { comments: false, trailingCommas: false });
    } catch {
      candidate = value;
    }
  }
  if (candidate.kind === 'object' && getProp(candidate, 'body') !== undefined) {
    const statusCode = getProp(candidate, 'statusCode') ?? getProp(candidate, 'status');
    const normalized: JsonObject = {
      kind: 'object',
      entries: candidate.entries.filter(([k]) => !['statuscode', 'status'].includes(k.toLowerCase())),
    };
    if (statusCode) normalized.entries.push(['statusCode', statusCode]);
    return mapHttpOutput('$return', normalized);
  }
  return {
    ok: true,
    result: {
      status: 200,
      headers: [['Content-Type', 'text/plain; charset=utf-8']],
      body: dotnetToString(value),
    },
    hints: [],
  };
}

function httpOutputName(fn: FunctionDef): string | undefined {
  return fn.outputs.find((b) => b.typeLower === 'http')?.name;
}

/** Outputs is a case-sensitive dictionary in the host; an exact match wins, then case-insensitive. */
function getOutput(outputs: JsonObject, name: string): JsonNode | undefined {
  return getProp(outputs, name);
}

function setExact(obj: JsonObject, key: string, value: JsonNode): void {
  const i = obj.entries.findIndex(([k]) => k === key);
  if (i >= 0) obj.entries[i] = [key, value];
  else obj.entries.push([key, value]);
}

function fail(hints: Hint[], error: string): InvocationResult {
  return { kind: 'failed', error, hints };
}
