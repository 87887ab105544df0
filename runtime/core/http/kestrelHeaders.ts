/*
 * How Kestrel (ASP.NET Core 8, which Functions host v4 runs on) exposes HTTP/1.1 request headers
 * through `HttpRequest.Headers`. Read from dotnet/aspnetcore:
 * - src/Servers/Kestrel/shared/KnownHeaders.cs (code generator): known request headers are
 *   sorted primary first (Accept, Connection, Host, User-Agent), then by name; Content-Length is
 *   stored apart and appended last.
 * - src/Servers/Kestrel/Core/src/Internal/Http/HttpHeaders.Generated.cs: the enumerator walks the
 *   known-header bits in that order, then Content-Length, then the unknown-header dictionary.
 * - src/Servers/Kestrel/Core/src/Internal/Http/HttpRequestHeaders.cs: a known header is stored under
 *   its `HeaderNames` spelling; unknown names go through `GetInternedHeaderName` (so any name defined in
 *   `HeaderNames` also gets its canonical spelling) into a Dictionary with OrdinalIgnoreCase, whose key
 *   keeps the first spelling; repeats are appended to the same StringValues. Content-Length is parsed
 *   to a long and enumerated as its decimal form; a second one is a 400.
 * - src/Http/Headers/src/HeaderNames.cs (.NET 7+): `baggage`, `traceparent`, `tracestate` are
 *   lowercase; pseudo-headers (`:method`, ...) are hidden from the collection since .NET 7.
 * Repeated `Cookie` lines are merged with "; " only for HTTP/2 and HTTP/3, not HTTP/1.1.
 */

/** Known request headers in enumeration order (the four HTTP/2 pseudo-headers at 4–7 are omitted). */
export const KESTREL_KNOWN_REQUEST_HEADERS: readonly string[] = [
  'Accept',
  'Connection',
  'Host',
  'User-Agent',
  'Accept-Charset',
  'Accept-Encoding',
  'Accept-Language',
  'Access-Control-Request-Headers',
  'Access-Control-Request-Method',
  'Authorization',
  'baggage',
  'Cache-Control',
  'Content-Type',
  'Cookie',
  'Correlation-Context',
  'Date',
  'Expect',
  'From',
  'Grpc-Accept-Encoding',
  'Grpc-Encoding',
  'Grpc-Timeout',
  'If-Match',
  'If-Modified-Since',
  'If-None-Match',
  'If-Range',
  'If-Unmodified-Since',
  'Keep-Alive',
  'Max-Forwards',
  'Origin',
  'Pragma',
  'Proxy-Authorization',
  'Range',
  'Referer',
  'Request-Id',
  'TE',
  'traceparent',
  'tracestate',
  'Transfer-Encoding',
  'Translate',
  'Upgrade',
  'Upgrade-Insecure-Requests',
  'Via',
  'Warning',
];

/** Other `HeaderNames` entries: still unknown to the request collection, but their spelling is interned. */
const INTERNED_OTHER_NAMES: readonly string[] = [
  'Accept-Ranges',
  'Access-Control-Allow-Credentials',
  'Access-Control-Allow-Headers',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Origin',
  'Access-Control-Expose-Headers',
  'Access-Control-Max-Age',
  'Age',
  'Allow',
  'Alt-Svc',
  'Content-Disposition',
  'Content-Encoding',
  'Content-Language',
  'Content-Location',
  'Content-MD5',
  'Content-Range',
  'Content-Security-Policy',
  'Content-Security-Policy-Report-Only',
  'DNT',
  'ETag',
  'Expires',
  'Grpc-Message',
  'Grpc-Status',
  'Last-Modified',
  'Link',
  'Location',
  'Proxy-Authenticate',
  'Proxy-Connection',
  'Retry-After',
  'Sec-WebSocket-Accept',
  'Sec-WebSocket-Extensions',
  'Sec-WebSocket-Key',
  'Sec-WebSocket-Protocol',
  'Sec-WebSocket-Version',
  'Server',
  'Set-Cookie',
  'Strict-Transport-Security',
  'Trailer',
  'Vary',
  'WWW-Authenticate',
  'X-Content-Type-Options',
  'X-Frame-Options',
  'X-Powered-By',
  'X-Requested-With',
  'X-UA-Compatible',
  'X-XSS-Protection',
];

