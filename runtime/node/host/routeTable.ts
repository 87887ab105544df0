import type { Diagnostic } from '../../core/app/diagnostics';
import { diagnostic } from '../../core/app/diagnostics';
import type { FunctionDef } from '../../core/app/functionJson';
import { functionRouteTemplate } from '../../core/routing/functionRoute';
import type { RouteValues } from '../../core/routing/matchRoute';
import { matchRoute } from '../../core/routing/matchRoute';
import { sortByInboundPrecedence } from '../../core/routing/routePrecedence';
import type { RouteTemplate } from '../../core/routing/routeTemplate';
import { parseRouteTemplate } from '../../core/routing/routeTemplate';

interface RouteEntry {
  readonly fn: FunctionDef;
  readonly template: RouteTemplate;
}

export type RouteMatch =
  | { readonly kind: 'function'; readonly fn: FunctionDef; readonly values: RouteValues }
  | { readonly kind: 'none' };

/** HTTP functions' routes, most specific first, as ASP.NET's route collection orders them. */
export class RouteTable {
  private readonly entries: RouteEntry[];
  readonly diagnostics: Diagnostic[] = [];

  constructor(functions: readonly FunctionDef[], routePrefix: string) {
    const entries: RouteEntry[] = [];
    for (const fn of functions) {
      if (!fn.http) continue;
      const text = functionRouteTemplate(routePrefix, fn.http.route);
      const parsed = parseRouteTemplate(text);
      if (!parsed.ok) {
        this.diagnostics.push(
          diagnostic('error', fn.file, parsed.error, { where: 'route', functionName: fn.name }),
        );
        continue;
      }
      entries.push({ fn, template: parsed.template });
    }
    this.entries = sortByInboundPrecedence(entries, (e) => e.template);
  }

  /** A method outside `methods` is no match at all, so the caller gets 404, not 405. */
  match(method: string, rawPath: string): RouteMatch {
    const upper = method.toUpperCase();
    for (const entry of this.entries) {
      const methods = entry.fn.http?.methods;
      if (methods && !methods.includes(upper)) continue;
      const values = matchRoute(entry.template, rawPath);
      if (values) return { kind: 'function', fn: entry.fn, values };
    }
    return { kind: 'none' };
  }

  has(fn: FunctionDef): boolean {
    return this.entries.some((e) => e.fn === fn);
  }
}
