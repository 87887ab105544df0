import { FUNCTION_JSON_SCHEMA } from './functionJsonSchema';
import { HOST_JSON_SCHEMA } from './hostJsonSchema';
import type { AppSchema } from './jsonSchema';
import { LOCAL_SETTINGS_SCHEMA } from './localSettingsSchema';

export type { AppSchema, JsonSchema } from './jsonSchema';

/** The schemas of the app's configuration files, with the app paths they apply to. */
export const APP_SCHEMAS: readonly AppSchema[] = [
  HOST_JSON_SCHEMA,
  FUNCTION_JSON_SCHEMA,
  LOCAL_SETTINGS_SCHEMA,
];
