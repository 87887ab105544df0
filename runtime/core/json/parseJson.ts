import type { JsonArray, JsonNode, JsonObject, SourcePos } from './jsonNode';
import { formatDotnetDouble } from './dotnetNumber';

/** A syntax error with the 1-based line and column where the parser stopped. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} (line ${line}, column ${column})`);
    this.name = 'JsonSyntaxError';
  }
}

export interface ParseOptions {
  /** `//` and `/* *\/` comments, as Json.NET accepts in host.json and function.json. Default true. */
  comments?: boolean;
  /** A comma before `}` or `]`, as Json.NET accepts. Default true. */
  trailingCommas?: boolean;
  /**
   * Json.NET's reader leniency for config files: 'single-quoted' strings and names, and unquoted
   * property names (letters, digits, `_`, `$`). Default false.
   */
  jsonNet?: boolean;
  /**
   * Objects and arrays nested deeper than this are an error, not a stack overflow. Json.NET's
   * reader allows 64 (JSON_NET_MAX_DEPTH); the default only keeps the parser's recursion safe.
   */
  maxDepth?: number;
}

/** JsonReader.MaxDepth's default since Json.NET 13, which reads the host's config files. */
export const JSON_NET_MAX_DEPTH = 64;
const SAFE_MAX_DEPTH = 1000;
/** Objects with more keys than this look duplicates up in a map. */
const SMALL_OBJECT = 16;

/**
 * Parses JSON into nodes that keep key order, integer-ness and source positions.
 * Duplicate keys keep the last value in the first key's place (Json.NET's JObject does the same).
 */
export function parseJson(text: string, options: ParseOptions = {}): JsonNode {
  return new Parser(
    text,
    options.comments ?? true,
    options.trailingCommas ?? true,
    options.jsonNet ?? false,
    options.maxDepth ?? SAFE_MAX_DEPTH,
  ).parseDocument();
}

// Json.NET's ValidIdentifierChar for unquoted property names.
const IDENTIFIER = /^[\p{L}\p{N}_$]$/u;

class Parser {
  private i = 0;
  private line = 1;
  private lineStart = 0;
  private depth = 0;

  constructor(
    private readonly s: string,
    private readonly comments: boolean,
    private readonly trailingCommas: boolean,
    private readonly jsonNet: boolean,
    private readonly maxDepth: number,
  ) {
    if (s.charCodeAt(0) === 0xfeff) {
      this.i = 1;
      this.lineStart = 1;
    }
  }

  parseDocument(): JsonNode {
    this.skipSpace();
    if (this.i >= this.s.length) this.fail('The file is empty; expected a JSON value');
    const value = this.parseValue();
    this.skipSpace();
    if (this.i < this.s.length)
      this.fail(`Unexpected ${this.describeHere()} after the end of the JSON value`);
    return value;
  }

  private pos(): SourcePos {
    return { line: this.line, column: this.i - this.lineStart + 1 };
  }

  private fail(reason: string, at: SourcePos = this.pos()): never {
    throw new JsonSyntaxError(reason, at.line, at.column);
  }

  private describeHere(): string {
    if (this.i >= this.s.length) return 'end of file';
    const c = this.s[this.i]!;
    return c === '\n' || c === '\r' ? 'line break' : `character '${c}'`;
  }

