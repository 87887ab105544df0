import { isInvariantBoolean } from './invariantBoolean';
import { isInvariantDateTime } from './invariantDateTime';
import { isInvariantGuid } from './invariantGuid';
import {
  isInvariantDecimal,
  isInvariantFloatingPoint,
  parseInvariantInt32,
  parseInvariantInt64,
} from './invariantNumbers';

/**
 * An inline route constraint such as `int` or `range(1,10)`, resolved the way ASP.NET Core's
 * DefaultInlineConstraintResolver does with the default RouteOptions.ConstraintMap.
 *
 * `matches` receives null when the route produced a null value (an empty catch-all); every built-in
 * constraint except `nonfile` then fails. A parameter that is optional and absent is never checked at all:
 * ASP.NET wraps its constraints in OptionalRouteConstraint.
 */
export interface RouteConstraint {
  /** The constraint as written in the template, e.g. `min(1)`. */
  readonly text: string;
  matches(value: string | null): boolean;
  /**
   * Set for `regex(...)`: the compiled pattern, so the host can run the match off its own thread
   * with a time limit (a backtracking pattern can take hours on a 40-character value).
   */
  readonly pattern?: RegexPattern;
}

export interface RegexPattern {
  readonly source: string;
  readonly flags: string;
}

export type ConstraintResolution = { ok: true; constraint: RouteConstraint } | { ok: false; error: string };

type Test = ((value: string) => boolean) & { pattern?: RegexPattern };
type Factory = (args: string | undefined) => Test | string;

/**
 * Constraint names are matched ignoring case. The map also holds `file` and `nonfile`, which ASP.NET Core
 * has registered by default since 3.0, so templates the real host accepts are accepted here too.
 */
const FACTORIES: ReadonlyMap<string, Factory> = new Map<string, Factory>([
  ['int', noArguments('IntRouteConstraint', (v) => parseInvariantInt32(v) !== undefined)],
  ['long', noArguments('LongRouteConstraint', (v) => parseInvariantInt64(v) !== undefined)],
  ['bool', noArguments('BoolRouteConstraint', isInvariantBoolean)],
  ['datetime', noArguments('DateTimeRouteConstraint', isInvariantDateTime)],
  ['decimal', noArguments('DecimalRouteConstraint', isInvariantDecimal)],
  ['double', noArguments('DoubleRouteConstraint', isInvariantFloatingPoint)],
  ['float', noArguments('FloatRouteConstraint', isInvariantFloatingPoint)],
  ['guid', noArguments('GuidRouteConstraint', isInvariantGuid)],
  ['alpha', noArguments('AlphaRouteConstraint', (v) => /^[a-z]*$/i.test(v))],
  ['required', noArguments('RequiredRouteConstraint', (v) => v.length > 0)],
  ['file', noArguments('FileNameRouteConstraint', isFileName)],
  ['nonfile', noArguments('NonFileNameRouteConstraint', (v) => !isFileName(v))],
  ['minlength', oneInt32('minLength', (n) => (v) => v.length >= n)],
  ['maxlength', oneInt32('maxLength', (n) => (v) => v.length <= n)],
  ['length', length],
  ['min', oneInt64((n) => (v) => isInt64Where(v, (x) => x >= n))],
  ['max', oneInt64((n) => (v) => isInt64Where(v, (x) => x <= n))],
  ['range', range],
  ['regex', regex],
]);

export function resolveRouteConstraint(text: string): ConstraintResolution {
  // As in ParameterPolicyActivator: arguments exist only when a '(' is present and the text ends with ')'.
  const open = text.indexOf('(');
  const hasArguments = open >= 0 && text.endsWith(')');
  const key = hasArguments ? text.slice(0, open) : text;
  const args = hasArguments ? text.slice(open + 1, -1) : undefined;
  const factory = FACTORIES.get(key.toLowerCase());
  if (!factory) return { ok: false, error: `'${text}' is not a known route constraint.` };
  const test = factory(args);
  if (typeof test === 'string')
    return { ok: false, error: `The route constraint '${text}' is invalid: ${test}` };
  const nullPasses = key.toLowerCase() === 'nonfile';
  const matches = (value: string | null) => (value === null ? nullPasses : test(value));
  return {
    ok: true,
    constraint: test.pattern ? { text, matches, pattern: test.pattern } : { text, matches },
  };
}

