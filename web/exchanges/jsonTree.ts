/**
 * A small JSON reader that keeps what `JSON.parse` loses for display: the order of every key
 * (integer-like keys included) and each number exactly as written. Strings keep their source
 * text too, so a value that itself holds JSON (the host double-encodes Metadata and trigger
 * data) can be shown as sent and decoded in place.
 */

export type JsonTreeNode =
  | { readonly kind: 'object'; readonly entries: readonly JsonTreeEntry[] }
  | { readonly kind: 'array'; readonly items: readonly JsonTreeNode[] }
  | { readonly kind: 'string'; readonly raw: string; readonly value: string }
  | { readonly kind: 'number'; readonly raw: string }
  | { readonly kind: 'literal'; readonly raw: 'true' | 'false' | 'null' };

export interface JsonTreeEntry {
  readonly key: string;
  /** The key as written, quotes and escapes included. */
  readonly keyRaw: string;
  readonly value: JsonTreeNode;
}

export type JsonTreeString = Extract<JsonTreeNode, { kind: 'string' }>;

/** Deeper nesting than this is shown as text rather than risk the stack. */
const MAX_DEPTH = 256;

class JsonSyntaxError extends Error {}

/** Parses strict JSON (RFC 8259) into an order-keeping tree; `undefined` when it is not JSON. */
export function parseJsonTree(text: string): JsonTreeNode | undefined {
  const reader = new Reader(text);
  try {
    reader.skipSpace();
    const node = reader.value(0);
    reader.skipSpace();
    if (reader.pos !== text.length) return undefined;
    return node;
  } catch (e) {
    if (e instanceof JsonSyntaxError) return undefined;
    throw e;
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

class Reader {
  pos = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.pos++;
    }
  }

  value(depth: number): JsonTreeNode {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError('too deep');
    const c = this.text[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    for (const raw of ['true', 'false', 'null'] as const) {
      if (this.text.startsWith(raw, this.pos)) {
        this.pos += raw.length;
        return { kind: 'literal', raw };
      }
    }
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) throw new JsonSyntaxError('unexpected character');
    this.pos += m[0].length;
    return { kind: 'number', raw: m[0] };
  }

  string(): JsonTreeString {
    const t = this.text;
    const start = this.pos;
    let i = start + 1;
    for (;;) {
      if (i >= t.length) throw new JsonSyntaxError('unterminated string');
      const c = t.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) throw new JsonSyntaxError('control character in a string');
      if (c === 0x5c) {
        const e = t[i + 1];
        if (e === 'u') {
          if (!HEX4.test(t.slice(i + 2, i + 6))) throw new JsonSyntaxError('bad \\u escape');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw new JsonSyntaxError('bad escape');
      } else i++;
    }
    this.pos = i + 1;
    const raw = t.slice(start, this.pos);
    // The token is valid JSON by construction, so JSON.parse decodes its escapes exactly.
    return { kind: 'string', raw, value: JSON.parse(raw) as string };
  }

  object(depth: number): JsonTreeNode {
    this.pos++;
    const entries: JsonTreeEntry[] = [];
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { kind: 'object', entries };
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') throw new JsonSyntaxError('expected a key');
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') throw new JsonSyntaxError('expected ":"');
      this.pos++;
      this.skipSpace();
      entries.push({ key: key.value, keyRaw: key.raw, value: this.value(depth + 1) });
      this.skipSpace();
      const c = this.text[this.pos++];
      if (c === '}') return { kind: 'object', entries };
      if (c !== ',') throw new JsonSyntaxError('expected "," or "}"');
    }
  }

  array(depth: number): JsonTreeNode {
    this.pos++;
    const items: JsonTreeNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { kind: 'array', items };
    }
    for (;;) {
      this.skipSpace();
      items.push(this.value(depth + 1));
      this.skipSpace();
      const c = this.text[this.pos++];
      if (c === ']') return { kind: 'array', items };
      if (c !== ',') throw new JsonSyntaxError('expected "," or "]"');
    }
  }
}

/**
 * The JSON held inside a string value, when there is some: an object, an array or another string
 * (`"\"1005\""` holds the string `"1005"`). Bare numbers and literals are left alone, or every
 * `"1"` would offer to decode.
 */
export function decodeNested(node: JsonTreeString): JsonTreeNode | undefined {
  const first = node.value.trimStart()[0];
  if (first !== '{' && first !== '[' && first !== '"') return undefined;
  return parseJsonTree(node.value);
}

/** Pretty-prints JSON text keeping key order and numbers as written; `undefined` when not JSON. */
export function prettyJson(text: string, indent = '  '): string | undefined {
  const node = parseJsonTree(text);
  return node === undefined ? undefined : printJson(node, indent);
}

/** Prints a tree the way `JSON.stringify(value, null, indent)` would, in source order. */
export function printJson(node: JsonTreeNode, indent = '  ', level = 0): string {
  const pad = (n: number) => indent.repeat(n);
  switch (node.kind) {
    case 'object':
      if (node.entries.length === 0) return '{}';
      return `{\n${node.entries
        .map((e) => `${pad(level + 1)}${e.keyRaw}: ${printJson(e.value, indent, level + 1)}`)
        .join(',\n')}\n${pad(level)}}`;
    case 'array':
      if (node.items.length === 0) return '[]';
      return `[\n${node.items
        .map((item) => `${pad(level + 1)}${printJson(item, indent, level + 1)}`)
        .join(',\n')}\n${pad(level)}]`;
    default:
      return node.raw;
  }
}
