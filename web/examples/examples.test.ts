import { describe, expect, test } from 'vitest';
import {
  describeReadme,
  examples,
  indexExamples,
  loadExample,
  loadExampleFrom,
  splitExamplePath,
} from './examples';
import { defaultRequestFor, routePrefixOf, SEED_REQUEST } from './defaultRequest';

describe('examples', () => {
  test('the bundled list names every example folder with a description from its README', () => {
    const names = examples.map((e) => e.name);
    expect(names).toContain('order');
    expect(names).not.toContain('package.json');
    const order = examples.find((e) => e.name === 'order');
    expect(order?.description).toBe('HTTP payload mode, a queue output, and a queue-triggered function');
    for (const e of examples) expect(e.description).not.toBe('');
  });

  test('loadExample gives app-relative paths and leaves examples/package.json out', async () => {
    const files = await loadExample('order');
    expect(Object.keys(files).sort()).toEqual([
      'README.md',
      'handler.js',
      'host.json',
      'local.settings.json',
      'order/function.json',
      'processOrder/function.json',
    ]);
    expect(JSON.parse(files['host.json']!).version).toBe('2.0');
  });

  test('an unknown example is refused', async () => {
    await expect(loadExample('nope')).rejects.toThrow("There is no example named 'nope'.");
  });

  test('splitExamplePath', () => {
    expect(splitExamplePath('/examples/order/order/function.json')).toEqual({
      example: 'order',
      file: 'order/function.json',
    });
    expect(splitExamplePath('/examples/package.json')).toBeUndefined();
  });

  test.each([
    ['# order: HTTP payload mode\n\nMore text.', 'HTTP payload mode'],
    ['# Title\n\nFirst sentence here. Second one.\n\nNext paragraph.', 'First sentence here.'],
    ['# Title\n\nno full stop\ncontinues', 'no full stop continues'],
    ['# Only a title', 'Only a title'],
    ['', ''],
  ])('describeReadme(%j)', (text, expected) => {
    expect(describeReadme(text)).toBe(expected);
  });

  test('indexExamples and loadExampleFrom work from plain records', async () => {
    const readmes = { '/examples/b/README.md': '# b: second' };
    const loaders = {
      '/examples/a/host.json': async () => '{}',
      '/examples/a/fn/function.json': async () => '{"bindings":[]}',
      '/examples/b/handler.js': async () => 'x',
    };
    expect(indexExamples(readmes, loaders)).toEqual([
      { name: 'a', description: '' },
      { name: 'b', description: 'second' },
    ]);
    expect(await loadExampleFrom('a', readmes, loaders)).toEqual({
      'host.json': '{}',
      'fn/function.json': '{"bindings":[]}',
    });
    expect(await loadExampleFrom('b', readmes, loaders)).toEqual({
      'README.md': '# b: second',
      'handler.js': 'x',
    });
  });
});

describe('defaultRequestFor', () => {
  test('the order example gets the seed request', () => {
    expect(defaultRequestFor('order', {})).toEqual(SEED_REQUEST);
    expect(SEED_REQUEST).toMatchObject({ method: 'POST', path: '/api/order' });
    expect(JSON.parse(SEED_REQUEST.body)).toEqual({ id: 1005, quantity: 2, color: 'black' });
  });

  test('another example gets its first HTTP function, route prefix included', async () => {
    const files = await loadExample('hello');
    expect(defaultRequestFor('hello', files)).toEqual({
      method: 'GET',
      path: '/api/hello',
      headers: [],
      body: '',
    });
  });

  test('an MCP server gets its initialize request at /mcp', async () => {
    const files = await loadExample('mcp');
    const request = defaultRequestFor('mcp', files);
    expect([request.method, request.path]).toEqual(['POST', '/mcp']);
    expect(JSON.parse(request.body)).toMatchObject({ jsonrpc: '2.0', id: 1, method: 'initialize' });
  });

  test('routes, methods and prefixes', () => {
    const files = {
      'host.json': '{"version":"2.0", // comment\n "extensions":{"http":{"routePrefix":"/v1/"}}}',
      'a/function.json': '{"bindings":[{"type":"queueTrigger","name":"m","queueName":"q"}]}',
      'b/function.json':
        '{"bindings":[{"type":"HttpTrigger","name":"req","methods":["put"],"route":"items/{id:int}"}]}',
    };
    expect(defaultRequestFor('x', files)).toEqual({
      method: 'PUT',
      path: '/v1/items/1',
      headers: [['Content-Type', 'application/json']],
      body: '{}',
    });
  });

  test('no HTTP function: the root of the prefix', () => {
    expect(defaultRequestFor('timer', { 'host.json': '{}' }).path).toBe('/api/');
    expect(routePrefixOf('{"extensions":{"http":{"routePrefix":""}}}')).toBe('');
    expect(routePrefixOf('not json')).toBe('api');
  });
});
