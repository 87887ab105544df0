import type { JsonObject } from '../json/jsonNode';
import { getProp, jsonObject, jsonString, setPropIgnoreCase } from '../json/jsonNode';
import { parseTimeSpan } from '../time/timeSpan';
import { ConfigReader } from './configReader';
import type { ConfigurationProfile } from './configurationProfile';
import { applyConfigurationProfile } from './configurationProfile';
import type { LogLevelRule } from '../logging/logLevels';
import { readLogLevels } from '../logging/logLevels';
import type { Diagnostic } from './diagnostics';

export const HOST_JSON = 'host.json';

/** `customHandler.description` (or `httpWorker.description`). */
export interface HandlerDescription {
  readonly defaultExecutablePath: string;
  readonly defaultWorkerPath?: string;
  readonly arguments: readonly string[];
  readonly workerArguments: readonly string[];
  readonly workingDirectory?: string;
  readonly workerDirectory?: string;
  /** Default true for HTTP workers: stderr lines are errors unless they mention "warn". */
  readonly useStdErrorStreamForErrorsOnly: boolean;
}

export interface HostHttpRoute {
  readonly route: string;
  readonly authorizationLevel: string;
}

export interface CustomHandlerOptions {
  /** Which host.json section the options came from. */
  readonly section: 'customHandler' | 'httpWorker';
  readonly description: HandlerDescription;
  readonly enableForwardingHttpRequest: boolean;
  readonly enableProxyingHttpRequest: boolean;
  readonly initializationTimeoutMs: number;
  readonly port?: number;
  /** The host's internal worker type: `None` for the legacy httpWorker section, else `Http`. */
  readonly type: 'Http' | 'None';
  /** Functions declared in host.json (`customHandler.http.routes`) instead of function.json files. */
  readonly httpRoutes: readonly HostHttpRoute[];
  readonly defaultAuthorizationLevel: string;
}

export interface HostConfig {
  readonly version: string;
  readonly customHandler?: CustomHandlerOptions;
  /** `extensions.http.routePrefix` without surrounding slashes; `api` by default. */
  readonly routePrefix: string;
  /** `functionTimeout`; null when unbounded (`-1`). */
  readonly functionTimeoutMs: number | null;
  /** `extensions.queues`, read by the queue trigger. */
  readonly queues?: JsonObject;
  /** `logging.logLevel`: what the console (CLI and the playground's terminal) shows. */
  readonly logLevels: readonly LogLevelRule[];
  /** Root `configurationProfile`, resolved; `default` when none is set. */
  readonly profile: ConfigurationProfile;
  readonly raw: JsonObject;
}

export interface HostJsonResult {
  /** Absent when host.json is unusable; the host cannot start then. */
  readonly config?: HostConfig;
  readonly diagnostics: Diagnostic[];
}

/** HttpWorkerOptionsSetup.Validate's words when a fixed `customHandler.port` cannot be used. */
export function unableToBindPortMessage(port: number): string {
  return `Unable to bind to port ${port} specified in configuration. Please specify a different port or remove the section to allow dynamic binding of port.`;
}

export const PORT_HINT =
  'customHandler.port must be a free TCP port from 1 to 65535 on this machine; another program (or a handler left running) may hold it. Remove "port" to let the host pick a free one.';

/** Core Tools' default; Azure's Consumption plan uses 5 minutes. */
export const DEFAULT_FUNCTION_TIMEOUT_MS = 30 * 60 * 1000;
export const DEFAULT_INITIALIZATION_TIMEOUT_MS = 30 * 1000;
const ENV_PREFIX = 'azurefunctionsjobhost:';

/**
 * Reads host.json as the host does, after applying `AzureFunctionsJobHost__a__b` environment
 * overrides. Errors that stop the host leave `config` undefined.
 */
