import { describe, expect, test } from 'vitest';
import { loadApp } from './appModel';
import { formatDiagnostic } from './diagnostics';
import type { AppFiles } from './appModel';

const HOST = '{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":"node"}}}';
const HTTP_FN =
  '{"bindings":[{"type":"httpTrigger","direction":"in","name":"req"},{"type":"http","direction":"out","name":"res"}]}';

function app(partial: Partial<AppFiles>, env: Record<string, string> = {}) {
  return loadApp({ hostJson: HOST, functionFolders: [], ...partial }, env);
}
const messages = (m: ReturnType<typeof app>) => m.diagnostics.map(formatDiagnostic);

describe('host.json', () => {
  test('reads every customHandler key case-insensitively, with defaults', () => {
    const m = app({
      hostJson: `{
        "Version": "2.0",
        // Json.NET accepts comments
        "CustomHandler": {
          "Description": {
            "DefaultExecutablePath": "node", "defaultWorkerPath": "server.js",
            "arguments": ["--a"], "workerArguments": ["--w"],
            "workingDirectory": "app", "workerDirectory": "bin"
          },
          "enableForwardingHttpRequest": "true",
          "initializationTimeout": "00:00:05",
          "port": 9000
        },
        "extensions": {"http": {"routePrefix": "/v1/"}},
        "functionTimeout": "00:01:00"
      }`,
    });
    expect(m.diagnostics).toEqual([]);
    const ch = m.host?.customHandler;
    expect(ch).toMatchObject({
      section: 'customHandler',
      type: 'Http',
      enableForwardingHttpRequest: true,
      enableProxyingHttpRequest: false,
      initializationTimeoutMs: 5000,
      port: 9000,
      description: {
        defaultExecutablePath: 'node',
        defaultWorkerPath: 'server.js',
        arguments: ['--a'],
        workerArguments: ['--w'],
        workingDirectory: 'app',
        workerDirectory: 'bin',
        useStdErrorStreamForErrorsOnly: true,
      },
    });
    expect(m.host?.routePrefix).toBe('v1');
    expect(m.host?.functionTimeoutMs).toBe(60_000);
  });

  test('defaults: api prefix, 30 s initialization, 30 min function timeout', () => {
    const m = app({});
    expect(m.host?.routePrefix).toBe('api');
    expect(m.host?.customHandler?.initializationTimeoutMs).toBe(30_000);
    expect(m.host?.functionTimeoutMs).toBe(30 * 60_000);
  });

  test('the legacy httpWorker section warns and sets type None; both sections warn and prefer customHandler', () => {
    const legacy = app({
      hostJson: '{"version":"2.0","httpWorker":{"description":{"defaultExecutablePath":"node"}}}',
    });
    expect(legacy.host?.customHandler).toMatchObject({ section: 'httpWorker', type: 'None' });
    expect(messages(legacy)).toEqual([
      'host.json:1:31: httpWorker: Section httpWorker will be deprecated. Please use customHandler section.',
    ]);
    const both = app({
      hostJson:
        '{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":"a"}},"httpWorker":{"description":{"defaultExecutablePath":"b"}}}',
    });
    expect(both.host?.customHandler?.description.defaultExecutablePath).toBe('a');
    expect(messages(both)[0]).toContain('customHandler takes precedence');
  });

  test('environment variables override keys; arguments accept a JSON array string', () => {
    const m = app(
      {},
      {
        AzureFunctionsJobHost__customHandler__description__defaultExecutablePath: 'python3',
        AzureFunctionsJobHost__customHandler__description__arguments: '["-u", "server.py"]',
      },
    );
    expect(m.host?.customHandler?.description).toMatchObject({
      defaultExecutablePath: 'python3',
      arguments: ['-u', 'server.py'],
    });
  });

  test('functionTimeout -1 is unbounded', () => {
    expect(
      app({ hostJson: HOST.replace('{"version"', '{"functionTimeout":"-1","version"') }).host
        ?.functionTimeoutMs,
    ).toBeNull();
  });

  test.each([
    ['{"version":"2.0",', 'host.json:1:18: Unexpected end of file'],
    ['{"customHandler":{}}', "host.json:1:1: The host.json file is missing the required 'version' property"],
    ['{"version":"1.0","customHandler":{}}', "version: '1.0' is an invalid value"],
    ['{"version":"2.0"}', 'host.json: host.json has no customHandler section'],
    [
      '{"version":"2.0","customHandler":{}}',
      'host.json:1:34: customHandler.description: Missing worker Description.',
    ],
    [
      '{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":""}}}',
      'customHandler.description.defaultExecutablePath: WorkerDescription DefaultExecutablePath cannot be empty',
    ],
    [
      '{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":"x"},"initializationTimeout":"soon"}}',
      "host.json:1:103: customHandler.initializationTimeout: 'soon' is not a valid TimeSpan",
    ],
    [
      '{"version":"2.0","functionTimeout":"5m","customHandler":{"description":{"defaultExecutablePath":"x"}}}',
      "host.json:1:36: functionTimeout: '5m' is not a valid TimeSpan",
    ],
    [
      '{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":["x"]}}}',
      'host.json:1:74: customHandler.description.defaultExecutablePath: expected a string, found an array',
    ],
    [
      '{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":"x"},"enableProxyingHttpRequest":"yes"}}',
      "customHandler.enableProxyingHttpRequest: 'yes' is not a boolean",
    ],
    ['[]', 'host.json:1:1: host.json must contain a JSON object'],
  ])('broken host.json %s stops the host with a clear message', (hostJson, expected) => {
    const m = app({ hostJson, functionFolders: [{ name: 'hello', functionJson: HTTP_FN }] });
    expect(m.host).toBeUndefined();
    expect(messages(m).join('\n')).toContain(expected);
  });

  test('a missing host.json is named', () => {
    const m = loadApp({ functionFolders: [] }, {});
    expect(messages(m)).toEqual([
      'host.json: host.json is missing: every function app needs one at its root',
    ]);
  });
});

