import { AUTH_LEVELS, BUNDLE_BINDING_TYPES, HTTP_METHODS } from '../../../runtime/core/app/bindingTypes';
import type { AppSchema, JsonSchema } from './jsonSchema';
import { anyCase, booleanSetting } from './jsonSchema';

/** The binding types this playground runs or records, as people write them. */
const COMMON_TYPES = ['httpTrigger', 'http', 'queueTrigger', 'queue', 'timerTrigger'];

const when = (type: string, then: JsonSchema): JsonSchema => ({
  if: { properties: { type: { pattern: anyCase(type) } }, required: ['type'] },
  then,
});

const queueName = (trigger: boolean): JsonSchema => ({
  type: 'string',
  description: trigger
    ? 'Required. The queue to watch. %Setting% tokens are resolved from app settings, then the name is lower-cased and must be 3-63 lowercase letters, digits and single hyphens. A message that fails maxDequeueCount times moves to <queueName>-poison.'
    : "Required. The queue the output value is added to, resolved and checked like a trigger's. A name with {binding expressions} is evaluated per call by the real host; this one shows such values without queueing them.",
});

const connection: JsonSchema = {
  type: 'string',
  examples: ['AzureWebJobsStorage'],
  description:
    'The app setting holding the storage connection string; AzureWebJobsStorage when absent. Storage is simulated here, so it is not checked.',
};

const queueDataType: JsonSchema = {
  type: 'string',
  examples: ['string', 'binary'],
  description:
    'How the value travels. Default: a string, JSON-encoded once more in the payload ("\\"hello\\""), so a handler calls JSON.parse twice for a JSON message. "binary": a base64 string.',
};

const bindingBase: JsonSchema = {
  type: 'object',
  required: ['type', 'name'],
  properties: {
    type: {
      type: 'string',
      examples: COMMON_TYPES,
      pattern: anyCase(...BUNDLE_BINDING_TYPES),
      patternErrorMessage:
        'The host does not know this binding type: "The binding type(s) are not registered." This playground runs httpTrigger, queueTrigger and timerTrigger functions.',
      description:
        'The binding type, compared case-insensitively. Exactly one binding must be a trigger (a type ending in "Trigger"); this host runs httpTrigger, queueTrigger and timerTrigger, and records other outputs without delivering them.',
    },
    direction: {
      type: 'string',
      pattern: anyCase('in', 'out', 'inout'),
      examples: ['in', 'out'],
      description: 'in (default) or out. Triggers are "in"; a "$return" binding must be "out".',
    },
    name: {
      type: 'string',
      pattern: '^(?:[a-zA-Z][a-zA-Z0-9]{0,127}|\\$return)$',
      patternErrorMessage: 'Binding names are letters and digits starting with a letter, or "$return".',
      description:
        'The key of this binding in the invocation payload: Data.<name> for inputs, Outputs.<name> in the handler\'s answer. "$return" (out only) takes the answer\'s ReturnValue. Names must be unique, case-insensitively.',
    },
    dataType: {
      type: 'string',
      examples: ['string', 'binary', 'stream'],
      description: 'How the binding\'s value is converted: "binary" gives a base64 string.',
    },
  },
  allOf: [
    when('httpTrigger', {
      properties: {
        methods: {
          type: 'array',
          items: {
            type: 'string',
            pattern: anyCase(...HTTP_METHODS),
            patternErrorMessage: 'Not a standard HTTP method.',
            examples: HTTP_METHODS.map((m) => m.toLowerCase()),
          },
          description:
            'The methods the route accepts, compared case-insensitively; all methods when absent or empty. Another method does not match the route, so the caller gets 404 (not 405).',
        },
        route: {
          type: 'string',
          examples: ['orders/{id:int}', 'files/{*path}'],
          description:
            'The route template after the route prefix (/api by default); the function name when absent. {name}, {name?}, {name=default}, {*catchAll} and constraints such as {id:int} work. Route values reach the handler as strings in Data.req.Params.',
        },
        authLevel: {
          type: 'string',
          pattern: anyCase(...AUTH_LEVELS),
          examples: [...AUTH_LEVELS],
          default: 'function',
          description:
            'Default "function". Keys come from the x-functions-key header, then ?code=. A failed check is 401 with an empty body. Core Tools (and this playground) treat local requests as admin, so keys are never needed locally.',
        },
      },
    }),
    when('http', {
      description:
        'The HTTP response. In the handler\'s answer, Outputs.<name> is {statusCode, body, headers} (an object or a string of JSON); "status" is ignored by the host. With "$return", ReturnValue is used.',
    }),
    when('queueTrigger', {
      required: ['queueName'],
      properties: { queueName: queueName(true), connection, dataType: queueDataType },
    }),
    when('queue', {
      required: ['queueName'],
      properties: { queueName: queueName(false), connection, dataType: queueDataType },
    }),
    when('timerTrigger', {
      required: ['schedule'],
      properties: {
        schedule: {
          type: 'string',
          examples: ['0 */5 * * * *', '*/10 * * * * *', '00:01:00'],
          description:
            'Required. An NCRONTAB expression: 6 fields "sec min hour day month day-of-week" (5 fields means seconds = 0); day-of-month and day-of-week must both match. Or a TimeSpan between runs ("24:00:00" is 24 days). %Setting% tokens are resolved first. Times are in WEBSITE_TIME_ZONE (or TZ), else the machine\'s zone.',
        },
        runOnStartup: booleanSetting(
          'Default false. Runs the function once when the host starts (IsPastDue false), and again after every reload.',
          false,
        ),
        useMonitor: booleanSetting(
          'Default true. Keeps Last/Next in ScheduleStatus and runs a missed occurrence at start (IsPastDue true). Off automatically for schedules firing more than once a minute: ScheduleStatus is then null.',
          true,
        ),
      },
    }),
  ],
};

/** function.json: a function's bindings, read from the folder named after the function. */
export const functionJsonSchema: JsonSchema = {
  type: 'object',
  title: 'function.json',
  description:
    "One function: the folder's name is the function's name, and the host POSTs each invocation to /<FunctionName> on the handler.",
  required: ['bindings'],
  properties: {
    bindings: {
      type: 'array',
      minItems: 1,
      items: bindingBase,
      description:
        'Exactly one trigger (httpTrigger, queueTrigger or timerTrigger here) plus any inputs and outputs. A problem fails only this function; the others keep running.',
    },
    disabled: {
      type: ['boolean', 'string'],
      default: false,
      description:
        'true stops the function from being triggered (HTTP calls get 404). A string names an app setting holding true/false; the setting AzureWebJobs.<name>.Disabled overrides it.',
    },
  },
};

export const FUNCTION_JSON_SCHEMA: AppSchema = {
  id: 'https://playground.invalid/schemas/function.json',
  fileMatch: ['*/function.json'],
  schema: functionJsonSchema,
};
