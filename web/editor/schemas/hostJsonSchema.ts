import type { AppSchema, JsonSchema } from './jsonSchema';
import { anyCase, booleanSetting, integerSetting, TIME_SPAN_PATTERN, timeSpanSetting } from './jsonSchema';

const stringArray = (description: string): JsonSchema => ({
  type: ['array', 'string'],
  items: { type: 'string' },
  description,
});

const handlerDescription: JsonSchema = {
  type: 'object',
  description:
    'How the host starts the handler process. Required: without it the host stops with "Missing worker Description."',
  required: ['defaultExecutablePath'],
  properties: {
    defaultExecutablePath: {
      type: 'string',
      minLength: 1,
      examples: ['node', 'python3', 'handler'],
      description:
        'Required. The program the host runs, after expanding %VARIABLES%. A relative path is looked up in workerDirectory and used from there only if that file exists; otherwise it is left for the OS to find on PATH (so "node" runs the node on PATH). Empty stops the host: "WorkerDescription DefaultExecutablePath cannot be empty".',
    },
    defaultWorkerPath: {
      type: 'string',
      examples: ['handler.js', 'server.js'],
      description:
        'Optional script passed to the program, wrapped in double quotes, after `arguments` and before `workerArguments`. It is never resolved: it is relative to the process working directory (workingDirectory, the app root by default).',
    },
    arguments: stringArray(
      'Arguments placed after the program and before defaultWorkerPath. Each element has %VARIABLES% expanded, then all are joined into one command line and split again on spaces, so "--a --b" becomes two arguments. A string holding a JSON array is accepted too.',
    ),
    workerArguments: stringArray(
      'Arguments placed after defaultWorkerPath, expanded and split like `arguments`. A string holding a JSON array is accepted too.',
    ),
    workingDirectory: {
      type: 'string',
      description:
        "The handler process's working directory. Default: the app root; a relative value is joined onto the app root.",
    },
    workerDirectory: {
      type: 'string',
      description:
        'Where a relative defaultExecutablePath is looked for, and nothing else. Default: the app root; a relative value is joined onto the app root.',
    },
    useStdErrorStreamForErrorsOnly: booleanSetting(
      'Default true for custom handlers: each stderr line is logged as an Error (or a Warning when it mentions "warn"), and the last three error lines explain an unexpected exit. stdout lines are Information.',
      true,
    ),
  },
};

function handlerSection(name: 'customHandler' | 'httpWorker'): JsonSchema {
  const legacy = name === 'httpWorker';
  return {
    type: 'object',
    description: legacy
      ? 'The 2020 preview name of customHandler. The host still reads it, logs "Section httpWorker will be deprecated. Please use customHandler section.", and then forwards every HTTP in/out function\'s request as-is, to /{FunctionName}. customHandler wins when both are present.'
      : 'The custom handler: the web server the host starts and sends invocations to over HTTP on 127.0.0.1 (port in FUNCTIONS_CUSTOMHANDLER_PORT). Needs FUNCTIONS_WORKER_RUNTIME=custom.',
    ...(legacy && { deprecationMessage: 'httpWorker will be deprecated: use "customHandler".' }),
    required: ['description'],
    properties: {
      description: handlerDescription,
      enableForwardingHttpRequest: booleanSetting(
        "Default false. When true, a function with exactly one httpTrigger input and one http output gets the caller's request forwarded as-is (method, path with /api, headers, body) and the handler's response is relayed verbatim, instead of a JSON invocation payload. A chunked request body is dropped.",
        false,
      ),
      enableProxyingHttpRequest: booleanSetting(
        'Newer hosts. Default false. When true, HTTP in/out functions are reverse-proxied to the handler with streaming bodies and X-Forwarded-* headers (checked before enableForwardingHttpRequest). Connection failures are retried up to 10 times.',
        false,
      ),
      initializationTimeout: timeSpanSetting(
        'How long the host waits for the handler to answer its readiness ping (GET / every 25 ms; any HTTP answer, even 404, means ready). Default 00:00:30; then the start counts as a failure, and the third failure within 30 minutes stops the host.',
        '00:00:30',
      ),
      port: {
        type: ['integer', 'string'],
        minimum: 1,
        maximum: 65535,
        description:
          'Newer hosts. A fixed port for the handler instead of a free one picked at start. The host stops with "Unable to bind to port ..." when it cannot bind it, or when it is 0.',
      },
      http: {
        type: 'object',
        description: 'Newer hosts: HTTP functions declared here instead of in function.json files.',
        properties: {
          routes: {
            type: 'array',
            description:
              'Each entry becomes a function http-handler1, http-handler2... with an httpTrigger on all 7 methods and an http output. Only when the worker runtime is "custom" (FUNCTIONS_WORKER_RUNTIME, or a configurationProfile), and never together with function.json files: either stops the host.',
            items: {
              type: 'object',
              required: ['route'],
              properties: {
                route: {
                  type: 'string',
                  examples: ['{*route}'],
                  description:
                    'The route template after the route prefix. A space, "//", unbalanced braces or an empty {} fail that function.',
                },
                authorizationLevel: {
                  type: 'string',
                  pattern: anyCase('anonymous', 'user', 'function', 'system', 'admin'),
                  examples: ['anonymous', 'function', 'admin'],
                  description: 'Default: http.defaultAuthorizationLevel.',
                },
              },
            },
          },
          defaultAuthorizationLevel: {
            type: 'string',
            pattern: anyCase('anonymous', 'user', 'function', 'system', 'admin'),
            examples: ['anonymous', 'function'],
            default: 'function',
            description: 'The authorization level of routes that set none. Default "function".',
          },
        },
      },
      ...(!legacy && {
        type: {
          type: 'string',
          examples: ['http'],
          description: 'Always "http" for customHandler; "none" is ignored with a warning.',
        },
      }),
    },
  };
}

