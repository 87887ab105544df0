/**
 * Monaco, configured once for the playground: its workers, the languages the app's files use,
 * the JSON schemas of the configuration files, and light and dark themes. This module is only
 * reached through the lazy editor chunk.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/typescript/register';
import 'monaco-editor/languages/definitions/python/register';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/languages/definitions/shell/register';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import type { JSONSchema } from 'monaco-editor/languages/features/json/register';
import { javascriptDefaults, typescriptDefaults } from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import { APP_SCHEMAS } from '../schemas';

/** Where the app's files live in Monaco's model space: `file:///app/<path>`. */
export const APP_ROOT = 'file:///app/';

export function uriOf(path: string): monaco.Uri {
  return monaco.Uri.from({ scheme: 'file', path: `/app/${path}` });
}

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    if (label === 'json') return new JsonWorker();
    if (label === 'typescript' || label === 'javascript') return new TsWorker();
    return new EditorWorker();
  },
};

jsonDefaults.setDiagnosticsOptions({
  validate: true,
  // Json.NET, which reads these files in the host, accepts comments and trailing commas.
  allowComments: true,
  comments: 'ignore',
  trailingCommas: 'ignore',
  enableSchemaRequest: false,
  schemaValidation: 'warning',
  schemas: APP_SCHEMAS.map((s) => ({
    uri: s.id,
    fileMatch: s.fileMatch.map((glob) => APP_ROOT + glob),
    // Our schema type is a readonly subset of Monaco's.
    schema: s.schema as JSONSchema,
  })),
});

// Handlers run in Node without type declarations here: keep syntax errors, drop type errors
// (unknown `require`, `process`...) that would be noise.
for (const defaults of [javascriptDefaults, typescriptDefaults]) {
  defaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });
}

monaco.editor.defineTheme('playground-light', {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#ffffff' },
});
monaco.editor.defineTheme('playground-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#16181d' },
});

export { monaco };
