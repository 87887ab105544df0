import type { EnvironmentBlock } from './expandEnvironmentVariables';

/** The variables the host sets on the handler process only (`HttpWorkerProcess.CreateWorkerProcess`). */
export interface InjectedVariables {
  readonly FUNCTIONS_HTTPWORKER_PORT: string;
  readonly FUNCTIONS_HTTPWORKER_ID: string;
  readonly FUNCTIONS_CUSTOMHANDLER_PORT: string;
  readonly FUNCTIONS_CUSTOMHANDLER_WORKER_ID: string;
  readonly FUNCTIONS_APP_ROOT_PATH: string;
}

/**
 * The host adds these in this order, and the order matters: `%NAME%` references are replaced
 * one variable after another, so a value that itself contains `%NAME%` of a later entry would
 * be replaced again.
 */
export const INJECTED_VARIABLE_ORDER: readonly (keyof InjectedVariables)[] = [
  'FUNCTIONS_HTTPWORKER_PORT',
  'FUNCTIONS_HTTPWORKER_ID',
  'FUNCTIONS_CUSTOMHANDLER_PORT',
  'FUNCTIONS_CUSTOMHANDLER_WORKER_ID',
  'FUNCTIONS_APP_ROOT_PATH',
];

/** `workerId` is the channel's GUID, lowercase with hyphens (`Guid.ToString()`). */
export function injectedVariables(port: number, workerId: string, appRoot: string): InjectedVariables {
  return {
    FUNCTIONS_HTTPWORKER_PORT: String(port),
    FUNCTIONS_HTTPWORKER_ID: workerId,
    FUNCTIONS_CUSTOMHANDLER_PORT: String(port),
    FUNCTIONS_CUSTOMHANDLER_WORKER_ID: workerId,
    FUNCTIONS_APP_ROOT_PATH: appRoot,
  };
}

/** local.settings.json `Values`; Newtonsoft turns a JSON null into a null entry. */
export type LocalSettingsValues = Readonly<Record<string, string | null | undefined>>;

export interface CoreToolsSettings {
  /** Port of the HTTP front door (`func start --port`, default 7071). */
  readonly frontDoorPort: number;
  readonly appRoot: string;
  /** local.settings.json `ConnectionStrings`, exported as `ConnectionStrings:<name>`. */
  readonly connectionStrings?: Readonly<Record<string, string | null | undefined>>;
}

/**
 * The environment `func start` gives the host process: the inherited environment plus the
 * settings it loads (`StartHostAction.GetConfigurationSettings` and `UpdateEnvironmentVariables`).
 * Core Tools' own entries go through the same rule as `Values`, so a non-empty variable that is
 * already set wins over them too (even over `AZURE_FUNCTIONS_ENVIRONMENT=Development`). This is
 * also the environment `%NAME%` expansion sees.
 */
export function buildHostEnvironment(
  base: EnvironmentBlock,
  localSettingsValues: LocalSettingsValues,
  coreTools: CoreToolsSettings,
): Record<string, string> {
  return toRecord(hostEnvironment(base, localSettingsValues, coreTools));
}

function hostEnvironment(
  base: EnvironmentBlock,
  localSettingsValues: LocalSettingsValues,
  coreTools: CoreToolsSettings,
): Map<string, string> {
  const settings = new Map<string, string | null | undefined>(Object.entries(localSettingsValues));
  settings.set('WEBSITE_HOSTNAME', websiteHostname(coreTools.frontDoorPort));
  for (const [name, value] of Object.entries(coreTools.connectionStrings ?? {})) {
    settings.set(`ConnectionStrings:${name}`, value);
  }
  settings.set('AzureWebJobsScriptRoot', coreTools.appRoot);
  // Core Tools forces this one even over a value from local.settings.json.
  settings.set('AZURE_FUNCTIONS_ENVIRONMENT', 'Development');

  const env = definedOnly(base);
  for (const [name, value] of settings) {
    if (name === '') continue;
    const existing = env.get(name);
    // Core Tools tests IsNullOrEmpty, so a variable that is set to "" gets overwritten.
    if (existing !== undefined && existing !== '') continue;
    if (value === null || value === undefined) continue;
    env.set(name, value);
  }
  return env;
}

/** The handler's environment: the host's, with the five injected variables on top. */
export function buildHandlerEnvironment(
  base: EnvironmentBlock,
  localSettingsValues: LocalSettingsValues,
  injected: InjectedVariables,
  frontDoorPort: number,
  connectionStrings?: CoreToolsSettings['connectionStrings'],
): Record<string, string> {
  const env = hostEnvironment(base, localSettingsValues, {
    frontDoorPort,
    appRoot: injected.FUNCTIONS_APP_ROOT_PATH,
    connectionStrings,
  });
  for (const name of INJECTED_VARIABLE_ORDER) env.set(name, injected[name]);
  return toRecord(env);
}

/** `new Uri("http://localhost:{port}").Authority`, which drops the scheme's default port. */
function websiteHostname(port: number): string {
  return port === 80 ? 'localhost' : `localhost:${port}`;
}

function definedOnly(env: EnvironmentBlock): Map<string, string> {
  const result = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined) result.set(name, value);
  }
  return result;
}

// fromEntries defines own properties, so a variable named `__proto__` stays a variable.
function toRecord(env: Map<string, string>): Record<string, string> {
  return Object.fromEntries(env);
}
