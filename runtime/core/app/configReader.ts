import type { JsonNode, JsonObject } from '../json/jsonNode';
import { describeKind, getProp } from '../json/jsonNode';
import { JSON_NET_MAX_DEPTH, parseJson, JsonSyntaxError } from '../json/parseJson';
import type { Diagnostic } from './diagnostics';
import { diagnostic } from './diagnostics';

/**
 * Reads typed values out of a JSON config tree the way .NET configuration binding does:
 * keys are case-insensitive and scalars are strings underneath, so `"true"` binds to a bool.
 * Problems are collected as diagnostics naming the file, the key path and the position.
 */
export class ConfigReader {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly file: string,
    private readonly functionName?: string,
  ) {}

  error(message: string, where: string | undefined, node?: JsonNode, hint?: string): void {
    this.diagnostics.push(this.make('error', message, where, node, hint));
  }

  warn(message: string, where: string | undefined, node?: JsonNode): void {
    this.diagnostics.push(this.make('warning', message, where, node));
  }

  private make(
    severity: Diagnostic['severity'],
    message: string,
    where?: string,
    node?: JsonNode,
    hint?: string,
  ) {
    return diagnostic(severity, this.file, message, {
      ...(where !== undefined && { where }),
      ...(hint !== undefined && { hint }),
      pos: node?.pos,
      ...(this.functionName !== undefined && { functionName: this.functionName }),
    });
  }

  /**
   * Parses a whole config file that must hold a JSON object; a syntax error (with its line and
   * column) or another kind of value is recorded and gives undefined.
   */
  parseObject(text: string, label: string): JsonObject | undefined {
    let root: JsonNode;
    try {
      root = parseJson(text, { jsonNet: true, maxDepth: JSON_NET_MAX_DEPTH });
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      this.diagnostics.push(
        diagnostic('error', this.file, e.reason, {
          pos: { line: e.line, column: e.column },
          ...(this.functionName !== undefined && { functionName: this.functionName }),
        }),
      );
      return undefined;
    }
    if (root.kind !== 'object') {
      this.error(`${label} must contain a JSON object, found ${describeKind(root)}`, undefined, root);
      return undefined;
    }
    return root;
  }

  object(parent: JsonObject, key: string, path: string): JsonObject | undefined {
    const node = getProp(parent, key);
    if (node === undefined || node.kind === 'null') return undefined;
    if (node.kind !== 'object') {
      this.error(`expected an object, found ${describeKind(node)}`, path, node);
      return undefined;
    }
    return node;
  }

  /** A scalar read as .NET configuration does: numbers and booleans arrive as their text. */
  string(parent: JsonObject, key: string, path: string): string | undefined {
    const node = getProp(parent, key);
    if (node === undefined || node.kind === 'null') return undefined;
    return this.scalarText(node, path);
  }

  scalarText(node: JsonNode, path: string): string | undefined {
    switch (node.kind) {
      case 'string':
        return node.value;
      case 'number':
        return node.text;
      case 'bool':
        return node.value ? 'True' : 'False';
      default:
        this.error(`expected a string, found ${describeKind(node)}`, path, node);
        return undefined;
    }
  }

  bool(parent: JsonObject, key: string, path: string, fallback: boolean): boolean {
    const node = getProp(parent, key);
    const text = node === undefined || node.kind === 'null' ? undefined : this.scalarText(node, path);
    if (text === undefined) return fallback;
    const lower = text.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    this.error(`'${text}' is not a boolean (use true or false)`, path, node);
    return fallback;
  }

  integer(parent: JsonObject, key: string, path: string): number | undefined {
    const node = getProp(parent, key);
    const text = node === undefined || node.kind === 'null' ? undefined : this.scalarText(node, path);
    if (text === undefined) return undefined;
    if (!/^\s*[+-]?\d+\s*$/.test(text) || !Number.isSafeInteger(Number(text))) {
      this.error(`'${text}' is not a whole number`, path, node);
      return undefined;
    }
    return Number(text);
  }

  /**
   * A string array; a string holding a JSON array is accepted too, as the host does for
   * `arguments` (and for environment-variable overrides of it).
   */
  stringArray(parent: JsonObject, key: string, path: string): string[] | undefined {
    const node = getProp(parent, key);
    if (node === undefined || node.kind === 'null') return undefined;
    let items: JsonNode[];
    if (node.kind === 'array') {
      items = node.items;
    } else if (node.kind === 'string' && node.value.trim().startsWith('[')) {
      let parsed: JsonNode;
      try {
        parsed = parseJson(node.value, { comments: false, trailingCommas: false });
      } catch {
        this.error(`'${node.value}' is not a JSON array of strings`, path, node);
        return undefined;
      }
      if (parsed.kind !== 'array') return undefined;
      items = parsed.items;
    } else {
      this.error(`expected an array of strings, found ${describeKind(node)}`, path, node);
      return undefined;
    }
    const out: string[] = [];
    items.forEach((item, i) => {
      if (item.kind === 'null') return;
      const text = this.scalarText(item, `${path}[${i}]`);
      if (text !== undefined) out.push(text);
    });
    return out;
  }
}
