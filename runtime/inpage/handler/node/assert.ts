import { nodeInspect } from '../polyfills';

/** assert.AssertionError, with Node's fields. */
export class AssertionError extends Error {
  readonly code = 'ERR_ASSERTION';
  readonly generatedMessage: boolean;
  readonly actual: unknown;
  readonly expected: unknown;
  readonly operator: string;

  constructor(options: {
    message?: string | Error;
    actual?: unknown;
    expected?: unknown;
    operator: string;
    generated: string;
  }) {
    super(typeof options.message === 'string' ? options.message : options.generated);
    this.name = 'AssertionError';
    this.generatedMessage = options.message === undefined;
    this.actual = options.actual;
    this.expected = options.expected;
    this.operator = options.operator;
  }
}

function fail(
  actual: unknown,
  expected: unknown,
  operator: string,
  generated: string,
  message?: string | Error,
): never {
  if (message instanceof Error) throw message;
  throw new AssertionError({ message, actual, expected, operator, generated });
}

/** Deep strict equality (Node's rules, for the values handlers compare: plain data). */
function deepStrictEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date) return a.getTime() === (b as Date).getTime();
  if (a instanceof Map || a instanceof Set) {
    const left = [...(a as Map<unknown, unknown>)];
    const right = [...(b as Map<unknown, unknown>)];
    return left.length === right.length && left.every((entry, i) => deepStrictEqual(entry, right[i]));
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) =>
      Object.hasOwn(b, key) &&
      deepStrictEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

const show = (value: unknown) => nodeInspect().inspect(value);

/** A minimal `assert` (and `assert/strict`): ok, equal, strictEqual, deepStrictEqual, throws… */
export function createAssertModule() {
  const ok = (value: unknown, message?: string | Error) => {
    if (!value) fail(value, true, '==', 'The expression evaluated to a falsy value', message);
  };
  const assert = Object.assign((value: unknown, message?: string | Error) => ok(value, message), {
    ok,
    AssertionError,
    fail: (message?: string | Error) => fail(undefined, undefined, 'fail', 'Failed', message),
    equal: (actual: unknown, expected: unknown, message?: string | Error) => {
      if (!(actual == expected || (actual !== actual && expected !== expected))) {
        fail(actual, expected, '==', `${show(actual)} == ${show(expected)}`, message);
      }
    },
    notEqual: (actual: unknown, expected: unknown, message?: string | Error) => {
      if (actual == expected) fail(actual, expected, '!=', `${show(actual)} != ${show(expected)}`, message);
    },
    strictEqual: (actual: unknown, expected: unknown, message?: string | Error) => {
      if (!Object.is(actual, expected)) {
        fail(
          actual,
          expected,
          'strictEqual',
          `Expected values to be strictly equal:\n\n${show(actual)} !== ${show(expected)}\n`,
          message,
        );
      }
    },
    notStrictEqual: (actual: unknown, expected: unknown, message?: string | Error) => {
      if (Object.is(actual, expected)) {
        fail(
          actual,
          expected,
          'notStrictEqual',
          `Expected "actual" to be strictly unequal to: ${show(expected)}`,
          message,
        );
      }
    },
    deepStrictEqual: (actual: unknown, expected: unknown, message?: string | Error) => {
      if (!deepStrictEqual(actual, expected)) {
        fail(
          actual,
          expected,
          'deepStrictEqual',
          `Expected values to be strictly deep-equal:\n${show(actual)}\n\nshould equal\n\n${show(expected)}`,
          message,
        );
      }
    },
    notDeepStrictEqual: (actual: unknown, expected: unknown, message?: string | Error) => {
      if (deepStrictEqual(actual, expected)) {
        fail(
          actual,
          expected,
          'notDeepStrictEqual',
          `Expected "actual" not to be strictly deep-equal to: ${show(expected)}`,
          message,
        );
      }
    },
    throws: (block: () => unknown, _expected?: unknown, message?: string | Error) => {
      try {
        block();
      } catch {
        return;
      }
      fail(undefined, _expected, 'throws', 'Missing expected exception.', message);
    },
    rejects: async (
      block: Promise<unknown> | (() => Promise<unknown>),
      _expected?: unknown,
      message?: string | Error,
    ) => {
      try {
        await (typeof block === 'function' ? block() : block);
      } catch {
        return;
      }
      fail(undefined, _expected, 'rejects', 'Missing expected rejection.', message);
    },
    doesNotThrow: (block: () => unknown) => {
      block();
    },
    ifError: (value: unknown) => {
      if (value !== null && value !== undefined) throw value;
    },
    match: (actual: string, pattern: RegExp, message?: string | Error) => {
      if (!pattern.test(actual))
        fail(
          actual,
          pattern,
          'match',
          `The input did not match the regular expression ${String(pattern)}. Input:\n\n${show(actual)}\n`,
          message,
        );
    },
  });
  return Object.assign(assert, {
    strict: assert,
    deepEqual: assert.deepStrictEqual,
    notDeepEqual: assert.notDeepStrictEqual,
  });
}
