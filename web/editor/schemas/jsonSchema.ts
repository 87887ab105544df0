/**
 * The subset of JSON Schema (draft 7, with the VS Code extensions `patternErrorMessage`,
 * `deprecationMessage`, `enumDescriptions` and `defaultSnippets`) that the app schemas use. Plain
 * data, so the schemas stay independent of the editor that applies them.
 */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly title?: string;
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly patternProperties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly enum?: readonly unknown[];
  readonly enumDescriptions?: readonly string[];
  readonly const?: unknown;
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
  readonly pattern?: string;
  readonly patternErrorMessage?: string;
  readonly errorMessage?: string;
  readonly deprecationMessage?: string;
  readonly minLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly anyOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly if?: JsonSchema;
  readonly then?: JsonSchema;
  readonly defaultSnippets?: readonly { readonly label?: string; readonly body: unknown }[];
}

/** A schema and the app files it applies to (globs relative to the app root). */
export interface AppSchema {
  readonly id: string;
  readonly fileMatch: readonly string[];
  readonly schema: JsonSchema;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A regular expression matching any of the words in any letter case (JSON Schema patterns have
 * no `i` flag), as the host compares binding types, directions and levels case-insensitively.
 */
export function anyCase(...words: readonly string[]): string {
  const one = (word: string) =>
    [...word]
      .map((c) =>
        c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escapeRegExp(c),
      )
      .join('');
  return `^\\s*(?:${words.map(one).join('|')})\\s*$`;
}

/** A boolean, or a string holding one: the host reads configuration values from text. */
export function booleanSetting(description: string, defaultValue: boolean): JsonSchema {
  return {
    type: ['boolean', 'string'],
    pattern: anyCase('true', 'false'),
    patternErrorMessage: 'Use true or false.',
    default: defaultValue,
    description,
  };
}

/** .NET `TimeSpan` text: `hh:mm:ss`, `d.hh:mm:ss`, `d` (days)... */
export const TIME_SPAN_PATTERN =
  '^\\s*-?(?:\\d{1,8}|\\d{1,8}\\.\\d{1,2}:\\d{1,2}(?::\\d{1,2}(?:\\.\\d{1,7})?)?|\\d{1,2}:\\d{1,2}|\\d{1,8}:\\d{1,2}:\\d{1,2}(?:\\.\\d{1,7})?|\\d{1,8}:\\d{1,2}:\\d{1,2}:\\d{1,2}(?:\\.\\d{1,7})?)\\s*$';

export function timeSpanSetting(description: string, defaultValue: string): JsonSchema {
  return {
    type: 'string',
    pattern: TIME_SPAN_PATTERN,
    patternErrorMessage:
      'Expected a .NET TimeSpan such as "00:00:30" (hh:mm:ss) or "1.00:00:00" (d.hh:mm:ss).',
    default: defaultValue,
    description,
  };
}

/** An integer, or a string holding one, in a range. */
export function integerSetting(description: string, minimum: number, maximum?: number): JsonSchema {
  return {
    type: ['integer', 'string'],
    pattern: '^\\s*[+-]?\\d+\\s*$',
    patternErrorMessage: 'Expected a whole number.',
    minimum,
    ...(maximum !== undefined && { maximum }),
    description,
  };
}
