import { describe, expect, test } from 'vitest';
import { argumentsOf, fieldsOf } from './schemaForm';

const SCHEMA = {
  type: 'object',
  properties: {
    a: { type: 'number', description: 'first' },
    n: { type: 'integer', default: 3 },
    loud: { type: 'boolean' },
    unit: { type: 'string', enum: ['ms', 's'] },
    tags: { type: 'array' },
  },
  required: ['a'],
};

describe('the form from an input schema', () => {
  test('one field per property, with its kind, default and whether it is required', () => {
    expect(fieldsOf(SCHEMA).map((f) => [f.name, f.kind, f.required, f.initial])).toEqual([
      ['a', 'number', true, ''],
      ['n', 'integer', false, '3'],
      ['loud', 'boolean', false, ''],
      ['unit', 'choice', false, ''],
      ['tags', 'json', false, ''],
    ]);
    expect(fieldsOf(SCHEMA)[3]!.choices).toEqual(['ms', 's']);
  });

  test('arguments typed from the texts; empty optional fields left out; defaults used', () => {
    const fields = fieldsOf(SCHEMA);
    expect(argumentsOf(fields, { a: '2.5', loud: 'true', tags: '["x"]' })).toEqual({
      ok: true,
      value: { a: 2.5, n: 3, loud: true, tags: ['x'] },
    });
  });

  test('a problem names its field', () => {
    const fields = fieldsOf(SCHEMA);
    expect(argumentsOf(fields, {})).toEqual({ ok: false, error: "'a' is required." });
    expect(argumentsOf(fields, { a: '1', n: '1.5' })).toEqual({
      ok: false,
      error: "'n' must be a whole number.",
    });
    expect(argumentsOf(fields, { a: 'x' })).toEqual({ ok: false, error: "'a' must be a number." });
    expect(argumentsOf(fields, { a: '1', tags: '[' })).toEqual({ ok: false, error: "'tags' must be JSON." });
  });
});
