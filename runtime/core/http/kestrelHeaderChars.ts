/*
 * Kestrel checks a response header when it is set (HttpResponseHeaders.SetValueFast/AddValueFast,
 * then HttpHeaders.ValidateHeaderNameCharacters for a name it does not know). With the default
 * encoding selector a value may hold only tab and printable ASCII (HttpCharacters' field-value
 * set), a name only token characters; the first other character throws
 * InvalidOperationException "Invalid non-ASCII or control character in header: 0x000A"
 * (CoreStrings.InvalidAsciiOrControlChar, the character as four hex digits). The message does not
 * name the header.
 */

/** The exception Kestrel throws, as the host's FlattenException prints it (source, message, period). */
export interface KestrelHeaderFault {
  readonly header: string;
  /** The offending character. */
  readonly char: string;
  /** `Microsoft.AspNetCore.Server.Kestrel.Core: Invalid non-ASCII or control character in header: 0x000A.` */
  readonly flattened: string;
}

const KESTREL_SOURCE = 'Microsoft.AspNetCore.Server.Kestrel.Core';
// RFC 7230 tchar.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]$/;

function invalidValueChar(value: string): string | undefined {
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    if (code !== 0x09 && (code < 0x20 || code > 0x7e)) return ch;
  }
  return undefined;
}

function invalidNameChar(name: string): string | undefined {
  for (const ch of name) if (!TOKEN.test(ch)) return ch;
  return undefined;
}

/** The fault Kestrel raises setting `name: value` on a response, or undefined when it accepts it. */
export function kestrelHeaderFault(name: string, value: string): KestrelHeaderFault | undefined {
  const bad = invalidValueChar(value) ?? invalidNameChar(name);
  if (bad === undefined) return undefined;
  // A surrogate pair is two UTF-16 units; Kestrel reports the first.
  const hex = bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return {
    header: name,
    char: bad,
    flattened: `${KESTREL_SOURCE}: Invalid non-ASCII or control character in header: 0x${hex}.`,
  };
}
