import { expect, test } from 'vitest';
import { anonymousIdentities, coreToolsAdminIdentities } from '../http/identities';
import { writeJsonUtf8 } from '../json/writeJsonUtf8';
import { utf8Decode } from '../bytes/utf8';
import { buildHttpInvocationBody } from './httpPayload';
import type { HttpRequestFacts } from './httpPayload';
import { httpRequestFacts } from '../testing/httpRequestFacts';
import { writeHttpInvocationBody } from './httpPayloadBytes';

// The direct writer must give exactly the bytes of the node tree it replaces on the hot path.

const sys = { methodName: 'GetOrder', utcNow: '2024-05-01T10:15:00.1234567Z', randGuid: 'g-1' };
const frozenAnonymous = Object.freeze(anonymousIdentities());

const facts = httpRequestFacts;

function body(text: string, binary = false): HttpRequestFacts['body'] {
  return { text, base64: () => `b64:${text.length}`, binary };
}

const cases: [string, HttpRequestFacts, string[]][] = [
  ['a GET with query and route values', facts({}), []],
  ['other inputs arrive as "null"', facts({}), ['blob', 'doc']],
  [
    'a JSON body: scalar and object properties, arrays and nulls left out',
    facts({
      method: 'POST',
      query: [],
      params: [],
      body: body(
        '{"name":"Ann","age":30,"vip":true,"tags":["a"],"addr":{"city":"Oslo"},"none":null,"r":2.50}',
      ),
    }),
    [],
  ],
  [
    'keys colliding case-insensitively: a later value replaces in place under the first spelling',
    facts({
      query: [
        ['QUERY', ['q']],
        ['Sys', ['s']],
        ['headers', ['h1', 'h2']],
        ['Code', ['k']],
      ],
      params: [
        ['query', 'p'],
        ['opt', null],
      ],
      body: body('{"headers":1,"SYS":{"a":[1]},"query":"x"}'),
    }),
    [],
  ],
  [
    'repeated headers and query values, empty values',
    facts({
      headers: [
        ['Accept', ['a', 'b']],
        ['X-Empty', ['']],
        ['X-None', []],
      ],
      query: [
        ['a', ['1', '2']],
        ['e', []],
      ],
    }),
    [],
  ],
  [
    'escapes and non-ASCII everywhere',
    facts({
      url: 'http://h/api/\u00e9?q="x"\\',
      headers: [['X-\u00e9', ['\u2028 \u0085 \ud83d\ude00 \ud800 \t\n']]],
      query: [['k"\\', ['v\u0001']]],
      params: [['p', '\u00fc"']],
      body: body(' {"\u00e9":"\\u2029","n":-0.0} '),
    }),
    ['in"put'],
  ],
  ['a binary body travels as base64', facts({ method: 'POST', body: body('\u0000\u00ff', true) }), []],
  ['a body that is not an object', facts({ method: 'POST', body: body('[1,2]') }), []],
  ['a body that is not JSON', facts({ method: 'POST', body: body('{nope') }), []],
  ['an empty body', facts({ method: 'POST', body: body('') }), []],
  ['identities, shared and frozen', facts({ identities: frozenAnonymous }), []],
  ['identities, fresh', facts({ identities: coreToolsAdminIdentities() }), []],
];

test.each(cases)('%s: the same bytes as the node tree', (_name, req, others) => {
  const expected = writeJsonUtf8(buildHttpInvocationBody('req', req, others, sys));
  const actual = writeHttpInvocationBody('req', req, others, sys);
  expect(utf8Decode(actual)).toBe(utf8Decode(expected));
  expect(actual).toEqual(expected);
});

test('a frozen node written again (from its kept bytes) gives the same payload', () => {
  const req = facts({ identities: frozenAnonymous });
  const first = writeHttpInvocationBody('req', req, [], sys);
  const second = writeHttpInvocationBody('req', req, [], sys);
  expect(second).toEqual(first);
  expect(utf8Decode(second)).toContain('"Identities":[{"AuthenticationType":null,"IsAuthenticated":false');
});

test('a trigger named like a Data key and odd trigger names are written as the tree writes them', () => {
  for (const name of ['Url', 'r\u00e9q', 'a"b', '']) {
    const req = facts({});
    expect(writeHttpInvocationBody(name, req, [name], sys)).toEqual(
      writeJsonUtf8(buildHttpInvocationBody(name, req, [name], sys)),
    );
  }
});