export function readHostJson(
  text: string | undefined,
  env: Record<string, string | undefined>,
): HostJsonResult {
  const r = new ConfigReader(HOST_JSON);
  if (text === undefined) {
    r.error('host.json is missing: every function app needs one at its root', undefined);
    return { diagnostics: r.diagnostics };
  }
  const root = r.parseObject(text, 'host.json');
  if (!root) return { diagnostics: r.diagnostics };
  applyEnvironmentOverrides(root, env);
  const profile = applyConfigurationProfile(root, r);
  if (!profile) return { diagnostics: r.diagnostics };

  const version = r.string(root, 'version', 'version');
  if (version === undefined) {
    r.error(
      'The host.json file is missing the required \'version\' property. Add "version": "2.0".',
      undefined,
      root,
    );
    return { diagnostics: r.diagnostics };
  }
  if (version.trim() !== '2.0') {
    r.error(`'${version}' is an invalid value for host.json 'version' property. Set it to '2.0'.`, 'version');
    return { diagnostics: r.diagnostics };
  }

  const extensions = r.object(root, 'extensions', 'extensions');
  const http = extensions && r.object(extensions, 'http', 'extensions.http');
  const prefixRaw = http ? r.string(http, 'routePrefix', 'extensions.http.routePrefix') : undefined;
  const routePrefix = (prefixRaw ?? 'api').replace(/^\/+|\/+$/g, '');
  const queues = extensions && r.object(extensions, 'queues', 'extensions.queues');

  const customHandler = readCustomHandler(root, r);
  const functionTimeoutMs = readFunctionTimeout(root, r);
  const logLevels = readLogLevels(root, r);
  const fatal = r.diagnostics.some((d) => d.severity === 'error' && isFatalKey(d.where));
  if (fatal) return { diagnostics: r.diagnostics };
  return {
    config: {
      version,
      ...(customHandler && { customHandler }),
      routePrefix,
      functionTimeoutMs,
      ...(queues && { queues }),
      logLevels,
      profile,
      raw: root,
    },
    diagnostics: r.diagnostics,
  };
}

// Problems in these keys stop the host, as the real host's options validation throws.
function isFatalKey(where: string | undefined): boolean {
  return (
    where === undefined ||
    /^(customHandler|httpWorker|functionTimeout|version|configurationProfile|logging\.logLevel)/i.test(where)
  );
}

function readCustomHandler(root: JsonObject, r: ConfigReader): CustomHandlerOptions | undefined {
  const custom = r.object(root, 'customHandler', 'customHandler');
  const legacy = r.object(root, 'httpWorker', 'httpWorker');
  if (custom && legacy) {
    r.warn(
      'Both customHandler and httpWorker sections are defined in host.json; customHandler takes precedence.',
      'httpWorker',
      legacy,
    );
  } else if (legacy) {
    r.warn('Section httpWorker will be deprecated. Please use customHandler section.', 'httpWorker', legacy);
  }
  const section = custom ? 'customHandler' : legacy ? 'httpWorker' : undefined;
  const node = custom ?? legacy;
  if (!section || !node) {
    r.error(
      'host.json has no customHandler section, so there is no handler to start. Add "customHandler": {"description": {"defaultExecutablePath": "..."}}.',
      undefined,
    );
    return undefined;
  }

  const descNode = r.object(node, 'description', `${section}.description`);
  if (!descNode) {
    r.error('Missing worker Description.', `${section}.description`, node);
    return undefined;
  }
  const description = readDescription(descNode, `${section}.description`, r);
  if (!description) return undefined;

  let type: 'Http' | 'None' = section === 'httpWorker' ? 'None' : 'Http';
  const typeText = r.string(node, 'type', `${section}.type`);
  if (section === 'customHandler' && typeText?.toLowerCase() === 'none') {
    r.warn(
      'customHandler type "none" is not supported; using "http".',
      `${section}.type`,
      getProp(node, 'type'),
    );
    type = 'Http';
  }

  const initText = r.string(node, 'initializationTimeout', `${section}.initializationTimeout`);
  let initializationTimeoutMs = DEFAULT_INITIALIZATION_TIMEOUT_MS;
  if (initText !== undefined) {
    const ms = parseTimeSpan(initText);
    if (ms === undefined || ms <= 0) {
      r.error(
        `'${initText}' is not a valid TimeSpan (expected hh:mm:ss, e.g. 00:00:30)`,
        `${section}.initializationTimeout`,
        getProp(node, 'initializationTimeout'),
      );
    } else {
      initializationTimeoutMs = ms;
    }
  }

  const port = r.integer(node, 'port', `${section}.port`);
  if (port !== undefined && (port <= 0 || port > 65535)) {
    r.error(unableToBindPortMessage(port), `${section}.port`, getProp(node, 'port'), PORT_HINT);
  }

  const httpNode = r.object(node, 'http', `${section}.http`);
  const defaultAuthorizationLevel =
    (httpNode &&
      r.string(httpNode, 'defaultAuthorizationLevel', `${section}.http.defaultAuthorizationLevel`)) ??
    'function';
  const httpRoutes = httpNode
    ? readHttpRoutes(httpNode, `${section}.http`, defaultAuthorizationLevel, r)
    : [];

  return {
    section,
    description,
    enableForwardingHttpRequest: r.bool(
      node,
      'enableForwardingHttpRequest',
      `${section}.enableForwardingHttpRequest`,
      false,
    ),
    enableProxyingHttpRequest: r.bool(
      node,
      'enableProxyingHttpRequest',
      `${section}.enableProxyingHttpRequest`,
      false,
    ),
    initializationTimeoutMs,
    ...(port !== undefined && port > 0 && port <= 65535 && { port }),
    type,
    httpRoutes,
    defaultAuthorizationLevel,
  };
}

