import http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { HandlerAgent } from '../wire/handlerAgent';
import { TappedSocket } from '../wire/tappedSocket';

export interface HandlerRequest {
  readonly port: number;
  readonly method: string;
  readonly path: string;
  /** Header lines in wire order; `Host` first as .NET's HttpClient writes it. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: Buffer;
  /** Receives a function that cancels the call (a function timeout); cheaper than an AbortSignal. */
  readonly onCancel?: (cancel: () => void) => void;
}

export interface HandlerResponse {
  readonly status: number;
  readonly reason: string;
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  /** The request and response exactly as they crossed the wire. */
  readonly sent: Buffer;
  readonly received: Buffer;
}

export class HandlerCallError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly sent: Buffer,
    readonly received: Buffer,
  ) {
    super(message);
  }
}

/**
 * One request to the handler over the host's keep-alive client, with exact header order and
 * case, no `Connection` header (as .NET's HttpClient), and the wire bytes captured.
 */
export function callHandler(agent: HandlerAgent, req: HandlerRequest): Promise<HandlerResponse> {
  return new Promise((resolve, reject) => {
    const out = http.request({
      host: '127.0.0.1',
      port: req.port,
      method: req.method,
      path: req.path,
      agent,
      setHost: false,
    });
    for (const [name, value] of req.headers) out.setHeader(name, value);
    // .NET's HttpClient sends no Connection header of its own; a forwarded caller's one stays.
    if (!req.headers.some(([name]) => name.toLowerCase() === 'connection')) out.removeHeader('connection');
    req.onCancel?.(() => out.destroy(Object.assign(new Error('cancelled'), { code: 'ABORT_ERR' })));
    const captured = () => {
      const socket = out.socket;
      return socket instanceof TappedSocket
        ? socket.takeCaptured()
        : { inbound: Buffer.alloc(0), outbound: Buffer.alloc(0) };
    };
    out.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const { inbound, outbound } = captured();
        resolve({
          status: res.statusCode ?? 0,
          reason: res.statusMessage ?? '',
          rawHeaders: res.rawHeaders,
          body: Buffer.concat(chunks),
          sent: outbound,
          received: inbound,
        });
      });
      res.on('error', (err: NodeJS.ErrnoException) => {
        const { inbound, outbound } = captured();
        reject(new HandlerCallError(err.message, err.code, outbound, inbound));
      });
    });
    out.on('error', (err: NodeJS.ErrnoException) => {
      const { inbound, outbound } = captured();
      reject(new HandlerCallError(describeCallError(err, req.port), err.code, outbound, inbound));
    });
    out.end(req.body);
  });
}

function describeCallError(err: NodeJS.ErrnoException, port: number): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return `Connection refused (127.0.0.1:${port}): the handler is not listening.`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `The handler closed the connection without answering (127.0.0.1:${port}).`;
    case 'ABORT_ERR':
      return 'The call to the handler was cancelled.';
    default:
      if (err.code?.startsWith('HPE_'))
        return `The handler's answer is not a valid HTTP response (${err.message}; 127.0.0.1:${port}).`;
      return `${err.message} (127.0.0.1:${port})`;
  }
}

export function headerValue(rawHeaders: readonly string[], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2)
    if (rawHeaders[i]!.toLowerCase() === lower) return rawHeaders[i + 1];
  return undefined;
}
