import { expect, test } from 'vitest';
import { matchRoute } from './matchRoute';
import { parseRouteTemplate, type RouteTemplate } from './routeTemplate';
import {
  compareInboundPrecedence,
  computeInboundPrecedence,
  sortByInboundPrecedence,
} from './routePrecedence';

function parse(text: string): RouteTemplate {
  const result = parseRouteTemplate(text);
  if (!result.ok) throw new Error(result.error);
  return result.template;
}

// The first four are the examples in ASP.NET Core's RoutePrecedence.ComputeInbound comment.
test.each([
  ['api/template', '1.1'],
  ['api/template/{id}', '1.13'],
  ['api/{id:int}', '1.2'],
  ['api/template/{id:int}', '1.12'],
  ['api/{id?}', '1.3'],
  ['api/{id=1}', '1.3'],
  ['api/{id:int?}', '1.2'],
  ['api/{file}.{ext}', '1.2'],
  ['api/{*rest:required}', '1.4'],
  ['api/{*rest}', '1.5'],
  ['{*rest}', '5'],
  ['', '0'],
])('%j has inbound precedence %s', (template, precedence) => {
  expect(computeInboundPrecedence(parse(template))).toBe(precedence);
});

test('a lower precedence value sorts first; a shorter prefix before its extensions', () => {
  const cmp = (a: string, b: string): number => Math.sign(compareInboundPrecedence(parse(a), parse(b)));
  expect(cmp('api/list', 'api/{id}')).toBe(-1);
  expect(cmp('api/{id:int}', 'api/{id}')).toBe(-1);
  expect(cmp('api/{id}', 'api/{*rest}')).toBe(-1);
  expect(cmp('api/{id}', 'api/{id}/details')).toBe(-1);
  expect(cmp('api/{id}/details', 'api/{id}')).toBe(1);
  expect(cmp('api/{a}', 'api/{b?}')).toBe(0);
});

const ROUTES = [
  { name: 'Everything', route: 'api/products/{*rest}' },
  { name: 'ByName', route: 'api/products/{name}' },
  { name: 'Maybe', route: 'api/products/{maybe?}' },
  { name: 'ById', route: 'api/products/{id:int}' },
  { name: 'List', route: 'api/products/list' },
];

test('sorts literal, then constrained, then plain or optional parameter, then catch-all; ties keep input order', () => {
  const sorted = sortByInboundPrecedence(ROUTES, (r) => parse(r.route));
  expect(sorted.map((r) => r.name)).toEqual(['List', 'ById', 'ByName', 'Maybe', 'Everything']);
  expect(ROUTES[0]!.name).toBe('Everything');
});

test.each([
  ['/api/products/list', 'List'],
  ['/api/products/42', 'ById'],
  ['/api/products/shoes', 'ByName'],
  ['/api/products', 'Maybe'],
  ['/api/products/a/b', 'Everything'],
])('the first match in precedence order for %s is %s', (path, name) => {
  const sorted = sortByInboundPrecedence(ROUTES, (r) => parse(r.route));
  expect(sorted.find((r) => matchRoute(r.route, path) !== undefined)?.name).toBe(name);
});
