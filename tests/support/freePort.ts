import * as net from 'node:net';

/**
 * A loopback port nothing listens on now, for a process that must be told its port. Chosen by the
 * system, so it cannot be one a fixed number would collide with (another test's ephemeral port).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}
