import type { ClientCall, ClientResult, HttpClient } from '../http/httpClient';
import { ClientError } from '../http/httpClient';

export type HandlerResponse = ClientResult;
export { ClientError as HandlerCallError };

/**
 * One request to the handler over the host's keep-alive client, with exact header order and
 * case, no `Connection` header (as .NET's HttpClient), and the wire bytes captured. Errors are
 * reworded for a person reading the exchange.
 */
export function callHandler(client: HttpClient, port: number, call: ClientCall): Promise<HandlerResponse> {
  return client.call(port, call).catch((e: unknown) => {
    if (e instanceof ClientError)
      throw new ClientError(describeCallError(e, port), e.code, e.sent, e.received);
    throw e;
  });
}

function describeCallError(err: ClientError, port: number): string {
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
