/** The outcome of resolving or validating a queue name: the usable name, or a message for the user. */
export type QueueNameResult = { ok: true; name: string } | { ok: false; error: string };

/**
 * App settings for `%Name%` tokens. A plain object is looked up case-insensitively (exact match
 * first), as .NET configuration does; a function gets the token name as written.
 */
export type SettingsSource =
  Readonly<Record<string, string | undefined>> | ((name: string) => string | undefined);

/** Azure Storage's bounds on a queue name's length. */
export const MIN_QUEUE_NAME_LENGTH = 3;
export const MAX_QUEUE_NAME_LENGTH = 63;
/** Appended to a queue's name to name its poison queue. */
export const POISON_SUFFIX = '-poison';

/**
 * Resolves a function.json `queueName` the way the queue extension does: `%Setting%` tokens are
 * replaced from `settings` (only `%...%`, never `{...}` binding expressions, which the host's
 * `ResolveWholeString` leaves alone), the result is lower-cased, then validated with
 * {@link validateQueueName}.
 */
export function resolveQueueName(raw: string, settings: SettingsSource): QueueNameResult {
  const resolved = resolveSettingTokens(raw, settings);
  if (!resolved.ok) return resolved;
  // Lower-casing happens before validation, so `MyQueue` is accepted as `myqueue`.
  const name = resolved.name.toLowerCase();
  return checkName(name, name === raw ? `'${name}'` : `'${name}' (from '${raw}')`);
}

/**
 * Replaces each `%Name%` with its app setting. A `%` without a closing one, or a setting that is
 * missing, is an error, as in the host, where it stops the function from indexing.
 */
export function resolveSettingTokens(raw: string, settings: SettingsSource): QueueNameResult {
  let out = '';
  let i = 0;
  for (;;) {
    const start = raw.indexOf('%', i);
    if (start < 0) return { ok: true, name: out + raw.slice(i) };
    const end = raw.indexOf('%', start + 1);
    if (end < 0) {
      return {
        ok: false,
        error: `Invalid queue name '${raw}': the '%' at position ${start} has no closing '%'.`,
      };
    }
    const setting = raw.slice(start + 1, end);
    const value = lookupSetting(settings, setting);
    if (value === undefined) {
      return {
        ok: false,
        error: `Invalid queue name '${raw}': '%${setting}%' does not resolve to a value (the app setting '${setting}' is not set).`,
      };
    }
    out += raw.slice(i, start) + value;
    i = end + 1;
  }
}

function lookupSetting(settings: SettingsSource, name: string): string | undefined {
  if (typeof settings === 'function') return settings(name);
  if (Object.hasOwn(settings, name)) return settings[name];
  const lower = name.toLowerCase();
  let found: string | undefined;
  for (const key of Object.keys(settings)) if (key.toLowerCase() === lower) found = settings[key];
  return found;
}

/**
 * Azure Storage's queue name rules: 3–63 characters of lowercase letters, digits and hyphens,
 * starting and ending with a letter or digit, with no two hyphens in a row. The name is taken as
 * given (no lower-casing); the error names the first rule that fails.
 */
export function validateQueueName(name: string): QueueNameResult {
  return checkName(name, `'${name}'`);
}

function checkName(name: string, label: string): QueueNameResult {
  const fail = (rule: string): QueueNameResult => ({
    ok: false,
    error: `Invalid queue name ${label}: ${rule}.`,
  });
  if (name.length < MIN_QUEUE_NAME_LENGTH || name.length > MAX_QUEUE_NAME_LENGTH) {
    return fail(
      `a queue name must be ${MIN_QUEUE_NAME_LENGTH}-${MAX_QUEUE_NAME_LENGTH} characters long (it has ${name.length})`,
    );
  }
  const bad = /[^a-z0-9-]/.exec(name);
  if (bad) {
    return fail(
      `a queue name may contain only lowercase letters, digits and hyphens ('${bad[0]}' at position ${bad.index} is not allowed)`,
    );
  }
  if (name.startsWith('-')) return fail('a queue name must start with a letter or digit');
  if (name.endsWith('-')) return fail('a queue name must end with a letter or digit');
  const dashes = name.indexOf('--');
  if (dashes >= 0) return fail(`a queue name must not contain consecutive hyphens (at position ${dashes})`);
  return { ok: true, name };
}

/**
 * The poison queue for `name`, or undefined when there is none: the queue extension gives no
 * poison queue to a queue that already ends in `-poison` (no `x-poison-poison` chains), nor to one
 * whose name would become invalid (too long) with the suffix. Failed messages on such a queue are
 * left invisible instead of being moved.
 */
export function poisonQueueName(name: string): string | undefined {
  if (name.endsWith(POISON_SUFFIX)) return undefined;
  const poison = name + POISON_SUFFIX;
  return validateQueueName(poison).ok ? poison : undefined;
}
