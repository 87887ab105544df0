/** `extensions.http.routePrefix` when host.json does not set it. */
export const DEFAULT_ROUTE_PREFIX = 'api';

/**
 * The template the host registers for a function (WebJobsRouteBuilder.BuildRouteTemplate): the prefix, a
 * '/', then the route, verbatim. Nothing is trimmed, so a route written as "/hello" under the default
 * prefix becomes "api//hello", which the host rejects at startup (consecutive separators). `route` is the
 * binding's `route`, or the function name when it has none.
 */
export function functionRouteTemplate(routePrefix: string, route: string): string {
  return routePrefix === '' ? route : `${routePrefix}/${route}`;
}

/**
 * What Core Tools prints after `http://localhost:7071/` in its `Functions:` banner
 * (DisplayFunctionsInfoUtilities): the prefix with one '/' added unless empty or already ending in '/',
 * then the route exactly as written in function.json, braces and constraints included. A leading '/' is
 * NOT removed: with an empty prefix the route "/{*path}" is printed as `http://localhost:7071//{*path}`.
 */
export function formatRouteForDisplay(route: string, routePrefix: string = DEFAULT_ROUTE_PREFIX): string {
  const prefix = routePrefix === '' || routePrefix.endsWith('/') ? routePrefix : `${routePrefix}/`;
  return `${prefix}${route}`;
}
