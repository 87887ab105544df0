import { kestrelRequestHeaders } from '../http/kestrelHeaders';
import { HOST_VERSION } from '../hostVersion';

export type HeaderLines = [string, string][];

// Content headers travel with the body in .NET; the rest are request headers.
const CONTENT_HEADERS = new Set(['content-length', 'content-type', 'transfer-encoding']);
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Payload mode: what the host's HttpClient sends with `POST /{FunctionName}`, in its order. */
export function payloadRequestHeaders(port: number, invocationId: string): HeaderLines {
  return [
    ['Host', `127.0.0.1:${port}`],
    ['X-Azure-Functions-HostVersion', HOST_VERSION],
    ['X-Azure-Functions-InvocationId', invocationId],
    ['User-Agent', `Azure-Functions-Host/${HOST_VERSION}`],
    ['Transfer-Encoding', 'chunked'],
    ['Content-Type', 'application/json; charset=utf-8'],
  ];
}

/**
 * Forwarding: the caller's headers rebuilt as .NET's HttpRequestMessage holds them (Kestrel's
 * order, content headers with the body only when Content-Length > 0), the host's User-Agent
 * appended, then the invocation headers.
 */
export function forwardRequestHeaders(
  callerRawHeaders: readonly string[],
  invocationId: string,
  body: { readonly sendBody: boolean; readonly length: number; readonly contentType: string | undefined },
): HeaderLines {
  const headers: HeaderLines = [];
  let sawUserAgent = false;
  for (const [name, values] of kestrelRequestHeaders(callerRawHeaders)) {
    if (CONTENT_HEADERS.has(name.toLowerCase())) continue;
    let value = values.join(', ');
    if (name.toLowerCase() === 'user-agent') {
      value = `${value} Azure-Functions-Host/${HOST_VERSION}`;
      sawUserAgent = true;
    }
    headers.push([name, value]);
  }
  headers.push(['X-Azure-Functions-HostVersion', HOST_VERSION]);
  headers.push(['X-Azure-Functions-InvocationId', invocationId]);
  if (!sawUserAgent) headers.push(['User-Agent', `Azure-Functions-Host/${HOST_VERSION}`]);
  if (body.sendBody) {
    headers.push(['Content-Length', String(body.length)]);
    if (body.contentType) headers.push(['Content-Type', body.contentType]);
  }
  return headers;
}

/** Forwarding's answer to the caller: the handler's headers (Date and Server too) minus framing and connection ones. */
export function forwardResponseHeaders(handlerRawHeaders: readonly string[], bodyLength: number): string[] {
  const relayed: string[] = [];
  let chunked = false;
  for (let i = 0; i + 1 < handlerRawHeaders.length; i += 2)
    if (
      handlerRawHeaders[i]!.toLowerCase() === 'transfer-encoding' &&
      /chunked/i.test(handlerRawHeaders[i + 1]!)
    )
      chunked = true;
  for (let i = 0; i + 1 < handlerRawHeaders.length; i += 2) {
    const name = handlerRawHeaders[i]!;
    const lower = name.toLowerCase();
    if (lower === 'transfer-encoding' && chunked) continue;
    if (lower === 'connection' || lower === 'keep-alive') continue;
    // Date and Server stay: Kestrel adds its own only to a response that has none.
    if (lower === 'content-length') continue;
    relayed.push(name, handlerRawHeaders[i + 1]!);
  }
  relayed.push('Content-Length', String(bodyLength));
  return relayed;
}

/**
 * Proxying, as YARP does it: the caller's headers minus hop-by-hop and spoofable ones, `Host`
 * first, then X-Forwarded-* and the invocation headers.
 */
export function proxyRequestHeaders(
  callerRawHeaders: readonly string[],
  port: number,
  invocationId: string,
  remoteAddress: string,
): HeaderLines {
  const headers: HeaderLines = [['Host', `127.0.0.1:${port}`]];
  let originalHost = '';
  for (let i = 0; i + 1 < callerRawHeaders.length; i += 2) {
    const name = callerRawHeaders[i]!;
    const lower = name.toLowerCase();
    if (lower === 'host') {
      originalHost = callerRawHeaders[i + 1]!;
      continue;
    }
    if (HOP_BY_HOP.has(lower) && lower !== 'transfer-encoding') continue;
    if (lower.startsWith('x-forwarded-') || lower === 'x-azure-functions-hostversion') continue;
    if (lower === 'x-azure-functions-invocationid' || lower === 'x-ms-invocation-id') continue;
    headers.push([name, callerRawHeaders[i + 1]!]);
  }
  headers.push(['X-Forwarded-For', remoteAddress.replace(/^::ffff:/, '')]);
  headers.push(['X-Forwarded-Proto', 'http']);
  headers.push(['X-Forwarded-Host', originalHost]);
  headers.push(['X-Azure-Functions-HostVersion', HOST_VERSION]);
  headers.push(['X-Azure-Functions-InvocationId', invocationId]);
  headers.push(['x-ms-invocation-id', invocationId]);
  return headers;
}

/** Proxying's answer to the caller: the handler's headers minus hop-by-hop ones. */
export function proxyResponseHeaders(handlerRawHeaders: readonly string[]): string[] {
  const relayed: string[] = [];
  for (let i = 0; i + 1 < handlerRawHeaders.length; i += 2) {
    if (HOP_BY_HOP.has(handlerRawHeaders[i]!.toLowerCase())) continue;
    relayed.push(handlerRawHeaders[i]!, handlerRawHeaders[i + 1]!);
  }
  return relayed;
}