describe('function.json', () => {
  test('reads an http function: methods upper-cased, route defaults to the name, authLevel defaults to function', () => {
    const m = app({
      functionFolders: [
        {
          name: 'Order',
          functionJson:
            '{"bindings":[{"type":"HttpTrigger","direction":"in","name":"req","methods":["post","get"]},{"type":"http","direction":"out","name":"res"},{"type":"queue","direction":"out","name":"message","queueName":"orders"}]}',
        },
      ],
    });
    expect(m.diagnostics).toEqual([]);
    const fn = m.functions[0]!;
    expect(fn.name).toBe('Order');
    expect(fn.http).toEqual({ methods: ['POST', 'GET'], route: 'Order', authLevel: 'function' });
    expect(fn.outputs.map((b) => b.name)).toEqual(['res', 'message']);
    expect(fn.trigger.name).toBe('req');
  });

  test('a broken function is reported and skipped while the others load', () => {
    const m = app({
      functionFolders: [
        { name: 'good', functionJson: HTTP_FN },
        {
          name: 'bad',
          functionJson: '{\n  "bindings": [\n    {"type": "httpTrigger", "name": "req",}\n  \n',
        },
      ],
    });
    expect(m.functions.map((f) => f.name)).toEqual(['good']);
    expect(messages(m)).toEqual(["bad/function.json:5:1: Unexpected end of file; expected ',' or ']'"]);
    expect(m.diagnostics[0]?.functionName).toBe('bad');
  });

  test.each([
    [
      '{"bindings":[{"type":"blobby","direction":"in","name":"x"}]}',
      "bindings[0].type: The binding type(s) 'blobby' are not registered",
    ],
    ['{"bindings":[{"type":"httpTrigger","direction":"in"}]}', 'bindings[0].name: The binding has no "name"'],
    [
      '{"bindings":[{"type":"httpTrigger","direction":"in","name":"1req"}]}',
      'The binding name 1req is invalid',
    ],
    ['{"bindings":[{"direction":"in","name":"req"}]}', 'bindings[0].type: The binding has no "type"'],
    ['{"bindings":[{"type":"http","direction":"out","name":"res"}]}', 'No trigger binding specified'],
    [
      '{"bindings":[{"type":"httpTrigger","direction":"in","name":"a"},{"type":"queueTrigger","direction":"in","name":"b","queueName":"q"}]}',
      'bindings[1]: Multiple trigger bindings defined',
    ],
    [
      '{"bindings":[{"type":"httpTrigger","direction":"in","name":"req"},{"type":"http","direction":"out","name":"REQ"}]}',
      "Multiple bindings with name 'REQ' discovered",
    ],
    [
      '{"bindings":[{"type":"httpTrigger","direction":"sideways","name":"req"}]}',
      "'sideways' is not a binding direction",
    ],
    [
      '{"bindings":[{"type":"httpTrigger","direction":"in","name":"req","authLevel":"secret"}]}',
      "'secret' is not an authLevel",
    ],
    [
      '{"bindings":[{"type":"blobTrigger","direction":"in","name":"b","path":"x"}]}',
      "The 'blobTrigger' trigger comes from the extension bundle",
    ],
    ['{"bindings":"none"}', 'bindings: expected an array of bindings, found a string'],
    ['{}', 'No "bindings" array'],
    [
      '{"bindings":[{"type":"queueTrigger","direction":"in","name":"m","queueName":"%MISSING%"}]}',
      "bindings[0].queueName: '%MISSING%' does not resolve to a value: app setting 'MISSING' is not defined",
    ],
    [
      '{"bindings":[{"type":"httpTrigger","direction":"in","name":"$return"}]}',
      "$return bindings must specify a direction of 'out'.",
    ],
  ])('function.json %s is reported with its place', (functionJson, expected) => {
    const m = app({
      functionFolders: [
        { name: 'fn', functionJson },
        { name: 'ok', functionJson: HTTP_FN },
      ],
    });
    expect(m.functions.map((f) => f.name)).toEqual(['ok']);
    expect(messages(m).join('\n')).toContain(expected);
    expect(m.diagnostics.every((d) => d.file === 'fn/function.json')).toBe(true);
  });

  test('%SETTING% in binding properties resolves from local.settings.json, the environment winning', () => {
    const m = app(
      {
        localSettingsJson:
          '{"IsEncrypted":false,"Values":{"Q":"from-file","R":"items","FUNCTIONS_WORKER_RUNTIME":"custom"}}',
        functionFolders: [
          {
            name: 'fn',
            functionJson:
              '{"bindings":[{"type":"httpTrigger","direction":"in","name":"req","route":"%R%/{id}"},{"type":"queue","direction":"out","name":"q","queueName":"%Q%"}]}',
          },
        ],
      },
      { Q: 'from-env' },
    );
    expect(m.diagnostics).toEqual([]);
    expect(m.functions[0]?.http?.route).toBe('items/{id}');
    const q = m.functions[0]?.outputs[0]?.props.entries.find(([k]) => k === 'queueName')?.[1];
    expect(q).toMatchObject({ kind: 'string', value: 'from-env' });
    expect(m.localValues).toEqual({ Q: 'from-file', R: 'items', FUNCTIONS_WORKER_RUNTIME: 'custom' });
  });

  test('disabled by function.json or by the AzureWebJobs.<name>.Disabled setting', () => {
    const m = app(
      {
        functionFolders: [
          { name: 'a', functionJson: HTTP_FN.replace('{"bindings"', '{"disabled":true,"bindings"') },
          { name: 'b', functionJson: HTTP_FN },
          { name: 'c', functionJson: HTTP_FN },
        ],
      },
      { 'AzureWebJobs.b.Disabled': 'true' },
    );
    expect(m.functions.map((f) => [f.name, f.disabled])).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
    ]);
  });

  test('host.json http.routes synthesize http-handler functions when the runtime is custom', () => {
    const m = app(
      {
        hostJson:
          '{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":"x"},"http":{"routes":[{"route":"{*route}"},{"route":"/bad//slash","authorizationLevel":"anonymous"},{"route":"/with space","authorizationLevel":"anonymous"}]}}}',
      },
      { FUNCTIONS_WORKER_RUNTIME: 'Custom' },
    );
    expect(m.functions.map((f) => [f.name, f.http?.route, f.http?.authLevel])).toEqual([
      ['http-handler1', '{*route}', 'function'],
      ['http-handler3', '/with space', 'anonymous'],
    ]);
    expect(messages(m)).toEqual([
      "host.json: customHandler.http.routes[1].route: Unable to create function http-handler2 for route /bad//slash due to invalid route: The route template separator character '/' cannot appear consecutively. It must be separated by either a parameter or a literal value. (Parameter 'routeTemplate')",
    ]);
    expect(m.startupLog.map((l) => l.message)).toEqual([
      'Created function http-handler1 for route {*route} (authLevel=Function).',
      'Created function http-handler3 for route /with space (authLevel=Anonymous).',
    ]);
  });

  // HttpWorkerFunctionProviderTests.RouteValidation_Patterns
  test.each([
    ['/simple', undefined],
    ['/with space', undefined],
    ['/param/{name}', undefined],
    ['/double//slash', 'cannot appear consecutively'],
    ['', 'Route cannot be null, empty or whitespace.'],
    [' ', 'Route cannot be null, empty or whitespace.'],
    ['/empty/{}', 'invalid'],
    ['/unbalanced/{name', 'incomplete parameter'],
    ['/too/many/close}', 'incomplete parameter'],
  ])('route %j: %s', (route, error) => {
    const m = app(
      {
        hostJson: JSON.stringify({
          version: '2.0',
          customHandler: { description: { defaultExecutablePath: 'x' }, http: { routes: [{ route }] } },
        }),
      },
      { FUNCTIONS_WORKER_RUNTIME: 'custom' },
    );
    if (error === undefined) {
      expect(m.functions.map((f) => f.name)).toEqual(['http-handler1']);
      expect(m.diagnostics).toEqual([]);
    } else {
      expect(m.functions).toEqual([]);
      expect(m.host).toBeDefined();
      expect(m.diagnostics).toHaveLength(1);
      expect(m.diagnostics[0]?.functionName).toBe('http-handler1');
      expect(m.diagnostics[0]?.message.toLowerCase()).toContain(error.toLowerCase());
    }
  });

  test('routes without the custom worker runtime stop the host, with a hint', () => {
    const m = app(
      {
        hostJson:
          '{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":"x"},"http":{"routes":[{"route":"/a"}]}}}',
      },
      { FUNCTIONS_WORKER_RUNTIME: 'node' },
    );
    expect(m.host).toBeUndefined();
    expect(m.functions).toEqual([]);
    expect(m.diagnostics.map((d) => [d.severity, d.message])).toEqual([
      ['error', 'Routes configuration is only allowed for worker runtime: custom'],
    ]);
    expect(m.diagnostics[0]?.hint).toContain('FUNCTIONS_WORKER_RUNTIME "custom" (it is "node")');
  });

  test('routes and function.json folders together stop the host', () => {
    const m = app(
      {
        hostJson:
          '{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":"x"},"http":{"routes":[{"route":"/a"}]}}}',
        functionFolders: [{ name: 'Existing', functionJson: HTTP_FN }],
      },
      { FUNCTIONS_WORKER_RUNTIME: 'custom' },
    );
    expect(m.host).toBeUndefined();
    expect(m.functions).toEqual([]);
    expect(messages(m)).toEqual([
      'host.json: customHandler.http.routes: Detected both function.json files and custom handler HTTP route configuration definition in host.jsonOnly one configuration source is supported. Remove either the function.json files or the HTTP routes entries in host.json.',
    ]);
  });
});

