import { describe, expect, test } from 'vitest';
import { HINTS } from './hintCatalogue';
import type { Hint, HintCode } from './hints';

// Every code the exchange view can badge, each with at least one catalogue entry.
const CODES: Record<HintCode, true> = {
  'non-json-result': true,
  'invalid-json-result': true,
  'status-not-statuscode': true,
  'non-2xx-result': true,
  'empty-json-result': true,
  'null-header-value': true,
  'header-refused': true,
  'base64-output': true,
  'outputs-missing-res': true,
  'no-outputs': true,
  'unparsable-statuscode': true,
  'unknown-output': true,
  'return-value-ignored': true,
  'body-on-no-content': true,
  'res-not-object': true,
  'chunked-request-body': true,
  'forwarding-fallback': true,
  'handler-crashed': true,
  'function-timeout': true,
  'no-route': true,
};

function sample(): Hint[] {
  return Object.entries(HINTS).map(([name, make]) =>
    name === 'noRoute'
      ? HINTS.noRoute('GET', '/x', [], [])
      : name === 'non2xxResult'
        ? HINTS.non2xxResult(500, { kind: 'other' })
        : (make as (...args: unknown[]) => Hint)('x', 1, true),
  );
}

describe('the hint catalogue', () => {
  test('covers every hint code, each with words', () => {
    const hints = sample();
    expect(new Set(hints.map((h) => h.code))).toEqual(new Set(Object.keys(CODES)));
    for (const h of hints) expect(h.message.length).toBeGreaterThan(20);
  });

  test('a failed queue invocation speaks of the queue, not of Outputs.res', () => {
    const queue = HINTS.non2xxResult(500, { kind: 'queue', queue: 'orders' }).message;
    expect(queue).not.toContain('Outputs.res');
    expect(queue).not.toContain('caller');
    expect(queue).toContain("moves to 'orders-poison'");
    expect(queue).toContain('maxDequeueCount');
    const http = HINTS.non2xxResult(500, { kind: 'http', resName: 'res' }).message;
    expect(http).toContain('the caller gets 500');
    expect(http).toContain('Outputs.res.statusCode');
  });

  test('a 404 lists the routes in match order and the functions left out', () => {
    const message = HINTS.noRoute(
      'GET',
      '/api/ordr',
      [
        { name: 'order', methods: ['POST'], route: 'api/order' },
        { name: 'hello', route: 'api/hello/{name?}' },
      ],
      [{ name: 'broken', reason: 'broken/function.json:3:5: bindings[0].type: unknown' }],
    ).message;
    expect(message).toBe(
      'No function matches GET /api/ordr, so the host answers 404 with an empty body (a wrong method is no match either). ' +
        'The routes are: POST /api/order (order); any method /api/hello/{name?} (hello). ' +
        'Not loaded, because their function.json is invalid: broken (broken/function.json:3:5: bindings[0].type: unknown).',
    );
  });

  test('says where the chunked body went, per mode', () => {
    expect(HINTS.chunkedRequestBody('payload').message).toContain('Data.req has no Body');
    expect(HINTS.chunkedRequestBody('forwarding').message).toContain('the handler got none');
  });
});
