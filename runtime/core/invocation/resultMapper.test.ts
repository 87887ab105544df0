import { describe, expect, test } from 'vitest';
import { loadApp } from '../app/appModel';
import type { FunctionDef } from '../app/functionJson';
import { writeJson } from '../json/writeJson';
import { mapInvocationResult } from './resultMapper';
import type { HandlerAnswer } from './resultMapper';

const HOST = '{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":"x"}}}';
function fn(bindings: string): FunctionDef {
  const m = loadApp(
    { hostJson: HOST, functionFolders: [{ name: 'f', functionJson: `{"bindings":[${bindings}]}` }] },
    {},
  );
  if (!m.functions[0]) throw new Error(JSON.stringify(m.diagnostics));
  return m.functions[0];
}
const HTTP_IN = '{"type":"httpTrigger","direction":"in","name":"req"}';
const RES = '{"type":"http","direction":"out","name":"res"}';
const QUEUE = '{"type":"queue","direction":"out","name":"message","queueName":"orders"}';
const httpFn = fn(`${HTTP_IN},${RES},${QUEUE}`);
const json = (bodyText: string, status = 200): HandlerAnswer => ({
  status,
  contentType: 'application/json',
  bodyText,
});

function http(answer: HandlerAnswer, f = httpFn) {
  const r = mapInvocationResult(f, answer);
  if (r.kind !== 'succeeded') throw new Error(`expected success, got ${JSON.stringify(r)}`);
  return r;
}

describe('caller response from Outputs.res', () => {
  test.each([
    ['{"Outputs":{"res":{"statusCode":201,"body":"x"}}}', 201, 'x', 'text/plain; charset=utf-8'],
    ['{"Outputs":{"res":{"statusCode":"202","body":"x"}}}', 202, 'x', 'text/plain; charset=utf-8'],
    ['{"Outputs":{"res":{"status":201,"body":"x"}}}', 200, 'x', 'text/plain; charset=utf-8'],
    ['{"Outputs":{"res":{"body":{"ok":true}}}}', 200, '{\n  "ok": true\n}', 'text/plain; charset=utf-8'],
    ['{"Outputs":{"res":{"body":[1,2.0]}}}', 200, '[\n  1,\n  2.0\n]', 'text/plain; charset=utf-8'],
    ['{"Outputs":{"res":{"body":true}}}', 200, 'True', 'text/plain; charset=utf-8'],
    ['{"Outputs":{"res":{"body":2.50}}}', 200, '2.5', 'text/plain; charset=utf-8'],
    ['{"Outputs":{"res":{"statusCode":201}}}', 201, '', 'text/plain; charset=utf-8'],
    [
      '{"Outputs":{"res":"{\\"statusCode\\":203,\\"body\\":\\"s\\"}"}}',
      203,
      's',
      'text/plain; charset=utf-8',
    ],
    [
      '{"Outputs":{"res":{"body":"x","headers":{"content-type":"application/json"}}}}',
      200,
      'x',
      'application/json; charset=utf-8',
    ],
    ['{"outputs":{"RES":{"StatusCode":"bad","Body":"x"}}}', 200, 'x', 'text/plain; charset=utf-8'],
    ['{"Outputs":{"message":"m"}}', 200, '{}', 'text/plain; charset=utf-8'],
  ])('%s → %d %j', (body, status, text, contentType) => {
    const r = http(json(body));
    expect(r.http?.status).toBe(status);
    expect(r.http?.body).toBe(text);
    expect(r.http?.headers.find(([k]) => k === 'Content-Type')?.[1]).toBe(contentType);
  });

  test('header values are stringified: numbers, True, empty arrays as JSON; first of duplicate names wins', () => {
    const r = http(
      json(
        '{"Outputs":{"res":{"body":"","headers":{"X-A":1,"X-B":false,"X-C":[],"X-T":"a\\tb","x-a":"dup"}}}}',
      ),
    );
    expect(r.http?.headers).toEqual([
      ['X-A', '1'],
      ['X-B', 'False'],
      ['X-C', '[]'],
      ['X-T', 'a\tb'],
      ['Content-Type', 'text/plain; charset=utf-8'],
    ]);
    expect(r.http?.writeFault).toBeUndefined();
  });

  // RawScriptResult sets headers in order; Kestrel throws at the first it refuses.
  test.each([
    [
      '{"X-K":"1","Content-Type":"text/html","X-C":[1],"X-L":"2"}',
      [
        ['X-K', '1'],
        ['Content-Type', 'text/html'],
      ],
      '0x000A',
    ],
    ['{"X-O":{"a":1}}', [], '0x000A'],
    ['{"X-U":"caf\u00e9"}', [], '0x00E9'],
    ['{"X-Bell":"a\u0007"}', [], '0x0007'],
    ['{"Bad Name":"v"}', [], '0x0020'],
    ['{"Content-Type":["a"]}', [], '0x000A'],
  ])('headers %s: 500, no body, the headers set before the refused one', (headers, kept, code) => {
    const r = http(json(`{"Outputs":{"res":{"statusCode":201,"body":"b","headers":${headers}}}}`));
    expect(r.http).toMatchObject({ status: 500, headers: kept, body: '' });
    expect(r.http?.writeFault?.flattened).toBe(
      `Microsoft.AspNetCore.Server.Kestrel.Core: Invalid non-ASCII or control character in header: ${code}.`,
    );
    expect(r.hints.map((h) => h.code)).toContain('header-refused');
  });

  test('nothing set → 204 with a hint', () => {
    const r = http(json('{"Logs":["a"]}'));
    expect(r.http).toEqual({ status: 204, headers: [], body: '' });
    expect(r.hints.map((h) => h.code)).toContain('no-outputs');
    expect(r.logs).toEqual(['a']);
  });

  test('status instead of statusCode gives a hint', () => {
    expect(http(json('{"Outputs":{"res":{"status":404}}}')).hints.map((h) => h.code)).toContain(
      'status-not-statuscode',
    );
  });
});