describe('configurationProfile', () => {
  const profileHost = (profile: unknown, extra = '') =>
    `{"version":"2.0","configurationProfile":${JSON.stringify(profile)},"customHandler":{"description":{"defaultExecutablePath":"node"}${extra}}}`;

  // ScriptHostWorkerRuntimeResolverTests and HostConfigurationProfileTests
  test.each(['mcp-custom-handler', 'MCP-Custom-Handler', 'web-app-custom-handler', 'WEB-App-Custom-Handler'])(
    '%s proxies every path with no prefix, whatever FUNCTIONS_WORKER_RUNTIME says',
    (profile) => {
      const m = app({ hostJson: profileHost(profile) }, { FUNCTIONS_WORKER_RUNTIME: 'node' });
      expect(m.diagnostics).toEqual([]);
      expect(m.host?.profile).toEqual({ name: profile.toLowerCase(), workerRuntime: 'custom' });
      expect(m.host?.routePrefix).toBe('');
      expect(m.host?.customHandler?.enableProxyingHttpRequest).toBe(true);
      expect(m.functions.map((f) => [f.name, f.http?.route])).toEqual([['http-handler1', '{*route}']]);
    },
  );

  test('host.json values win over the profile', () => {
    const m = app({
      hostJson: profileHost(
        'mcp-custom-handler',
        ',"enableProxyingHttpRequest":false,"http":{"routes":[{"authorizationLevel":"anonymous"},{"route":"two"}]}',
      ).replace('"version"', '"extensions":{"http":{"routePrefix":"mcp"}},"version"'),
    });
    expect(m.host?.customHandler?.enableProxyingHttpRequest).toBe(false);
    expect(m.host?.routePrefix).toBe('mcp');
    expect(m.functions.map((f) => [f.name, f.http?.route, f.http?.authLevel])).toEqual([
      ['http-handler1', '{*route}', 'anonymous'],
      ['http-handler2', 'two', 'function'],
    ]);
  });

  test('the profile can come from AzureFunctionsJobHost__configurationProfile', () => {
    const m = app(
      {},
      {
        AzureFunctionsJobHost__configurationProfile: 'web-app-custom-handler',
        FUNCTIONS_WORKER_RUNTIME: 'python',
      },
    );
    expect(m.host?.profile.name).toBe('web-app-custom-handler');
    expect(m.functions.map((f) => f.name)).toEqual(['http-handler1']);
  });

  test.each(['', 'default', 'Default'])(
    '%j is the default profile: no routes, the runtime from settings',
    (p) => {
      const m = app({ hostJson: profileHost(p), functionFolders: [{ name: 'f', functionJson: HTTP_FN }] });
      expect(m.diagnostics).toEqual([]);
      expect(m.host?.profile).toEqual({ name: 'default' });
      expect(m.host?.routePrefix).toBe('api');
      expect(m.functions.map((f) => f.name)).toEqual(['f']);
    },
  );

  test("an unknown profile stops the host with the host's message", () => {
    const m = app({ hostJson: profileHost('mcp') });
    expect(m.host).toBeUndefined();
    expect(m.diagnostics.map((d) => d.message)).toEqual([
      "Configuration profile 'mcp' is not supported. Supported values: '', 'default', 'mcp-custom-handler', 'web-app-custom-handler'.",
    ]);
    expect(m.diagnostics[0]?.hint).toContain('mcp-custom-handler');
  });

  test('a profile with function.json folders stops the host: the profile adds a route', () => {
    const m = app({
      hostJson: profileHost('mcp-custom-handler'),
      functionFolders: [{ name: 'f', functionJson: HTTP_FN }],
    });
    expect(m.host).toBeUndefined();
    expect(m.diagnostics[0]?.message).toMatch(/^Detected both function.json files/);
  });

  test('a profile without a customHandler section asks for the description', () => {
    const m = app({ hostJson: '{"version":"2.0","configurationProfile":"mcp-custom-handler"}' });
    expect(m.host).toBeUndefined();
    expect(messages(m)).toEqual(['host.json: customHandler.description: Missing worker Description.']);
  });
});

