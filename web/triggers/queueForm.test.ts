import { describe, expect, test } from 'vitest';
import type { QueueState } from '../../runtime/core/control/protocol';
import { jsonProblem, poisonBase, queueNameProblem, queueSuggestions } from './queueForm';

const queue = (name: string): QueueState => ({ name, count: 0, visible: 0, inFlight: 0, messages: [] });

describe('poisonBase', () => {
  test('names the queue a poison queue belongs to', () => {
    expect(poisonBase('orders-poison')).toBe('orders');
    expect(poisonBase('my-orders-poison')).toBe('my-orders');
    expect(poisonBase('orders')).toBeUndefined();
    expect(poisonBase('-poison')).toBeUndefined();
    expect(poisonBase('poison')).toBeUndefined();
  });
});

describe('queueNameProblem', () => {
  test('accepts what the host accepts', () => {
    expect(queueNameProblem('orders')).toBeUndefined();
    expect(queueNameProblem('orders-poison')).toBeUndefined();
    expect(queueNameProblem('q1')).toBeUndefined();
  });

  test('explains what it refuses', () => {
    expect(queueNameProblem('')).toBe('Name the queue.');
    expect(queueNameProblem('Orders')).toBe('Queue names are lowercase.');
    expect(queueNameProblem('-orders')).toMatch(/starts with a letter or digit/);
    expect(queueNameProblem('my_orders')).toMatch(/letters, digits and hyphens/);
    expect(queueNameProblem('x'.repeat(64))).toMatch(/63/);
  });
});

describe('queueSuggestions', () => {
  test('lists known queues once, poison queues last', () => {
    expect(
      queueSuggestions([queue('shipments'), queue('orders-poison'), queue('orders'), queue('orders')]),
    ).toEqual(['orders', 'shipments', 'orders-poison']);
  });
});

describe('jsonProblem', () => {
  test('passes JSON and explains what is not', () => {
    expect(jsonProblem('{"id":1005}')).toBeUndefined();
    expect(jsonProblem('"text"')).toBeUndefined();
    expect(jsonProblem('{id:1}')).toMatch(/^Not valid JSON: /);
    expect(jsonProblem('')).toMatch(/^Not valid JSON: /);
  });
});
