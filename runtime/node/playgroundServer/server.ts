import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { handleEngineRequest } from './engineApi';
import { HttpError, SECURITY_HEADERS, sendText } from './httpResponses';
import { OutputStreams } from './outputStream';
import { allowedHosts, allowedOrigins, checkHost, checkOrigin, checkToken } from './requestGuards';
import { DEFAULT_LIMITS, SessionRegistry } from './sessionRegistry';
import type { SessionLimits } from './sessionRegistry';
import { StaticSite } from './staticSite';
import { markServerFolder, SERVER_FOLDER_PREFIX, sweepStaleServerFolders } from './staleFolders';

export interface PlaygroundServerOptions {
  /** The built site (vite's output): index.html and assets/. */
  readonly distDir: string;
  /** The host bundle (scripts/build-host.mjs's output), run with this Node. */
  readonly hostBundle: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** A loopback address only: the engine runs code on this machine. */
  readonly host?: '127.0.0.1' | '::1';
  /** Where the server makes its temp folder of app folders (default: the OS temp folder). */
  readonly tempDir?: string;
  readonly limits?: Partial<SessionLimits>;
}

export interface PlaygroundServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Output streams open now, what they hold unsent, and what their runs have written. */
  streamStats(): { open: number; bufferedBytes: number; outputChars: number };
  /** Stops every host, removes every app folder, closes the server. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * The local engine: the built playground and an API that runs the host bundle in real
 * processes, on 127.0.0.1 only. Every request must name us in Host (DNS rebinding) and, when a
 * browser says where it comes from, come from our own origin; engine requests also need the
 * token that only the index.html served here holds.
 */
export async function startPlaygroundServer(options: PlaygroundServerOptions): Promise<PlaygroundServer> {
  const bind = options.host ?? '127.0.0.1';
  if (bind !== '127.0.0.1' && bind !== '::1')
    throw new Error('The local engine binds a loopback address only.');
  const hostBundle = resolve(options.hostBundle);
  const token = randomBytes(32).toString('base64url');
  const tempDir = options.tempDir ?? tmpdir();
  // Servers killed outright (SIGKILL) left their folders; their hosts ended when their input closed.
  await sweepStaleServerFolders(tempDir);
  const root = await realpath(await mkdtemp(join(tempDir, SERVER_FOLDER_PREFIX)));
  await markServerFolder(root);
  const sessions = new SessionRegistry(root, hostBundle, { ...DEFAULT_LIMITS, ...options.limits });
  const streams = new OutputStreams();
  const site = new StaticSite(options.distDir, { kind: 'local', token });
  let hosts: ReadonlySet<string> = new Set();
  let origins: ReadonlySet<string> = new Set();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    try {
      checkHost(req, hosts);
      checkOrigin(req, origins);
      // Concatenated, not resolved: a target such as `//x` must stay a path, not become a host.
      const target = req.url ?? '/';
      const url = new URL(`http://127.0.0.1${target.startsWith('/') ? target : `/${target}`}`);
      if (url.pathname === '/engine' || url.pathname.startsWith('/engine/')) {
        const isStream = req.method === 'GET' && url.pathname.endsWith('/output');
        checkToken(req, url, token, isStream);
        await handleEngineRequest(req, res, url, sessions, streams);
      } else {
        await site.serve(req, res, url);
      }
    } catch (e) {
      if (e instanceof HttpError) {
        // The rest of an oversized or refused body is not worth reading: close the connection.
        if (!req.complete) res.setHeader('Connection', 'close');
        sendText(res, e.status, e.message);
      } else {
        console.error('[local engine]', e);
        sendText(res, 500, `Internal error: ${(e as Error).message}`);
      }
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  try {
    await new Promise<void>((ready, fail) => {
      server.once('error', fail);
      server.listen(options.port, bind, () => {
        server.off('error', fail);
        ready();
      });
    });
  } catch (e) {
    // The port is taken, most likely: leave no empty temp folder behind.
    await sessions.closeAll();
    await rm(root, { recursive: true, force: true });
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(port);
  origins = allowedOrigins(port);

  // If the process ends without close() (an uncaught error, process.exit), leave nothing behind.
  const onExit = () => {
    sessions.killAllNow();
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const stopped = new Promise<void>((done) => server.close(() => done()));
      // Stopping the hosts first lets each open output stream say `exit` before it ends.
      await sessions.closeAll();
      await rm(root, { recursive: true, force: true });
      // Whatever is still open (a slow upload, a stream of a run already gone) would hold close().
      server.closeAllConnections();
      await stopped;
      process.off('exit', onExit);
    })());

  const shown = bind === '::1' ? '[::1]' : bind;
  return { url: `http://${shown}:${port}/`, port, token, close, streamStats: () => streams.stats() };
}