describe('local.settings.json', () => {
  test.each([
    ['{"Values":{"A":{"x":1}}}', 'local.settings.json:1:16: Values.A: expected a string, found an object'],
    ['{"Values":', 'local.settings.json:1:11: Unexpected end of file; expected a JSON value'],
    ['{"Host":{"LocalHttpPort":99999}}', 'Host.LocalHttpPort: 99999 is not a TCP port'],
  ])('%s is reported and the app still loads', (localSettingsJson, expected) => {
    const m = app({ localSettingsJson, functionFolders: [{ name: 'ok', functionJson: HTTP_FN }] });
    expect(m.functions).toHaveLength(1);
    expect(messages(m).join('\n')).toContain(expected);
  });

  test('numbers and booleans become strings; LocalHttpPort is read', () => {
    const m = app({ localSettingsJson: '{"Values":{"N":5,"B":true},"Host":{"LocalHttpPort":7072}}' });
    expect(m.localValues).toEqual({ N: '5', B: 'True' });
    expect(m.localHttpPort).toBe(7072);
  });
});

// HttpWorkerOptionsSetupTests: host.json as the host's own tests write it (Json.NET reads it).
describe('host.json as Json.NET reads it', () => {
  test('single quotes and a trailing comma (MissingOrValid_HttpWorkerConfig_DoesNotThrowException)', () => {
    const m = app({
      hostJson:
        "{\n 'version': '2.0',\n 'customHandler': {'description': {'defaultExecutablePath': 'testExe'}},\n}",
    });
    expect(m.diagnostics).toEqual([]);
    expect(m.host?.customHandler?.description.defaultExecutablePath).toBe('testExe');
  });

  test('unquoted names, an escaped single quote, comments', () => {
    const m = app({
      hostJson:
        "{version: '2.0', /* c */ customHandler: {description: {defaultExecutablePath: 'it\\'s', $x_1: 1}}}",
    });
    expect(m.diagnostics).toEqual([]);
    expect(m.host?.customHandler?.description.defaultExecutablePath).toBe("it's");
  });

  test('a single-quoted string still may not span lines', () => {
    expect(messages(app({ hostJson: "{'version': '2.\n0'}" }))[0]).toContain('Unterminated string');
  });

  test('environment overrides named with colons (HttpWorkerConfig_OverrideConfigViaEnvVars_Test)', () => {
    const m = app(
      {
        hostJson: `{
          'version': '2.0',
          'httpWorker': {'description': {
            'langauge': 'testExe', 'defaultExecutablePath': 'dotnet', 'defaultWorkerPath': 'ManualTrigger/run.csx',
            'arguments': ['--xTest1 --xTest2'], 'workerArguments': ['--xTest3 --xTest4']}}}`,
      },
      {
        'AzureFunctionsJobHost:httpWorker:description:defaultWorkerPath': 'OneSecondTimer/run.csx',
        'AzureFunctionsJobHost:httpWorker:description:arguments': '["--xTest5", "--xTest6", "--xTest7"]',
      },
    );
    const d = m.host?.customHandler?.description;
    expect(d?.defaultExecutablePath).toBe('dotnet');
    expect(d?.defaultWorkerPath).toBe('OneSecondTimer/run.csx');
    expect(d?.arguments).toEqual(['--xTest5', '--xTest6', '--xTest7']);
    expect(d?.workerArguments).toEqual(['--xTest3 --xTest4']);
  });

  test('a port given as a string (CustomHandler_Config_ExpectedValues_WorkerDirectory_WorkingDirectory)', () => {
    const m = app({
      hostJson:
        "{'version': '2.0', 'customHandler': {'description': {'defaultExecutablePath': 'node'}, 'port': '5678'}}",
    });
    expect(m.host?.customHandler?.port).toBe(5678);
  });

  test.each([0, 1234567])(
    'port %d is refused with the host message (CustomHandlerConfig_Validate_InvalidPort)',
    (port) => {
      const m = app({
        hostJson: `{'version': '2.0', 'customHandler': {'description': {'defaultExecutablePath': 'node'}, 'port': ${port}}}`,
      });
      expect(m.host).toBeUndefined();
      expect(m.diagnostics.map((d) => d.message)).toEqual([
        `Unable to bind to port ${port} specified in configuration. Please specify a different port or remove the section to allow dynamic binding of port.`,
      ]);
    },
  );
});

