// Node's outgoing-header bookkeeping, which both hops reproduce.
import { describe, expect, test } from 'vitest';
import { HeaderMap, joinedHeader, rawHeader } from './headerMap';

describe('HeaderMap', () => {
  test('one entry per name ignoring case, in first-set order; a later set replaces value and spelling in place', () => {
    const map = new HeaderMap();
    map.set('x-a', '1');
    map.set('Content-Type', 'text/plain');
    map.set('X-A', '2');
    expect(map.flatten([])).toEqual(['X-A', '2', 'Content-Type', 'text/plain']);
    expect(map.get('x-a')).toBe('2');
    expect(map.has('content-type')).toBe(true);
  });

  test('setAll sets pair by pair, so repeated names leave the last; empty names are skipped', () => {
    const map = new HeaderMap();
    map.set('Server', 'Kestrel');
    map.setAll(['Set-Cookie', 'a=1', '', 'ignored', 'set-cookie', 'b=2', 'server', 'Other']);
    expect(map.flatten([])).toEqual(['server', 'Other', 'set-cookie', 'b=2']);
  });

  test('delete removes by lower-case name; flatten appends to what it is given', () => {
    const map = new HeaderMap();
    map.set('A', '1');
    map.set('B', '2');
    map.delete('a');
    expect(map.has('a')).toBe(false);
    expect(map.get('a')).toBeUndefined();
    expect(map.flatten(['Start', '0'])).toEqual(['Start', '0', 'B', '2']);
  });
});

describe('raw header lookups', () => {
  const raw = ['Host', 'h', 'X-Tag', 'one', 'x-tag', 'two', 'Content-Length', '3'];

  test('rawHeader gives the first value, ignoring case', () => {
    expect(rawHeader(raw, 'x-tag')).toBe('one');
    expect(rawHeader(raw, 'content-length')).toBe('3');
    expect(rawHeader(raw, 'missing')).toBeUndefined();
  });

  test("joinedHeader joins every value with ', ' as req.headers does", () => {
    expect(joinedHeader(raw, 'x-tag')).toBe('one, two');
    expect(joinedHeader(raw, 'host')).toBe('h');
    expect(joinedHeader(raw, 'missing')).toBeUndefined();
  });
});

test('raw header lookups ignore ASCII case only, as toLowerCase does for these names', () => {
  const raw = [
    'Content-TYPE',
    'a',
    'X-\u00c4',
    'b',
    'x-\u00e4',
    'c',
    'X-Long',
    'd',
    'x-lon',
    'e',
    'X-Lo\u00dfx',
    'f',
  ];
  expect(rawHeader(raw, 'content-type')).toBe('a');
  expect(rawHeader(raw, 'content-typ')).toBeUndefined();
  expect(rawHeader(raw, 'x-\u00e4')).toBe('b');
  expect(rawHeader(raw, 'x-lon')).toBe('e');
  expect(rawHeader(raw, 'x-lo\u00dfx')).toBe('f');
  expect(joinedHeader(raw, 'x-\u00e4')).toBe('b, c');
  expect(joinedHeader(raw, 'x-long')).toBe('d');
  expect(rawHeader(['\u212aeep-Alive', 'k'], 'keep-alive')).toBe('k');
});
