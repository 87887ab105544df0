import { jsonArray, jsonObject, jsonString } from '../json/jsonNode';
import { routePatternError } from '../routing/routeTemplate';
import { HTTP_METHODS } from './bindingTypes';
import type { AuthLevel } from './bindingTypes';
import type { Diagnostic } from './diagnostics';
import { diagnostic } from './diagnostics';
import type { BindingDef, FunctionDef } from './functionJson';
import { HOST_JSON } from './hostJson';
import type { HostHttpRoute } from './hostJson';

/** A line the host logs while it loads the app (the functions it creates, the port it uses). */
export interface StartupLine {
  readonly level: 'information' | 'debug';
  readonly category: string;
  readonly message: string;
}

export const FUNCTION_PROVIDER_CATEGORY =
  'Microsoft.Azure.WebJobs.Script.Workers.Http.HttpWorkerFunctionProvider';

export type HostRoutesResult =
  | { readonly ok: true; readonly functions: FunctionDef[] }
  | { readonly ok: false; readonly error: Diagnostic };

/**
 * HttpWorkerFunctionProvider.GetFunctionMetadataAsync: `customHandler.http.routes` become functions
 * `http-handler1`, `http-handler2`... only when the worker runtime is `custom` and no function.json
 * was loaded; either problem stops the host. A route that does not parse is skipped with an error.
 */
export function functionsFromHostRoutes(
  routes: readonly HostHttpRoute[],
  workerRuntime: string | undefined,
  functionJsonCount: number,
  diagnostics: Diagnostic[],
  log: StartupLine[],
): HostRoutesResult {
  const where = 'customHandler.http.routes';
  if (workerRuntime?.toLowerCase() !== 'custom') {
    return {
      ok: false,
      error: diagnostic(
        'error',
        HOST_JSON,
        'Routes configuration is only allowed for worker runtime: custom',
        {
          where,
          hint: `customHandler.http.routes in host.json need FUNCTIONS_WORKER_RUNTIME "custom" (it is ${workerRuntime === undefined ? 'not set' : `"${workerRuntime}"`}). Set it to "custom" in local.settings.json Values, or use configurationProfile "mcp-custom-handler" or "web-app-custom-handler", which imply it.`,
        },
      ),
    };
  }
  if (functionJsonCount > 0) {
    return {
      ok: false,
      error: diagnostic(
        'error',
        HOST_JSON,
        // The host's text, a missing space included.
        'Detected both function.json files and custom handler HTTP route configuration definition in host.json' +
          'Only one configuration source is supported. Remove either the function.json files or the HTTP routes entries in host.json.',
        {
          where,
          hint: 'This app has function.json folders and host.json routes (a configurationProfile adds the route {*route}). Keep one: delete the function.json folders, or remove customHandler.http.routes and configurationProfile from host.json.',
        },
      ),
    };
  }
  const functions: FunctionDef[] = [];
  routes.forEach((r, i) => {
    const name = `http-handler${i + 1}`;
    const reason =
      r.route.trim() === ''
        ? 'Route cannot be null, empty or whitespace.'
        : withParameterName(routePatternError(r.route));
    if (reason !== undefined) {
      diagnostics.push(
        diagnostic(
          'error',
          HOST_JSON,
          `Unable to create function ${name} for route ${r.route} due to invalid route: ${reason}`,
          { where: `${where}[${i}].route`, functionName: name },
        ),
      );
      return;
    }
    const level = authLevelOf(r.authorizationLevel);
    functions.push(synthesizeHttpFunction(name, r.route, level));
    log.push({
      level: 'information',
      category: FUNCTION_PROVIDER_CATEGORY,
      message: `Created function ${name} for route ${r.route} (authLevel=${level.charAt(0).toUpperCase()}${level.slice(1)}).`,
    });
  });
  return { ok: true, functions };
}

// TemplateParser.Parse rethrows the pattern error as an ArgumentException on `routeTemplate`.
function withParameterName(message: string | undefined): string | undefined {
  return message === undefined ? undefined : `${message} (Parameter 'routeTemplate')`;
}

function authLevelOf(level: string): AuthLevel {
  const lower = level.toLowerCase();
  return (
    ['anonymous', 'user', 'function', 'system', 'admin'].includes(lower) ? lower : 'function'
  ) as AuthLevel;
}

function synthesizeHttpFunction(name: string, route: string, authLevel: AuthLevel): FunctionDef {
  const methods = jsonArray(HTTP_METHODS.map((m) => jsonString(m.toLowerCase())));
  const trigger: BindingDef = {
    index: 0,
    name: 'req',
    type: 'httpTrigger',
    typeLower: 'httptrigger',
    direction: 'in',
    props: jsonObject([
      ['type', jsonString('httpTrigger')],
      ['authLevel', jsonString(authLevel)],
      ['direction', jsonString('in')],
      ['name', jsonString('req')],
      ['methods', methods],
      ['route', jsonString(route)],
    ]),
  };
  const output: BindingDef = {
    index: 1,
    name: 'res',
    type: 'http',
    typeLower: 'http',
    direction: 'out',
    props: jsonObject([
      ['type', jsonString('http')],
      ['direction', jsonString('out')],
      ['name', jsonString('res')],
    ]),
  };
  return {
    name,
    file: HOST_JSON,
    bindings: [trigger, output],
    trigger,
    inputs: [],
    outputs: [output],
    disabled: false,
    http: { methods: null, route, authLevel },
    synthesized: true,
  };
}
