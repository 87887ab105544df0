import { jsonArray, jsonObject, jsonString } from '../json/jsonNode';
import type { BindingDef, FunctionDef } from './functionJson';
import { readFunctionJson } from './functionJson';
import { HTTP_METHODS } from './bindingTypes';
import type { AuthLevel } from './bindingTypes';
import type { Diagnostic } from './diagnostics';
import { diagnostic } from './diagnostics';
import type { HostConfig } from './hostJson';
import { HOST_JSON, readHostJson } from './hostJson';
import { readLocalSettings } from './localSettings';
import type { Settings } from './settings';
import { lookupSetting } from './settings';

/** The app's configuration files as text; a missing file is undefined. */
export interface AppFiles {
  readonly hostJson?: string;
  readonly localSettingsJson?: string;
  /** Each subfolder of the app root that holds a function.json. */
  readonly functionFolders: readonly { readonly name: string; readonly functionJson: string }[];
  /** Config files that exist but could not be read (a named pipe, a device, too big), and why. */
  readonly unreadable?: readonly { readonly file: string; readonly message: string }[];
}

export interface AppModel {
  /** Undefined when host.json is unusable: nothing can run until it is fixed. */
  readonly host?: HostConfig;
  /** Process environment plus local.settings.json Values; the environment wins, as in Core Tools. */
  readonly settings: Settings;
  readonly localValues: Readonly<Record<string, string>>;
  readonly localHttpPort?: number;
  /** Functions that loaded; broken ones are absent and described in `diagnostics`. */
  readonly functions: readonly FunctionDef[];
  readonly diagnostics: readonly Diagnostic[];
}

export function loadApp(files: AppFiles, env: Record<string, string | undefined>): AppModel {
  const diagnostics: Diagnostic[] = [];
  const local = readLocalSettings(files.localSettingsJson);
  diagnostics.push(...local.diagnostics);
  const settings: Record<string, string | undefined> = { ...local.settings.values };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) settings[k] = v;

  for (const u of files.unreadable ?? []) {
    const fn = u.file.endsWith('/function.json') ? u.file.slice(0, -'/function.json'.length) : undefined;
    diagnostics.push(diagnostic('error', u.file, u.message, fn === undefined ? {} : { functionName: fn }));
  }
  // An unreadable host.json is not "missing": its own message says what is wrong.
  const hostResult = files.unreadable?.some((u) => u.file === HOST_JSON)
    ? { diagnostics: [], config: undefined }
    : readHostJson(files.hostJson, settings);
  diagnostics.push(...hostResult.diagnostics);
  const host = hostResult.config;

  const folders = [...files.functionFolders].sort((a, b) => compareOrdinalIgnoreCase(a.name, b.name));
  const functions: FunctionDef[] = [];
  for (const folder of folders) {
    const result = readFunctionJson(folder.name, folder.functionJson, settings);
    diagnostics.push(...result.diagnostics);
    if (result.function) functions.push(result.function);
  }

  const routes = host?.customHandler?.httpRoutes ?? [];
  if (routes.length > 0) {
    const runtime = lookupSetting(settings, 'FUNCTIONS_WORKER_RUNTIME')?.toLowerCase();
    if (folders.length > 0) {
      diagnostics.push(
        diagnostic(
          'error',
          HOST_JSON,
          'customHandler.http.routes cannot be combined with function.json files: remove one or the other.',
          { where: 'customHandler.http.routes' },
        ),
      );
    } else if (runtime === 'custom') {
      routes.forEach((r, i) => {
        const fn = synthesizeHttpFunction(
          `http-handler${i + 1}`,
          r.route,
          r.authorizationLevel,
          diagnostics,
          i,
        );
        if (fn) functions.push(fn);
      });
    } else {
      diagnostics.push(
        diagnostic(
          'warning',
          HOST_JSON,
          'customHandler.http.routes is only used when FUNCTIONS_WORKER_RUNTIME is "custom".',
          { where: 'customHandler.http.routes' },
        ),
      );
    }
  }

  return {
    ...(host && { host }),
    settings,
    localValues: local.settings.values,
    ...(local.settings.localHttpPort !== undefined && { localHttpPort: local.settings.localHttpPort }),
    functions,
    diagnostics,
  };
}

function synthesizeHttpFunction(
  name: string,
  route: string,
  level: string,
  diagnostics: Diagnostic[],
  index: number,
): FunctionDef | undefined {
  const where = `customHandler.http.routes[${index}].route`;
  const unbalanced = route.split('{').length !== route.split('}').length;
  if (route.includes(' ') || route.includes('//') || unbalanced || route.includes('{}')) {
    diagnostics.push(
      diagnostic('error', HOST_JSON, `The route '${route}' is not valid for ${name}.`, {
        where,
        functionName: name,
      }),
    );
    return undefined;
  }
  const methods = jsonArray(HTTP_METHODS.map((m) => jsonString(m.toLowerCase())));
  const trigger: BindingDef = {
    index: 0,
    name: 'req',
    type: 'httpTrigger',
    typeLower: 'httptrigger',
    direction: 'in',
    props: jsonObject([
      ['type', jsonString('httpTrigger')],
      ['direction', jsonString('in')],
      ['name', jsonString('req')],
      ['route', jsonString(route)],
      ['methods', methods],
      ['authLevel', jsonString(level)],
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
  const authLevel = (
    ['anonymous', 'user', 'function', 'system', 'admin'].includes(level.toLowerCase())
      ? level.toLowerCase()
      : 'function'
  ) as AuthLevel;
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

function compareOrdinalIgnoreCase(a: string, b: string): number {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
