import { expect, test } from 'vitest';
import { buildHandlerEnvironment, buildHostEnvironment, injectedVariables } from './handlerEnvironment';

const ROOT = '/home/site/wwwroot';
const WORKER_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const injected = injectedVariables(7072, WORKER_ID, ROOT);

test('the five injected variables', () => {
  expect(injected).toEqual({
    FUNCTIONS_HTTPWORKER_PORT: '7072',
    FUNCTIONS_HTTPWORKER_ID: WORKER_ID,
    FUNCTIONS_CUSTOMHANDLER_PORT: '7072',
    FUNCTIONS_CUSTOMHANDLER_WORKER_ID: WORKER_ID,
    FUNCTIONS_APP_ROOT_PATH: ROOT,
  });
});

test('the child gets the base, local settings, Core Tools entries and injected variables', () => {
  const env = buildHandlerEnvironment(
    { PATH: '/usr/bin', SKIPPED: undefined },
    { MY_SETTING: 'v' },
    injected,
    7071,
  );
  expect(env).toEqual({
    PATH: '/usr/bin',
    MY_SETTING: 'v',
    WEBSITE_HOSTNAME: 'localhost:7071',
    AzureWebJobsScriptRoot: ROOT,
    AZURE_FUNCTIONS_ENVIRONMENT: 'Development',
    ...injected,
  });
});

test.each<[string, string | undefined, string | null, string | undefined]>([
  ['a local setting fills a missing variable', undefined, 'local', 'local'],
  ['a variable already set wins', 'shell', 'local', 'shell'],
  ['a variable set to "" is overwritten', '', 'local', 'local'],
  ['an empty local setting is exported as empty', undefined, '', ''],
  ['a null local setting is skipped', undefined, null, undefined],
  ['a null local setting leaves the variable alone', 'shell', null, 'shell'],
])('%s', (_, existing, local, expected) => {
  const env = buildHostEnvironment({ X: existing }, { X: local }, { frontDoorPort: 7071, appRoot: ROOT });
  expect(env['X']).toBe(expected);
});

test('the lookup is case-sensitive', () => {
  const env = buildHostEnvironment({ path: '/a' }, { PATH: '/b' }, { frontDoorPort: 7071, appRoot: ROOT });
  expect([env['path'], env['PATH']]).toEqual(['/a', '/b']);
});

test('an empty setting name is skipped', () => {
  const env = buildHostEnvironment({}, { '': 'x' }, { frontDoorPort: 7071, appRoot: ROOT });
  expect(Object.keys(env)).not.toContain('');
});

test('Core Tools entries also lose to variables already set', () => {
  const env = buildHostEnvironment(
    {
      AZURE_FUNCTIONS_ENVIRONMENT: 'Production',
      WEBSITE_HOSTNAME: 'example.net',
      AzureWebJobsScriptRoot: '/x',
    },
    {},
    { frontDoorPort: 7071, appRoot: ROOT },
  );
  expect(env).toEqual({
    AZURE_FUNCTIONS_ENVIRONMENT: 'Production',
    WEBSITE_HOSTNAME: 'example.net',
    AzureWebJobsScriptRoot: '/x',
  });
});

test('Core Tools entries replace the same names in local settings', () => {
  const env = buildHostEnvironment(
    {},
    { AZURE_FUNCTIONS_ENVIRONMENT: 'Staging', WEBSITE_HOSTNAME: 'other:1' },
    { frontDoorPort: 7071, appRoot: ROOT },
  );
  expect([env['AZURE_FUNCTIONS_ENVIRONMENT'], env['WEBSITE_HOSTNAME']]).toEqual([
    'Development',
    'localhost:7071',
  ]);
});

test.each([
  [7071, 'localhost:7071'],
  [8080, 'localhost:8080'],
  [80, 'localhost'],
])('front door port %d gives WEBSITE_HOSTNAME %j', (port, hostname) => {
  expect(buildHostEnvironment({}, {}, { frontDoorPort: port, appRoot: ROOT })['WEBSITE_HOSTNAME']).toBe(
    hostname,
  );
});

test('connection strings are exported as ConnectionStrings:<name>', () => {
  const env = buildHandlerEnvironment({}, {}, injected, 7071, { Db: 'Server=x', Gone: null });
  expect(env['ConnectionStrings:Db']).toBe('Server=x');
  expect(Object.keys(env)).not.toContain('ConnectionStrings:Gone');
});

test('the injected variables override everything, local settings included', () => {
  const env = buildHandlerEnvironment(
    { FUNCTIONS_CUSTOMHANDLER_PORT: '1' },
    { FUNCTIONS_HTTPWORKER_PORT: '2', FUNCTIONS_APP_ROOT_PATH: '/elsewhere' },
    injected,
    7071,
  );
  expect([
    env['FUNCTIONS_CUSTOMHANDLER_PORT'],
    env['FUNCTIONS_HTTPWORKER_PORT'],
    env['FUNCTIONS_APP_ROOT_PATH'],
  ]).toEqual(['7072', '7072', ROOT]);
});

test('the host environment has no injected variables', () => {
  const env = buildHostEnvironment({}, {}, { frontDoorPort: 7071, appRoot: ROOT });
  expect(Object.keys(env).filter((name) => name.startsWith('FUNCTIONS_'))).toEqual([]);
});

test('a variable named __proto__ stays a plain variable', () => {
  const env = buildHostEnvironment({}, JSON.parse('{"__proto__":"x"}') as Record<string, string>, {
    frontDoorPort: 7071,
    appRoot: ROOT,
  });
  expect(Object.getOwnPropertyDescriptor(env, '__proto__')?.value).toBe('x');
  expect(Object.getPrototypeOf(env)).toBe(Object.prototype);
});

test('the input objects are not changed', () => {
  const base = { A: 'a' };
  const values = { B: 'b' };
  buildHandlerEnvironment(base, values, injected, 7071);
  expect([base, values]).toEqual([{ A: 'a' }, { B: 'b' }]);
});
