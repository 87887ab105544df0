import { expect, test } from 'vitest';
import { writeJson } from '../json/writeJson';
import { buildHttpInvocationBody } from './httpPayload';
import { httpRequestFacts } from '../testing/httpRequestFacts';
import { formatUtcDateTime } from './dotnetDate';

const sys = { methodName: 'GetOrder', utcNow: '2024-05-01T10:15:00.1234567Z', randGuid: 'g' };

const req = httpRequestFacts;

test('GET: Data.req fields in order, no Body; Metadata query and route values double-encoded, code only in Query', () => {
  expect(writeJson(buildHttpInvocationBody('req', req({}), [], sys))).toBe(
    '{"Data":{"req":{"Url":"http://localhost:7071/api/orders/42?status=open&code=k1","Method":"GET",' +
      '"Query":{"status":"open","code":"k1"},"Headers":{"Accept":["*/*"],"Host":["localhost:7071"]},' +
      '"Params":{"id":"42"},"Identities":[]}},' +
      '"Metadata":{"status":"\\"open\\"","id":"\\"42\\"","Query":{"status":"open","code":"k1"},' +
      '"Headers":{"Accept":"*/*","Host":"localhost:7071"},' +
      '"sys":{"MethodName":"GetOrder","UtcNow":"2024-05-01T10:15:00.1234567Z","RandGuid":"g"}}}',
  );
});

test('POST with a JSON body: Body is raw text; its scalar properties lead Metadata, double-encoded, True for true', () => {
  const body =
    '{"name":"Ann","age":30,"vip":true,"tags":["a"],"addr":{"city":"Oslo"},"none":null,"ratio":2.50}';
  const out = buildHttpInvocationBody(
    'req',
    req({
      method: 'POST',
      params: [],
      query: [],
      body: { text: body, base64: () => 'unused', binary: false },
    }),
    [],
    sys,
  );
  const json = writeJson(out);
  expect(json).toContain(`"Body":${JSON.stringify(body)}`);
  expect(json).toContain(
    '"Metadata":{"name":"\\"Ann\\"","age":"\\"30\\"","vip":"\\"True\\"","addr":{"city":"Oslo"},"ratio":"\\"2.5\\"","Query":{}',
  );
});

test('repeated query keys: comma-joined in Data.req.Query, last value in Metadata', () => {
  const json = writeJson(
    buildHttpInvocationBody('req', req({ query: [['a', ['1', '2']]], params: [] }), [], sys),
  );
  expect(json).toContain('"Query":{"a":"1,2"}');
  expect(json).toContain('"Metadata":{"a":"\\"2\\"","Query":{"a":"2"}');
});

test('an unmatched optional route value is null in Params and absent from Metadata', () => {
  const json = writeJson(buildHttpInvocationBody('req', req({ query: [], params: [['id', null]] }), [], sys));
  expect(json).toContain('"Params":{"id":null}');
  expect(json).toContain('"Metadata":{"Query":{}');
});

test('octet-stream and multipart bodies travel as base64', () => {
  const json = writeJson(
    buildHttpInvocationBody(
      'req',
      req({ body: { text: '\u0001', base64: () => 'AQ==', binary: true } }),
      [],
      sys,
    ),
  );
  expect(json).toContain('"Body":"AQ=="');
});

test('a route value overrides a body property of the same name in its place, under the first spelling', () => {
  const json = writeJson(
    buildHttpInvocationBody(
      'req',
      req({
        query: [],
        params: [['ID', '7']],
        body: { text: '{"id":1,"x":2}', base64: () => '', binary: false },
      }),
      [],
      sys,
    ),
  );
  expect(json).toContain('"Metadata":{"id":"\\"7\\"","x":"\\"2\\""');
});

test('UtcNow keeps seven fraction digits at most and drops trailing zeros', () => {
  expect(formatUtcDateTime(Date.UTC(2024, 4, 1, 10, 15, 0, 120), 4567)).toBe('2024-05-01T10:15:00.1204567Z');
  expect(formatUtcDateTime(Date.UTC(2024, 4, 1, 10, 15, 0, 0))).toBe('2024-05-01T10:15:00Z');
});