function readDescription(node: JsonObject, path: string, r: ConfigReader): HandlerDescription | undefined {
  const exe = r.string(node, 'defaultExecutablePath', `${path}.defaultExecutablePath`);
  if (exe === undefined || exe.trim() === '') {
    r.error('WorkerDescription DefaultExecutablePath cannot be empty', `${path}.defaultExecutablePath`, node);
    return undefined;
  }
  const workerPath = r.string(node, 'defaultWorkerPath', `${path}.defaultWorkerPath`);
  const workingDirectory = r.string(node, 'workingDirectory', `${path}.workingDirectory`);
  const workerDirectory = r.string(node, 'workerDirectory', `${path}.workerDirectory`);
  return {
    defaultExecutablePath: exe,
    ...(workerPath !== undefined && workerPath !== '' && { defaultWorkerPath: workerPath }),
    arguments: r.stringArray(node, 'arguments', `${path}.arguments`) ?? [],
    workerArguments: r.stringArray(node, 'workerArguments', `${path}.workerArguments`) ?? [],
    ...(workingDirectory !== undefined && workingDirectory !== '' && { workingDirectory }),
    ...(workerDirectory !== undefined && workerDirectory !== '' && { workerDirectory }),
    useStdErrorStreamForErrorsOnly: r.bool(
      node,
      'useStdErrorStreamForErrorsOnly',
      `${path}.useStdErrorStreamForErrorsOnly`,
      true,
    ),
  };
}

function readHttpRoutes(
  node: JsonObject,
  path: string,
  defaultLevel: string,
  r: ConfigReader,
): HostHttpRoute[] {
  const routes = getProp(node, 'routes');
  if (routes === undefined || routes.kind === 'null') return [];
  if (routes.kind !== 'array') {
    r.error('expected an array of routes', `${path}.routes`, routes);
    return [];
  }
  const out: HostHttpRoute[] = [];
  routes.items.forEach((item, i) => {
    const where = `${path}.routes[${i}]`;
    if (item.kind !== 'object') {
      r.error('expected an object with a "route"', where, item);
      return;
    }
    const route = r.string(item, 'route', `${where}.route`) ?? '';
    const authorizationLevel =
      r.string(item, 'authorizationLevel', `${where}.authorizationLevel`) ?? defaultLevel;
    out.push({ route, authorizationLevel });
  });
  return out;
}

function readFunctionTimeout(root: JsonObject, r: ConfigReader): number | null {
  const text = r.string(root, 'functionTimeout', 'functionTimeout');
  if (text === undefined) return DEFAULT_FUNCTION_TIMEOUT_MS;
  if (text.trim() === '-1') return null;
  const ms = parseTimeSpan(text);
  if (ms === undefined) {
    r.error(
      `'${text}' is not a valid TimeSpan (expected hh:mm:ss, e.g. 00:05:00, or -1 for no limit)`,
      'functionTimeout',
      getProp(root, 'functionTimeout'),
    );
    return DEFAULT_FUNCTION_TIMEOUT_MS;
  }
  if (ms < 1000) {
    r.error(`FunctionTimeout must be at least 00:00:01; '${text}' is too short`, 'functionTimeout');
    return DEFAULT_FUNCTION_TIMEOUT_MS;
  }
  return ms;
}

/** `AzureFunctionsJobHost__customHandler__description__defaultExecutablePath=...` (or with `:`) overrides host.json. */
function applyEnvironmentOverrides(root: JsonObject, env: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(env)) {
    // .NET configuration reads `__` in an environment variable's name as its key separator `:`,
    // so `AzureFunctionsJobHost:customHandler:port` works as well as the `__` spelling.
    const key = name.replace(/__/g, ':');
    if (value === undefined || !key.toLowerCase().startsWith(ENV_PREFIX)) continue;
    const path = key.slice(ENV_PREFIX.length).split(':').filter(Boolean);
    if (path.length === 0) continue;
    let node = root;
    for (const key of path.slice(0, -1)) {
      const next = getProp(node, key);
      if (next?.kind === 'object') {
        node = next;
      } else {
        const created = jsonObject();
        setPropIgnoreCase(node, key, created);
        node = created;
      }
    }
    setPropIgnoreCase(node, path[path.length - 1]!, jsonString(value));
  }
}
