import { describe, expect, test } from 'vitest';
import { resendPlan } from './resend';
import { httpExchange, queueExchange, wire } from './testing/sampleExchanges';

describe('resendPlan', () => {
  test('an HTTP exchange: the request as composed, without the headers the caller added', () => {
    expect(resendPlan(httpExchange())).toEqual({
      ok: true,
      plan: {
        kind: 'http',
        request: {
          method: 'POST',
          path: '/api/order?x=1',
          headers: [
            ['Content-Type', 'application/json'],
            ['X-Trace', 'abc'],
          ],
          body: '{"id":1}',
        },
      },
    });
  });

  test('a queue invocation: its message onto its queue, text as it was', () => {
    const x = queueExchange();
    const hops = [{ ...x.hops[0]!, note: 'message 5f0 from \'orders\' (dequeue count 2): {"id":7}\nline' }];
    expect(resendPlan({ ...x, hops })).toEqual({
      ok: true,
      plan: { kind: 'queue', queue: 'orders', text: '{"id":7}\nline' },
    });
  });

  test('a timer fires again; a binary or cut body says why it cannot', () => {
    expect(resendPlan({ ...httpExchange(), trigger: 'timer', functionName: 'tick' })).toEqual({
      ok: true,
      plan: { kind: 'timer', functionName: 'tick' },
    });
    const x = httpExchange();
    const binary = wire({ startLine: 'PUT /api/b HTTP/1.1', headers: [], bodyBase64: 'AAE=' });
    const result = resendPlan({ ...x, hops: [{ ...x.hops[0]!, message: binary }] });
    expect(result).toMatchObject({ ok: false, why: expect.stringContaining('binary') });
    const cut = { ...x.hops[0]!.message!, body: { ...x.hops[0]!.message!.body, truncated: true } };
    expect(resendPlan({ ...x, hops: [{ ...x.hops[0]!, message: cut }] })).toMatchObject({ ok: false });
  });
});
