import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
};

/** A fixed route: a body with its type, or a handler of its own (a bench's report endpoint). */
export type ExtraRoute =
  | { readonly type: string; readonly body: string }
  | ((request: IncomingMessage, response: ServerResponse) => void);

/** A route that takes a page's beacon: answers 204, then hands on the JSON it carried. */
export function beaconRoute<T>(onBody: (body: T) => void): ExtraRoute {
  return (request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      response.writeHead(204).end();
      onBody(JSON.parse(body) as T);
    });
  };
}

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves a folder as a plain static host does (GitHub Pages, a docs site): files and their
 * content types, nothing else: no COOP/COEP, so the page is not cross-origin isolated. `extra`
 * adds fixed routes (a test harness page, or a handler) next to the files; `headers` go on every response
 * (to stand in for a host that reads public/_headers).
 */
export async function startStaticServer(
  root: string,
  extra: Readonly<Record<string, ExtraRoute>> = {},
  headers: Readonly<Record<string, string>> = {},
): Promise<StaticServer> {
  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const route = extra[path];
    if (typeof route === 'function') {
      route(request, response);
      return;
    }
    if (route) {
      response.writeHead(200, { 'Content-Type': route.type });
      response.end(route.body);
      return;
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : decodeURIComponent(path)));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
        response.end(body);
      },
      () => response.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
