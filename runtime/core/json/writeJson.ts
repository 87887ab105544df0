import type { JsonNode } from './jsonNode';
import { formatDotnetDouble, formatJsonNetDouble } from './dotnetNumber';

/**
 * Writes a node as Json.NET does: compact, or indented with two spaces and "\n" (the host's
 * platform newline on Linux and macOS), `"key": value` with one space.
 */
export function writeJson(node: JsonNode, indented = false): string {
  return indented ? writeIndented(node, '') : writeCompact(node);
}

// A payload is written once per invocation: plain loops and concatenation, no closures.
function writeCompact(node: JsonNode): string {
  switch (node.kind) {
    case 'object': {
      let out = '{';
      const entries = node.entries;
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i]!;
        if (i > 0) out += ',';
        out += quoteJsonString(entry[0]) + ':' + writeCompact(entry[1]);
      }
      return out + '}';
    }
    case 'array': {
      let out = '[';
      const items = node.items;
      for (let i = 0; i < items.length; i++) out += (i > 0 ? ',' : '') + writeCompact(items[i]!);
      return out + ']';
    }
    default:
      return writeScalar(node);
  }
}

function writeIndented(node: JsonNode, indent: string): string {
  const inner = indent + '  ';
  switch (node.kind) {
    case 'object':
      if (node.entries.length === 0) return '{}';
      return `{\n${node.entries
        .map(([k, v]) => `${inner}${quoteJsonString(k)}: ${writeIndented(v, inner)}`)
        .join(',\n')}\n${indent}}`;
    case 'array':
      if (node.items.length === 0) return '[]';
      return `[\n${node.items.map((v) => inner + writeIndented(v, inner)).join(',\n')}\n${indent}]`;
    default:
      return writeScalar(node);
  }
}

function writeScalar(node: Exclude<JsonNode, { kind: 'object' | 'array' }>): string {
  switch (node.kind) {
    case 'string':
      return quoteJsonString(node.value);
    case 'number':
      return node.isInteger ? node.text : formatJsonNetDouble(node.value);
    case 'bool':
      return node.value ? 'true' : 'false';
    case 'null':
      return 'null';
  }
}

const shortEscapes: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

// Json.NET's default escaping: quote, backslash, control characters, and U+0085/U+2028/U+2029;
// everything else (including non-ASCII and '<', '>', '&', "'") is written as is.
// eslint-disable-next-line no-control-regex
const needsEscape = /["\\\u0000-\u001f\u0085\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const anyEscape = /["\\\u0000-\u001f\u0085\u2028\u2029]/;

export function quoteJsonString(value: string): string {
  if (!anyEscape.test(value)) return '"' + value + '"';
  return `"${value.replace(needsEscape, (c) => shortEscapes[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

/**
 * .NET's `ToString()` of a token, as the host applies to header values and bodies:
 * strings verbatim, numbers in .NET format, booleans `True`/`False`, null empty,
 * objects and arrays as indented JSON.
 */
export function dotnetToString(node: JsonNode): string {
  switch (node.kind) {
    case 'string':
      return node.value;
    case 'number':
      return node.isInteger ? node.text : formatDotnetDouble(node.value);
    case 'bool':
      return node.value ? 'True' : 'False';
    case 'null':
      return '';
    default:
      return writeJson(node, true);
  }
}
