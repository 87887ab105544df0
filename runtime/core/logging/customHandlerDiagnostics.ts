/**
 * The Debug and Trace lines the host writes about a custom handler, in its words
 * (DefaultHttpWorkerService, LoggerExtension's CustomHandler* messages). They appear only when
 * host.json's logging.logLevel lets Debug or Trace through, or with --verbose.
 */
import { HOST_VERSION } from '../hostVersion';

// The assembly version: the file version's first three parts and 0.
const ASSEMBLY_VERSION = `${HOST_VERSION.split('.').slice(0, 3).join('.')}.0`;

export const HTTP_WORKER_SERVICE_CATEGORY =
  'Microsoft.Azure.WebJobs.Script.Workers.Http.DefaultHttpWorkerService';

/** The function's own logger: the request and response traces go there. */
export function functionCategory(functionName: string): string {
  return `Function.${functionName}`;
}

export const DEBUG_LINES = {
  sending: (fn: string, id: string) => `Sending invocation for function: '${fn}' invocationId: '${id}'`,
  received: (fn: string, id: string) =>
    `Received invocation response for function: '${fn}' invocationId: '${id}'`,
  forwarding: (fn: string, id: string) =>
    `Forwarding httpTrigger invocation for function: '${fn}' invocationId: '${id}'`,
  outputsNotSet: (id: string) => `Outputs not set on http response for invocationId:${id}`,
  returnValueNotSet: (id: string) => `ReturnValue not set on http response for invocationId:${id}`,
  waitingForWorker: (port: number, message: string) =>
    `Waiting for HttpWorker to be initialized. Request to: http://127.0.0.1:${port}/ failing with exception message: ${message}`,
};

/** HttpClient's words for a refused connection, as the readiness line quotes them. */
export function connectionRefusedMessage(port: number): string {
  return `Connection refused (127.0.0.1:${port})`;
}

/**
 * `Invocation Request:{HttpRequestMessage}`: .NET's ToString of the request the host sends, its
 * headers dumped one a line between braces (request headers, then the content's).
 */
export function invocationRequestTrace(
  port: number,
  functionName: string,
  headers: readonly (readonly [string, string])[],
): string {
  const content = `System.Net.Http.ObjectContent\`1[[Microsoft.Azure.WebJobs.Script.Workers.Http.HttpScriptInvocationContext, Microsoft.Azure.WebJobs.Script, Version=${ASSEMBLY_VERSION}, Culture=neutral, PublicKeyToken=null]]`;
  return `Invocation Request:Method: POST, RequestUri: 'http://127.0.0.1:${port}/${functionName}', Version: 1.1, Content: ${content}, Headers:\n${dumpHeaders(headers.filter(([k]) => !isFraming(k)))}`;
}

/** `Invocation Response:{HttpResponseMessage}`. */
export function invocationResponseTrace(
  status: number,
  reason: string,
  rawHeaders: readonly string[],
): string {
  return `Invocation Response:${dotnetResponseToString(status, reason, rawHeaders)}`;
}

/** .NET's HttpResponseMessage.ToString() for the handler's answer. */
export function dotnetResponseToString(
  status: number,
  reason: string,
  rawHeaders: readonly string[],
): string {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) pairs.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
  // .NET keeps response headers and content headers apart and dumps the first group first.
  const ordered = [
    ...pairs.filter(([k]) => !isContentHeader(k)),
    ...pairs.filter(([k]) => isContentHeader(k)),
  ];
  return `StatusCode: ${status}, ReasonPhrase: '${reason}', Version: 1.1, Content: System.Net.Http.HttpConnectionResponseContent, Headers:\n${dumpHeaders(ordered)}`;
}

function dumpHeaders(headers: readonly (readonly [string, string])[]): string {
  return `{\n${headers.map(([k, v]) => `  ${k}: ${v}\n`).join('')}}`;
}

function isContentHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower.startsWith('content-') || lower === 'expires' || lower === 'last-modified' || lower === 'allow'
  );
}

// Host and the chunked framing are written by the connection, not held by the message.
function isFraming(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'host' || lower === 'transfer-encoding';
}
