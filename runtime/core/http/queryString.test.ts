import { describe, expect, test } from 'vitest';
import { joinQueryValues, parseQuery, rebuildQuery, unescapeDataString, urlEncode } from './queryString';

describe('parseQuery', () => {
  test.each<[string, Array<[string, string[]]>]>([
    ['', []],
    ['?', []],
    ['?a=1', [['a', ['1']]]],
    ['a=1', [['a', ['1']]]],
    ['??a=1', [['?a', ['1']]]],
    [
      '?a=1&b=2',
      [
        ['a', ['1']],
        ['b', ['2']],
      ],
    ],
    ['?a=1&a=2', [['a', ['1', '2']]]],
    [
      '?a=1&b=x&a=2&a=3',
      [
        ['a', ['1', '2', '3']],
        ['b', ['x']],
      ],
    ],
    ['?a=', [['a', ['']]]],
    ['?a', [['a', ['']]]],
    ['?a&a=1', [['a', ['', '1']]]],
    ['?=x', [['', ['x']]]],
    ['?=', [['', ['']]]],
    [
      '?&&a=1&&b&',
      [
        ['a', ['1']],
        ['b', ['']],
      ],
    ],
    ['?a=1=2', [['a', ['1=2']]]],
    ['? a =1', [[' a ', ['1']]]],
  ])('%j parses to %j', (search, expected) => {
    expect(parseQuery(search)).toEqual(expected);
  });

  test.each<[string, Array<[string, string[]]>]>([
    ['?Name=1&name=2', [['name', ['1', '2']]]],
    ['?A=1&a=2&A=3', [['a', ['1', '2', '3']]]],
    [
      '?b=1&CODE=k&Code=j',
      [
        ['b', ['1']],
        ['Code', ['k', 'j']],
      ],
    ],
    ['?É=1&é=2', [['é', ['1', '2']]]],
  ])('keys match case-insensitively; a repeated key takes its second spelling: %j', (search, expected) => {
    expect(parseQuery(search)).toEqual(expected);
  });

  test('past 10 distinct keys the dictionary keeps the spelling it already has', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `k${i}=${i}`).join('&');
    expect(parseQuery(`?${ten}&K0=x`)[0]).toEqual(['K0', ['0', 'x']]);
    expect(parseQuery(`?${ten}&k10=10&K0=x`)[0]).toEqual(['k0', ['0', 'x']]);
    // a key already renamed while small keeps that name after the switch
    expect(parseQuery(`?${ten}&K0=x&k10=10&k0=y`)[0]).toEqual(['K0', ['0', 'x', 'y']]);
  });

  test.each([
    ['?q=a+b', 'a b'],
    ['?q=a%2Bb', 'a+b'],
    ['?q=a%20b', 'a b'],
    ['?q=caf%C3%A9', 'café'],
    ['?q=%e2%82%ac', '€'],
    ['?q=%F0%9F%98%80', '😀'],
    ['?q=%26%3D%23', '&=#'],
    ['?q=%2541', '%41'],
    ['?q=é', 'é'],
  ])('%j decodes the value to %j', (search, value) => {
    expect(parseQuery(search)).toEqual([[expect.any(String), [value]]]);
  });

  test('the key is decoded the same way', () => {
    expect(parseQuery('?caf%C3%A9+au+lait=1')).toEqual([['café au lait', ['1']]]);
  });
});

describe('unescapeDataString (Uri.UnescapeDataString)', () => {
  test.each([
    ['%FF', '%FF'],
    ['%C3', '%C3'],
    ['%C3%28', '%C3('],
    ['%C3%A9%C3', 'é%C3'],
    ['%E2%82%E2%82%AC', '%E2%82€'],
    ['%80%41', '%80A'],
    ['%C0%AF', '%C0%AF'],
    ['%ED%A0%80', '%ED%A0%80'],
    ['%F4%90%80%80', '%F4%90%80%80'],
    ['%zz', '%zz'],
    ['100%', '100%'],
    ['%4', '%4'],
    ['%%41', '%A'],
    ['%41', 'A'],
    ['a%00b', 'a\u0000b'],
    ['plain', 'plain'],
  ])('%j → %j', (input, expected) => {
    expect(unescapeDataString(input)).toBe(expected);
  });
});

describe('joinQueryValues', () => {
  test('repeated values are comma-joined, as StringValues.ToString() does for Data.req.Query', () => {
    expect(joinQueryValues(parseQuery('?a=1&b=&a=2,3'))).toEqual([
      ['a', '1,2,3'],
      ['b', ''],
    ]);
  });
});

describe('rebuildQuery (legacy forwarding)', () => {
  test.each([
    ['', ''],
    ['?', ''],
    ['?a=1&a=2', 'a=1,2'],
    ['?A=1&a=2&b=3', 'a=1,2&b=3'],
    ['?code=k1&status=open', 'code=k1&status=open'],
    ['?q=a+b', 'q=a%20b'],
    ['?q=a%20b', 'q=a%20b'],
    ['?a+b=c', 'a%20b=c'],
    ['?q=caf%C3%A9', 'q=caf%C3%A9'],
    ['?q=é', 'q=%C3%A9'],
    ['?q=%F0%9F%98%80', 'q=%F0%9F%98%80'],
    ['?q=%26%3D%3F%23%2F%3A%2B%25', 'q=%26%3D%3F%23%2F%3A%2B%25'],
    ['?q=-._~!$()*,;@', 'q=-._~!$()*,;@'],
    ['?q="\'<>`[]{}|\\^', 'q=%22%27%3C%3E%60%5B%5D%7B%7D%7C%5C%5E'],
    ['?q=%FF', 'q=%25FF'],
    ['?a', 'a='],
    ['?=x', '=x'],
  ])('%j is forwarded as %j', (search, expected) => {
    expect(rebuildQuery(parseQuery(search))).toBe(expected);
  });
});

describe('urlEncode (UrlEncoder.Default)', () => {
  test.each([
    ['AZaz09', 'AZaz09'],
    [' ', '%20'],
    ['\u0000\u001f\u007f', '%00%1F%7F'],
    ['\u00a0', '%C2%A0'],
    ['\ud800', '%EF%BF%BD'],
    ['\uffff', '%EF%BF%BF'],
  ])('%j → %j', (input, expected) => {
    expect(urlEncode(input)).toBe(expected);
  });
});
