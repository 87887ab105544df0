import type { JsonNode, JsonObject } from '../json/jsonNode';
import { jsonObject, jsonString } from '../json/jsonNode';
import { parseJson } from '../json/parseJson';
import { dotnetToString, writeJson } from '../json/writeJson';
import { trimDotnetWhiteSpace } from '../routing/dotnetWhitespace';

/*
 * The envelope every payload-mode invocation shares, HTTP, queue and timer alike:
 * `{"Data": {trigger, other inputs}, "Metadata": {binding data…, sys}}`.
 */

export interface SysFacts {
  readonly methodName: string;
  /** Json.NET ISO text, e.g. `2024-05-01T10:15:00.1234567Z`. */
  readonly utcNow: string;
  readonly randGuid: string;
}

export function buildSys(sys: SysFacts): JsonObject {
  return jsonObject([
    ['MethodName', jsonString(sys.methodName)],
    ['UtcNow', jsonString(sys.utcNow)],
    ['RandGuid', jsonString(sys.randGuid)],
  ]);
}

/** A scalar binding-data value after `JsonConvert.SerializeObject` of its `ToString()`: `30` → `"\"30\""`. */
export function doubleEncode(text: string): JsonNode {
  return jsonString(writeJson(jsonString(text)));
}

/** `Data`: the trigger's value under its binding name; inputs this host does not simulate arrive as null. */
export function invocationData(
  triggerName: string,
  value: JsonNode,
  otherInputs: readonly string[],
): JsonObject {
  const data = jsonObject([[triggerName, value]]);
  for (const name of otherInputs) data.entries.push([name, jsonString('null')]);
  return data;
}

export function payloadEnvelope(data: JsonObject, metadata: JsonObject): JsonObject {
  return jsonObject([
    ['Data', data],
    ['Metadata', metadata],
  ]);
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
