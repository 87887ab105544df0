/**
 * A JSON value that keeps what JavaScript objects lose and Json.NET keeps: key order (including
 * integer-like keys), duplicate handling, and whether a number was written as an integer or a float.
 */
export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonBool | JsonNull;

/** 1-based line and column of a node's first character in its source text. */
export interface SourcePos {
  readonly line: number;
  readonly column: number;
}

export interface JsonObject {
  readonly kind: 'object';
  readonly entries: [string, JsonNode][];
  pos?: SourcePos;
}
export interface JsonArray {
  readonly kind: 'array';
  readonly items: JsonNode[];
  pos?: SourcePos;
}
export interface JsonString {
  readonly kind: 'string';
  readonly value: string;
  pos?: SourcePos;
}
/** `text` is the canonical digits for integers; for floats the shortest round-trip form of `value`. */
export interface JsonNumber {
  readonly kind: 'number';
  readonly value: number;
  readonly isInteger: boolean;
  readonly text: string;
  pos?: SourcePos;
}
export interface JsonBool {
  readonly kind: 'bool';
  readonly value: boolean;
  pos?: SourcePos;
}
export interface JsonNull {
  readonly kind: 'null';
  pos?: SourcePos;
}

export const jsonNull: JsonNull = { kind: 'null' };

export function jsonString(value: string): JsonString {
  return { kind: 'string', value };
}

export function jsonBool(value: boolean): JsonBool {
  return { kind: 'bool', value };
}

export function jsonInt(value: number | bigint): JsonNumber {
  const text = typeof value === 'bigint' ? value.toString() : String(Math.trunc(value));
  return { kind: 'number', value: Number(value), isInteger: true, text };
}

export function jsonObject(entries: [string, JsonNode][] = []): JsonObject {
  return { kind: 'object', entries };
}

export function jsonArray(items: JsonNode[] = []): JsonArray {
  return { kind: 'array', items };
}

/** Case-insensitive property lookup, as .NET configuration and Json.NET's `GetValue(..., OrdinalIgnoreCase)` do. */
export function getProp(obj: JsonObject, name: string): JsonNode | undefined {
  const exact = obj.entries.find(([k]) => k === name);
  if (exact) return exact[1];
  const lower = name.toLowerCase();
  return obj.entries.find(([k]) => k.toLowerCase() === lower)?.[1];
}

/** Sets a property, replacing an existing one whose name matches case-insensitively, keeping its position. */
export function setPropIgnoreCase(obj: JsonObject, name: string, value: JsonNode): void {
  const lower = name.toLowerCase();
  const idx = obj.entries.findIndex(([k]) => k.toLowerCase() === lower);
  if (idx >= 0) obj.entries[idx] = [name, value];
  else obj.entries.push([name, value]);
}

/** Converts a plain JavaScript value into a node (object keys in insertion order). */
export function fromPlain(value: unknown): JsonNode {
  if (value === null || value === undefined) return jsonNull;
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'boolean') return jsonBool(value);
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return jsonInt(value);
    return { kind: 'number', value, isInteger: false, text: String(value) };
  }
  if (typeof value === 'bigint') return jsonInt(value);
  if (Array.isArray(value)) return jsonArray(value.map(fromPlain));
  if (typeof value === 'object') {
    return jsonObject(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromPlain(v)]));
  }
  return jsonString(String(value));
}

/** Converts a node to a plain JavaScript value (for display and tests; loses integer/float and key order). */
export function toPlain(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object':
      return Object.fromEntries(node.entries.map(([k, v]) => [k, toPlain(v)]));
    case 'array':
      return node.items.map(toPlain);
    case 'string':
    case 'bool':
      return node.value;
    case 'number':
      return node.value;
    case 'null':
      return null;
  }
}

export function describeKind(node: JsonNode): string {
  if (node.kind === 'bool') return 'a boolean';
  return node.kind === 'array' || node.kind === 'object' ? `an ${node.kind}` : `a ${node.kind}`;
}
