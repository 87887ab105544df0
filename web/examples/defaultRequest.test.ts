import { describe, expect, test } from 'vitest';
import { matchRoute } from '../../runtime/core/routing/matchRoute';
import { defaultRequestFor } from './defaultRequest';
import { sampleRoutePath } from '../triggers/routeSample';

describe('sampleRoutePath: each parameter filled with a value its constraints accept', () => {
  test.each([
    ['/api/orders/{id:int}/{rest?}', '/api/orders/1/1'],
    ['/api/products/{category:alpha}/{id:int?}', '/api/products/abc/1'],
    ['/api/flags/{on:bool}', '/api/flags/true'],
    ['/api/items/{id:guid}', '/api/items/00000000-0000-0000-0000-000000000001'],
    ['/api/ages/{n:min(18)}', '/api/ages/18'],
    ['/api/ages/{n:range(20,30)}', '/api/ages/20'],
    ['/api/codes/{c:length(3)}', '/api/codes/aaa'],
    ['/api/codes/{c:alpha:minlength(4)}', '/api/codes/aaaa'],
    ['/api/files/{*path}', '/api/files/1'],
    ['/api/when/{d:datetime}', '/api/when/2024-05-01'],
    ['/api/price/{p:decimal}', '/api/price/1'],
    ['/api/docs/{name}.{ext}', '/api/docs/1.1'],
    ['/api/page/{n=5}', '/api/page/5'],
  ])('%s → %s, which the host routes to it', (template, path) => {
    expect(sampleRoutePath(template)).toBe(path);
    expect(matchRoute(template.slice(1), path)).toBeDefined();
  });

  test('a parameter no candidate satisfies is left for the person to fill in', () => {
    expect(sampleRoutePath('/api/x/{id:regex(^zz\\d{{3}}$)}')).toBe('/api/x/{id}');
  });

  test('a template the host refuses comes back as it is', () => {
    expect(sampleRoutePath('/api/{a}{b}')).toBe('/api/{a}{b}');
  });
});

describe('defaultRequestFor', () => {
  test("fills the first HTTP function's route so the request is not a 404", () => {
    const request = defaultRequestFor('custom', {
      'host.json': '{"version":"2.0"}',
      'item/function.json': JSON.stringify({
        bindings: [{ type: 'httpTrigger', name: 'req', methods: ['get'], route: 'items/{id:int}' }],
      }),
    });
    expect(request).toMatchObject({ method: 'GET', path: '/api/items/1' });
  });
});
