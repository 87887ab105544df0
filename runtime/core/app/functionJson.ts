import type { JsonNode, JsonObject } from '../json/jsonNode';
import { describeKind, getProp, jsonString } from '../json/jsonNode';
import {
  AUTH_LEVELS,
  BUNDLE_BINDING_TYPES,
  HTTP_METHODS,
  isTriggerType,
  SIMULATED_TRIGGERS,
} from './bindingTypes';
import type { AuthLevel } from './bindingTypes';
import { ConfigReader } from './configReader';
import type { Diagnostic } from './diagnostics';
import { readRetryOptions, retryUnsupportedWarning } from './retryOptions';
import type { RetryPolicy } from './retryOptions';
import type { Settings } from './settings';
import { lookupSetting, resolveSettingTokens } from './settings';
import type { TimerTriggerDef } from './triggerBindings';
import { readTriggerBinding } from './triggerBindings';

export interface BindingDef {
  readonly index: number;
  readonly name: string;
  /** The type as written; compare with `typeLower`. */
  readonly type: string;
  readonly typeLower: string;
  readonly direction: 'in' | 'out' | 'inout';
  readonly dataType?: string;
  /** The binding's properties, with `%Setting%` tokens resolved. */
  readonly props: JsonObject;
  /**
   * queue and queueTrigger: the resolved, lower-cased, validated queue name. Absent on a queue
   * output whose name holds {binding expressions}, which this host does not evaluate.
   */
  readonly queueName?: string;
}

export interface HttpTriggerDef {
  /** Upper-case methods; null when any method is accepted. */
  readonly methods: readonly string[] | null;
  /** The route as written, or the function name when absent. */
  readonly route: string;
  readonly authLevel: AuthLevel;
}

export interface FunctionDef {
  readonly name: string;
  readonly file: string;
  readonly bindings: readonly BindingDef[];
  readonly trigger: BindingDef;
  readonly inputs: readonly BindingDef[];
  readonly outputs: readonly BindingDef[];
  readonly disabled: boolean;
  readonly http?: HttpTriggerDef;
  /** A timerTrigger function's parsed schedule and options. */
  readonly timer?: TimerTriggerDef;
  /** function.json's `retry` policy, applied by the host's retry loop. */
  readonly retry?: RetryPolicy;
  /** Synthesized from host.json `customHandler.http.routes`, not read from a function.json. */
  readonly synthesized?: boolean;
}

export type FunctionJsonResult = { function?: FunctionDef; diagnostics: Diagnostic[] };

const BINDING_NAME = /^([a-zA-Z][a-zA-Z0-9]{0,127}|\$return)$/;
const FUNCTION_NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,127}$/;
// Properties that are names or structure, never setting references.
const UNRESOLVED_PROPS = new Set(['name', 'type', 'direction']);

/**
 * Reads one function folder's function.json. A broken function is reported (and skipped by the
 * caller) without affecting the others.
 */
