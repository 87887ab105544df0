import type { AppModel } from '../app/appModel';
import type { FunctionDef } from '../app/functionJson';
import { httpModeOf } from '../invocation/httpMode';
import { formatRouteForDisplay } from '../routing/functionRoute';
import type { FunctionInfo } from './protocol';

const ALL_METHODS = ['GET', 'POST', 'DELETE', 'HEAD', 'PATCH', 'PUT', 'OPTIONS'];

/** The functions as the playground lists them: trigger, methods, route, URL and HTTP mode. */
export function functionList(
  app: AppModel,
  functions: readonly FunctionDef[],
  frontDoorPort: number,
): FunctionInfo[] {
  const prefix = app.host?.routePrefix ?? 'api';
  const base = `http://localhost:${frontDoorPort}`;
  const customHandler = app.host?.customHandler;
  return functions.map((fn) => ({
    name: fn.name,
    trigger: fn.trigger.type,
    disabled: fn.disabled,
    ...(fn.http && {
      methods: fn.http.methods ?? ALL_METHODS,
      route: fn.http.route,
      url: `${base}/${formatRouteForDisplay(fn.http.route, prefix)}`,
      authLevel: fn.http.authLevel,
      ...(customHandler && { mode: httpModeOf(fn, customHandler) }),
    }),
  }));
}
