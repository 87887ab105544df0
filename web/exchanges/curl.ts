import type { Exchange, ParsedMessage } from '../../runtime/core/exchange/exchange';

/** Where a person runs the app locally (`func start` and our CLI both default to it). */
export const LOCAL_FRONT_DOOR = 'http://localhost:7071';

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Quotes one word for a POSIX shell (sh, bash, zsh): single quotes keep every byte literal,
 * newlines and non-ASCII included; a single quote is closed, escaped and reopened.
 */
export function shellQuote(word: string): string {
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Headers the playground's own caller adds to what the person composed (the host performs the
 * request over loopback, as Node's client without an agent: `Host`, `Content-Length`,
 * `Connection: close`); curl computes its own, so a command keeps only what the person set.
 */
export const CALLER_ADDED_HEADERS: ReadonlySet<string> = new Set(['host', 'content-length', 'connection']);

/**
 * The host's request to the handler is reproduced as sent, `Transfer-Encoding: chunked` included
 * (curl then chunks the body itself); only what curl writes for the address it is given goes.
 */
export const HANDLER_DROPPED_HEADERS: ReadonlySet<string> = new Set(['host', 'content-length']);

/** Splits a request line (`POST /api/order?x=1 HTTP/1.1`) into method and path. */
export function requestTarget(startLine: string): { method: string; path: string } | undefined {
  const m = /^([A-Za-z]+) (\S+)(?: HTTP\/\d(?:\.\d)?)?$/.exec(startLine.trim());
  if (!m) return undefined;
  let path = m[2]!;
  // An absolute-form target (proxies send them) still names the path the function saw.
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(path);
  if (absolute) path = path.slice(absolute[0].length) || '/';
  if (!path.startsWith('/')) path = `/${path}`;
  return { method: m[1]!.toUpperCase(), path };
}

/**
 * A curl command that sends the same request to a locally running app: the method, the path and
 * query, every header in order except the `dropped` ones, and the body byte for byte (a binary
 * body goes through `base64 -d`).
 */
export function curlCommand(
  request: ParsedMessage,
  base = LOCAL_FRONT_DOOR,
  dropped: ReadonlySet<string> = CALLER_ADDED_HEADERS,
): string | undefined {
  const target = requestTarget(request.startLine);
  if (!target) return undefined;
  const { method } = target;
  const hasBody = (request.bodyText ?? '') !== '' || (request.bodyBase64 ?? '') !== '';
  const parts: string[] = ['curl', '-i'];
  if (method === 'HEAD') parts.push('--head');
  else if (!(method === 'GET' && !hasBody) && !(method === 'POST' && hasBody))
    parts.push('-X', shellQuote(method));
  parts.push(shellQuote(base.replace(/\/+$/, '') + target.path));
  const lines = [parts.join(' ')];
  for (const [name, value] of request.headers) {
    if (dropped.has(name.toLowerCase())) continue;
    lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (request.bodyBase64 !== undefined && request.bodyBase64 !== '') {
    lines.push('--data-binary @-');
    return `printf %s ${shellQuote(request.bodyBase64)} | base64 -d | ${lines.join(' \\\n  ')}`;
  }
  if (request.bodyText !== undefined && request.bodyText !== '') {
    lines.push(`--data-binary ${shellQuote(request.bodyText)}`);
  }
  return lines.join(' \\\n  ');
}

/**
 * The caller's request of an HTTP exchange, as curl; `undefined` for queue and timer ones.
 * `truncatedBody` says the log kept only part of the body, so the command sends only that part.
 */
export function curlForExchange(
  exchange: Exchange,
  base = LOCAL_FRONT_DOOR,
): { readonly command: string; readonly truncatedBody: boolean } | undefined {
  const message = exchange.hops.find((h) => h.from === 'caller' && h.message !== undefined)?.message;
  const command = message && curlCommand(message.parsed, base);
  return command === undefined ? undefined : { command, truncatedBody: message!.body.truncated };
}
