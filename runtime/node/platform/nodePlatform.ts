import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import net from 'node:net';
import { availableParallelism, hostname } from 'node:os';
import type { Platform, StreamError } from '../../host/platform';
import { readAppFiles } from './appFiles';
import { spawnHandler } from './childProcess';
import { canBind, pickFreePort } from './ports';
import { socketStream } from './socketStream';
import { randomUuid } from './uuid';
import { RegexPool } from '../../host/regex/regexPool';
import { startNodeRegexWorker } from './regexWorker';

/** The host on Node: TCP sockets, child processes and the file system. */
export function createNodePlatform(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Platform {
  const regexes = new RegexPool(startNodeRegexWorker);
  return {
    name: 'node',
    env,
    listen: (port, host, onConnection) =>
      new Promise((resolve, reject) => {
        const sockets = new Set<net.Socket>();
        const server = net.createServer((socket) => {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          onConnection(socketStream(socket));
        });
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve({
            port: (server.address() as net.AddressInfo).port,
            close: () =>
              new Promise<void>((done) => {
                for (const s of sockets) s.destroy();
                server.close(() => done());
              }),
          });
        });
      }),
    connect: (port, host) =>
      new Promise((resolve, reject) => {
        const socket = net.connect(port, host);
        socket.once('error', (e: StreamError) => reject(e));
        socket.once('connect', () => {
          socket.removeAllListeners('error');
          resolve(socketStream(socket));
        });
      }),
    pickFreePort,
    canBind,
    spawn: spawnHandler,
    fileExists: (path) => {
      try {
        return statSync(path).isFile();
      } catch {
        return false;
      }
    },
    readAppFiles,
    now: () => Date.now(),
    monotonic: () => performance.now(),
    randomUUID: randomUuid,
    randomBytes: (n) => randomBytes(n),
    hostname: () => hostname(),
    processorCount: () => availableParallelism(),
    defaultTimeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    testRegex: (pattern, input, timeoutMs) => regexes.test(pattern, input, timeoutMs),
  };
}
