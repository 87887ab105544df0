import { matchComplexSegment } from './complexSegment';
import { equalsIgnoreCase } from './ordinalIgnoreCase';
import { decodeRequestPath } from './requestPath';
import type { RegexPattern } from './routeConstraints';
import { parseRouteTemplate, type RouteParameter, type RouteTemplate } from './routeTemplate';

/**
 * Route values as the host hands them to the handler (`Params`): every parameter of the template, as a
 * string, or null when an optional parameter or a catch-all got nothing and has no default.
 */
export type RouteValues = Record<string, string | null>;

/**
 * Matches a request path against a full route template (route prefix included, e.g.
 * `api/products/{id:int}`) the way the host's legacy ASP.NET Core `Route` does: TemplateMatcher, then the
 * inline constraints, then the host's FunctionInvocationMiddleware, which adds null for optional parameters
 * that got no value.
 *
 * `requestPath` is the raw path as sent, still percent-encoded, without the query; see decodeRequestPath.
 * Returns undefined when the route does not match. A template given as text must be valid: an invalid one
 * throws, as the real host refuses to start with it.
 */
export function matchRoute(template: RouteTemplate | string, requestPath: string): RouteValues | undefined {
  const parsed = typeof template === 'string' ? parseOrThrow(template) : template;
  const path = decodeRequestPath(requestPath);
  if (path === undefined) return undefined;
  const values = matchTemplate(parsed, path);
  if (values === undefined || !constraintsPass(parsed.parameters, values)) return undefined;
  return withNulls(parsed, values);
}

/**
 * Runs one `regex(...)` constraint; it may reject (a match that ran past its time limit), which
 * fails the request as ASP.NET's RegexMatchTimeoutException does.
 */
export type RegexTester = (pattern: RegexPattern, value: string) => Promise<boolean>;

/** matchRoute with regex constraints run by `testRegex` (off the host's thread), others at once. */
export async function matchRouteAsync(
  template: RouteTemplate,
  requestPath: string,
  testRegex: RegexTester,
): Promise<RouteValues | undefined> {
  const path = decodeRequestPath(requestPath);
  if (path === undefined) return undefined;
  const values = matchTemplate(template, path);
  if (values === undefined) return undefined;
  for (const p of template.parameters) {
    if (p.isOptional && !(p.name in values)) continue;
    const value = values[p.name] ?? null;
    for (const c of p.constraints) {
      const ok = c.pattern && value !== null ? await testRegex(c.pattern, value) : c.matches(value);
      if (!ok) return undefined;
    }
  }
  return withNulls(template, values);
}

function withNulls(template: RouteTemplate, values: RouteValues): RouteValues {
  for (const p of template.parameters) {
    if (!(p.name in values)) values[p.name] = null;
  }
  return values;
}

function parseOrThrow(template: string): RouteTemplate {
  const result = parseRouteTemplate(template);
  if (!result.ok) throw new Error(result.error);
  return result.template;
}

/**
 * PathTokenizer: the text between slashes after the leading one, ignoring one trailing slash. `start` is
 * kept because a catch-all takes the rest of the path from there, slashes and trailing slash included.
 */
function tokenize(path: string): { text: string; start: number }[] {
  const tokens: { text: string; start: number }[] = [];
  let i = 1;
  while (i < path.length) {
    const slash = path.indexOf('/', i);
    const end = slash === -1 ? path.length : slash;
    tokens.push({ text: path.slice(i, end), start: i });
    i = end + 1;
  }
  return tokens;
}

/** RoutePatternMatcher.TryMatch, with the Route's inline defaults. Null values are empty catch-alls. */
function matchTemplate(template: RouteTemplate, path: string): RouteValues | undefined {
  const values: RouteValues = Object.create(null) as RouteValues;
  const segments = template.segments;
  const tokens = tokenize(path);
  let s = 0;
  for (const token of tokens) {
    // An empty segment ("//") fails even where a catch-all would otherwise take it.
    if (token.text.length === 0) return undefined;
    const segment = segments[s];
    if (segment === undefined) return undefined;
    const [only] = segment.parts;
    if (only === undefined) return undefined;
    if (segment.parts.length > 1) {
      if (!matchComplexSegment(segment.parts, token.text, values)) return undefined;
    } else if (only.kind !== 'parameter') {
      if (!equalsIgnoreCase(token.text, only.text)) return undefined;
    } else if (only.isCatchAll) {
      values[only.name] = path.slice(token.start);
      s = segments.length;
      break;
    } else {
      values[only.name] = token.text;
    }
    s++;
  }
  // Segments the path did not reach must be lone parameters that can do without a value.
  for (; s < segments.length; s++) {
    const parts = segments[s]!.parts;
    const only = parts[0];
    if (parts.length !== 1 || only?.kind !== 'parameter') return undefined;
    if (only.isCatchAll) {
      values[only.name] = only.defaultValue ?? null;
      break;
    }
    if (only.defaultValue === undefined && !only.isOptional) return undefined;
  }
  for (const p of template.parameters) {
    if (p.defaultValue !== undefined && !(p.name in values)) values[p.name] = p.defaultValue;
  }
  return values;
}

/** RouteConstraintMatcher: an optional parameter without a value skips its constraints. */
function constraintsPass(parameters: readonly RouteParameter[], values: RouteValues): boolean {
  return parameters.every((p) => {
    if (p.isOptional && !(p.name in values)) return true;
    const value = values[p.name] ?? null;
    return p.constraints.every((c) => c.matches(value));
  });
}