const queues: JsonSchema = {
  type: 'object',
  description: 'Options of the queue trigger (the storage queues extension).',
  properties: {
    batchSize: integerSetting('Messages fetched per poll, 1-32. Default 16.', 1, 32),
    newBatchThreshold: integerSetting(
      'A new batch is fetched once the messages in flight drop to this many. Default: batchSize/2 per processor.',
      0,
    ),
    maxPollingInterval: timeSpanSetting(
      'The longest wait between polls of an empty queue; polling backs off from 100 ms up to this. Default 00:01:00, at least 00:00:00.100.',
      '00:01:00',
    ),
    visibilityTimeout: timeSpanSetting(
      'How long a failed message stays invisible before it is retried. Default 00:00:00.',
      '00:00:00',
    ),
    maxDequeueCount: integerSetting(
      'Attempts before a failing message is moved to the <queue>-poison queue. Default 5.',
      1,
    ),
    messageEncoding: {
      type: 'string',
      pattern: anyCase('base64', 'none'),
      examples: ['base64', 'none'],
      default: 'base64',
      description: 'How messages are stored: base64 of the bytes (default) or the text itself ("none").',
    },
  },
};

/** host.json: the keys the host reads, with what it does with each. */
export const hostJsonSchema: JsonSchema = {
  type: 'object',
  title: 'host.json',
  description:
    "The function app's host configuration. Keys are case-insensitive, and AzureFunctionsJobHost__a__b settings override them.",
  required: ['version'],
  properties: {
    version: {
      type: 'string',
      enum: ['2.0'],
      description:
        'Required, and must be "2.0": the host stops with "The host.json file is missing the required \'version\' property" otherwise.',
    },
    customHandler: handlerSection('customHandler'),
    httpWorker: handlerSection('httpWorker'),
    extensions: {
      type: 'object',
      description: 'Options of the binding extensions.',
      properties: {
        http: {
          type: 'object',
          properties: {
            routePrefix: {
              type: 'string',
              default: 'api',
              description:
                'What comes before every HTTP function\'s route: /api/<route> by default. "" drops the prefix. Surrounding slashes are ignored.',
            },
          },
        },
        queues,
      },
    },
    functionTimeout: {
      type: 'string',
      pattern: `^\\s*-1\\s*$|${TIME_SPAN_PATTERN}`,
      patternErrorMessage: 'Expected a TimeSpan such as "00:05:00", or "-1" for no limit.',
      examples: ['00:05:00', '00:30:00', '-1'],
      description:
        'How long one invocation may run before the host gives up on it and restarts the handler: default 00:30:00 with Core Tools (5 minutes on the Consumption plan), "-1" for no limit, at least 00:00:01. The host waits this long plus a minute for the handler\'s HTTP answer.',
    },
    logging: {
      type: 'object',
      description:
        'Log levels and sampling for the host\'s loggers (logging.logLevel.default, "Function", "Host.Results"...). This playground shows every log line and does not filter by these.',
    },
    extensionBundle: {
      type: 'object',
      description:
        'Which extension bundle the real host downloads for non-HTTP bindings (queues, timers and the rest). This host simulates HTTP, queue and timer triggers itself and only reports the bundle in its status.',
      properties: {
        id: { type: 'string', examples: ['Microsoft.Azure.Functions.ExtensionBundle'] },
        version: { type: 'string', examples: ['[4.*, 5.0.0)'], description: 'A version range.' },
      },
    },
    configurationProfile: {
      type: 'string',
      enum: ['', 'default', 'mcp-custom-handler', 'web-app-custom-handler'],
      description:
        'Newer hosts. mcp-custom-handler and web-app-custom-handler imply customHandler.enableProxyingHttpRequest: true, extensions.http.routePrefix: "" and customHandler.http.routes: [{"route": "{*route}"}], unless set otherwise, and make the worker runtime "custom" whatever FUNCTIONS_WORKER_RUNTIME says. "" and "default" change nothing; any other name stops the host.',
    },
  },
};

export const HOST_JSON_SCHEMA: AppSchema = {
  id: 'https://playground.invalid/schemas/host.json',
  fileMatch: ['host.json'],
  schema: hostJsonSchema,
};
