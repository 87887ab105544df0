/**
 * NCrontab expressions, as the timer extension parses them (`CronSchedule.TryCreate`).
 *
 * - Fields are split on spaces only. Exactly 5 tokens means `min hour day month dow` with the
 *   second fixed at 0; any other count is read as `sec min hour day month dow` and must be 6.
 * - Each field is a comma list of `*`, `n`, `a-b`, `*∕s`, `a-b∕s` or `a∕s` (a to the field's end).
 * - Quirks kept from NCrontab: a range written backwards is swapped (`10-5` = `5-10`); a step
 *   below 1 means 1 (`*∕0` = `*`); a step may carry a sign (`*∕+5`).
 * - Names: any case-insensitive prefix of the English name, first match wins (`Ju` = June,
 *   `T` = Tuesday, `sept`, `Sunday`). Day of week is 0–6, Sunday = 0; NCrontab rejects 7.
 * - Day of month AND day of week must both match (vixie cron ORs them).
 * - No `L`, `#`, `?` or `W`.
 */
export type CronFieldKind = 'second' | 'minute' | 'hour' | 'day' | 'month' | 'dayOfWeek';

/** The set of values one field allows. `values` is ascending and never empty. */
export interface CronField {
  readonly kind: CronFieldKind;
  readonly min: number;
  readonly max: number;
  readonly values: readonly number[];
}

export interface CronExpression {
  /** False for the 5-field form, whose second field is the fixed set {0}. */
  readonly includesSeconds: boolean;
  readonly second: CronField;
  readonly minute: CronField;
  readonly hour: CronField;
  readonly day: CronField;
  readonly month: CronField;
  readonly dayOfWeek: CronField;
}

export type CronParseResult = { ok: true; cron: CronExpression } | { ok: false; error: string };

interface FieldSpec {
  readonly kind: CronFieldKind;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly nameExample?: string;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const SPECS: readonly FieldSpec[] = [
  { kind: 'second', label: 'second', min: 0, max: 59 },
  { kind: 'minute', label: 'minute', min: 0, max: 59 },
  { kind: 'hour', label: 'hour', min: 0, max: 23 },
  { kind: 'day', label: 'day-of-month', min: 1, max: 31 },
  { kind: 'month', label: 'month', min: 1, max: 12, names: MONTH_NAMES, nameExample: 'Jan' },
  { kind: 'dayOfWeek', label: 'day-of-week', min: 0, max: 6, names: DAY_NAMES, nameExample: 'Sun' },
];

const SECOND_ZERO: CronField = { kind: 'second', min: 0, max: 59, values: [0] };

const FIELD_ORDER_6 = 'second minute hour day-of-month month day-of-week';
const FIELD_ORDER_5 = 'minute hour day-of-month month day-of-week';

export function parseCron(text: string): CronParseResult {
  const tokens = text.split(' ').filter((t) => t.length > 0);
  const includesSeconds = tokens.length !== 5;
  if (includesSeconds && tokens.length !== 6) {
    const count = tokens.length === 1 ? '1 field' : `${tokens.length} fields`;
    return {
      ok: false,
      error:
        `'${text}' has ${count}; a cron expression needs 6 (${FIELD_ORDER_6}) ` +
        `or 5 (${FIELD_ORDER_5}), separated by spaces`,
    };
  }
  const specs = includesSeconds ? SPECS : SPECS.slice(1);
  const fields: Partial<Record<CronFieldKind, CronField>> = { second: SECOND_ZERO };
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i]!;
    const field = parseField(spec, tokens[i]!);
    if (typeof field === 'string') return { ok: false, error: field };
    fields[spec.kind] = field;
  }
  // Every kind is set: the specs cover the other five, and the second is preset.
  const all = fields as Record<CronFieldKind, CronField>;
  return { ok: true, cron: { includesSeconds, ...all } };
}

function parseField(spec: FieldSpec, token: string): CronField | string {
  const allowed = new Array<boolean>(spec.max + 1).fill(false);
  const error = parsePart(spec, token, token, allowed);
  if (error !== undefined) return error;
  const values: number[] = [];
  allowed.forEach((on, v) => {
    if (on) values.push(v);
  });
  return { kind: spec.kind, min: spec.min, max: spec.max, values };
}

