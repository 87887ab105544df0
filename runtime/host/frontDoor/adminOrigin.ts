import type { ServerRequest } from '../http/serverConnection';

/**
 * The Origin of an admin request sent by a web page of another site, or undefined when the
 * request may go on. A browser names the page's origin on every cross-site POST, so a page
 * elsewhere cannot make a visitor's browser run functions here; tools send no Origin (curl,
 * scripts, the playground's own calls) and a page served by this host names this host.
 * Core Tools does not check this; see docs/deviations.md.
 */
export function foreignOrigin(req: ServerRequest): string | undefined {
  const origin = req.header('origin');
  if (origin === undefined) return undefined;
  const host = req.header('host')?.toLowerCase();
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return origin; // `null` (a sandboxed frame, a file) or garbage: not this host
  }
  if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host.toLowerCase() === host)
    return undefined;
  return origin;
}