// Constructors are picked by argument count, so "int()" (one empty argument) finds no constructor.
function noArguments(typeName: string, test: Test): Factory {
  return (args) => (args === undefined ? test : noConstructor(typeName, splitArguments(args).length));
}

function noConstructor(typeName: string, count: number): string {
  return `Could not find a constructor for constraint type '${typeName}' with the following number of parameters: ${count}.`;
}

// Multi-constructor constraints get the argument text split on ',' with entries trimmed (.NET 6+).
function splitArguments(args: string | undefined): string[] {
  return args === undefined ? [] : args.split(',').map((a) => a.trim());
}

// A single-constructor, single-parameter constraint receives the whole argument text, commas included.
function oneInt32(parameter: string, make: (n: number) => Test): Factory {
  return (args) => {
    const n = args === undefined ? undefined : parseInvariantInt32(args);
    if (n === undefined) return notConvertible(args, 'Int32');
    if (n < 0) return `'${parameter}' must be greater than or equal to 0.`;
    return make(n);
  };
}

function oneInt64(make: (n: bigint) => Test): Factory {
  return (args) => {
    const n = args === undefined ? undefined : parseInvariantInt64(args);
    return n === undefined ? notConvertible(args, 'Int64') : make(n);
  };
}

function notConvertible(args: string | undefined, type: string): string {
  return args === undefined ? `an ${type} argument is required.` : `'${args}' is not a valid ${type}.`;
}

function isInt64Where(value: string, accept: (n: bigint) => boolean): boolean {
  const n = parseInvariantInt64(value);
  return n !== undefined && accept(n);
}

function length(args: string | undefined): Test | string {
  const parts = splitArguments(args);
  if (parts.length !== 1 && parts.length !== 2) return noConstructor('LengthRouteConstraint', parts.length);
  const bounds = parts.map(parseInvariantInt32);
  const [min, max = min] = bounds;
  if (min === undefined || max === undefined) {
    return notConvertible(parts[bounds.indexOf(undefined)], 'Int32');
  }
  if (min < 0 || max < 0) return 'lengths must be greater than or equal to 0.';
  if (min > max) {
    return "The value for argument 'minLength' should be less than or equal to the value for the argument 'maxLength'.";
  }
  return (v) => v.length >= min && v.length <= max;
}

function range(args: string | undefined): Test | string {
  const parts = splitArguments(args);
  if (parts.length !== 2) return noConstructor('RangeRouteConstraint', parts.length);
  const [min, max] = parts.map(parseInvariantInt64);
  if (min === undefined) return notConvertible(parts[0], 'Int64');
  if (max === undefined) return notConvertible(parts[1], 'Int64');
  if (min > max) {
    return "The value for argument 'min' should be less than or equal to the value for the argument 'max'.";
  }
  return (v) => isInt64Where(v, (x) => x >= min && x <= max);
}

/**
 * RegexRouteConstraint compiles with IgnoreCase | CultureInvariant and calls IsMatch, so the pattern is NOT
 * anchored: `regex(\d+)` accepts "a1". JS Unicode mode is closer to .NET (\p{..}, case folding), but it
 * rejects escapes .NET allows such as `\-`; such patterns fall back to legacy mode.
 */
function regex(args: string | undefined): Test | string {
  if (args === undefined) return 'a regular expression argument is required.';
  let compiled: RegExp;
  try {
    compiled = new RegExp(args, 'iu');
  } catch {
    try {
      compiled = new RegExp(args, 'i');
    } catch (e) {
      return `'${args}' is not a valid regular expression (${(e as Error).message}).`;
    }
  }
  const test: Test = (v) => compiled.test(v);
  test.pattern = { source: compiled.source, flags: compiled.flags };
  return test;
}

// FileNameRouteConstraint: the last '/'-separated part holds a '.' followed somewhere by a non-'.' character.
function isFileName(value: string): boolean {
  const last = value.slice(value.lastIndexOf('/') + 1);
  const dot = last.indexOf('.');
  return dot >= 0 && /[^.]/.test(last.slice(dot + 1));
}
