import { describe, expect, test } from 'vitest';
import { fillRoute } from './defaultRequest';

describe('fillRoute', () => {
  test.each([
    ['orders/{id:int}/{rest?}', 'orders/1/1'],
    ['products/{category:alpha}/{id:int?}', 'products/abc/1'],
    ['flags/{on:bool}', 'flags/true'],
    ['items/{id:guid}', 'items/00000000-0000-0000-0000-000000000001'],
    ['ages/{n:min(18)}', 'ages/18'],
    ['codes/{c:length(3)}', 'codes/aaa'],
    ['files/{*path}', 'files/1'],
  ])('%s → %s', (route, filled) => {
    expect(fillRoute(route)).toBe(filled);
  });
});
