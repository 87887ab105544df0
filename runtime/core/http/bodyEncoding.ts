/*
 * Whether Data.req.Body is sent as base64 (bytes) rather than UTF-8 text. From azure-functions-host:
 * HttpRequestExtensions.IsMediaTypeOctetOrMultipart parses `request.ContentType` with
 * System.Net.Http.Headers.MediaTypeHeaderValue.TryParse (an unparsable value means text), then
 * Utility.IsMediaTypeOctetOrMultipart tests MediaType == "application/octet-stream" or
 * MediaType.IndexOf("multipart/") >= 0, both OrdinalIgnoreCase. So parameters must be well formed,
 * and "multipart/" may appear anywhere in the media type (e.g. "x-multipart/y").
 */

const OCTET_STREAM = 'application/octet-stream';
const MULTIPART = 'multipart/';

/**
 * `contentType` is the request's Content-Type as ASP.NET reads it: several header lines are joined with
 * "," (which then fails to parse, so text). Absent means text.
 */
export function isBinaryBodyContentType(contentType: string | null | undefined): boolean {
  const mediaType = parseMediaType(contentType ?? '');
  if (mediaType === undefined) return false;
  const lowered = mediaType.toLowerCase();
  return lowered === OCTET_STREAM || lowered.includes(MULTIPART);
}

/**
 * `MediaTypeHeaderValue.TryParse(...).MediaType` from System.Net.Http: `type/subtype` (whitespace around
 * '/' allowed and dropped) with optional `; name[=token|"quoted"]` parameters; the whole string must
 * parse, and a single value only (a ',' fails).
 */
export function parseMediaType(input: string): string | undefined {
  let i = skipWhitespace(input, 0);
  const typeEnd = tokenEnd(input, i);
  if (typeEnd === i) return undefined;
  const type = input.slice(i, typeEnd);
  i = skipWhitespace(input, typeEnd);
  if (input[i] !== '/') return undefined;
  i = skipWhitespace(input, i + 1);
  const subtypeEnd = tokenEnd(input, i);
  if (subtypeEnd === i) return undefined;
  const mediaType = `${type}/${input.slice(i, subtypeEnd)}`;
  i = skipWhitespace(input, subtypeEnd);
  if (input[i] === ';') {
    const end = parametersEnd(input, i + 1);
    if (end === undefined) return undefined;
    i = end;
  }
  return skipWhitespace(input, i) === input.length ? mediaType : undefined;
}

// NameValueHeaderValue.GetNameValueListLength with ';' as the delimiter; at least one parameter.
function parametersEnd(input: string, start: number): number | undefined {
  let i = skipWhitespace(input, start);
  for (;;) {
    const nameEnd = tokenEnd(input, i);
    if (nameEnd === i) return undefined;
    i = skipWhitespace(input, nameEnd);
    if (input[i] === '=') {
      i = skipWhitespace(input, i + 1);
      const valueEnd = tokenEnd(input, i) > i ? tokenEnd(input, i) : quotedStringEnd(input, i);
      if (valueEnd === undefined) return undefined;
      i = skipWhitespace(input, valueEnd);
    }
    if (input[i] !== ';') return i;
    i = skipWhitespace(input, i + 1);
  }
}

// HttpRuleParser.GetQuotedStringLength: '\' escapes one ASCII character; a closing quote is required.
function quotedStringEnd(input: string, start: number): number | undefined {
  if (input[start] !== '"') return undefined;
  for (let i = start + 1; i < input.length; i++) {
    if (input[i] === '\\' && i + 2 < input.length && input.charCodeAt(i + 1) < 0x80) i++;
    else if (input[i] === '"') return i + 1;
  }
  return undefined;
}

// RFC 7230 tchar: visible ASCII except the separators.
const TOKEN_CHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]$/;

function tokenEnd(input: string, start: number): number {
  let i = start;
  while (i < input.length && TOKEN_CHAR.test(input[i]!)) i++;
  return i;
}

// HttpRuleParser.GetWhitespaceLength: SP, HT, and an obs-fold CRLF followed by SP or HT.
function skipWhitespace(input: string, start: number): number {
  let i = start;
  for (;;) {
    if (input[i] === ' ' || input[i] === '\t') i++;
    else if (input[i] === '\r' && input[i + 1] === '\n' && (input[i + 2] === ' ' || input[i + 2] === '\t'))
      i += 3;
    else return i;
  }
}
