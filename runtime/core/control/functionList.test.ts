import { describe, expect, test } from 'vitest';
import { loadApp } from '../app/appModel';
import type { AppFiles } from '../app/appModel';
import { functionList } from './functionList';

const HTTP_IN = { type: 'httpTrigger', direction: 'in', name: 'req' };
const HTTP_OUT = { type: 'http', direction: 'out', name: 'res' };
const QUEUE_OUT = { type: 'queue', direction: 'out', name: 'msg', queueName: 'orders' };

function app(customHandler: object, extensions: object | undefined, folders: Record<string, object>) {
  const files: AppFiles = {
    hostJson: JSON.stringify({
      version: '2.0',
      customHandler: { description: { defaultExecutablePath: 'node' }, ...customHandler },
      ...(extensions && { extensions }),
    }),
    functionFolders: Object.entries(folders).map(([name, json]) => ({
      name,
      functionJson: JSON.stringify(json),
    })),
  };
  const model = loadApp(files, {});
  expect(model.diagnostics).toEqual([]);
  return model;
}

describe('functionList', () => {
  test('HTTP functions get methods (all when unset), route, URL with the prefix, auth level and mode; others only trigger', () => {
    const model = app({ enableForwardingHttpRequest: true }, undefined, {
      Echo: {
        bindings: [
          { ...HTTP_IN, methods: ['get', 'post'], route: 'echo/{id}', authLevel: 'anonymous' },
          HTTP_OUT,
        ],
      },
      Orders: { bindings: [HTTP_IN, HTTP_OUT, QUEUE_OUT] },
      Tick: {
        bindings: [{ type: 'timerTrigger', direction: 'in', name: 't', schedule: '0 */5 * * * *' }],
        disabled: true,
      },
    });
    expect(functionList(model, model.functions, 7071)).toEqual([
      {
        name: 'Echo',
        trigger: 'httpTrigger',
        disabled: false,
        // function.json's methods, upper-cased when read.
        methods: ['GET', 'POST'],
        route: 'echo/{id}',
        url: 'http://localhost:7071/api/echo/{id}',
        authLevel: 'anonymous',
        mode: 'forwarding',
      },
      {
        name: 'Orders',
        trigger: 'httpTrigger',
        disabled: false,
        methods: ['GET', 'POST', 'DELETE', 'HEAD', 'PATCH', 'PUT', 'OPTIONS'],
        route: 'Orders',
        url: 'http://localhost:7071/api/Orders',
        authLevel: 'function',
        // An extra output binding: payload mode whatever the options say.
        mode: 'payload',
      },
      { name: 'Tick', trigger: 'timerTrigger', disabled: true },
    ]);
  });

  test('the route prefix from host.json (empty too) and the front door port shape the URL; proxying wins', () => {
    const fns = { Api: { bindings: [{ ...HTTP_IN, route: 'items' }, HTTP_OUT] } };
    const v1 = app(
      { enableProxyingHttpRequest: true, enableForwardingHttpRequest: true },
      { http: { routePrefix: 'v1' } },
      fns,
    );
    expect(functionList(v1, v1.functions, 8080)[0]).toMatchObject({
      url: 'http://localhost:8080/v1/items',
      mode: 'proxy',
    });
    const none = app({}, { http: { routePrefix: '' } }, fns);
    expect(functionList(none, none.functions, 8080)[0]).toMatchObject({
      url: 'http://localhost:8080/items',
      mode: 'payload',
    });
  });
});
