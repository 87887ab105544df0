import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './httpResponses';

/** The only names a browser may use to reach us: anything else in Host is a rebound DNS name. */
export function allowedHosts(port: number): ReadonlySet<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export function allowedOrigins(port: number): ReadonlySet<string> {
  return new Set([...allowedHosts(port)].map((host) => `http://${host}`));
}

/**
 * DNS rebinding: a page on evil.example can point its own name at 127.0.0.1, and then its
 * requests are same-origin for the browser. The Host header still says evil.example, so checking
 * it on every request (the page itself included) stops that.
 */
export function checkHost(req: IncomingMessage, hosts: ReadonlySet<string>): void {
  const host = req.headers.host?.toLowerCase();
  if (host === undefined || !hosts.has(host))
    throw new HttpError(403, 'Forbidden: this server only answers to 127.0.0.1 and localhost.');
}

/** A browser names the page that sent a request; only our own pages may send any. */
export function checkOrigin(req: IncomingMessage, origins: ReadonlySet<string>): void {
  const origin = req.headers.origin;
  if (origin !== undefined && !origins.has(origin.toLowerCase()))
    throw new HttpError(403, `Forbidden: requests from ${origin} are not accepted.`);
}

/**
 * The token is only in the index.html this server wrote, which other sites cannot read, so
 * holding it proves the request comes from one of our pages (or from a test that started us).
 * EventSource cannot set headers, so the output stream may carry it in the query instead.
 */
export function checkToken(req: IncomingMessage, url: URL, token: string, allowQuery: boolean): void {
  const header = req.headers['x-engine-token'];
  const given = typeof header === 'string' ? header : allowQuery ? url.searchParams.get('token') : null;
  if (!given) throw new HttpError(401, 'Unauthorized: the engine token is missing.');
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b))
    throw new HttpError(
      401,
      'Unauthorized: the engine token is wrong (was the server restarted? reload the page).',
    );
}
