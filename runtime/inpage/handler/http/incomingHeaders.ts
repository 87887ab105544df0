// How Node turns a request's raw header lines into `req.headers` (node/lib/_http_incoming.js):
// names lower-cased; for duplicates, these keep the first value only, set-cookie collects an
// array, cookie joins with '; ' and every other name joins with ', '.
const FIRST_VALUE_WINS = new Set([
  'content-type',
  'content-length',
  'user-agent',
  'referer',
  'host',
  'authorization',
  'proxy-authorization',
  'if-modified-since',
  'if-unmodified-since',
  'from',
  'location',
  'max-forwards',
  'retry-after',
  'etag',
  'last-modified',
  'server',
  'age',
  'expires',
]);

export type IncomingHeaders = Record<string, string | string[]>;

export function joinIncomingHeaders(rawHeaders: readonly string[]): IncomingHeaders {
  const headers: IncomingHeaders = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    addHeaderLine(headers, (rawHeaders[i] as string).toLowerCase(), rawHeaders[i + 1] as string);
  }
  return headers;
}

function addHeaderLine(headers: IncomingHeaders, name: string, value: string): void {
  const existing = headers[name];
  if (name === 'set-cookie') {
    if (Array.isArray(existing)) existing.push(value);
    else headers[name] = [value];
  } else if (existing === undefined) {
    headers[name] = value;
  } else if (FIRST_VALUE_WINS.has(name)) {
    return;
  } else {
    headers[name] = `${existing as string}${name === 'cookie' ? '; ' : ', '}${value}`;
  }
}

/** `req.headersDistinct`: every name to all of its values, in order. */
export function distinctIncomingHeaders(rawHeaders: readonly string[]): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    (headers[name] ??= []).push(rawHeaders[i + 1] as string);
  }
  return headers;
}
