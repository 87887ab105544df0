/**
 * The composer keeps one request target (`/api/order?x=1`) in the store and edits it as two
 * parts: the path, and the query as key/value rows. These helpers move between the two without
 * rewriting what the person typed more than they must.
 */

export type QueryRow = readonly [string, string];

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

/** Splits a target into its path and its query rows (decoded for display). */
export function splitTarget(target: string): { path: string; query: QueryRow[] } {
  const q = target.indexOf('?');
  if (q < 0) return { path: target, query: [] };
  const query = target
    .slice(q + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair): QueryRow => {
      const eq = pair.indexOf('=');
      return eq < 0 ? [decode(pair), ''] : [decode(pair.slice(0, eq)), decode(pair.slice(eq + 1))];
    });
  return { path: target.slice(0, q), query };
}

/** Sets the query from rows (rows without a key are left out), keeping the path. */
export function withQuery(target: string, rows: readonly QueryRow[]): string {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const pairs = rows
    .filter(([key]) => key !== '')
    .map(([key, value]) =>
      value === '' ? encodeURIComponent(key) : `${encodeURIComponent(key)}=${encodeURIComponent(value)}`,
    );
  return pairs.length === 0 ? path : `${path}?${pairs.join('&')}`;
}

/** Makes a target the host accepts: it starts with `/` and has no whitespace. */
export function normalizeTarget(target: string): string {
  const trimmed = target.trim().replace(/\s/g, (c) => encodeURIComponent(c));
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/**
 * The path of a function's URL (`http://localhost:7071/api/products/{id?}` → `/api/products/{id?}`),
 * read as text so route template braces are not percent-encoded the way `new URL` would.
 */
export function pathOfUrl(url: string): string {
  const rest = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  // A `?` inside braces marks an optional route parameter, not a query.
  let depth = 0;
  let end = rest.length;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if ((c === '?' && depth === 0) || c === '#') {
      end = i;
      break;
    }
  }
  const path = rest.slice(0, end);
  return path.startsWith('/') ? path : `/${path}`;
}

/**
 * A path to start from for a route template: optional parameters (`{id?}`, `{id:int?}`) left
 * out, required ones kept as `{name}` for the person to fill in.
 */
export function pathForRoute(templatePath: string): string {
  const path = templatePath.replace(/\/\{[^{}]*\?\}/g, '').replace(/\{([^{}]*)\?\}/g, '');
  return path === '' ? '/' : path;
}

/**
 * Whether a path falls under a route template (`/api/products/{id?}` takes `/api/products` and
 * `/api/products/7`), case-insensitively as the host routes. Constraints are not checked.
 */
export function matchesRoute(templatePath: string, path: string): boolean {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let pattern = '';
  let last = 0;
  for (const m of templatePath.matchAll(/(\/?)\{([^{}]*)\}/g)) {
    pattern += escape(templatePath.slice(last, m.index));
    const [, slash, inner] = m as unknown as [string, string, string];
    const segment = inner.startsWith('*') ? '.*' : '[^/]+';
    pattern += inner.endsWith('?') ? `(?:${escape(slash)}${segment})?` : `${escape(slash)}${segment}`;
    last = m.index + m[0].length;
  }
  pattern += escape(templatePath.slice(last));
  return new RegExp(`^${pattern}/?$`, 'i').test(path);
}