const CONTENT_LENGTH = 'Content-Length';

// Header names are ASCII tokens, so ASCII lowercasing is OrdinalIgnoreCase here. For ASCII text
// toLowerCase is exactly that (and quick); anything else keeps its non-ASCII letters as they are.
function lower(name: string): string {
  let folded = lowered.get(name);
  if (folded === undefined) {
    // Names repeat from request to request; an endless stream of new ones only refills the cache.
    if (lowered.size >= 1024) lowered.clear();
    lowered.set(name, (folded = foldAscii(name)));
  }
  return folded;
}
const lowered = new Map<string, string>();

function foldAscii(name: string): string {
  for (let i = 0; i < name.length; i++) {
    if (name.charCodeAt(i) > 0x7f)
      return name.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) | 0x20));
  }
  return name.toLowerCase();
}

const knownIndex = new Map(KESTREL_KNOWN_REQUEST_HEADERS.map((name, i) => [lower(name), i]));
const interned = new Map(INTERNED_OTHER_NAMES.map((name) => [lower(name), name]));

/** The request Kestrel would answer with 400; Node's parser normally rejects these first. */
export class KestrelBadRequestError extends Error {}

/**
 * `HttpRequest.Headers` as Kestrel enumerates it, from Node's flat `rawHeaders` arrival list:
 * known headers in Kestrel's order with canonical names, then Content-Length, then unknown headers in
 * arrival order. Each header line is one value (commas are not split).
 */
export function kestrelRequestHeaders(
  rawHeaders: readonly string[],
): Array<[name: string, values: string[]]> {
  // [index in KESTREL_KNOWN_REQUEST_HEADERS, values], put in that order at the end (an array
  // indexed by position would be a sparse one, costly to make for every request).
  const known: [number, string[]][] = [];
  // Most requests carry known headers only: the map is made for the first unknown one.
  let unknown: Map<string, [string, string[]]> | undefined;
  let contentLength: string | undefined;

  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    const value = rawHeaders[i + 1]!;
    const key = lower(name);
    if (key.startsWith(':')) continue;
    if (key === 'content-length') {
      if (contentLength !== undefined) throw new KestrelBadRequestError('Multiple Content-Length headers.');
      contentLength = formatContentLength(value);
      continue;
    }
    const index = knownIndex.get(key);
    if (index !== undefined) {
      let slot: [number, string[]] | undefined;
      for (const k of known) if (k[0] === index) slot = k;
      if (slot) slot[1].push(value);
      else known.push([index, [value]]);
      continue;
    }
    unknown ??= new Map();
    const entry = unknown.get(key);
    if (entry) entry[1].push(value);
    else unknown.set(key, [interned.get(key) ?? name, [value]]);
  }

  const result: Array<[string, string[]]> = [];
  // By hand: Array.prototype.sort makes a work array, and these lists are a few entries long.
  for (let i = 1; i < known.length; i++) {
    const entry = known[i]!;
    let j = i;
    for (; j > 0 && known[j - 1]![0] > entry[0]; j--) known[j] = known[j - 1]!;
    known[j] = entry;
  }
  for (const [index, values] of known) result.push([KESTREL_KNOWN_REQUEST_HEADERS[index]!, values]);
  if (contentLength !== undefined) result.push([CONTENT_LENGTH, [contentLength]]);
  if (unknown) for (const [name, values] of unknown.values()) result.push([name, values]);
  return result;
}

// Kestrel keeps Content-Length as a long and prints it back, so "007" reads as "7".
function formatContentLength(value: string): string {
  if (!/^\d+$/.test(value) || BigInt(value) > 9223372036854775807n) {
    throw new KestrelBadRequestError(`Invalid content length: ${value}`);
  }
  return BigInt(value).toString();
}
