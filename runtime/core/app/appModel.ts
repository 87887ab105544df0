import { resolveWorkerRuntime } from './configurationProfile';
import type { Diagnostic } from './diagnostics';
import { diagnostic } from './diagnostics';
import type { FunctionDef } from './functionJson';
import { readFunctionJson } from './functionJson';
import type { StartupLine } from './hostHttpRoutes';
import { functionsFromHostRoutes } from './hostHttpRoutes';
import type { HostConfig } from './hostJson';
import { HOST_JSON, readHostJson } from './hostJson';
import { readLocalSettings } from './localSettings';
import type { Settings } from './settings';

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
  /** What the host logs while loading the app, besides the diagnostics. */
  readonly startupLog: readonly StartupLine[];
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

  const startupLog: StartupLine[] = [];
  const routes = host?.customHandler?.httpRoutes ?? [];
  let stopped = false;
  if (host && routes.length > 0) {
    const runtime = resolveWorkerRuntime(host.profile, settings);
    const result = functionsFromHostRoutes(routes, runtime, functions.length, diagnostics, startupLog);
    if (result.ok) functions.push(...result.functions);
    else {
      // The host fails to start: no functions, no handler.
      diagnostics.push(result.error);
      stopped = true;
    }
  }

  return {
    ...(host && !stopped && { host }),
    settings,
    localValues: local.settings.values,
    ...(local.settings.localHttpPort !== undefined && { localHttpPort: local.settings.localHttpPort }),
    functions: stopped ? [] : functions,
    diagnostics,
    startupLog,
  };
}

function compareOrdinalIgnoreCase(a: string, b: string): number {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
