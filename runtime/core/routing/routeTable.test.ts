import { expect, test } from 'vitest';
import type { FunctionDef } from '../app/functionJson';
import type { RegexPattern } from './routeConstraints';
import { RouteTable } from './routeTable';

function httpFunction(name: string, route: string): FunctionDef {
  return {
    name,
    file: `${name}/function.json`,
    http: { route, methods: undefined },
  } as unknown as FunctionDef;
}

const inThread = () => (p: RegexPattern, v: string) => Promise.resolve(new RegExp(p.source, p.flags).test(v));

test('a route holding a NUL character is refused with a message naming the function; the others load', async () => {
  const table = new RouteTable([httpFunction('bad', 'a\u0000b'), httpFunction('good', 'ok')], 'api');
  expect(table.diagnostics).toEqual([
    expect.objectContaining({
      severity: 'error',
      file: 'bad/function.json',
      functionName: 'bad',
      message: expect.stringMatching(
        /^The route 'a\\u0000b' holds a NUL character \(\\u0000\) at position 2/,
      ),
    }),
  ]);
  await expect(table.match('GET', '/api/ok', inThread)).resolves.toMatchObject({ kind: 'function' });
  await expect(table.match('GET', '/api/a%00b', inThread)).resolves.toEqual({ kind: 'none' });
});

test('regex constraints go through the tester, tagged with their function; others do not', async () => {
  const table = new RouteTable(
    [httpFunction('num', 'n/{id:int}'), httpFunction('re', 'r/{v:regex(^a+$)}')],
    'api',
  );
  const seen: string[] = [];
  const tester = (fn: FunctionDef) => async (p: RegexPattern, v: string) => {
    seen.push(`${fn.name}:${p.source}:${v}`);
    return new RegExp(p.source, p.flags).test(v);
  };
  await expect(table.match('GET', '/api/n/5', tester)).resolves.toMatchObject({ values: { id: '5' } });
  await expect(table.match('GET', '/api/r/AAA', tester)).resolves.toMatchObject({ values: { v: 'AAA' } });
  await expect(table.match('GET', '/api/r/b', tester)).resolves.toEqual({ kind: 'none' });
  expect(seen).toEqual(['re:^a+$:AAA', 're:^a+$:b']);
});

test('a tester that gives up (a match past its time limit) fails the match instead of skipping the route', async () => {
  const table = new RouteTable(
    [httpFunction('re', 'r/{v:regex(^(a+)+$)}'), httpFunction('all', '{*rest}')],
    'api',
  );
  const timedOut = () => () => Promise.reject(new Error('timed out'));
  await expect(table.match('GET', '/api/r/aaa!', timedOut)).rejects.toThrow('timed out');
});

test('matchNow answers at once as match does for routes without regex constraints, and defers when one has one', async () => {
  const plain = new RouteTable(
    [
      httpFunction('num', 'n/{id:int}'),
      httpFunction('opt', 'o/{a?}/{b=x}'),
      { ...httpFunction('post', 'p'), http: { route: 'p', methods: ['POST'] } } as unknown as FunctionDef,
      httpFunction('all', '{*rest}'),
    ],
    'api',
  );
  for (const [method, path] of [
    ['GET', '/api/n/5'],
    ['GET', '/api/n/x'],
    ['GET', '/api/o'],
    ['GET', '/api/O/1/2'],
    ['post', '/api/p'],
    ['GET', '/api/p'],
    ['GET', '/api/%zz'],
    ['GET', '/elsewhere'],
  ] as const) {
    expect(plain.matchNow(method, path)).toEqual(await plain.match(method, path, inThread));
  }
  const withRegex = new RouteTable([httpFunction('re', 'r/{v:regex(^a+$)}')], 'api');
  expect(withRegex.matchNow('GET', '/api/r/aaa')).toBeUndefined();
});
