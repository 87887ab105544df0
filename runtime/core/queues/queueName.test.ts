import { describe, expect, test } from 'vitest';
import { poisonQueueName, resolveQueueName, resolveSettingTokens, validateQueueName } from './queueName';

describe('validateQueueName', () => {
  test.each(['abc', 'orders', 'my-queue-1', '123', 'a1-b2-c3', 'a'.repeat(63)])('%j is valid', (name) => {
    expect(validateQueueName(name)).toEqual({ ok: true, name });
  });

  test.each([
    ['ab', /'ab'.*3-63 characters long \(it has 2\)/],
    ['', /''.*3-63 characters long \(it has 0\)/],
    ['a'.repeat(64), /3-63 characters long \(it has 64\)/],
    ['my_queue', /only lowercase letters, digits and hyphens \('_' at position 2/],
    ['Orders', /only lowercase letters.*'O' at position 0/],
    ['my queue', /' ' at position 2/],
    ['-abc', /'-abc'.*must start with a letter or digit/],
    ['abc-', /'abc-'.*must end with a letter or digit/],
    ['a--b', /'a--b'.*must not contain consecutive hyphens \(at position 1\)/],
  ])('%j is rejected: %s', (name, message) => {
    const result = validateQueueName(name);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('resolveQueueName', () => {
  const settings = { QueueName: 'Orders', Env: 'prod', Empty: '' };

  test.each([
    ['orders', 'orders'],
    ['Orders', 'orders'],
    ['%QueueName%', 'orders'],
    ['%queuename%', 'orders'],
    ['%Env%-%QueueName%', 'prod-orders'],
    ['in-%Env%', 'in-prod'],
    ['{Id}x', undefined],
  ])('%j resolves to %j', (raw, name) => {
    const result = resolveQueueName(raw, settings);
    if (name === undefined) {
      // `{...}` is a binding expression, not resolved here, so the braces fail validation.
      expect(result.ok).toBe(false);
    } else {
      expect(result).toEqual({ ok: true, name });
    }
  });

  test('an unset setting is an error that names it', () => {
    expect(resolveQueueName('%Missing%', settings)).toEqual({
      ok: false,
      error:
        "Invalid queue name '%Missing%': '%Missing%' does not resolve to a value (the app setting 'Missing' is not set).",
    });
  });

  test('a % with no closing % is an error with its position', () => {
    const result = resolveSettingTokens('abc%def', settings);
    expect(result).toEqual({
      ok: false,
      error: "Invalid queue name 'abc%def': the '%' at position 3 has no closing '%'.",
    });
  });

  test('an empty setting resolves, and then fails the length rule, quoting where it came from', () => {
    const result = resolveQueueName('%Empty%ab', settings);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain("'ab' (from '%Empty%ab')");
  });

  test('errors after resolution quote the resolved, lower-cased name and the original', () => {
    const result = resolveQueueName('%QueueName%_X', settings);
    expect(result).toEqual({
      ok: false,
      error:
        "Invalid queue name 'orders_x' (from '%QueueName%_X'): a queue name may contain only lowercase letters, digits and hyphens ('_' at position 6 is not allowed).",
    });
  });

  test('settings can come from a function; inherited object keys are not settings', () => {
    expect(resolveQueueName('%A%', (name) => (name === 'A' ? 'abc' : undefined))).toEqual({
      ok: true,
      name: 'abc',
    });
    expect(resolveQueueName('%constructor%', {}).ok).toBe(false);
  });
});

describe('poisonQueueName', () => {
  test.each([
    ['orders', 'orders-poison'],
    ['orders-poison', undefined],
    ['a'.repeat(56), `${'a'.repeat(56)}-poison`],
    ['a'.repeat(57), undefined],
  ])('%j → %j', (name, poison) => {
    expect(poisonQueueName(name)).toBe(poison);
  });
});
