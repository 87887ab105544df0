import http from 'node:http';
import net from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TappedSocket } from '../wire/tappedSocket';

export interface FrontDoor {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The public HTTP listener. Each connection runs over a tapped socket so the caller's request
 * and the host's answer are recorded exactly as they crossed the wire.
 */
export function openFrontDoor(
  port: number,
  host: string,
  onRequest: (req: IncomingMessage, res: ServerResponse, socket: TappedSocket) => void,
): Promise<FrontDoor> {
  const server = http.createServer({ keepAliveTimeout: 120_000 }, (req, res) => {
    onRequest(req, res, req.socket as unknown as TappedSocket);
  });
  const sockets = new Set<net.Socket>();
  const listener = net.createServer((socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    server.emit('connection', new TappedSocket(socket));
  });
  return new Promise((resolve, reject) => {
    listener.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} is unavailable. Close the process using that port, or specify another port using --port [-p].`,
            )
          : err,
      );
    });
    listener.listen(port, host, () => {
      const actual = (listener.address() as net.AddressInfo).port;
      resolve({
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            listener.close(() => done());
          }),
      });
    });
  });
}
