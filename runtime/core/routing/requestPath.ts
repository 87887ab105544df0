/**
 * Turns a raw request path (as sent, still percent-encoded, without the query) into what Kestrel exposes
 * as `HttpRequest.Path`, which is what the host's routes are matched against:
 * - percent-escapes are decoded as UTF-8, except `%2F`/`%2f`, which stay as those three characters so an
 *   encoded slash never splits a segment (a route value therefore contains "%2F", not "/");
 * - a malformed escape or an invalid UTF-8 sequence is left as written;
 * - `.` and `..` segments are then removed (RFC 3986 5.2.4), including ones spelled `%2E`.
 * Returns undefined for `%00`, which Kestrel answers with 400 Bad Request.
 */
export function decodeRequestPath(rawPath: string): string | undefined {
  const decoded = percentDecodePath(rawPath.startsWith('/') ? rawPath : `/${rawPath}`);
  return decoded === undefined ? undefined : removeDotSegments(decoded);
}

function percentDecodePath(path: string): string | undefined {
  let out = '';
  let i = 0;
  while (i < path.length) {
    const byte = path.charAt(i) === '%' ? escapedByte(path, i) : undefined;
    if (byte === undefined) {
      out += path.charAt(i);
      i++;
    } else if (byte === 0) {
      return undefined;
    } else if (byte === 0x2f) {
      out += path.slice(i, i + 3);
      i += 3;
    } else if (byte < 0x80) {
      out += String.fromCharCode(byte);
      i += 3;
    } else {
      const sequence = utf8Sequence(path, i, byte);
      out += sequence ? String.fromCodePoint(sequence.codePoint) : path.slice(i, i + 3);
      i += sequence ? sequence.length * 3 : 3;
    }
  }
  return out;
}

function escapedByte(text: string, at: number): number | undefined {
  const hex = text.slice(at + 1, at + 3);
  return /^[0-9a-f]{2}$/i.test(hex) ? parseInt(hex, 16) : undefined;
}

// Kestrel rejects overlong forms, surrogates and code points past U+10FFFF, and then leaves the bytes encoded.
function utf8Sequence(
  text: string,
  at: number,
  lead: number,
): { codePoint: number; length: number } | undefined {
  const [length, initial, minimum] =
    (lead & 0xe0) === 0xc0
      ? [2, lead & 0x1f, 0x80]
      : (lead & 0xf0) === 0xe0
        ? [3, lead & 0x0f, 0x800]
        : (lead & 0xf8) === 0xf0
          ? [4, lead & 0x07, 0x10000]
          : [0, 0, 0];
  if (length === 0) return undefined;
  let codePoint = initial;
  for (let k = 1; k < length; k++) {
    const next = text.charAt(at + 3 * k) === '%' ? escapedByte(text, at + 3 * k) : undefined;
    if (next === undefined || (next & 0xc0) !== 0x80) return undefined;
    codePoint = (codePoint << 6) | (next & 0x3f);
  }
  const invalid = codePoint < minimum || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff);
  return invalid ? undefined : { codePoint, length };
}

function removeDotSegments(path: string): string {
  let input = path;
  let output = '';
  while (input.length > 0) {
    if (input.startsWith('/./')) {
      input = input.slice(2);
    } else if (input === '/.') {
      input = '/';
    } else if (input.startsWith('/../') || input === '/..') {
      input = `/${input.slice(4)}`;
      output = output.slice(0, Math.max(0, output.lastIndexOf('/')));
    } else {
      const next = input.indexOf('/', 1);
      const end = next === -1 ? input.length : next;
      output += input.slice(0, end);
      input = input.slice(end);
    }
  }
  return output === '' ? '/' : output;
}
