import { describe, expect, test } from 'vitest';
import {
  matchesRoute,
  normalizeTarget,
  pathForRoute,
  pathOfUrl,
  splitTarget,
  withQuery,
} from './requestTarget';

describe('splitTarget', () => {
  test('splits path and query rows, decoding them for display', () => {
    expect(splitTarget('/api/order')).toEqual({ path: '/api/order', query: [] });
    expect(splitTarget('/api/order?x=1&name=J%C3%BCrgen+M&flag&&empty=')).toEqual({
      path: '/api/order',
      query: [
        ['x', '1'],
        ['name', 'Jürgen M'],
        ['flag', ''],
        ['empty', ''],
      ],
    });
    expect(splitTarget('/a?x=%zz')).toEqual({ path: '/a', query: [['x', '%zz']] });
    expect(splitTarget('/a?eq=a=b')).toEqual({ path: '/a', query: [['eq', 'a=b']] });
  });
});

describe('withQuery', () => {
  test('merges rows into the path, encoded', () => {
    expect(
      withQuery('/api/order', [
        ['x', '1'],
        ['q', 'a b&c=d'],
      ]),
    ).toBe('/api/order?x=1&q=a%20b%26c%3Dd');
    expect(withQuery('/api/order?old=1', [['new', 'ü']])).toBe('/api/order?new=%C3%BC');
  });

  test('leaves out rows without a key and drops an empty query', () => {
    expect(
      withQuery('/api/order?x=1', [
        ['', 'orphan'],
        ['flag', ''],
      ]),
    ).toBe('/api/order?flag');
    expect(withQuery('/api/order?x=1', [])).toBe('/api/order');
  });

  test('round-trips with splitTarget', () => {
    const rows = [
      ['a', '1'],
      ['a', '2'],
      ['sp ace', 'x+y'],
      ['ü', '日本'],
    ] as const;
    expect(splitTarget(withQuery('/p', rows)).query).toEqual(rows);
  });
});

describe('normalizeTarget', () => {
  test('adds the leading slash and encodes whitespace', () => {
    expect(normalizeTarget('api/order')).toBe('/api/order');
    expect(normalizeTarget('  /api/my order?q=a b\t ')).toBe('/api/my%20order?q=a%20b');
    expect(normalizeTarget('/api/order?x=1')).toBe('/api/order?x=1');
  });
});

describe('pathOfUrl', () => {
  test("reads a function URL's path without encoding route templates", () => {
    expect(pathOfUrl('http://localhost:7199/api/order')).toBe('/api/order');
    expect(pathOfUrl('http://localhost:7071/api/products/{category}/{id?}')).toBe(
      '/api/products/{category}/{id?}',
    );
    expect(pathOfUrl('https://x.example/api/a?code=1#frag')).toBe('/api/a');
    expect(pathOfUrl('http://localhost:7071')).toBe('/');
    expect(pathOfUrl('api/relative')).toBe('/api/relative');
  });
});

describe('pathForRoute', () => {
  test('leaves out optional parameters so the path has no template "?" in it', () => {
    expect(pathForRoute('/api/products/{id?}')).toBe('/api/products');
    expect(pathForRoute('/api/products/{category}/{id:int?}')).toBe('/api/products/{category}');
    expect(pathForRoute('/api/{lang?}/items')).toBe('/api/items');
    expect(pathForRoute('/{id?}')).toBe('/');
    expect(pathForRoute('/api/order')).toBe('/api/order');
  });
});

describe('matchesRoute', () => {
  test('matches paths under a route template', () => {
    expect(matchesRoute('/api/order', '/api/order')).toBe(true);
    expect(matchesRoute('/api/order', '/API/Order/')).toBe(true);
    expect(matchesRoute('/api/order', '/api/orders')).toBe(false);
    expect(matchesRoute('/api/products/{id?}', '/api/products')).toBe(true);
    expect(matchesRoute('/api/products/{id?}', '/api/products/7')).toBe(true);
    expect(matchesRoute('/api/products/{id?}', '/api/products/7/x')).toBe(false);
    expect(matchesRoute('/api/{category}/{id:int}', '/api/tools/3')).toBe(true);
    expect(matchesRoute('/api/{category}/{id:int}', '/api/tools')).toBe(false);
    expect(matchesRoute('/api/files/{*path}', '/api/files/a/b/c.txt')).toBe(true);
    expect(matchesRoute('/api/a.b', '/api/aXb')).toBe(false);
  });
});
