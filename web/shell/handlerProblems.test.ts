import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../runtime/core/app/diagnostics';
import { handlerProblem, hostStateSentence, placeOf } from './handlerProblems';

const status = (handler: { state: string; detail?: string }, state = 'Starting', errors: string[] = []) => ({
  state: state as 'Starting',
  handler,
  errors,
});
const crash: Diagnostic = {
  severity: 'error',
  file: 'handler.js',
  line: 12,
  message: "SyntaxError: Unexpected token ';' (the handler exited with code 1)",
  source: 'handler',
};

describe('handlerProblem', () => {
  test('a crash the output located wins over everything else', () => {
    expect(handlerProblem(status({ state: 'failed' }, 'Error', ['x']), [crash])).toEqual({
      kind: 'crash',
      place: crash,
    });
  });

  test("the host's slow-start words while the handler starts", () => {
    expect(handlerProblem(status({ state: 'starting', detail: 'port 5' }), [])).toEqual({
      kind: 'slow',
      text: 'port 5',
    });
    expect(handlerProblem(status({ state: 'starting' }), [])).toBeUndefined();
  });

  test("a stopped handler says the host's last error; problems with files alone say nothing here", () => {
    expect(handlerProblem(status({ state: 'failed' }, 'Error', ['first', 'last']), [])).toEqual({
      kind: 'stopped',
      text: 'last',
    });
    expect(
      handlerProblem(status({ state: 'ready' }, 'Running'), [{ ...crash, source: undefined } as Diagnostic]),
    ).toBeUndefined();
  });

  test('places read as file:line or file:line:column', () => {
    expect(placeOf(crash)).toBe('handler.js:12');
    expect(placeOf({ ...crash, column: 3 })).toBe('handler.js:12:3');
  });
});

describe('hostStateSentence', () => {
  test('never builds a sentence from a bare state name', () => {
    for (const state of [undefined, 'Starting', 'Running', 'Error', 'Stopped']) {
      const sentence = hostStateSentence(state);
      expect(sentence).not.toMatch(/is (error|stopped)\./i);
      expect(sentence).toMatch(/^The host /);
    }
    expect(hostStateSentence('Error')).toContain('Restart');
  });
});
