import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { TappedSocket } from './tappedSocket';

/**
 * The host's HttpClient to the handler: keep-alive connections over tapped sockets, so every
 * request and response is recorded byte for byte.
 */
export class HandlerAgent extends http.Agent {
  constructor() {
    super({ keepAlive: true, maxSockets: 256 });
  }

  // The Agent calls back itself when a socket is returned.
  override createConnection(options: net.NetConnectOpts): Duplex {
    const socket = net.connect(options);
    socket.setNoDelay(true);
    return new TappedSocket(socket);
  }
}
