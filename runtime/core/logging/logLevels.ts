import type { JsonObject } from '../json/jsonNode';
import type { ConfigReader } from '../app/configReader';

/** Microsoft.Extensions.Logging's levels, lowest first. */
export const LOG_LEVELS = ['trace', 'debug', 'information', 'warning', 'error', 'critical'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

const NAMES = [...LOG_LEVELS, 'none'];

/** One `logging.logLevel` entry: a category prefix (null for `default`) and the lowest level shown. */
export interface LogLevelRule {
  readonly category: string | null;
  /** Index in LOG_LEVELS; 6 is `None`. */
  readonly min: number;
}

/** Shown when no rule matches: the console's Information, as the playground always showed. */
const FALLBACK_MIN = 2;

/**
 * host.json `logging.logLevel`, read as LoggerFilterConfigureOptions does: each key is a category
 * prefix (`default` is every category), each value a level name or number, any case; an empty
 * value adds no rule and any other value stops the host.
 */
export function readLogLevels(root: JsonObject, r: ConfigReader): LogLevelRule[] {
  const logging = r.object(root, 'logging', 'logging');
  const levels = logging && r.object(logging, 'logLevel', 'logging.logLevel');
  if (!levels) return [];
  const rules: LogLevelRule[] = [];
  for (const [key, node] of levels.entries) {
    const where = `logging.logLevel.${key}`;
    const text = node.kind === 'null' ? undefined : r.scalarText(node, where);
    if (text === undefined || text === '') continue;
    const min = parseLevel(text);
    if (min === undefined) {
      r.error(
        `Configuration value '${text}' is not supported.`,
        where,
        node,
        `Use one of Trace, Debug, Information, Warning, Error, Critical or None for "${key}".`,
      );
      continue;
    }
    rules.push({ category: key.toLowerCase() === 'default' ? null : key, min });
  }
  return rules;
}

function parseLevel(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    const n = Number(trimmed);
    return n <= 6 ? n : undefined;
  }
  const i = NAMES.indexOf(trimmed.toLowerCase());
  return i < 0 ? undefined : i;
}

/**
 * LoggerRuleSelector: of the rules whose category is a prefix of this one (ignoring case), the
 * longest wins; `default` matches every category; a later rule wins a tie.
 */
export function minLevelFor(rules: readonly LogLevelRule[], category: string): number {
  // Most hosts have no rules: every line of every invocation asks, so that case allocates nothing.
  if (rules.length === 0) return FALLBACK_MIN;
  let best: LogLevelRule | undefined;
  const lower = category.toLowerCase();
  for (const rule of rules) {
    if (rule.category !== null && !lower.startsWith(rule.category.toLowerCase())) continue;
    const length = rule.category?.length ?? -1;
    if (!best || length >= (best.category?.length ?? -1)) best = rule;
  }
  return best?.min ?? FALLBACK_MIN;
}

export function isLevelShown(rules: readonly LogLevelRule[], category: string, level: LogLevelName): boolean {
  return LOG_LEVELS.indexOf(level) >= minLevelFor(rules, category);
}

// Core Tools' ColoredConsoleLogger prints these whatever the filter says.
const ALWAYS_SHOWN = [
  'Worker process started and initialized.',
  'Host lock lease acquired by instance ID',
].map((p) => p.toLowerCase());

/** Whether the console (CLI, playground terminal) prints a line. */
export function isConsoleShown(
  rules: readonly LogLevelRule[],
  category: string,
  level: LogLevelName,
  message: string,
): boolean {
  if (isLevelShown(rules, category, level)) return true;
  return ALWAYS_SHOWN.some(
    (p) => message.length >= p.length && message.slice(0, p.length).toLowerCase() === p,
  );
}
