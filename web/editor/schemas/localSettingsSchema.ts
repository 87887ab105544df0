import type { AppSchema, JsonSchema } from './jsonSchema';
import { booleanSetting } from './jsonSchema';

const settingValue: JsonSchema = {
  type: ['string', 'number', 'boolean', 'null'],
  description:
    'An app setting. The host and the handler see it as an environment variable; a variable already set wins.',
};

/** local.settings.json: app settings for local runs (Core Tools reads it; Azure does not). */
export const localSettingsSchema: JsonSchema = {
  type: 'object',
  title: 'local.settings.json',
  description:
    'Settings for running the app locally. Core Tools exports every Values entry as an environment variable of the host and the handler.',
  properties: {
    IsEncrypted: booleanSetting(
      'Whether Values are encrypted with a machine key. Keep false here: encrypted values are not supported, and the host warns.',
      false,
    ),
    Values: {
      type: 'object',
      description:
        'App settings, exported as environment variables. %Name% tokens in function.json (queueName, schedule...) are resolved from these.',
      properties: {
        FUNCTIONS_WORKER_RUNTIME: {
          type: 'string',
          examples: ['custom'],
          description:
            'Selects the worker. "custom" selects the custom handler path; customHandler.http.routes need it (the host stops otherwise), unless host.json sets configurationProfile mcp-custom-handler or web-app-custom-handler, which imply it.',
        },
        AzureWebJobsStorage: {
          type: 'string',
          examples: ['UseDevelopmentStorage=true'],
          description:
            'The storage connection for queues and timer monitors. Queues are simulated here, so the value is not used.',
        },
        WEBSITE_TIME_ZONE: {
          type: 'string',
          examples: ['UTC', 'Europe/Paris', 'America/New_York'],
          description:
            "The time zone timer schedules run in (IANA name on Linux; Windows names on Windows); TZ is read when it is absent. Default: the machine's zone (UTC in Azure).",
        },
        TZ: { type: 'string', description: 'The time zone timers use when WEBSITE_TIME_ZONE is absent.' },
      },
      patternProperties: {
        '^AzureWebJobs\\..+\\.Disabled$': {
          type: ['string', 'boolean'],
          description:
            'AzureWebJobs.<FunctionName>.Disabled = true disables that function, overriding function.json.',
        },
        '^AzureFunctionsJobHost__': {
          type: 'string',
          description:
            'Overrides a host.json key: AzureFunctionsJobHost__customHandler__description__defaultExecutablePath=... (arrays as JSON text).',
        },
      },
      additionalProperties: settingValue,
    },
    Host: {
      type: 'object',
      properties: {
        LocalHttpPort: {
          type: ['integer', 'string'],
          minimum: 1,
          maximum: 65535,
          default: 7071,
          description: "The front door's port (what `func start --port` sets). Default 7071.",
        },
        CORS: { type: 'string', description: 'Core Tools: allowed origins for local CORS.' },
        CORSCredentials: { type: 'boolean', description: 'Core Tools: allow credentialed CORS requests.' },
      },
    },
    ConnectionStrings: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'Connection strings, exported to the handler as ConnectionStrings:<name> variables.',
    },
  },
};

export const LOCAL_SETTINGS_SCHEMA: AppSchema = {
  id: 'https://playground.invalid/schemas/local.settings.json',
  fileMatch: ['local.settings.json'],
  schema: localSettingsSchema,
};