export function readFunctionJson(name: string, text: string, settings: Settings): FunctionJsonResult {
  const file = `${name}/function.json`;
  const r = new ConfigReader(file, name);
  if (!FUNCTION_NAME.test(name)) {
    r.error(
      `'${name}' is not a valid function name: use letters, digits, '_' and '-', starting with a letter`,
      undefined,
    );
    return { diagnostics: r.diagnostics };
  }
  const root = r.parseObject(text, 'function.json');
  if (!root) return { diagnostics: r.diagnostics };
  const bindingsNode = getProp(root, 'bindings');
  if (bindingsNode === undefined || bindingsNode.kind === 'null') {
    r.error('No "bindings" array: a function needs at least a trigger binding', 'bindings', root);
    return { diagnostics: r.diagnostics };
  }
  if (bindingsNode.kind !== 'array') {
    r.error(`expected an array of bindings, found ${describeKind(bindingsNode)}`, 'bindings', bindingsNode);
    return { diagnostics: r.diagnostics };
  }

  const bindings: BindingDef[] = [];
  let timer: TimerTriggerDef | undefined;
  bindingsNode.items.forEach((node, index) => {
    const b = readBinding(node, index, settings, r);
    if (!b || node.kind !== 'object') return;
    // Queue names and schedules are checked as the extensions do when indexing (triggerBindings.ts).
    const facts = readTriggerBinding(b, node, settings, r);
    bindings.push(facts.queueName === undefined ? b : { ...b, queueName: facts.queueName });
    timer ??= facts.timer;
  });
  checkNames(bindings, bindingsNode.items, r);

  const triggers = bindings.filter((b) => isTriggerType(b.typeLower));
  if (triggers.length === 0) {
    r.error(
      'No trigger binding specified. A function must have a trigger input binding.',
      'bindings',
      bindingsNode,
    );
  } else if (triggers.length > 1) {
    r.error(
      'Multiple trigger bindings defined. A function can only have a single trigger binding.',
      `bindings[${triggers[1]!.index}]`,
      bindingsNode.items[triggers[1]!.index],
    );
  }
  const trigger = triggers[0];
  if (trigger && !(SIMULATED_TRIGGERS as readonly string[]).includes(trigger.typeLower)) {
    r.error(
      `The '${trigger.type}' trigger comes from the extension bundle, but this host only runs httpTrigger, queueTrigger and timerTrigger functions.`,
      `bindings[${trigger.index}].type`,
      getProp(bindingsNode.items[trigger.index] as JsonObject, 'type'),
    );
  }

  let http: HttpTriggerDef | undefined;
  if (trigger?.typeLower === 'httptrigger') {
    http = readHttpTrigger(name, trigger, bindingsNode.items[trigger.index] as JsonObject, r);
  }
  const disabled = readDisabled(name, root, settings, r);
  const retryNode = getProp(root, 'retry');
  const retry = readRetryOptions(retryNode, r);
  if (retry && retry !== 'invalid' && trigger && trigger.typeLower !== 'timertrigger') {
    r.warn(retryUnsupportedWarning(name), 'retry', retryNode);
  }

  if (r.diagnostics.some((d) => d.severity === 'error') || !trigger) return { diagnostics: r.diagnostics };
  return {
    function: {
      name,
      file,
      bindings,
      trigger,
      inputs: bindings.filter((b) => b !== trigger && b.direction !== 'out'),
      outputs: bindings.filter((b) => b.direction !== 'in'),
      disabled,
      ...(http && { http }),
      ...(timer && { timer }),
      ...(retry && retry !== 'invalid' && { retry }),
    },
    diagnostics: r.diagnostics,
  };
}

function readBinding(
  node: JsonNode,
  index: number,
  settings: Settings,
  r: ConfigReader,
): BindingDef | undefined {
  const where = `bindings[${index}]`;
  if (node.kind !== 'object') {
    r.error(`expected a binding object, found ${describeKind(node)}`, where, node);
    return undefined;
  }
  const type = r.string(node, 'type', `${where}.type`);
  const name = r.string(node, 'name', `${where}.name`);
  const directionText = r.string(node, 'direction', `${where}.direction`);
  if (type === undefined || type.trim() === '') {
    r.error('The binding has no "type"', `${where}.type`, node);
    return undefined;
  }
  const typeLower = type.toLowerCase();
  if (!BUNDLE_BINDING_TYPES.has(typeLower)) {
    r.error(
      `The binding type(s) '${type}' are not registered. Please ensure the type is correct and the binding extension is installed.`,
      `${where}.type`,
      getProp(node, 'type'),
    );
    return undefined;
  }
  if (name === undefined || name === '') {
    r.error('The binding has no "name"', `${where}.name`, node);
    return undefined;
  }
  if (!BINDING_NAME.test(name)) {
    r.error(
      `The binding name ${name} is invalid. Please assign a valid name to the binding.`,
      `${where}.name`,
      getProp(node, 'name'),
    );
    return undefined;
  }
  const direction = (directionText ?? 'in').toLowerCase();
  if (direction !== 'in' && direction !== 'out' && direction !== 'inout') {
    r.error(
      `'${directionText}' is not a binding direction (use "in" or "out")`,
      `${where}.direction`,
      getProp(node, 'direction'),
    );
    return undefined;
  }
  if (name === '$return' && direction !== 'out') {
    r.error("$return bindings must specify a direction of 'out'.", `${where}.direction`, node);
    return undefined;
  }
  if (isTriggerType(typeLower) && direction !== 'in') {
    r.error(`A ${type} binding must have direction "in"`, `${where}.direction`, getProp(node, 'direction'));
    return undefined;
  }
  const props = resolveProps(node, where, settings, r);
  const dataType = r.string(node, 'dataType', `${where}.dataType`);
  return { index, name, type, typeLower, direction, ...(dataType !== undefined && { dataType }), props };
}