/** Marks the values `part` allows; returns an error message instead when it is malformed. */
function parsePart(spec: FieldSpec, part: string, token: string, allowed: boolean[]): string | undefined {
  if (part.length === 0) {
    return `The ${spec.label} field '${token}' has an empty item (check for a stray comma)`;
  }
  // Like NCrontab, a comma only splits when it is not the first character.
  if (part.indexOf(',') > 0) {
    for (const item of part.split(',')) {
      const error = parsePart(spec, item, token, allowed);
      if (error !== undefined) return error;
    }
    return undefined;
  }

  let body = part;
  let step: number | undefined;
  const slash = part.indexOf('/');
  if (slash > 0) {
    const stepText = part.slice(slash + 1);
    step = parseStep(stepText);
    if (step === undefined) {
      return `'${stepText}' is not a valid step in the ${spec.label} field '${token}' (expected a whole number)`;
    }
    body = part.slice(0, slash);
  }

  if (body === '*') return mark(spec.min, spec.max, step ?? 1, allowed);

  const dash = body.indexOf('-');
  if (dash > 0) {
    const first = parseValue(spec, body.slice(0, dash));
    if (typeof first === 'string') return first;
    const last = parseValue(spec, body.slice(dash + 1));
    if (typeof last === 'string') return last;
    return markChecked(spec, Math.min(first, last), Math.max(first, last), step ?? 1, allowed);
  }

  const value = parseValue(spec, body);
  if (typeof value === 'string') return value;
  if (step === undefined) return markChecked(spec, value, value, 1, allowed);
  // `a/n` runs from a to the field's end; NCrontab swaps when a is past the end, so it is
  // reported as out of range rather than as an empty set.
  return markChecked(spec, Math.min(value, spec.max), Math.max(value, spec.max), step, allowed);
}

function markChecked(
  spec: FieldSpec,
  start: number,
  end: number,
  step: number,
  allowed: boolean[],
): string | undefined {
  if (start < spec.min) return outOfRange(spec, start);
  if (end > spec.max) return outOfRange(spec, end);
  return mark(start, end, step, allowed);
}

function mark(start: number, end: number, step: number, allowed: boolean[]): undefined {
  const by = step < 1 ? 1 : step;
  for (let v = start; v <= end; v += by) allowed[v] = true;
  return undefined;
}

function outOfRange(spec: FieldSpec, value: number | string): string {
  return `'${value}' is out of range for the ${spec.label} field (${spec.min}-${spec.max})`;
}

// .NET int.Parse with NumberStyles.Integer: optional surrounding white space and sign.
const STEP_PATTERN = /^[\t\n\v\f\r ]*[+-]?\d+[\t\n\v\f\r ]*$/;
const INT32_MAX = 2147483647;

function parseStep(text: string): number | undefined {
  if (!STEP_PATTERN.test(text)) return undefined;
  const n = Number(text.trim());
  return Math.abs(n) > INT32_MAX ? undefined : n;
}

// NCrontab reads a value as a number when it starts with a digit (int.Parse, so trailing white
// space such as a newline is allowed), and otherwise as a name prefix.
const VALUE_PATTERN = /^\d+[\t\n\v\f\r ]*$/;

function parseValue(spec: FieldSpec, text: string): number | string {
  if (/^\d/.test(text)) {
    if (!VALUE_PATTERN.test(text)) return invalidValue(spec, text);
    const n = Number(text.trimEnd());
    // .NET would throw OverflowException here; reporting it as out of range is kinder.
    return n > INT32_MAX ? outOfRange(spec, text.trimEnd()) : n;
  }
  if (spec.names !== undefined && text.length > 0) {
    const lower = text.toLowerCase();
    const index = spec.names.findIndex((name) => name.toLowerCase().startsWith(lower));
    if (index >= 0) return index + spec.min;
  }
  return invalidValue(spec, text);
}

// Quartz-style tokens people carry over from other schedulers: `L`, `5L`, `15W`, `LW`, `2#1`, `?`.
const QUARTZ_SYNTAX = /^(?:\d*L|L-\d+|\d+W|LW|.*[#?].*)$/i;

function invalidValue(spec: FieldSpec, text: string): string {
  const expected =
    spec.names === undefined
      ? `a number ${spec.min}-${spec.max}`
      : `a number ${spec.min}-${spec.max} or a name such as '${spec.nameExample ?? ''}'`;
  const hint = QUARTZ_SYNTAX.test(text) ? '; NCrontab has no L, W, # or ? syntax' : '';
  return `'${text}' is not a valid value for the ${spec.label} field (expected ${expected})${hint}`;
}

/**
 * NCrontab's `ToString()`: each field as `*` when it allows every value, otherwise runs of
 * consecutive values as `a-b` joined by commas, numbers only. The 5-field form has 5 parts.
 * The extension inspects this text to classify schedules, so the shape matters.
 */
export function formatCron(cron: CronExpression): string {
  const fields = [cron.minute, cron.hour, cron.day, cron.month, cron.dayOfWeek];
  if (cron.includesSeconds) fields.unshift(cron.second);
  return fields.map(formatField).join(' ');
}

function formatField(field: CronField): string {
  const runs: string[] = [];
  const { values } = field;
  for (let i = 0; i < values.length;) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j]! + 1) j++;
    const first = values[i]!;
    const last = values[j]!;
    if (runs.length === 0 && first === field.min && last === field.max) return '*';
    runs.push(first === last ? String(first) : `${first}-${last}`);
    i = j + 1;
  }
  return runs.join(',');
}