describe('HttpWorkerOptionsSetupTests, the routes', () => {
  // CustomHandler_WithValidHttpRoutes_ConfiguresRoutes
  test('routes are read in order', () => {
    const m = app(
      {
        hostJson: `{'version': '2.0', 'customHandler': {'description': {'defaultExecutablePath': 'handlerExecutable'},
          'http': {'routes': [{'route': '/alpha', 'authorizationLevel': 'function'}, {'route': '{*catchAll}', 'authorizationLevel': 'function'}]}}}`,
      },
      { FUNCTIONS_WORKER_RUNTIME: 'custom' },
    );
    expect(m.functions.map((f) => f.http?.route)).toEqual(['/alpha', '{*catchAll}']);
  });

  // Configure_SetsCustomRoutesEnabled_BasedOnWorkerRuntime
  test.each([
    ['customHandler', 'custom', true],
    ['customHandler', 'node', false],
    ['httpWorker', 'custom', true],
    ['httpWorker', 'node', false],
  ])('%s section with runtime %s: routes enabled %s', (section, runtime, enabled) => {
    const m = app(
      {
        hostJson: `{'version': '2.0', '${section}': {'description': {'defaultExecutablePath': 'handlerExe'},
          'http': {'routes': [{'route': '/alpha', 'authorizationLevel': 'function'}]}}}`,
      },
      { FUNCTIONS_WORKER_RUNTIME: runtime },
    );
    expect(m.functions.map((f) => f.name)).toEqual(enabled ? ['http-handler1'] : []);
    expect(
      m.diagnostics.some(
        (d) => d.message === 'Routes configuration is only allowed for worker runtime: custom',
      ),
    ).toBe(!enabled);
  });
});
