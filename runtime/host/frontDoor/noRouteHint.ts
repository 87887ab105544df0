import { formatDiagnostic } from '../../core/app/diagnostics';
import { HINTS } from '../../core/invocation/hintCatalogue';
import type { Hint } from '../../core/invocation/hints';
import type { AppContext } from '../hostContext';

/** Lists the routes and the functions an invalid function.json left out, for a 404. */
export function noRouteHint(app: AppContext, method: string, pathname: string): Hint {
  const loaded = new Set(app.app.functions.map((f) => f.name.toLowerCase()));
  const dropped = new Map<string, string>();
  // A function whose function.json failed is absent; one whose route failed is loaded but unroutable.
  const candidates = [
    ...app.app.diagnostics.filter((d) => !loaded.has(d.functionName?.toLowerCase() ?? '')),
    ...app.routes.diagnostics,
  ];
  for (const d of candidates) {
    if (d.severity !== 'error' || d.functionName === undefined || dropped.has(d.functionName)) continue;
    dropped.set(d.functionName, formatDiagnostic(d));
  }
  return HINTS.noRoute(
    method,
    pathname,
    app.routes.listing(),
    [...dropped].map(([name, reason]) => ({ name, reason })),
  );
}
