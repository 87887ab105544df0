import { Agent, ClientRequest } from './client';
import type { HttpContext } from './context';
import { IncomingMessage } from './incomingMessage';
import { Server } from './server';
import { ServerResponse } from './serverResponse';
import { METHODS, STATUS_CODES } from './statusCodes';

export type { HttpContext, ConnectionSink } from './context';
export { Server } from './server';
export { noNetworkFetch, noNetworkMessage } from './client';

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
    get: (input: unknown, options?: unknown, callback?: unknown) => {
      const outgoing = request(input, options, callback);
      outgoing.end();
      return outgoing;
    },
    STATUS_CODES,
    METHODS,
    maxHeaderSize: 16384,
    validateHeaderName: (name: string) => {
      new ServerResponse(new IncomingMessage(undefined as never), context).setHeader(name, '');
    },
    setMaxIdleHTTPParsers: () => {},
  };
}
