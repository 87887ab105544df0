import { describe, expect, test } from 'vitest';
import { noTriggerProblem } from './embedTriggers';

const HTTP = { 'hello/function.json': '{"bindings":[{"type":"httpTrigger","name":"req"}]}' };
const TIMER = {
  'tick/function.json': '{"bindings":[{"type": "timerTrigger","name":"t","schedule":"*/10 * * * * *"}]}',
};

describe('noTriggerProblem', () => {
  test('the Triggers panel is a way to trigger', () => {
    expect(noTriggerProblem(['editor', 'triggers'], HTTP, '')).toBeUndefined();
  });

  test('without it, an HTTP app cannot be triggered', () => {
    expect(noTriggerProblem(['editor', 'exchanges'], HTTP, '')).toMatch(
      /no way to trigger.*Add the Triggers panel/,
    );
  });

  test('a timer fires by itself', () => {
    expect(noTriggerProblem(['exchanges'], TIMER, '')).toBeUndefined();
  });

  test("the embedding page's origin lets it send requests through the message API", () => {
    expect(noTriggerProblem(['exchanges'], HTTP, 'https://docs.example.com')).toBeUndefined();
    expect(noTriggerProblem(['exchanges'], HTTP, 'not an origin')).toBeDefined();
  });
});
