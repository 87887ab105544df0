import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpRequestSpec } from '../../../runtime/core/control/protocol';
import { defaultRequestFor } from '../../../web/examples/defaultRequest';

/** One step of a scenario: a call through the front door, or a message put on a queue. */
export type Step = { readonly http: HttpRequestSpec } | { readonly enqueue: string; readonly text: string };

export interface Scenario {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly steps: readonly Step[];
  /** Queues with a trigger: the run has settled when they are empty and nothing is in progress. */
  readonly drains: readonly string[];
  /** Timer apps fire on their own every few seconds: only the start-up run is compared. */
  readonly timer: boolean;
}

export const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples');

const json = [['Content-Type', 'application/json']] as const;
const text = [['Content-Type', 'text/plain']] as const;
const get = (path: string, headers: readonly (readonly [string, string])[] = []): Step => ({
  http: { method: 'GET', path, headers: headers.map(([k, v]) => [k, v]) },
});
const post = (path: string, body?: string, headers: readonly (readonly [string, string])[] = []): Step => ({
  http: {
    method: 'POST',
    path,
    headers: headers.map(([k, v]) => [k, v]),
    ...(body !== undefined && { body }),
  },
});

/**
 * What each README points at (its "Run it" calls and what it says to open), beyond the default
 * request the composer starts with.
 */
const EXTRA: Record<string, readonly Step[]> = {
  hello: [get('/api/hello'), post('/api/hello', '{"message":"Hello World!"}', json)],
  forwarding: [
    get('/api/echo?a=1&a=2&b=x%20y', [
      ['User-Agent', 'tester/1.0'],
      ['X-Caller', 'playground'],
    ]),
    post('/api/echo', 'hello', text),
    get('/api/items/2'),
    get('/api/items/42'),
    get('/api/items/abc'),
    post('/api/note', 'buy milk', text),
  ],
  routes: [
    get('/api/products/books/7'),
    get('/api/products/books'),
    get('/api/PRODUCTS/Books/7/'),
    get('/api/files/docs/2024/report.pdf'),
    get('/api/files'),
    get('/api/products/books/abc'),
    post('/api/products/books/7'),
    get('/api/products/specials'),
  ],
  'return-value': [
    post('/api/items', '{"name":"kettle"}', json),
    get('/api/hello?name=Ann'),
    post('/api/archive', 'old stuff', text),
  ],
  'app-settings': [get('/api/settings'), post('/api/order', 'two kettles', text)],
  mistakes: [
    get('/api/plainText'),
    get('/api/non2xx/42'),
    post('/api/statusField'),
    get('/api/plainText?fixed=true'),
    get('/api/non2xx/42?fixed=true'),
    post('/api/statusField?fixed=true'),
  ],
  'queue-worker': [{ enqueue: 'messages-incoming', text: 'hi' }],
  poison: [
    { enqueue: 'jobs', text: 'please fail' },
    { enqueue: 'jobs', text: 'all good' },
  ],
};

const DRAINS: Record<string, readonly string[]> = {
  order: ['orders'],
  'app-settings': ['orders-eu'],
  'queue-worker': ['messages-incoming'],
  poison: ['jobs'],
};

function readTree(root: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(join(root, prefix))) {
    const relative = prefix ? `${prefix}/${name}` : name;
    if (statSync(join(root, relative)).isDirectory()) Object.assign(files, readTree(root, relative));
    else files[relative] = readFileSync(join(root, relative), 'utf8');
  }
  return files;
}

/** The examples whose handler is JavaScript run by `node`, each with its requests. */
export function javascriptScenarios(): Scenario[] {
  const names = readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return names.flatMap((name) => {
    const files = readTree(join(EXAMPLES, name));
    const hostJson = files['host.json'] ?? '';
    // host.json may carry comments (the legacy example does); the executable is all we read.
    const executable = /"defaultExecutablePath"\s*:\s*"([^"]*)"/.exec(hostJson)?.[1];
    if (executable !== 'node') return [];
    const steps: Step[] = [{ http: toSpec(defaultRequestFor(name, files)) }, ...(EXTRA[name] ?? [])];
    const timer = Object.entries(files).some(
      ([path, body]) => path.endsWith('/function.json') && /"timerTrigger"/i.test(body),
    );
    return [{ name, files, steps, drains: DRAINS[name] ?? [], timer }];
  });
}

function toSpec(request: ReturnType<typeof defaultRequestFor>): HttpRequestSpec {
  return {
    method: request.method,
    path: request.path,
    headers: request.headers.map(([k, v]) => [k, v]),
    ...(request.body !== '' && { body: request.body }),
  };
}
