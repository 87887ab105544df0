import type { BindingDef, FunctionDef } from '../app/functionJson';
import type { JsonNode, JsonObject } from '../json/jsonNode';
import { describeKind, getProp } from '../json/jsonNode';
import { parseJson, JsonSyntaxError } from '../json/parseJson';
import { dotnetToString } from '../json/writeJson';
import { dotnetResponseToString } from '../logging/customHandlerDiagnostics';
import { sanitize } from '../logging/sanitizer';
import type { Hint } from './hints';
import type { FailedTrigger } from './hintCatalogue';
import { HINTS } from './hintCatalogue';
import type { HttpResult } from './httpOutput';
import { emptyHttpOutput, mapHttpOutput, noContentHttpOutput } from './httpOutput';

/** The handler's answer to a payload-mode invocation. */
export interface HandlerAnswer {
  readonly status: number;
  readonly reason?: string;
  readonly contentType?: string;
  readonly bodyText: string;
  /** The answer's header lines (flat name, value list), for the host's error message. */
  readonly rawHeaders?: readonly string[];
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

/** How a failed invocation of this function ends, for the hint's advice. */
function failedTrigger(fn: FunctionDef): FailedTrigger {
  if (fn.http) return { kind: 'http', resName: httpOutputName(fn) ?? 'res' };
  if (fn.trigger.typeLower === 'queuetrigger')
    return { kind: 'queue', ...(fn.trigger.queueName !== undefined && { queue: fn.trigger.queueName }) };
  return { kind: 'other' };
}

/** Maps a payload-mode answer to logs, outputs and the caller's response, rule by rule as the host does. */
export function mapInvocationResult(fn: FunctionDef, answer: HandlerAnswer): InvocationResult {
  const hints: Hint[] = [];
  if (answer.status < 200 || answer.status > 299) {
    const error = `Response status code does not indicate success: ${answer.status} (${answer.reason ?? ''}).`;
    hints.push(HINTS.non2xxResult(answer.status, failedTrigger(fn)));
    return { kind: 'failed', error, hints };
  }

  const mediaType = (answer.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!JSON_MEDIA_TYPES.includes(mediaType)) {
    const shown = answer.contentType ? `'${answer.contentType}'` : 'no Content-Type';
    hints.push(HINTS.nonJsonResult(shown));
    return { kind: 'failed', error: invalidResponseMessage(answer), hints };
  }

  if (answer.bodyText.trim() === '' || answer.bodyText.trim() === 'null') {
    hints.push(HINTS.emptyJsonResult(answer.bodyText.trim() === ''));
    return { kind: 'never-completes', hints };
  }

  let root: JsonNode;
  try {
    // JsonMediaTypeFormatter reads with Json.NET, leniency included.
    root = parseJson(answer.bodyText, { jsonNet: true });
  } catch (e) {
    const where = e instanceof JsonSyntaxError ? ` at line ${e.line}, column ${e.column}: ${e.reason}` : '';
    hints.push(HINTS.invalidJsonResult(where));
    return { kind: 'failed', error: invalidResponseMessage(answer), hints };
  }
  if (root.kind !== 'object') {
    hints.push(HINTS.resultNotObject(describeKind(root)));
    return { kind: 'failed', error: invalidResponseMessage(answer), hints };
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
      hints.push(HINTS.returnValueIgnored());
    }
  }

  for (const [key] of outputs?.entries ?? []) {
    if (!fn.outputs.some((b) => b.name.toLowerCase() === key.toLowerCase()) && key !== '$return') {
      hints.push(HINTS.unknownOutput(key));
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
        hints.push(HINTS.outputsMissingRes(binding.name));
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
    hints.push(HINTS.noOutputs(httpOutputName(fn) ?? 'res'));
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

/**
 * GetHttpScriptInvocationResult's InvalidOperationException when ReadAsAsync cannot read the
 * answer (not JSON, not valid JSON, not an object): the response as .NET prints it, then the
 * body through the Sanitizer.
 */
function invalidResponseMessage(answer: HandlerAnswer): string {
  const head = `Invalid HttpResponseMessage:\n${dotnetResponseToString(answer.status, answer.reason ?? '', answer.rawHeaders ?? [])}`;
  return answer.bodyText === '' ? head : `${head}\n ${sanitize(answer.bodyText)}`;
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
