import type { RouteSegment, RouteTemplate } from './routeTemplate';

/*
 * Inbound route precedence, as ASP.NET Core's RoutePrecedence.ComputeInbound defines it
 * (src/Http/Routing/src/Template/RoutePrecedence.cs). Each segment gets one digit:
 *   1  literal segment
 *   2  parameter with at least one inline constraint, or a segment of several parts (`{a}.{b}`)
 *   3  parameter without constraints
 *   4  catch-all with a constraint
 *   5  catch-all without constraints
 * The digits become a decimal, first segment before the point (`api/template/{id}` = 1.13,
 * `api/{id:int}` = 1.2), and a LOWER value is tried first. Optional and default values do not change a
 * digit: `{id?}` ranks like `{id}`. ASP.NET refuses to compute it for more than 28 segments.
 *
 * What the Functions host itself does (checked in source, not assumed):
 * - WebScriptHostHttpRoutesManager maps one Route per HTTP function into WebJobsRouteBuilder, iterating
 *   host.Functions; WebJobsRouteBuilder.Build adds them to a RouteCollection in that order; WebJobsRouter
 *   hands requests to the RouteCollection, which takes the FIRST route that matches. No precedence is
 *   computed anywhere in that path.
 * - So when two functions' routes both match, the real host picks the one registered first, which users
 *   report to be alphabetical by function name (the host has a FunctionMetadataNameComparer, ordinal
 *   ignoring case). See Azure/azure-functions-host#3153 and #9876 (open) and the unmerged
 *   Azure/azure-webjobs-sdk-extensions#842 "order HTTP routes in a logical way"; third-party packages
 *   (AzureFunctionsRoutePriority) re-sort the routes by RoutePrecedence.ComputeInbound to get ASP.NET's
 *   behaviour.
 * Sorting by this precedence therefore follows ASP.NET, not the current host. The sort is stable, so
 * routes of equal precedence keep the order they are given in.
 */

/** One digit per segment, as ComputeInboundPrecedenceDigit assigns them. */
export function inboundPrecedenceDigits(template: RouteTemplate): number[] {
  return template.segments.map(segmentDigit);
}

function segmentDigit(segment: RouteSegment): number {
  const [part] = segment.parts;
  if (segment.parts.length > 1) return 2;
  if (part === undefined || part.kind !== 'parameter') return 1;
  const base = part.isCatchAll ? 5 : 3;
  return part.constraints.length > 0 ? base - 1 : base;
}

/** The precedence as ASP.NET's decimal prints it: "1.13", "2", or "0" for the empty template. */
export function computeInboundPrecedence(template: RouteTemplate): string {
  const [first, ...rest] = inboundPrecedenceDigits(template);
  if (first === undefined) return '0';
  return rest.length === 0 ? String(first) : `${first}.${rest.join('')}`;
}

/**
 * Negative when `a` should be tried before `b`. Digits are never 0, so comparing the decimals is the same
 * as comparing digit lists where a missing digit counts as 0 (a shorter prefix goes first).
 */
export function compareInboundPrecedence(a: RouteTemplate, b: RouteTemplate): number {
  const da = inboundPrecedenceDigits(a);
  const db = inboundPrecedenceDigits(b);
  for (let i = 0; i < Math.max(da.length, db.length); i++) {
    const diff = (da[i] ?? 0) - (db[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Returns a new array, most specific route first; ties keep their input order. */
export function sortByInboundPrecedence<T>(items: readonly T[], templateOf: (item: T) => RouteTemplate): T[] {
  return items
    .map((item, index) => ({ item, index, template: templateOf(item) }))
    .sort((x, y) => compareInboundPrecedence(x.template, y.template) || x.index - y.index)
    .map((entry) => entry.item);
}