function resolveProps(node: JsonObject, where: string, settings: Settings, r: ConfigReader): JsonObject {
  const entries: [string, JsonNode][] = node.entries.map(([key, value]) => {
    if (value.kind !== 'string' || UNRESOLVED_PROPS.has(key.toLowerCase()) || !value.value.includes('%')) {
      return [key, value];
    }
    const resolved = resolveSettingTokens(value.value, settings);
    if (!resolved.ok) {
      r.error(
        `'%${resolved.missing}%' does not resolve to a value: app setting '${resolved.missing}' is not defined (add it to local.settings.json Values)`,
        `${where}.${key}`,
        value,
      );
      return [key, value];
    }
    return [key, { ...jsonString(resolved.value), ...(value.pos && { pos: value.pos }) }];
  });
  return { kind: 'object', entries, ...(node.pos && { pos: node.pos }) };
}

function checkNames(bindings: BindingDef[], nodes: JsonNode[], r: ConfigReader): void {
  const seen = new Set<string>();
  for (const b of bindings) {
    const key = b.name.toLowerCase();
    if (seen.has(key)) {
      r.error(
        `Multiple bindings with name '${b.name}' discovered. Binding names must be unique.`,
        `bindings[${b.index}].name`,
        nodes[b.index],
      );
    }
    seen.add(key);
  }
}

function readHttpTrigger(name: string, b: BindingDef, node: JsonObject, r: ConfigReader): HttpTriggerDef {
  const where = `bindings[${b.index}]`;
  const methodsRaw = r.stringArray(b.props, 'methods', `${where}.methods`);
  const methods = methodsRaw && methodsRaw.length > 0 ? methodsRaw.map((m) => m.toUpperCase()) : null;
  methods?.forEach((m, i) => {
    if (!(HTTP_METHODS as readonly string[]).includes(m)) {
      r.warn(`'${m}' is not a standard HTTP method`, `${where}.methods[${i}]`, getProp(node, 'methods'));
    }
  });
  const route = r.string(b.props, 'route', `${where}.route`);
  const level = (r.string(b.props, 'authLevel', `${where}.authLevel`) ?? 'function').toLowerCase();
  if (!(AUTH_LEVELS as readonly string[]).includes(level)) {
    r.error(
      `'${level}' is not an authLevel (use one of ${AUTH_LEVELS.join(', ')})`,
      `${where}.authLevel`,
      getProp(node, 'authLevel'),
    );
  }
  return {
    methods: methods ? [...new Set(methods)] : null,
    route: route === undefined || route.trim() === '' ? name : route,
    authLevel: (AUTH_LEVELS as readonly string[]).includes(level) ? (level as AuthLevel) : 'function',
  };
}

function readDisabled(name: string, root: JsonObject, settings: Settings, r: ConfigReader): boolean {
  const setting = lookupSetting(settings, `AzureWebJobs.${name}.Disabled`);
  if (setting !== undefined && setting.trim().toLowerCase() === 'true') return true;
  const node = getProp(root, 'disabled');
  if (node === undefined || node.kind === 'null') return false;
  if (node.kind === 'bool') return node.value;
  if (node.kind === 'string') {
    const lower = node.value.trim().toLowerCase();
    if (lower === 'true' || lower === 'false') return lower === 'true';
    // An older form names an app setting that holds the flag.
    return (lookupSetting(settings, node.value) ?? '').trim().toLowerCase() === 'true';
  }
  r.error(`expected true or false, found ${describeKind(node)}`, 'disabled', node);
  return false;
}
