import { expect, test } from 'vitest';
import { formatRouteForDisplay, functionRouteTemplate } from './functionRoute';
import { parseRouteTemplate } from './routeTemplate';

test.each([
  ['api', 'products/{id:int}', 'api/products/{id:int}'],
  ['', 'products', 'products'],
  ['v1/api', 'HttpTrigger1', 'v1/api/HttpTrigger1'],
  ['api', '/hello', 'api//hello'],
])('prefix %j and route %j register %j', (prefix, route, template) => {
  expect(functionRouteTemplate(prefix, route)).toBe(template);
});

test('a leading slash under a prefix makes a template the host rejects', () => {
  const result = parseRouteTemplate(functionRouteTemplate('api', '/hello'));
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error).toContain("'api//hello'");
});

test.each([
  ['products/{id:int?}', undefined, 'api/products/{id:int?}'],
  ['HttpTrigger1', 'api', 'api/HttpTrigger1'],
  ['HttpTrigger1', 'api/', 'api/HttpTrigger1'],
  ['HttpTrigger1', '', 'HttpTrigger1'],
  ['/{*route}', '', '/{*route}'],
  ['Items/{ID}', 'Custom', 'Custom/Items/{ID}'],
])('Core Tools prints route %j under prefix %j as %j', (route, prefix, text) => {
  expect(formatRouteForDisplay(route, prefix)).toBe(text);
});
