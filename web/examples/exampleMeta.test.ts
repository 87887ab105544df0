import { describe, expect, test } from 'vitest';
import { matchRoute } from '../../runtime/core/routing/matchRoute';
import { parseExampleMeta } from './exampleMeta';
import { exampleMeta, exampleMetaSources, examples, loadExample } from './examples';
import { triggerStartFor } from './exampleStart';

const FILE = 'examples/x/playground.json';

describe('parseExampleMeta', () => {
  test('reads the tab, the request, the message and the suggestions', () => {
    const result = parseExampleMeta(
      JSON.stringify({
        opensOn: 'queues',
        message: { queue: 'jobs', text: 'hi' },
        request: { method: 'post', path: '/api/a?x=1', headers: { 'Content-Type': 'text/plain' }, body: 'b' },
        tryThis: [
          { method: 'GET', path: '/api/b' },
          { queue: 'jobs', message: 'go' },
        ],
      }),
      FILE,
    );
    expect(result).toEqual({
      ok: true,
      meta: {
        opensOn: 'queues',
        message: { queue: 'jobs', text: 'hi' },
        request: { method: 'POST', path: '/api/a?x=1', headers: [['Content-Type', 'text/plain']], body: 'b' },
        tryThis: [
          { kind: 'http', request: { method: 'GET', path: '/api/b', headers: [], body: '' } },
          { kind: 'queue', message: { queue: 'jobs', text: 'go' } },
        ],
      },
    });
  });

  test.each([
    ['{', /^examples\/x\/playground\.json: not valid JSON/],
    ['[]', 'examples/x/playground.json: the file must hold an object.'],
    ['{"opensOn":"ftp"}', 'examples/x/playground.json: opensOn must be one of http, queues, timers, mcp.'],
    ['{"tryThis":[{"method":"GET"}]}', 'examples/x/playground.json: tryThis[0].path must be a string.'],
    [
      '{"tryThis":[{"method":"GET","path":"api"}]}',
      'examples/x/playground.json: tryThis[0].path must start with "/".',
    ],
    ['{"tryThis":[{"queue":"jobs"}]}', 'examples/x/playground.json: tryThis[0].message must be a string.'],
    [
      '{"request":{"method":"GET","path":"/a","headers":{"X":1}}}',
      'examples/x/playground.json: request.headers["X"] must be a string.',
    ],
    ['{"message":"hi"}', 'examples/x/playground.json: message must be an object with queue and text.'],
  ])('%s is refused with the file and the place', (source, error) => {
    const result = parseExampleMeta(source, FILE);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });
});

/** The function.json files of an example, parsed. */
function functionsOf(files: Record<string, string>) {
  return Object.entries(files)
    .filter(([path]) => /^[^/]+\/function\.json$/.test(path))
    .map(([path, text]) => ({
      name: path.split('/')[0]!,
      bindings: (JSON.parse(text) as { bindings: Record<string, unknown>[] }).bindings,
    }));
}

describe.each(examples.map((e) => e.name))('examples/%s/playground.json', (name) => {
  test('exists and is valid', () => {
    const source = exampleMetaSources()[name];
    expect(source, `examples/${name}/playground.json`).toBeDefined();
    const result = parseExampleMeta(source!, `examples/${name}/playground.json`);
    expect(result).toMatchObject({ ok: true });
  });

  test("opens on the example's own trigger, ready to go", async () => {
    const files = await loadExample(name);
    const meta = exampleMeta(name)!;
    const functions = functionsOf(files);
    const trigger = (type: string) =>
      functions.flatMap((f) => f.bindings.filter((b) => String(b.type).toLowerCase() === type));
    const start = triggerStartFor(name, files, meta);
    if (start.tab === 'http') {
      // The request reaches an HTTP function: its route matches and its methods allow it.
      const path = start.request.path.split('?')[0]!;
      const reached =
        trigger('httptrigger').some((b) => {
          const route = `api/${(b.route as string | undefined) ?? ''}`;
          const methods = (b.methods as string[] | undefined)?.map((m) => m.toUpperCase());
          return (
            (b.route !== undefined ? matchRoute(route, path) : undefined) !== undefined &&
            (!methods || methods.includes(start.request.method))
          );
        }) || functions.some((f) => path.toLowerCase() === `/api/${f.name.toLowerCase()}`);
      expect(reached, `${start.request.method} ${start.request.path}`).toBe(true);
    } else if (start.tab === 'queues') {
      expect(trigger('queuetrigger').map((b) => b.queueName)).toContain(start.message?.queue);
      expect(start.message?.text).not.toBe('');
    } else if (start.tab === 'mcp') {
      // An MCP server behind the host: the profile that proxies every path to it.
      expect(JSON.parse(files['host.json']!)).toMatchObject({ configurationProfile: 'mcp-custom-handler' });
    } else {
      expect(trigger('timertrigger').length).toBeGreaterThan(0);
    }
  });

  test('each "try this" chip is a request or a message its README suggests', () => {
    const readme = readmeOf(name);
    for (const s of exampleMeta(name)!.tryThis) {
      if (s.kind === 'http') {
        const [path, query] = s.request.path.split('?');
        expect(readme, s.request.path).toContain(path!);
        if (query) expect(readme, s.request.path).toContain(`?${query}`);
        if (s.request.body) expect(readme.replace(/\\"/g, '"'), s.request.body).toContain(s.request.body);
      } else {
        expect(readme).toContain(s.message.queue);
        expect(readme).toContain(s.message.text);
      }
    }
  });
});

function readmeOf(name: string): string {
  const all = import.meta.glob<string>('/examples/*/README.md', {
    query: '?raw',
    import: 'default',
    eager: true,
  });
  return all[`/examples/${name}/README.md`] ?? '';
}

test('app-settings opens on the request its README describes first', async () => {
  const files = await loadExample('app-settings');
  expect(triggerStartFor('app-settings', files, exampleMeta('app-settings'))).toMatchObject({
    tab: 'http',
    request: { method: 'GET', path: '/api/settings' },
  });
});

test('playground.json is not one of the app files', async () => {
  expect(Object.keys(await loadExample('poison'))).not.toContain('playground.json');
});