describe('failures', () => {
  test.each([
    [
      { status: 500, contentType: 'application/json', bodyText: '{"Outputs":{}}' },
      'non-2xx-result',
      'Response status code does not indicate success: 500',
    ],
    [
      { status: 200, contentType: 'text/plain', bodyText: '{"Outputs":{}}' },
      'non-json-result',
      'Invalid HttpResponseMessage:\nStatusCode: 200',
    ],
    [{ status: 200, bodyText: '{"Outputs":{}}' }, 'non-json-result', 'Invalid HttpResponseMessage:'],
    [json('{"Outputs":'), 'invalid-json-result', '\n {"Outputs":'],
    [
      json('{"Outputs":{"res":"plain text"}}'),
      'res-not-object',
      'Failed while trying to Deserialize to httpOutputBindingResponse',
    ],
    [json('{"Outputs":{"res":{"headers":{"X":null}}}}'), 'null-header-value', 'is null'],
    [json('[1]'), 'invalid-json-result', 'Invalid HttpResponseMessage:'],
  ])('%j fails with hint %s', (answer, code, error) => {
    const r = mapInvocationResult(httpFn, answer as HandlerAnswer);
    expect(r.kind).toBe('failed');
    if (r.kind !== 'failed') return;
    expect(r.error).toContain(error);
    expect(r.hints.map((h) => h.code)).toContain(code);
  });

  // DefaultHttpWorkerService.GetHttpScriptInvocationResult's message, byte for byte.
  test('a body that is not JSON: the response as .NET prints it, then the body, sanitized', () => {
    const r = mapInvocationResult(httpFn, {
      status: 200,
      reason: 'OK',
      contentType: 'text/plain',
      bodyText: 'hello Password=hunter2',
      rawHeaders: [
        'Content-Type',
        'text/plain',
        'Date',
        'Mon, 01 Jan 2024 00:00:00 GMT',
        'Content-Length',
        '22',
      ],
    });
    expect(r.kind === 'failed' && r.error).toBe(
      "Invalid HttpResponseMessage:\nStatusCode: 200, ReasonPhrase: 'OK', Version: 1.1, Content: System.Net.Http.HttpConnectionResponseContent, Headers:\n{\n  Date: Mon, 01 Jan 2024 00:00:00 GMT\n  Content-Type: text/plain\n  Content-Length: 22\n}\n hello [Hidden Credential]",
    );
  });

  test('Json.NET reads single quotes in the result', () => {
    expect(http(json("{'Outputs':{'res':{'body':'ok'}}}")).http?.body).toBe('ok');
  });

  test.each(['', '  ', 'null'])('JSON body %j never completes', (bodyText) => {
    const r = mapInvocationResult(httpFn, json(bodyText));
    expect(r.kind).toBe('never-completes');
    expect(r.hints[0]?.code).toBe('empty-json-result');
  });
});

describe('outputs and ReturnValue', () => {
  test('non-http outputs are captured as values; Outputs keys match case-insensitively', () => {
    const r = http(json('{"Outputs":{"Message":["a","b"],"res":{"body":"ok"}}}'));
    expect(r.outputs.map((o) => [o.binding.name, writeJson(o.value)])).toEqual([['message', '["a","b"]']]);
  });

  test('ReturnValue object spreads into outputs when there is no $return binding, overriding Outputs', () => {
    const r = http(
      json(
        '{"Outputs":{"message":"old","res":{"body":"a"}},"ReturnValue":{"message":"new","res":{"body":"b"}}}',
      ),
    );
    expect(r.outputs.map((o) => writeJson(o.value))).toEqual(['"new"']);
    expect(r.http?.body).toBe('b');
  });

  test('$return ignores Outputs["$return"] and uses ReturnValue', () => {
    const f = fn(
      '{"type":"queueTrigger","direction":"in","name":"m","queueName":"inbox"},{"type":"queue","direction":"out","name":"$return","queueName":"out"}',
    );
    const r = mapInvocationResult(f, json('{"Outputs":{"$return":"ignored"},"ReturnValue":"used"}'));
    expect(r.kind === 'succeeded' && r.outputs.map((o) => writeJson(o.value))).toEqual(['"used"']);
  });

  test('http $return reads status as well as statusCode, and a value without body is the body', () => {
    const f = fn(`${HTTP_IN},{"type":"http","direction":"out","name":"$return"}`);
    expect(http(json('{"ReturnValue":{"status":201,"body":"made"}}'), f).http).toMatchObject({
      status: 201,
      body: 'made',
    });
    expect(http(json('{"ReturnValue":"hello"}'), f).http).toMatchObject({ status: 200, body: 'hello' });
  });

  test('a non-object ReturnValue without a $return binding is ignored with a hint', () => {
    expect(
      http(json('{"Outputs":{"res":{"body":"a"}},"ReturnValue":"x"}')).hints.map((h) => h.code),
    ).toContain('return-value-ignored');
  });
});
