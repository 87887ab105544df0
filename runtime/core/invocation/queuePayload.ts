/**
 * The body the host POSTs to a custom handler for a queue-triggered function (reference §3
 * "queueTrigger", §6 "Admin invoke"). Metadata is built the way the host builds its binding data
 * and then filters it, so that a later value for a key lands where the host puts it.
 */
import type { JsonNode, JsonObject } from '../json/jsonNode';
import { jsonObject, jsonString } from '../json/jsonNode';
import { parseJson } from '../json/parseJson';
import { dotnetToString } from '../json/writeJson';
import { encodeBase64 } from '../queues/base64';
import { utf8Encode } from '../bytes/utf8';
import { trimDotnetWhiteSpace } from '../routing/dotnetWhitespace';
import { formatDateTimeOffsetSeconds } from './dotnetDate';
import { buildSys, doubleEncode } from './httpPayload';
import type { SysFacts } from './httpPayload';

/** A dequeued message as the trigger sees it. Times are epoch ms; null means the message has none. */
export interface QueueTriggerMessage {
  readonly text: string;
  readonly id: string | null;
  readonly popReceipt: string | null;
  readonly dequeueCount: number;
  readonly insertionTime: number | null;
  readonly expirationTime: number;
  readonly nextVisibleTime: number | null;
}

export interface QueueInvocationOptions {
  /** function.json `dataType`; `binary` (any case) sends base64 and adds no message properties. */
  readonly dataType?: string;
  /** An admin-API invocation (`POST /admin/functions/{name}`): `message.text` is the posted input. */
  readonly adminInput?: boolean;
}

export function buildQueueInvocationBody(
  triggerName: string,
  message: QueueTriggerMessage,
  options: QueueInvocationOptions,
  sys: SysFacts,
  otherInputs: readonly string[],
): JsonObject {
  const binary = options.dataType?.toLowerCase() === 'binary';
  const value = binary ? jsonString(encodeBase64(utf8Encode(message.text))) : doubleEncode(message.text);
  const data = jsonObject([[triggerName, value]]);
  // Inputs this host does not simulate (blob, table...) arrive as the host sends a null input.
  for (const name of otherInputs) data.entries.push([name, jsonString('null')]);

  // QueueTriggerBinding.CreateBindingData, in its order. QueueTrigger never reaches Metadata, but
  // it holds a place that a message property of that name would take.
  const bd = new BindingData();
  bd.set('QueueTrigger', doubleEncode(message.text));
  bd.set('DequeueCount', jsonString(String(message.dequeueCount)));
  bd.set('ExpirationTime', date(message.expirationTime));
  bd.set('Id', message.id === null ? null : doubleEncode(message.id));
  bd.set('InsertionTime', date(message.insertionTime));
  bd.set('NextVisibleTime', date(message.nextVisibleTime));
  bd.set('PopReceipt', message.popReceipt === null ? null : doubleEncode(message.popReceipt));
  // The admin API calls the function with arguments {<trigger name>: input}; the SDK copies the
  // arguments into the binding data after the trigger's own data and before `sys`.
  if (options.adminInput) bd.set(triggerName, doubleEncode(message.text));
  bd.addSys(sys);
  // The invoker applies a string trigger value's JSON properties last; a binary one is a byte[].
  if (!binary) bd.applyJsonProperties(message.text);

  return jsonObject([
    ['Data', data],
    ['Metadata', bd.toMetadata()],
  ]);
}

function date(ms: number | null): JsonNode | null {
  return ms === null ? null : jsonString(formatDateTimeOffsetSeconds(ms));
}

/**
 * The host's binding-data dictionary, a .NET `Dictionary` with `OrdinalIgnoreCase` keys: entries
 * keep insertion order, and setting an existing key replaces its value but keeps the first key's
 * spelling and place. A null value keeps its place too (and is left out of Metadata), so a later
 * value for that key, such as a message property `id` when the message has no Id, appears there.
 */
export class BindingData {
  private readonly entries: [string, JsonNode | null][] = [];

  set(key: string, value: JsonNode | null): void {
    const existing = this.find(key);
    if (existing) existing[1] = value;
    else this.entries.push([key, value]);
  }

  has(key: string): boolean {
    return this.find(key) !== undefined;
  }

  /**
   * `SystemBindingData.AddToBindingData`: `sys` goes after everything set so far, or under `$sys`
   * when an invocation argument already took the name (user data wins).
   */
  addSys(sys: SysFacts): void {
    this.set(this.has('sys') ? '$sys' : 'sys', buildSys(sys));
  }

  /**
   * `Utility.ApplyBindingData`: when the trimmed text looks like a JSON object and `JObject.Parse`
   * accepts it (comments and trailing commas included), each top-level property except arrays and
   * nulls is set: objects as they are, scalars as their .NET string (`True`, `2.5`), which the
   * payload then double-encodes. Anything unparsable adds nothing, as the host swallows the error.
   */
  applyJsonProperties(text: string): void {
    // .NET's Trim, not JS trim: a leading BOM is not white space there, so such text adds nothing.
    const trimmed = trimDotnetWhiteSpace(text);
    if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return;
    let root: JsonNode;
    try {
      root = parseJson(trimmed);
    } catch {
      return;
    }
    if (root.kind !== 'object') return;
    for (const [key, value] of root.entries) {
      if (value.kind === 'array' || value.kind === 'null') continue;
      this.set(key, value.kind === 'object' ? value : doubleEncode(dotnetToString(value)));
    }
  }

  /**
   * `ToHttpScriptInvocationContext`: null values are skipped, and so is every key ending in
   * `trigger` (the trigger's value is already in Data), whatever put it there.
   */
  toMetadata(): JsonObject {
    const meta = jsonObject();
    for (const [key, value] of this.entries) {
      if (value !== null && !key.toLowerCase().endsWith('trigger')) meta.entries.push([key, value]);
    }
    return meta;
  }

  private find(key: string): [string, JsonNode | null] | undefined {
    const lower = key.toLowerCase();
    return this.entries.find(([k]) => k.toLowerCase() === lower);
  }
}
