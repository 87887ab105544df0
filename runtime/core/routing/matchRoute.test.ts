import { expect, test } from 'vitest';
import { matchRoute } from './matchRoute';
import { parseRouteTemplate } from './routeTemplate';

test.each([
  // literals ignore case; one trailing slash is tolerated, an empty segment is not
  ['api/Products', '/API/products', {}],
  ['api/products', '/api/products/', {}],
  ['api/products', '/api//products', undefined],
  ['api/products', '/api/products//', undefined],
  ['api/products', '/api/product', undefined],
  ['api/products', '/api/products/x', undefined],
  ['api/products/x', '/api/products', undefined],
  ['', '/', {}],
  ['', '/x', undefined],
  ['api/products', 'api/products', {}],
  // constraints
  ['api/products/{id:int}', '/api/products/5', { id: '5' }],
  ['api/products/{id:int}', '/api/products/abc', undefined],
  ['api/products/{id:int:min(10)}', '/api/products/9', undefined],
  ['api/{s:regex(\\d+)}', '/api/x1y', { s: 'x1y' }],
  ['api/{category:alpha}/{id:int?}', '/api/Shoes/12', { category: 'Shoes', id: '12' }],
  // optional, default and catch-all
  ['api/items/{id?}', '/api/items', { id: null }],
  ['api/items/{id?}', '/api/items/', { id: null }],
  ['api/items/{id?}', '/api/items/3', { id: '3' }],
  ['api/items/{id:int?}', '/api/items', { id: null }],
  ['api/items/{id:int?}', '/api/items/x', undefined],
  ['api/{a?}/{b?}', '/api', { a: null, b: null }],
  ['api/{a?}/b', '/api/b', undefined],
  ['api/items/{page=1}', '/api/items', { page: '1' }],
  ['api/items/{page=1}', '/api/items/4', { page: '4' }],
  ['api/items/{page:int=abc}', '/api/items', undefined],
  ['api/items/{id}', '/api/items', undefined],
  ['api/files/{*path}', '/api/files/a/b/c.txt', { path: 'a/b/c.txt' }],
  ['api/files/{*path}', '/api/files/a/b/', { path: 'a/b/' }],
  ['api/files/{*path}', '/api/files/a//b', { path: 'a//b' }],
  ['api/files/{*path}', '/api/files//a', undefined],
  ['api/files/{*path}', '/api/files', { path: null }],
  ['api/files/{*path}', '/api/files/', { path: null }],
  ['api/files/{**path}', '/api/files/a/b', { path: 'a/b' }],
  ['api/files/{*path=index.html}', '/api/files', { path: 'index.html' }],
  ['api/files/{*path:required}', '/api/files', undefined],
  ['api/files/{*path:required}', '/api/files/x', { path: 'x' }],
  ['api/files/{*path:nonfile}', '/api/files', { path: null }],
  // percent-decoding follows Kestrel: "%2F" is kept as text and never splits a segment
  ['api/hello world', '/api/hello%20world', {}],
  ['api/{name}', '/api/caf%C3%A9', { name: 'café' }],
  ['api/{name}', '/api/a%2Fb', { name: 'a%2Fb' }],
  ['api/{name}', '/api/a%2fb', { name: 'a%2fb' }],
  ['api/{name}', '/api/100%25', { name: '100%' }],
  ['api/{name}', '/api/%E2%82', { name: '%E2%82' }],
  ['api/{name}', '/api/a%00b', undefined],
  ['api/b', '/api/a/../b', {}],
  ['x', '/api/%2E%2E/x', {}],
  // complex segments match right to left, literals at their last occurrence
  ['api/{file}.{ext}', '/api/report.pdf', { file: 'report', ext: 'pdf' }],
  ['api/{file}.{ext}', '/api/x.y.z', { file: 'x.y', ext: 'z' }],
  ['api/{file}.{ext}', '/api/report', undefined],
  ['api/{file}.{ext}', '/api/.pdf', undefined],
  ['api/{file}.{ext?}', '/api/report.pdf', { file: 'report', ext: 'pdf' }],
  ['api/{file}.{ext?}', '/api/report', { file: 'report', ext: null }],
  ['api/{file}.{ext?}', '/api/report.', undefined],
  ['api/v{major}-{minor}', '/api/V2-1', { major: '2', minor: '1' }],
  ['api/{a}-{b}', '/api/x-y-z', { a: 'x-y', b: 'z' }],
  ['api/{a}.txt', '/api/x.txt.bak', undefined],
  ['api/v{a}', '/api/xv1', undefined],
  ['api/{file:alpha}.{ext}', '/api/r2.pdf', undefined],
  ['api/{a}.{b=md}', '/api/x.txt', { a: 'x', b: 'txt' }],
  // names keep their spelling, spaces included
  ['api/{ Id }', '/api/7', { ' Id ': '7' }],
])('%j matches %j as %j', (template, path, expected) => {
  expect(matchRoute(template, path)).toEqual(expected);
});

test('route values are plain strings or null and include every parameter', () => {
  const values = matchRoute('api/{a}/{b?}/{c=x}', '/api/1');
  expect(values).toEqual({ a: '1', b: null, c: 'x' });
  expect(Object.keys(values ?? {})).toEqual(['a', 'c', 'b']);
});

test('a parameter named like an Object.prototype member is an ordinary key', () => {
  const values = matchRoute('api/{constructor}/{__proto__?}', '/api/x');
  expect(Object.entries(values ?? {})).toEqual([
    ['constructor', 'x'],
    ['__proto__', null],
  ]);
});

test('accepts a parsed template', () => {
  const parsed = parseRouteTemplate('api/products/{id:int}');
  if (!parsed.ok) throw new Error(parsed.error);
  expect(matchRoute(parsed.template, '/api/products/42')).toEqual({ id: '42' });
});

test('an invalid template throws with its error', () => {
  expect(() => matchRoute('api/{id', '/api/1')).toThrow("Invalid route template 'api/{id'");
});
