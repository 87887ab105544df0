import type { Exchange, Hop, ParsedMessage } from '../../runtime/core/exchange/exchange';
import {
  CALLER_ADDED_HEADERS,
  curlCommand,
  HANDLER_DROPPED_HEADERS,
  LOCAL_FRONT_DOOR,
  requestTarget,
} from './curl';

/** What "copy as" can produce for an exchange. */
export type CopyKind = 'curl' | 'fetch' | 'curl-handler';

export interface CopyChoice {
  readonly kind: CopyKind;
  /** The button's words. */
  readonly label: string;
  readonly text: string;
  /** The log kept only part of the body, so the copy sends only that part. */
  readonly truncatedBody: boolean;
}

export interface CopyContext {
  /** The running front door (`http://localhost:7071`), when the host said. */
  readonly frontDoorUrl?: string;
  /** The handler's port as the host reports it, for exchanges whose request names none. */
  readonly handlerPort?: number;
}

/**
 * Headers a browser's fetch refuses to set or sets itself (the Fetch standard's forbidden request
 * headers that a recorded request carries); the rest are kept in order.
 */
const FETCH_FORBIDDEN: ReadonlySet<string> = new Set([
  ...CALLER_ADDED_HEADERS,
  'transfer-encoding',
  'keep-alive',
  'expect',
  'te',
  'trailer',
  'upgrade',
]);

function isRequestHop(hop: Hop, from: Hop['from'], to: Hop['to']): boolean {
  return hop.from === from && hop.to === to && hop.message !== undefined;
}

/** The caller's request of an HTTP exchange, or the host's request to the handler. */
function requestHop(exchange: Exchange, side: 'caller' | 'handler'): Hop | undefined {
  return side === 'caller'
    ? exchange.hops.find((h) => isRequestHop(h, 'caller', 'host'))
    : exchange.hops.find((h) => isRequestHop(h, 'host', 'handler'));
}

/** The port a request's `Host` header names (`127.0.0.1:49152`), if any. */
export function hostHeaderPort(request: ParsedMessage): number | undefined {
  const host = request.headers.find(([k]) => k.toLowerCase() === 'host')?.[1];
  const m = host ? /:(\d{1,5})$/.exec(host.trim()) : null;
  const port = m ? Number(m[1]) : NaN;
  return port > 0 && port < 65536 ? port : undefined;
}

/** A JavaScript string literal that a reader can paste into a console. */
function jsString(text: string): string {
  return JSON.stringify(text)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The same request as a `fetch` call for a browser console or Node 18+: the method, the URL,
 * the headers in order (without the ones fetch refuses or computes), the body as sent.
 */
export function fetchSnippet(request: ParsedMessage, base = LOCAL_FRONT_DOOR): string | undefined {
  const target = requestTarget(request.startLine);
  if (!target) return undefined;
  const url = base.replace(/\/+$/, '') + target.path;
  const options: string[] = [];
  if (target.method !== 'GET') options.push(`  method: ${jsString(target.method)},`);
  const headers = request.headers.filter(([name]) => !FETCH_FORBIDDEN.has(name.toLowerCase()));
  if (headers.length > 0) {
    // An array of pairs keeps the order and repeated names, as the wire had them.
    const rows = headers.map(([k, v]) => `    [${jsString(k)}, ${jsString(v)}],`);
    options.push(`  headers: [\n${rows.join('\n')}\n  ],`);
  }
  if (request.bodyBase64 !== undefined && request.bodyBase64 !== '') {
    options.push(`  body: Uint8Array.from(atob(${jsString(request.bodyBase64)}), (c) => c.charCodeAt(0)),`);
  } else if (request.bodyText !== undefined && request.bodyText !== '') {
    options.push(`  body: ${jsString(request.bodyText)},`);
  }
  const call = options.length
    ? `await fetch(${jsString(url)}, {\n${options.join('\n')}\n})`
    : `await fetch(${jsString(url)})`;
  return `const response = ${call};\nconsole.log(response.status, await response.text());`;
}

/**
 * Everything "copy as" offers for an exchange: curl and fetch against the running front door
 * for the caller's request, and curl straight to the handler's port for what the host sent it
 * (a queue or timer invocation has only the latter).
 */
export function copyChoices(exchange: Exchange, context: CopyContext = {}): CopyChoice[] {
  const choices: CopyChoice[] = [];
  const base = context.frontDoorUrl ?? LOCAL_FRONT_DOOR;
  const caller = requestHop(exchange, 'caller')?.message;
  if (caller) {
    const truncatedBody = caller.body.truncated;
    const curl = curlCommand(caller.parsed, base, CALLER_ADDED_HEADERS);
    if (curl) choices.push({ kind: 'curl', label: 'Copy as curl', text: curl, truncatedBody });
    const fetch = fetchSnippet(caller.parsed, base);
    if (fetch) choices.push({ kind: 'fetch', label: 'Copy as fetch', text: fetch, truncatedBody });
  }
  const toHandler = requestHop(exchange, 'handler')?.message;
  const port = toHandler && (hostHeaderPort(toHandler.parsed) ?? context.handlerPort);
  if (toHandler && port !== undefined) {
    const curl = curlCommand(toHandler.parsed, `http://127.0.0.1:${port}`, HANDLER_DROPPED_HEADERS);
    if (curl)
      choices.push({
        kind: 'curl-handler',
        label: 'Copy as curl to the handler',
        text: curl,
        truncatedBody: toHandler.body.truncated,
      });
  }
  return choices;
}
