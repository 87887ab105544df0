import { getProp } from '../../runtime/core/json/jsonNode';
import type { JsonNode } from '../../runtime/core/json/jsonNode';
import { parseJson } from '../../runtime/core/json/parseJson';
import { fileText, pathProblem } from './fileRules';

/** The trigger types a new function can start from. */
export type FunctionTemplate = 'http' | 'queue' | 'timer';

export const FUNCTION_TEMPLATES: readonly { readonly id: FunctionTemplate; readonly label: string }[] = [
  { id: 'http', label: 'HTTP trigger' },
  { id: 'queue', label: 'Queue trigger' },
  { id: 'timer', label: 'Timer trigger' },
];

// The host's own rule for function (folder) names.
const FUNCTION_NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,127}$/;

/** Why a name cannot be a new function's, or undefined when it can. */
export function checkFunctionName(name: string, paths: Iterable<string>): string | undefined {
  if (!FUNCTION_NAME.test(name)) {
    return 'A function name starts with a letter and uses letters, digits, "_" and "-" (at most 128).';
  }
  const problem = pathProblem(`${name}/function.json`);
  if (problem) return problem;
  const lower = name.toLowerCase();
  for (const path of paths) {
    const first = path.split('/')[0]!.toLowerCase();
    if (first === lower) return `'${path.split('/')[0]}' already exists.`;
  }
  return undefined;
}

/** A queue name derived from a function name: lowercase letters, digits and single hyphens, 3-63. */
export function queueNameFor(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug}-items`.slice(0, 63).replace(/-+$/, '');
}

/** The function.json text of a new function. */
export function functionJsonFor(name: string, template: FunctionTemplate): string {
  const bindings =
    template === 'http'
      ? [
          {
            type: 'httpTrigger',
            direction: 'in',
            name: 'req',
            methods: ['get', 'post'],
            authLevel: 'anonymous',
          },
          { type: 'http', direction: 'out', name: 'res' },
        ]
      : template === 'queue'
        ? [
            {
              type: 'queueTrigger',
              direction: 'in',
              name: 'message',
              queueName: queueNameFor(name),
              connection: 'AzureWebJobsStorage',
            },
          ]
        : [
            {
              type: 'timerTrigger',
              direction: 'in',
              name: 'timer',
              schedule: '0 */5 * * * *',
              runOnStartup: false,
            },
          ];
  return `${JSON.stringify({ bindings }, null, 2)}\n`;
}

/** The lines to add to the handler: where the host will send this function's invocations. */
export function routeCommentFor(
  name: string,
  template: FunctionTemplate,
  handlerPath = 'handler.js',
): string {
  const hash = /\.(py|sh|rb|pl|r)$/i.test(handlerPath);
  const javascript = /\.(c|m)?[jt]s$/i.test(handlerPath);
  const input =
    template === 'http'
      ? 'Data.req (Url, Method, Query, Headers, Params, Body)'
      : template === 'queue'
        ? 'Data.message (the message text, JSON-encoded once more)'
        : 'Data.timer (a TimerInfo: Schedule, ScheduleStatus, IsPastDue)';
  const answer =
    template === 'http'
      ? `{ Outputs: { res: { statusCode: 200, body: 'Hello from ${name}' } } }`
      : `{ Outputs: {}, Logs: ['${name} ran'] }`;
  const lines = [
    `Function '${name}' (${template} trigger): the host POSTs each invocation to /${name}`,
    `with a JSON payload; read ${input}.`,
    'Answer 200 with Content-Type: application/json and {"Outputs": ..., "Logs": [...]}.',
    ...(javascript ? ['For example, in the routes:', `  '/${name}': (invocation) => (${answer}),`] : []),
  ];
  const prefix = hash ? '# ' : '// ';
  return ['', ...lines.map((l) => prefix + l), ''].join('\n');
}

function stringAt(node: JsonNode | undefined, ...keys: string[]): string | undefined {
  let at = node;
  for (const key of keys) at = at?.kind === 'object' ? getProp(at, key) : undefined;
  return at?.kind === 'string' ? at.value : undefined;
}

/** The handler script host.json names (`description.defaultWorkerPath`), when it is one of the app's files. */
export function handlerPathOf(files: Readonly<Record<string, string>>): string | undefined {
  const text = fileText(files, 'host.json');
  if (text === undefined) return undefined;
  let root: JsonNode;
  try {
    root = parseJson(text);
  } catch {
    return undefined;
  }
  const worker =
    stringAt(root, 'customHandler', 'description', 'defaultWorkerPath') ??
    stringAt(root, 'httpWorker', 'description', 'defaultWorkerPath');
  const path = worker?.replace(/^\.\//, '');
  return path !== undefined && fileText(files, path) !== undefined ? path : undefined;
}

/** The handler's text with a note appended after its last line. */
export function appendNote(text: string, note: string): string {
  return text.replace(/\n*$/, '\n') + note;
}

export type NewFunction =
  | {
      readonly ok: true;
      readonly functionJson: { readonly path: string; readonly text: string };
      /** The route comment for the handler, when the app's handler script is known. */
      readonly handler?: { readonly path: string; readonly comment: string };
    }
  | { readonly ok: false; readonly error: string };

/** What creating a function from a template adds to the app. */
export function newFunction(
  name: string,
  template: FunctionTemplate,
  files: Readonly<Record<string, string>>,
): NewFunction {
  const error = checkFunctionName(name, Object.keys(files));
  if (error) return { ok: false, error };
  const handlerPath = handlerPathOf(files);
  return {
    ok: true,
    functionJson: { path: `${name}/function.json`, text: functionJsonFor(name, template) },
    ...(handlerPath !== undefined && {
      handler: { path: handlerPath, comment: routeCommentFor(name, template, handlerPath) },
    }),
  };
}
