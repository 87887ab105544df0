import { copyBytes } from '../bytes/byteSlab';
import type { JsonNode } from './jsonNode';
import { formatJsonNetDouble } from './dotnetNumber';

/**
 * `utf8Encode(writeJson(node))` in one pass, straight into bytes: the compact form a payload
 * travels in. Building the text first allocated a rope per level and then a copy to encode it,
 * once per invocation on the host's busiest path.
 */
export function writeJsonUtf8(node: JsonNode): Uint8Array {
  sink.length = 0;
  writeNode(node);
  return copyBytes(sink.bytes.subarray(0, sink.length));
}

/**
 * The same writer, piece by piece, for a document written straight from what the caller holds
 * (a payload) rather than from a node tree. `begin`, the pieces, then `end` for a copy of the
 * bytes, all in one synchronous run: the buffer underneath is shared.
 */
export const jsonBytes = {
  begin(): void {
    sink.length = 0;
  },
  /** Punctuation or other text known to be ASCII and to need no escaping, as is. */
  ascii(text: string): void {
    sink.ascii(text);
  },
  /** A quoted string, escaped as Json.NET escapes it. */
  string(value: string): void {
    writeString(value);
  },
  node(node: JsonNode): void {
    writeNode(node);
  },
  /** Bytes already written by this writer (a cached part), as is. */
  bytes(bytes: Uint8Array): void {
    sink.reserve(bytes.length);
    sink.bytes.set(bytes, sink.length);
    sink.length += bytes.length;
  },
  /** A copy of what was written since `begin`. */
  end(): Uint8Array {
    return copyBytes(sink.bytes.subarray(0, sink.length));
  },
  /** A copy of what was written since `mark` returned `from`. */
  since(from: number): Uint8Array {
    return copyBytes(sink.bytes.subarray(from, sink.length));
  },
  mark(): number {
    return sink.length;
  },
};

class ByteSink {
  bytes = new Uint8Array(4096);
  length = 0;

  reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  /** Text known to be ASCII (punctuation, number text). */
  ascii(text: string): void {
    this.reserve(text.length);
    const bytes = this.bytes;
    let at = this.length;
    for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i);
    this.length = at;
  }

  byte(b: number): void {
    this.reserve(1);
    this.bytes[this.length++] = b;
  }
}

// Shared across calls: the writer is synchronous, and the result is copied out at the end.
const sink = new ByteSink();

const QUOTE = 0x22;
const HEX = '0123456789abcdef';

function writeNode(node: JsonNode): void {
  switch (node.kind) {
    case 'object': {
      sink.byte(0x7b);
      const entries = node.entries;
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i]!;
        if (i > 0) sink.byte(0x2c);
        writeString(entry[0]);
        sink.byte(0x3a);
        writeNode(entry[1]);
      }
      sink.byte(0x7d);
      return;
    }
    case 'array': {
      sink.byte(0x5b);
      const items = node.items;
      for (let i = 0; i < items.length; i++) {
        if (i > 0) sink.byte(0x2c);
        writeNode(items[i]!);
      }
      sink.byte(0x5d);
      return;
    }
    case 'string':
      writeString(node.value);
      return;
    case 'number':
      sink.ascii(node.isInteger ? node.text : formatJsonNetDouble(node.value));
      return;
    case 'bool':
      sink.ascii(node.value ? 'true' : 'false');
      return;
    case 'null':
      sink.ascii('null');
  }
}

/**
 * A quoted string with Json.NET's default escaping (quote, backslash, control characters,
 * U+0085, U+2028, U+2029) in UTF-8; a lone surrogate becomes U+FFFD, as TextEncoder and .NET's
 * UTF-8 encoder write it.
 */
function writeString(value: string): void {
  // Worst case: six bytes of escape per UTF-16 unit, plus the quotes.
  sink.reserve(value.length * 6 + 2);
  const bytes = sink.bytes;
  let at = sink.length;
  bytes[at++] = QUOTE;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== QUOTE && c !== 0x5c) {
        bytes[at++] = c;
        continue;
      }
      at = writeEscape(bytes, at, c);
    } else if (c === 0x85 || c === 0x2028 || c === 0x2029) {
      at = writeEscape(bytes, at, c);
    } else if (c < 0x800) {
      bytes[at++] = 0xc0 | (c >> 6);
      bytes[at++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        bytes[at++] = 0xf0 | (cp >> 18);
        bytes[at++] = 0x80 | ((cp >> 12) & 0x3f);
        bytes[at++] = 0x80 | ((cp >> 6) & 0x3f);
        bytes[at++] = 0x80 | (cp & 0x3f);
        i++;
      } else {
        bytes[at++] = 0xef;
        bytes[at++] = 0xbf;
        bytes[at++] = 0xbd;
      }
    } else {
      bytes[at++] = 0xe0 | (c >> 12);
      bytes[at++] = 0x80 | ((c >> 6) & 0x3f);
      bytes[at++] = 0x80 | (c & 0x3f);
    }
  }
  bytes[at++] = QUOTE;
  sink.length = at;
}

function writeEscape(bytes: Uint8Array, at: number, c: number): number {
  bytes[at++] = 0x5c;
  const short = SHORT_ESCAPES[c];
  if (short !== undefined) {
    bytes[at++] = short;
    return at;
  }
  bytes[at++] = 0x75; // u
  bytes[at++] = HEX.charCodeAt((c >> 12) & 0xf);
  bytes[at++] = HEX.charCodeAt((c >> 8) & 0xf);
  bytes[at++] = HEX.charCodeAt((c >> 4) & 0xf);
  bytes[at++] = HEX.charCodeAt(c & 0xf);
  return at;
}

/** The letter after the backslash for the escapes Json.NET writes short. */
const SHORT_ESCAPES: Record<number, number> = {
  0x22: 0x22, // \"
  0x5c: 0x5c, // \\
  0x08: 0x62, // \b
  0x0c: 0x66, // \f
  0x0a: 0x6e, // \n
  0x0d: 0x72, // \r
  0x09: 0x74, // \t
};
