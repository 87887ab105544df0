import type { Diagnostic } from '../app/diagnostics';
import { diagnostic } from '../app/diagnostics';
import type { FunctionDef } from '../app/functionJson';
import { functionRouteTemplate } from './functionRoute';
import type { RegexTester, RouteValues } from './matchRoute';
import { matchRoute, matchRouteAsync } from './matchRoute';
import type { RouteTemplate } from './routeTemplate';
import { parseRouteTemplate } from './routeTemplate';

interface RouteEntry {
  readonly fn: FunctionDef;
  readonly template: RouteTemplate;
  /** The template as written with the prefix, e.g. `api/products/{id:int}`. */
  readonly text: string;
}

export type RouteMatch =
  | { readonly kind: 'function'; readonly fn: FunctionDef; readonly values: RouteValues }
  | { readonly kind: 'none' };

/**
 * HTTP functions' routes in function order (by name, ignoring case). The host adds one route per
 * function to a RouteCollection, which takes the first match: it does not rank routes by
 * specificity, so `products/{id}` in function A shadows `products/new` in function B.
 */
export class RouteTable {
  private readonly entries: RouteEntry[];
  readonly diagnostics: Diagnostic[] = [];

  constructor(functions: readonly FunctionDef[], routePrefix: string) {
    const entries: RouteEntry[] = [];
    for (const fn of functions) {
      if (!fn.http) continue;
      const text = functionRouteTemplate(routePrefix, fn.http.route);
      const nul = fn.http.route.indexOf('\u0000');
      if (nul >= 0) {
        const message =
          `The route '${fn.http.route.split('\u0000').join('\\u0000')}' holds a NUL character (\\u0000) at ` +
          `position ${nul + 1}; a route cannot contain one (it is usually a file damaged in transit). Remove it.`;
        this.diagnostics.push(
          diagnostic('error', fn.file, message, { where: 'route', functionName: fn.name }),
        );
        continue;
      }
      const parsed = parseRouteTemplate(text);
      if (!parsed.ok) {
        this.diagnostics.push(
          diagnostic('error', fn.file, parsed.error, { where: 'route', functionName: fn.name }),
        );
        continue;
      }
      entries.push({ fn, template: parsed.template, text });
    }
    this.entries = entries;
    this.hasRegex = entries.some((e) =>
      e.template.parameters.some((p) => p.constraints.some((c) => c.pattern)),
    );
  }

  private readonly hasRegex: boolean;

  /**
   * `match` at once, for a table whose routes hold no `regex(...)` constraint (the usual case):
   * undefined when one does, and only `match` can answer.
   */
  matchNow(method: string, rawPath: string): RouteMatch | undefined {
    if (this.hasRegex) return undefined;
    const upper = method.toUpperCase();
    for (const entry of this.entries) {
      const methods = entry.fn.http?.methods;
      if (methods && !methods.includes(upper)) continue;
      const values = matchRoute(entry.template, rawPath);
      if (values) return { kind: 'function', fn: entry.fn, values };
    }
    return { kind: 'none' };
  }

  /**
   * A method outside `methods` is no match at all, so the caller gets 404, not 405. Regex
   * constraints go through `testRegex`, tagged with the function whose route holds them.
   */
  async match(
    method: string,
    rawPath: string,
    testRegex: (fn: FunctionDef) => RegexTester,
  ): Promise<RouteMatch> {
    const upper = method.toUpperCase();
    for (const entry of this.entries) {
      const methods = entry.fn.http?.methods;
      if (methods && !methods.includes(upper)) continue;
      const values = await matchRouteAsync(entry.template, rawPath, testRegex(entry.fn));
      if (values) return { kind: 'function', fn: entry.fn, values };
    }
    return { kind: 'none' };
  }

  /** Every route in match order, as a person reads it: methods, template, function. */
  listing(): { readonly name: string; readonly methods?: readonly string[]; readonly route: string }[] {
    return this.entries.map(({ fn, text }) => ({
      name: fn.name,
      ...(fn.http?.methods && { methods: fn.http.methods }),
      route: text,
    }));
  }

  has(fn: FunctionDef): boolean {
    return this.entries.some((e) => e.fn === fn);
  }
}
