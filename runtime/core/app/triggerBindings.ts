/**
 * Load-time checks of the bindings this host simulates (queueTrigger, queue output, timerTrigger),
 * done where the host's extensions do them when a function is indexed: a bad queue name or
 * schedule fails that one function, and the others still load. The resolved values are returned so
 * the runtime never parses them again. The storage `connection` is not checked: storage is simulated.
 */
import type { JsonNode, JsonObject } from '../json/jsonNode';
import { getProp } from '../json/jsonNode';
import { resolveQueueName } from '../queues/queueName';
import { DEFAULT_USE_MONITOR } from '../timers/monitor';
import type { TimerSchedule } from '../timers/schedule';
import { parseSchedule } from '../timers/schedule';
import type { ConfigReader } from './configReader';
import type { BindingDef } from './functionJson';
import type { Settings } from './settings';
import { resolveSettingTokens } from './settings';

/** A timerTrigger's function.json settings, parsed. */
export interface TimerTriggerDef {
  readonly schedule: TimerSchedule;
  /** Default false. */
  readonly runOnStartup: boolean;
  /** As written, default true; `shouldUseMonitor` decides whether a monitor actually runs. */
  readonly useMonitor: boolean;
}

export interface TriggerBindingFacts {
  /** For queue and queueTrigger: the `%Setting%`-resolved, lower-cased, valid queue name. */
  readonly queueName?: string;
  readonly timer?: TimerTriggerDef;
}

/**
 * Checks one binding that readBinding accepted. `raw` is the binding as written, so a `%Setting%`
 * that did not resolve (already reported by readBinding) is not reported a second time.
 */
export function readTriggerBinding(
  b: BindingDef,
  raw: JsonObject,
  settings: Settings,
  r: ConfigReader,
): TriggerBindingFacts {
  if (b.typeLower === 'queuetrigger' || b.typeLower === 'queue') return readQueue(b, raw, settings, r);
  if (b.typeLower === 'timertrigger') return readTimer(b, raw, settings, r);
  return {};
}

function readQueue(b: BindingDef, raw: JsonObject, settings: Settings, r: ConfigReader): TriggerBindingFacts {
  const where = `bindings[${b.index}].queueName`;
  const prop = required(b, raw, 'queueName', settings, r);
  if (prop === undefined) return {};
  // The queue output defers a name with {binding expressions} to each call; this host does not
  // evaluate those, so such an output is recorded but not queued. A trigger's name is never
  // templated (ResolveWholeString only), so there a '{' is simply an invalid character.
  if (b.typeLower === 'queue' && prop.value.includes('{')) {
    r.warn(
      `The queue name '${prop.value}' uses binding expressions, which this host does not evaluate: values sent to '${b.name}' are shown but not queued.`,
      where,
      prop.node,
    );
    return {};
  }
  // From the text as written, so that the message shows both forms: 'bad_name' (from '%Q%').
  const result = resolveQueueName(prop.text, settings);
  if (!result.ok) {
    r.error(result.error, where, prop.node);
    return {};
  }
  return { queueName: result.name };
}

function readTimer(b: BindingDef, raw: JsonObject, settings: Settings, r: ConfigReader): TriggerBindingFacts {
  const where = `bindings[${b.index}]`;
  const runOnStartup = r.bool(b.props, 'runOnStartup', `${where}.runOnStartup`, false);
  const useMonitor = r.bool(b.props, 'useMonitor', `${where}.useMonitor`, DEFAULT_USE_MONITOR);
  const prop = required(b, raw, 'schedule', settings, r);
  if (prop === undefined) return {};
  const parsed = parseSchedule(prop.value);
  if (!parsed.ok) {
    const from = prop.value === prop.text ? '' : ` (resolved from '${prop.text}')`;
    r.error(`${parsed.error}${from}`, `${where}.schedule`, prop.node);
    return {};
  }
  const tooShort = intervalTooShort(parsed.schedule);
  if (tooShort) {
    r.error(tooShort, `${where}.schedule`, prop.node);
    return {};
  }
  return { timer: { schedule: parsed.schedule, runOnStartup, useMonitor } };
}

/** The shortest TimeSpan schedule accepted: NCrontab's finest step (one second). */
const MIN_TIMER_INTERVAL_MS = 1000;

/**
 * The timer extension takes any TimeSpan, and one of zero, below zero or below a millisecond
 * makes it fire again one tick after each run finishes: thousands of runs a second. Refused
 * here, with the reason, as anything finer than a cron schedule's one second.
 */
function intervalTooShort(schedule: TimerSchedule): string | undefined {
  if (schedule.kind !== 'timeSpan' || schedule.intervalMs >= MIN_TIMER_INTERVAL_MS) return undefined;
  const what =
    schedule.intervalMs < 0 ? 'negative' : schedule.intervalMs === 0 ? 'zero' : 'shorter than one second';
  return (
    `The schedule '${schedule.expression}' is a ${what} interval: the timer would fire again as soon as each ` +
    `run ends, without pause. Use an interval of at least 00:00:01, or a cron expression.`
  );
}

/**
 * A required property: its text as written and with `%Setting%` tokens resolved. Undefined after
 * reporting it missing, empty or not a scalar; undefined without a new report when a token does
 * not resolve, which readBinding has reported at the same place.
 */
function required(
  b: BindingDef,
  raw: JsonObject,
  key: string,
  settings: Settings,
  r: ConfigReader,
): { text: string; value: string; node: JsonNode } | undefined {
  const where = `bindings[${b.index}].${key}`;
  const node = getProp(raw, key);
  if (node === undefined || node.kind === 'null') {
    r.error(`The '${key}' property is required for a ${b.type} binding`, where, raw);
    return undefined;
  }
  const text = r.scalarText(node, where);
  if (text === undefined) return undefined;
  if (text.trim() === '') {
    r.error(`The '${key}' property is required for a ${b.type} binding (it is empty)`, where, node);
    return undefined;
  }
  const resolved = resolveSettingTokens(text, settings);
  return resolved.ok ? { text, value: resolved.value, node } : undefined;
}
