import { Agent, ClientRequest } from './client';
import type { HttpContext } from './context';
import { IncomingMessage } from './incomingMessage';
import { Server } from './server';
import { ServerResponse } from './serverResponse';
import { METHODS, STATUS_CODES } from './statusCodes';

export type { HttpContext, ConnectionSink } from './context';
export { Server } from './server';
export { noNetworkFetch, noNetworkMessage } from './client';

type Request = (input: unknown, options?: unknown, callback?: unknown) => ClientRequest;

/** `get` of a module whose `request` is given: the same request, ended at once. */
function getWith(request: Request): Request {
  return (input, options, callback) => {
    const outgoing = request(input, options, callback);
    outgoing.end();
    return outgoing;
  };
}

/** The `http` module for one handler process (its servers listen through `context`). */
export function createHttpModule(context: HttpContext) {
  const globalAgent = new Agent({ keepAlive: true });
  // `new http.Server()` and `http.Server()` both work in Node; a function keeps both.
  function HttpServer(options?: unknown, listener?: (...args: unknown[]) => void): Server {
    return new Server(context, options, listener);
  }
  HttpServer.prototype = Server.prototype;
  const request = (input: unknown, options?: unknown, callback?: unknown) =>
    new ClientRequest(context, input, options, callback);
  return {
    createServer: (options?: unknown, listener?: (...args: unknown[]) => void) =>
      new Server(context, options, listener),
    Server: HttpServer,
    IncomingMessage,
    ServerResponse,
    OutgoingMessage: ServerResponse,
    ClientRequest,
    Agent,
    globalAgent,
    request,
    get: getWith(request),
    STATUS_CODES,
    METHODS,
    maxHeaderSize: 16384,
    validateHeaderName: (name: string) => {
      new ServerResponse(new IncomingMessage(undefined as never), context).setHeader(name, '');
    },
    setMaxIdleHTTPParsers: () => {},
  };
}

/** Why an HTTPS server is refused: the host never calls a handler over TLS. */
export const HTTPS_SERVER_MESSAGE =
  'https.createServer cannot serve this handler: the Functions host calls a custom handler over ' +
  'plain HTTP (http://127.0.0.1:<FUNCTIONS_CUSTOMHANDLER_PORT>), never HTTPS. Serve it with ' +
  'http.createServer.';

/**
 * The `https` module: its client fails as http's does (no network in the page), so a handler
 * that keeps one for outbound calls still loads and answers its other routes; a server is
 * refused with the reason.
 */
export function createHttpsModule(context: HttpContext) {
  const request = (input: unknown, options?: unknown, callback?: unknown) =>
    new ClientRequest(context, input, options, callback, 'https');
  const refuseServer = (): never => {
    throw new Error(HTTPS_SERVER_MESSAGE);
  };
  return {
    Agent,
    globalAgent: new Agent({ keepAlive: true }),
    request,
    get: getWith(request),
    createServer: refuseServer,
    Server: refuseServer,
  };
}
