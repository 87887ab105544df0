// Runs raw bytes through Node's own HTTP/1.1 parser (llhttp, via node:http over loopback) so the
// codec in runtime/core/http1 can be compared with it. Node's parser has no public byte-level
// API, so a real server (for requests) and a real client (for responses) stand in for it.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ReferenceMessage {
  method: string;
  url: string;
  status: number;
  reason: string;
  versionMajor: number;
  versionMinor: number;
  rawHeaders: string[];
  keepAlive: boolean;
  upgrade: boolean;
  body: string; // latin1, so any byte survives the comparison
}

export interface ReferenceOutcome {
  messages: ReferenceMessage[];
  /** 1xx responses Node reported as 'information' (it skips them as messages). */
  informational: number[];
  error: { code: string; message: string } | undefined;
}

function message(partial: Partial<ReferenceMessage>): ReferenceMessage {
  return {
    method: '',
    url: '',
    status: 0,
    reason: '',
    versionMajor: 0,
    versionMinor: 0,
    rawHeaders: [],
    keepAlive: false,
    upgrade: false,
    body: '',
    ...partial,
  };
}

/** A Node server that records what it parses from each connection; cases run one at a time. */
export class NodeRequestReference {
  private server: http.Server | undefined;
  private port = 0;
  private current: ReferenceOutcome | undefined;
  private pending: Promise<void>[] = [];

  async start(): Promise<void> {
    // requireHostHeader is a server policy, not a parser rule: turned off to see the parser alone.
    const server = http.createServer({ requireHostHeader: false }, (req, res) => {
      const outcome = this.current;
      const chunks: Buffer[] = [];
      this.pending.push(
        new Promise<void>((resolve) => {
          req.on('data', (chunk: Buffer) => chunks.push(chunk));
          req.on('end', () => {
            outcome?.messages.push(
              message({
                method: req.method ?? '',
                url: req.url ?? '',
                versionMajor: req.httpVersionMajor,
                versionMinor: req.httpVersionMinor,
                rawHeaders: req.rawHeaders,
                keepAlive: res.shouldKeepAlive,
                upgrade: (req as { upgrade?: boolean }).upgrade === true,
                body: Buffer.concat(chunks).toString('latin1'),
              }),
            );
            res.end();
            resolve();
          });
          req.on('error', () => resolve());
        }),
      );
    });
    const onUpgrade = (req: http.IncomingMessage, socket: net.Socket): void => {
      this.current?.messages.push(
        message({
          method: req.method ?? '',
          url: req.url ?? '',
          versionMajor: req.httpVersionMajor,
          versionMinor: req.httpVersionMinor,
          rawHeaders: req.rawHeaders,
          upgrade: true,
        }),
      );
      socket.destroy();
    };
    server.on('upgrade', onUpgrade);
    server.on('connect', onUpgrade);
    server.on('clientError', (err: NodeJS.ErrnoException, socket: net.Socket) => {
      if (this.current && !this.current.error)
        this.current.error = { code: err.code ?? '', message: err.message };
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Writes `parts` as separate socket writes, half-closes, and reports what Node parsed. */
  async parse(parts: readonly Uint8Array[]): Promise<ReferenceOutcome> {
    const outcome: ReferenceOutcome = { messages: [], informational: [], error: undefined };
    this.current = outcome;
    this.pending = [];
    await new Promise<void>((resolve) => {
      const socket = net.connect(this.port, '127.0.0.1', () => {
        for (const part of parts) socket.write(part);
        socket.end();
      });
      socket.on('data', () => undefined);
      socket.on('error', () => undefined);
      socket.on('close', () => resolve());
    });
    await Promise.all(this.pending);
    await new Promise((resolve) => setImmediate(resolve));
    this.current = undefined;
    return outcome;
  }
}

/** A raw TCP server that answers one Node client request with the given bytes, then closes. */
export async function parseResponseWithNode(
  bytes: Uint8Array,
  requestMethod = 'GET',
  closeAfter = true,
): Promise<ReferenceOutcome> {
  const outcome: ReferenceOutcome = { messages: [], informational: [], error: undefined };
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => {
      socket.write(bytes);
      if (closeAfter) socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  try {
    await new Promise<void>((resolve) => {
      const req = http.request({ port, host: '127.0.0.1', method: requestMethod, agent: false });
      const done = (): void => resolve();
      req.on('information', (info) => outcome.informational.push(info.statusCode));
      req.on('upgrade', (res, socket) => {
        outcome.messages.push(
          message({
            status: res.statusCode ?? 0,
            reason: res.statusMessage ?? '',
            versionMajor: res.httpVersionMajor,
            versionMinor: res.httpVersionMinor,
            rawHeaders: res.rawHeaders,
            upgrade: true,
          }),
        );
        socket.destroy();
        done();
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          outcome.messages.push(
            message({
              status: res.statusCode ?? 0,
              reason: res.statusMessage ?? '',
              versionMajor: res.httpVersionMajor,
              versionMinor: res.httpVersionMinor,
              rawHeaders: res.rawHeaders,
              body: Buffer.concat(chunks).toString('latin1'),
            }),
          );
          done();
        });
        res.on('error', (err: NodeJS.ErrnoException) => {
          outcome.error ??= { code: err.code ?? '', message: err.message };
          done();
        });
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        outcome.error ??= { code: err.code ?? '', message: err.message };
        done();
      });
      req.on('close', done);
      req.end();
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return outcome;
}
