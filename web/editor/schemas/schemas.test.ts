import { describe, expect, test } from 'vitest';
import { parseTimeSpan } from '../../../runtime/core/time/timeSpan';
import { functionJsonSchema } from './functionJsonSchema';
import { hostJsonSchema } from './hostJsonSchema';
import { APP_SCHEMAS } from './index';
import type { JsonSchema } from './jsonSchema';
import { anyCase, TIME_SPAN_PATTERN } from './jsonSchema';
import { localSettingsSchema } from './localSettingsSchema';

/** The schema of a dotted key path, looking through properties, items and if/then branches. */
function at(schema: JsonSchema, path: string): JsonSchema | undefined {
  let found: JsonSchema[] = [schema];
  for (const key of path.split('.')) {
    const next: JsonSchema[] = [];
    const visit = (s: JsonSchema) => {
      if (key === '[]' && s.items) next.push(s.items);
      const direct = s.properties?.[key];
      if (direct) next.push(direct);
      for (const branch of s.allOf ?? []) if (branch.then) visit(branch.then);
    };
    found.forEach(visit);
    found = next;
  }
  return found[0];
}

const described = (schema: JsonSchema | undefined) => (schema?.description ?? '').length > 20;

describe('host.json schema', () => {
  test.each([
    'version',
    'customHandler',
    'customHandler.description',
    'customHandler.description.defaultExecutablePath',
    'customHandler.description.defaultWorkerPath',
    'customHandler.description.arguments',
    'customHandler.description.workerArguments',
    'customHandler.description.workingDirectory',
    'customHandler.description.workerDirectory',
    'customHandler.description.useStdErrorStreamForErrorsOnly',
    'customHandler.enableForwardingHttpRequest',
    'customHandler.enableProxyingHttpRequest',
    'customHandler.initializationTimeout',
    'customHandler.port',
    'customHandler.http.routes',
    'customHandler.http.routes.[].route',
    'customHandler.http.defaultAuthorizationLevel',
    'httpWorker',
    'httpWorker.description.defaultExecutablePath',
    'extensions.http.routePrefix',
    'extensions.queues.batchSize',
    'extensions.queues.newBatchThreshold',
    'extensions.queues.maxPollingInterval',
    'extensions.queues.visibilityTimeout',
    'extensions.queues.maxDequeueCount',
    'extensions.queues.messageEncoding',
    'functionTimeout',
    'logging',
    'extensionBundle',
    'configurationProfile',
  ])('%s is described', (path) => {
    expect(described(at(hostJsonSchema, path))).toBe(true);
  });

  test('httpWorker is marked deprecated and version must be 2.0', () => {
    expect(at(hostJsonSchema, 'httpWorker')?.deprecationMessage).toMatch(/customHandler/);
    expect(at(hostJsonSchema, 'version')?.enum).toEqual(['2.0']);
    expect(hostJsonSchema.required).toEqual(['version']);
  });
});

describe('function.json schema', () => {
  test.each([
    'bindings',
    'disabled',
    'bindings.[].type',
    'bindings.[].direction',
    'bindings.[].name',
    'bindings.[].methods',
    'bindings.[].route',
    'bindings.[].authLevel',
    'bindings.[].queueName',
    'bindings.[].connection',
    'bindings.[].dataType',
    'bindings.[].schedule',
    'bindings.[].runOnStartup',
    'bindings.[].useMonitor',
  ])('%s is described', (path) => {
    expect(described(at(functionJsonSchema, path))).toBe(true);
  });

  test('binding types are matched in any case, unknown ones are not', () => {
    const pattern = new RegExp(at(functionJsonSchema, 'bindings.[].type')!.pattern!);
    expect(pattern.test('httpTrigger')).toBe(true);
    expect(pattern.test('HTTPTRIGGER')).toBe(true);
    expect(pattern.test('queue')).toBe(true);
    expect(pattern.test('smtp')).toBe(false);
  });
});

describe('local.settings.json schema', () => {
  test.each(['IsEncrypted', 'Values', 'Host.LocalHttpPort', 'Values.FUNCTIONS_WORKER_RUNTIME'])(
    '%s is described',
    (path) => {
      expect(described(at(localSettingsSchema, path))).toBe(true);
    },
  );
});

test('each schema names the files it applies to', () => {
  expect(APP_SCHEMAS.map((s) => s.fileMatch)).toEqual([
    ['host.json'],
    ['*/function.json'],
    ['local.settings.json'],
  ]);
});

test('anyCase', () => {
  const re = new RegExp(anyCase('in', 'out'));
  expect(['in', 'OUT', ' Out ', 'In'].every((t) => re.test(t))).toBe(true);
  expect(['inout', 'x', ''].some((t) => re.test(t))).toBe(false);
  expect(new RegExp(anyCase('a.b')).test('aXb')).toBe(false);
});

test.each([
  '00:00:30',
  '1.02:03:04',
  '5',
  '24:00:00',
  '00:00:00.100',
  '10:30',
  '-00:00:01',
  'x',
  '1:2:3:4:5',
  '',
])('the TimeSpan pattern agrees with the host on %j', (text) => {
  expect(new RegExp(TIME_SPAN_PATTERN).test(text)).toBe(parseTimeSpan(text) !== undefined);
});
