import { describe, expect, test } from 'vitest';
import { readFunctionJson } from '../../runtime/core/app/functionJson';
import {
  appendNote,
  checkFunctionName,
  FUNCTION_TEMPLATES,
  functionJsonFor,
  handlerPathOf,
  newFunction,
  queueNameFor,
  routeCommentFor,
} from './templates';

const app = {
  'host.json':
    '{"version":"2.0", // the handler\n"customHandler":{"description":{"defaultExecutablePath":"node","defaultWorkerPath":"handler.js"}}}',
  'handler.js': 'const routes = {};\n\n',
  'order/function.json': '{}',
};

describe('function templates', () => {
  test.each(FUNCTION_TEMPLATES.map((t) => t.id))('the %s template is a function the host loads', (id) => {
    const read = readFunctionJson('newFn', functionJsonFor('newFn', id), { AzureWebJobsStorage: 'x' });
    expect(read.diagnostics).toEqual([]);
    expect(read.function?.trigger.typeLower).toBe(`${id}trigger`);
  });

  test('queue names follow the storage rules', () => {
    expect(queueNameFor('My_Queue--Fn')).toBe('my-queue-fn-items');
    expect(queueNameFor('a')).toBe('a-items');
    expect(queueNameFor(`a${'b'.repeat(100)}`)).toHaveLength(63);
  });

  test.each([
    ['', /starts with a letter/],
    ['1abc', /starts with a letter/],
    ['has space', /starts with a letter/],
    ['ORDER', /'order' already exists/],
    ['handler.js', /starts with a letter/],
  ])('checkFunctionName(%j)', (name, message) => {
    expect(checkFunctionName(name, Object.keys(app))).toMatch(message);
  });

  test('a good name passes', () => {
    expect(checkFunctionName('ship-it_2', Object.keys(app))).toBeUndefined();
  });

  test('the handler script comes from host.json (comments allowed), or is unknown', () => {
    expect(handlerPathOf(app)).toBe('handler.js');
    expect(handlerPathOf({ ...app, 'handler.js': undefined as unknown as string })).toBeUndefined();
    expect(
      handlerPathOf({
        'host.json': '{"httpWorker":{"description":{"defaultWorkerPath":"./s.js"}}}',
        's.js': '',
      }),
    ).toBe('s.js');
    expect(handlerPathOf({ 'host.json': '{ broken' })).toBeUndefined();
  });

  test('newFunction adds function.json and a route comment at the end of the handler', () => {
    const made = newFunction('ship', 'queue', app);
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.functionJson.path).toBe('ship/function.json');
    expect(made.handler?.path).toBe('handler.js');
    const text = appendNote(app['handler.js'], made.handler!.comment);
    expect(text.startsWith('const routes = {};\n\n// Function')).toBe(true);
    expect(text).toContain("//   '/ship': (invocation) =>");
    expect(appendNote('x', '\n// y\n')).toBe('x\n\n// y\n');
    expect(newFunction('order', 'http', app)).toEqual({ ok: false, error: "'order' already exists." });
  });

  test('route comments use the handler language comment syntax', () => {
    expect(routeCommentFor('f', 'timer', 'handler.py')).toMatch(/^\n# Function 'f' \(timer trigger\)/);
    expect(routeCommentFor('f', 'timer', 'handler.py')).not.toContain('routes');
    expect(routeCommentFor('f', 'http', 'server.js')).toContain(
      "//   '/f': (invocation) => ({ Outputs: { res:",
    );
  });
});