  private skipSpace(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 0x0a) {
        this.i++;
        this.line++;
        this.lineStart = this.i;
      } else if (c === 0x20 || c === 0x09 || c === 0x0d) {
        this.i++;
      } else if (c === 0x2f && this.comments) {
        this.skipComment();
      } else {
        return;
      }
    }
  }

  private skipComment(): void {
    const start = this.pos();
    const next = this.s[this.i + 1];
    if (next === '/') {
      while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
    } else if (next === '*') {
      this.i += 2;
      for (;;) {
        if (this.i >= this.s.length) this.fail('Unterminated /* comment', start);
        if (this.s[this.i] === '*' && this.s[this.i + 1] === '/') {
          this.i += 2;
          return;
        }
        if (this.s[this.i] === '\n') {
          this.line++;
          this.lineStart = this.i + 1;
        }
        this.i++;
      }
    } else {
      this.fail(`Unexpected character '/'`);
    }
  }

  private parseValue(): JsonNode {
    const pos = this.pos();
    const c = this.s[this.i];
    switch (c) {
      case '{':
      case '[': {
        if (++this.depth > this.maxDepth)
          this.fail(`The reader's MaxDepth of ${this.maxDepth} has been exceeded`);
        const node = c === '{' ? this.parseObject(pos) : this.parseArray(pos);
        this.depth--;
        return node;
      }
      case '"':
        return { kind: 'string', value: this.parseString(), pos };
      case 't':
        this.expectWord('true');
        return { kind: 'bool', value: true, pos };
      case 'f':
        this.expectWord('false');
        return { kind: 'bool', value: false, pos };
      case 'n':
        this.expectWord('null');
        return { kind: 'null', pos };
      default:
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.parseNumber(pos);
        if (c === "'") {
          if (this.jsonNet) return { kind: 'string', value: this.parseString("'"), pos };
          this.fail('Strings must use double quotes');
        }
        return this.fail(`Unexpected ${this.describeHere()}; expected a JSON value`);
    }
  }

  private expectWord(word: string): void {
    if (this.s.startsWith(word, this.i)) {
      this.i += word.length;
      return;
    }
    let end = this.i;
    while (end < this.s.length && /[A-Za-z0-9_]/.test(this.s[end]!)) end++;
    this.fail(`Unexpected token '${this.s.slice(this.i, Math.max(end, this.i + 1))}'`);
  }

  private parseObject(pos: SourcePos): JsonObject {
    this.i++;
    const node: JsonObject = { kind: 'object', entries: [], pos };
    // Duplicate keys are found by a scan while the object is small (most are), a map after.
    let index: Map<string, number> | undefined;
    this.skipSpace();
    if (this.s[this.i] === '}') {
      this.i++;
      return node;
    }
    for (;;) {
      this.skipSpace();
      const q = this.s[this.i];
      let key: string;
      if (q === '"' || (q === "'" && this.jsonNet)) key = this.parseString(q);
      else if (this.jsonNet && q !== undefined && IDENTIFIER.test(q)) key = this.parseUnquotedName();
      else {
        if (q === '}' && this.trailingCommas && node.entries.length > 0) {
          this.i++;
          return node;
        }
        this.fail(`Unexpected ${this.describeHere()}; expected a property name in double quotes`);
      }
      this.skipSpace();
      if (this.s[this.i] !== ':') this.fail(`Unexpected ${this.describeHere()}; expected ':' after "${key}"`);
      this.i++;
      this.skipSpace();
      const value = this.parseValue();
      const entries = node.entries;
      let existing: number | undefined;
      if (index) existing = index.get(key);
      else {
        for (let k = 0; k < entries.length; k++) {
          if (entries[k]![0] === key) {
            existing = k;
            break;
          }
        }
      }
      if (existing === undefined) {
        index?.set(key, entries.length);
        entries.push([key, value]);
        if (!index && entries.length === SMALL_OBJECT) index = new Map(entries.map(([k], at) => [k, at]));
      } else {
        entries[existing] = [key, value];
      }
      this.skipSpace();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === '}') {
        this.i++;
        return node;
      }
      this.fail(`Unexpected ${this.describeHere()}; expected ',' or '}'`);
    }
  }

  private parseArray(pos: SourcePos): JsonArray {
    this.i++;
    const node: JsonArray = { kind: 'array', items: [], pos };
    this.skipSpace();
    if (this.s[this.i] === ']') {
      this.i++;
      return node;
    }
    for (;;) {
      this.skipSpace();
      if (this.s[this.i] === ']' && this.trailingCommas && node.items.length > 0) {
        this.i++;
        return node;
      }
      node.items.push(this.parseValue());
      this.skipSpace();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === ']') {
        this.i++;
        return node;
      }
      this.fail(`Unexpected ${this.describeHere()}; expected ',' or ']'`);
    }
  }

  private parseUnquotedName(): string {
    const start = this.i;
    while (this.i < this.s.length && IDENTIFIER.test(this.s[this.i]!)) this.i++;
    return this.s.slice(start, this.i);
  }

  private parseString(quote: '"' | "'" = '"'): string {
    const start = this.pos();
    const end = quote.charCodeAt(0);
    this.i++;
    let out = '';
    let chunkStart = this.i;
    const s = this.s;
    for (;;) {
      if (this.i >= s.length) this.fail('Unterminated string', start);
      const c = s.charCodeAt(this.i);
      if (c === end) {
        out += s.slice(chunkStart, this.i);
        this.i++;
        return out;
      }
      if (c === 0x5c) {
        out += s.slice(chunkStart, this.i);
        out += this.parseEscape();
        chunkStart = this.i;
        continue;
      }
      if (c === 0x0a || c === 0x0d) this.fail('Unterminated string (a line break inside a string)', start);
      this.i++;
    }
  }

  private parseEscape(): string {
    const at = this.pos();
    const e = this.s[this.i + 1];
    this.i += 2;
    switch (e) {
      case '"':
        return '"';
      case "'":
        // Json.NET takes \' in any string; strict JSON does not.
        if (!this.jsonNet) return this.fail("Invalid escape '\\'' in string", at);
        return "'";
      case '\\':
        return '\\';
      case '/':
        return '/';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u': {
        const hex = this.s.slice(this.i, this.i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid \\u escape; expected four hex digits', at);
        this.i += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default:
        return this.fail(`Invalid escape '\\${e ?? ''}' in string`, at);
    }
  }

  private parseNumber(pos: SourcePos) {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!m || m[0] === '-') this.fail('Invalid number');
    const raw = m[0];
    this.i += raw.length;
    const next = this.s[this.i];
    if (next !== undefined && /[0-9A-Za-z.]/.test(next)) this.fail(`Invalid number '${raw}${next}'`);
    const isInteger = m[2] === undefined && m[3] === undefined;
    const value = Number(raw);
    const text = isInteger ? BigInt(raw).toString() : formatDotnetDouble(value);
    return { kind: 'number' as const, value, isInteger, text, pos };
  }
}
