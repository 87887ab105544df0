import { decodeUtf8Scalar, utf8Encode } from '../bytes/utf8';

/*
 * `HttpRequest.Query` in ASP.NET Core 8 (dotnet/aspnetcore):
 * - src/Http/WebUtilities/src/QueryStringEnumerable.cs: one leading '?' is dropped, segments split on
 *   '&', empty segments skipped, name/value split at the first '='; a segment without '=' is a name
 *   with an empty value. Names are not trimmed. Both parts get '+' → ' ' then Uri.UnescapeDataString.
 * - src/Http/Http/src/Features/QueryFeature.cs (KvpAccumulator) over
 *   src/Shared/Dictionary/AdaptiveCapacityDictionary.cs: OrdinalIgnoreCase keys in first-seen order,
 *   values in arrival order. While there are at most 10 distinct keys the dictionary is an array whose
 *   indexer setter rewrites the key, so a repeated key takes the spelling of its *second* occurrence;
 *   past 10 keys it is a Dictionary, which keeps the spelling already stored.
 */

// AdaptiveCapacityDictionary.DefaultArrayThreshold
const ARRAY_THRESHOLD = 10;

/** `Request.Query` for a raw query string (`?` optional): keys in order, each with all its values. */
export function parseQuery(search: string): Array<[key: string, values: string[]]> {
  const entries: Array<[string, string[]]> = [];
  const byKey = new Map<string, [string, string[]]>();
  const body = search.startsWith('?') ? search.slice(1) : search;
  for (const segment of body.split('&')) {
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    const name = decodeComponent(eq >= 0 ? segment.slice(0, eq) : segment);
    const value = eq >= 0 ? decodeComponent(segment.slice(eq + 1)) : '';
    const folded = ordinalIgnoreCaseKey(name);
    const entry = byKey.get(folded);
    if (entry === undefined) {
      const created: [string, string[]] = [name, [value]];
      byKey.set(folded, created);
      entries.push(created);
    } else {
      if (entry[1].length === 1 && byKey.size <= ARRAY_THRESHOLD) entry[0] = name;
      entry[1].push(value);
    }
  }
  return entries;
}

/** `StringValues.ToString()` per key: repeated values joined with ",", as in Data.req.Query. */
export function joinQueryValues(
  parsed: ReadonlyArray<readonly [string, readonly string[]]>,
): Array<[string, string]> {
  return parsed.map(([key, values]) => [key, values.join(',')]);
}

/**
 * The query the host sends in legacy forwarding mode, without the leading '?' (empty when there are no
 * parameters, and then the URL has no '?'). azure-functions-host HttpRequestExtensions.ToHttpRequestMessage
 * does `QueryHelpers.AddQueryString(uri, request.GetQueryCollectionAsDictionary())`: one `key=value` per
 * key, the values comma-joined, both sides through `UrlEncoder.Default` (not Uri.EscapeDataString).
 */
export function rebuildQuery(parsed: ReadonlyArray<readonly [string, readonly string[]]>): string {
  return joinQueryValues(parsed)
    .map(([key, value]) => `${urlEncode(key)}=${urlEncode(value)}`)
    .join('&');
}

/*
 * System.Text.Encodings.Web UrlEncoder.Default (DefaultUrlEncoder over BasicLatin): keeps ALPHA, DIGIT
 * and - . _ ~ ! $ ( ) * , ; @ and percent-encodes everything else as UTF-8 with uppercase hex; the HTML
 * characters " & ' + < > are forbidden by the base encoder. A lone surrogate is encoded as U+FFFD.
 */
const URL_ENCODER_KEEPS = /^[A-Za-z0-9\-._~!$()*,;@]$/;

export function urlEncode(text: string): string {
  let out = '';
  for (const ch of text) {
    if (URL_ENCODER_KEEPS.test(ch)) out += ch;
    else for (const b of utf8Encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function decodeComponent(part: string): string {
  return part === '' ? '' : unescapeDataString(part.replaceAll('+', ' '));
}

/**
 * .NET `Uri.UnescapeDataString`: every `%XX` is decoded; runs of bytes ≥ 0x80 are decoded as UTF-8,
 * and any byte that is not part of a valid sequence stays as its original `%XX` text. A '%' not
 * followed by two hex digits stays as is. Nothing is decoded twice.
 */
export function unescapeDataString(text: string): string {
  if (!text.includes('%')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const first = escapedByte(text, i);
    if (first === undefined) {
      out += text[i];
      i++;
    } else if (first < 0x80) {
      out += String.fromCharCode(first);
      i += 3;
    } else {
      const start = i;
      const bytes: number[] = [];
      for (let b: number | undefined = first; b !== undefined && b >= 0x80; b = escapedByte(text, i)) {
        bytes.push(b);
        i += 3;
      }
      out += decodeEscapedRun(text, start, bytes);
    }
  }
  return out;
}

function decodeEscapedRun(text: string, start: number, bytes: number[]): string {
  let out = '';
  for (let k = 0; k < bytes.length;) {
    const scalar = decodeUtf8Scalar(bytes, k);
    if (scalar) {
      out += String.fromCodePoint(scalar.codePoint);
      k += scalar.length;
    } else {
      out += text.slice(start + 3 * k, start + 3 * k + 3);
      k++;
    }
  }
  return out;
}

function escapedByte(text: string, i: number): number | undefined {
  if (text[i] !== '%' || i + 2 >= text.length) return undefined;
  const hex = text.slice(i + 1, i + 3);
  return /^[0-9A-Fa-f]{2}$/.test(hex) ? parseInt(hex, 16) : undefined;
}

/*
 * StringComparer.OrdinalIgnoreCase compares by simple (one-to-one) uppercase mapping; JavaScript's
 * toUpperCase also does one-to-many mappings (ß → SS), which .NET does not, so those are left alone.
 */
function ordinalIgnoreCaseKey(key: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(key)) return key.toUpperCase();
  let out = '';
  for (const ch of key) {
    const upper = ch.toUpperCase();
    out += upper.length === ch.length ? upper : ch;
  }
  return out;
}
