import type { JsonNode, JsonObject } from '../json/jsonNode';
import { getProp, jsonArray, jsonBool, jsonObject, jsonString, setPropIgnoreCase } from '../json/jsonNode';
import type { ConfigReader } from './configReader';
import type { Settings } from './settings';
import { lookupSetting } from './settings';

/** The worker runtime that selects the custom-handler path (RpcWorkerConstants.CustomHandlerLanguageWorkerName). */
export const CUSTOM_WORKER_RUNTIME = 'custom';

const HTTP_HANDLER_PROFILES = ['mcp-custom-handler', 'web-app-custom-handler'];
const SUPPORTED_VALUES = "'', 'default', 'mcp-custom-handler', 'web-app-custom-handler'";

export interface ConfigurationProfile {
  /** The profile's name in lower case; `default` for `""` and when none is set. */
  readonly name: string;
  /** `custom` for the HTTP custom-handler profiles: it wins over FUNCTIONS_WORKER_RUNTIME. */
  readonly workerRuntime?: string;
}

/**
 * Reads root `configurationProfile` (already merged with `AzureFunctionsJobHost__configurationProfile`)
 * as HostConfigurationProfile.Get does, and lays the profile's values under host.json's own: the
 * profile's keys are defaults that host.json may override. An unknown name stops the host.
 */
export function applyConfigurationProfile(
  root: JsonObject,
  r: ConfigReader,
): ConfigurationProfile | undefined {
  const text = r.string(root, 'configurationProfile', 'configurationProfile') ?? '';
  const name = text.toLowerCase();
  if (name === '' || name === 'default') return { name: 'default' };
  if (!HTTP_HANDLER_PROFILES.includes(name)) {
    r.error(
      `Configuration profile '${text}' is not supported. Supported values: ${SUPPORTED_VALUES}.`,
      'configurationProfile',
      getProp(root, 'configurationProfile'),
      'Remove configurationProfile from host.json, or set it to "mcp-custom-handler" or "web-app-custom-handler" (a web server behind the host, every path proxied to it).',
    );
    return undefined;
  }
  // The profile's keys make the customHandler section exist even when host.json has none.
  const custom = childObject(root, 'customHandler');
  setDefault(custom, 'enableProxyingHttpRequest', jsonBool(true));
  const routes = childArray(childObject(custom, 'http'), 'routes');
  if (routes) {
    let first = routes.items[0];
    if (first === undefined) {
      first = jsonObject();
      routes.items.push(first);
    }
    if (first.kind === 'object') setDefault(first, 'route', jsonString('{*route}'));
  }
  setDefault(childObject(childObject(root, 'extensions'), 'http'), 'routePrefix', jsonString(''));
  return { name, workerRuntime: CUSTOM_WORKER_RUNTIME };
}

/**
 * ScriptHostWorkerRuntimeResolver: the runtime a profile sets wins, then FUNCTIONS_WORKER_RUNTIME
 * (environment first, then local.settings.json, as Core Tools sets them).
 */
export function resolveWorkerRuntime(
  profile: ConfigurationProfile | undefined,
  settings: Settings,
): string | undefined {
  if (profile?.workerRuntime) return profile.workerRuntime;
  return lookupSetting(settings, 'FUNCTIONS_WORKER_RUNTIME');
}

function childObject(parent: JsonObject, key: string): JsonObject {
  const node = getProp(parent, key);
  if (node?.kind === 'object') return node;
  if (node !== undefined && node.kind !== 'null') return jsonObject(); // the reader reports the wrong kind
  const created = jsonObject();
  setPropIgnoreCase(parent, key, created);
  return created;
}

function childArray(parent: JsonObject, key: string): { items: JsonNode[] } | undefined {
  const node = getProp(parent, key);
  if (node?.kind === 'array') return node;
  if (node !== undefined && node.kind !== 'null') return undefined;
  const created = jsonArray();
  setPropIgnoreCase(parent, key, created);
  return created;
}

function setDefault(obj: JsonObject, key: string, value: JsonNode): void {
  const existing = getProp(obj, key);
  if (existing === undefined || existing.kind === 'null') setPropIgnoreCase(obj, key, value);
}
