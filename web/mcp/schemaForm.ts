import type { Checked, JsonObject, JsonValue } from './jsonRpc';
import { isObject } from './jsonRpc';

/** One input of a tool's form, from a property of its JSON Schema. */
export interface Field {
  readonly name: string;
  readonly kind: 'number' | 'integer' | 'boolean' | 'string' | 'choice' | 'json';
  readonly required: boolean;
  readonly description?: string;
  readonly choices?: readonly string[];
  /** The form's starting text: the schema's default, if any. */
  readonly initial: string;
}

/** The form for an input schema: one field per property, in the schema's order. */
export function fieldsOf(schema: JsonObject): Field[] {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(
    Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === 'string') : [],
  );
  return Object.entries(properties).map(([name, property]) => {
    const p = isObject(property) ? property : {};
    const enumValues =
      Array.isArray(p.enum) && p.enum.every((v) => typeof v === 'string') ? p.enum : undefined;
    const kind: Field['kind'] = enumValues
      ? 'choice'
      : p.type === 'number' || p.type === 'integer' || p.type === 'boolean' || p.type === 'string'
        ? p.type
        : 'json';
    const initial =
      p.default === undefined ? '' : typeof p.default === 'string' ? p.default : JSON.stringify(p.default);
    return {
      name,
      kind,
      required: required.has(name),
      ...(typeof p.description === 'string' && { description: p.description }),
      ...(enumValues && { choices: enumValues as string[] }),
      initial,
    };
  });
}

/**
 * The tool's `arguments` from the form's texts: numbers parsed, booleans as `true`/`false`, JSON
 * fields parsed; an empty optional field left out. The first problem is named with its field.
 */
export function argumentsOf(
  fields: readonly Field[],
  values: Readonly<Record<string, string>>,
): Checked<JsonObject> {
  const args: JsonObject = {};
  for (const field of fields) {
    const text = (values[field.name] ?? field.initial).trim();
    if (text === '') {
      if (field.required) return { ok: false, error: `'${field.name}' is required.` };
      continue;
    }
    const value = valueOf(field, text);
    if (value === undefined) return { ok: false, error: `'${field.name}' ${expectation(field)}.` };
    args[field.name] = value;
  }
  return { ok: true, value: args };
}

function valueOf(field: Field, text: string): JsonValue | undefined {
  switch (field.kind) {
    case 'number':
    case 'integer': {
      const n = Number(text);
      if (!Number.isFinite(n) || (field.kind === 'integer' && !Number.isInteger(n))) return undefined;
      return n;
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : undefined;
    case 'json':
      try {
        return JSON.parse(text) as JsonValue;
      } catch {
        return undefined;
      }
    default:
      return text;
  }
}

function expectation(field: Field): string {
  return field.kind === 'integer'
    ? 'must be a whole number'
    : field.kind === 'number'
      ? 'must be a number'
      : field.kind === 'boolean'
        ? 'must be true or false'
        : 'must be JSON';
}
