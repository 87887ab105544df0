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
};

function sample(): Hint[] {
  return Object.values(HINTS).map((make) => (make as (...args: unknown[]) => Hint)('x', 1, true));
}

describe('the hint catalogue', () => {
  test('covers every hint code, each with words', () => {
    const hints = sample();
    expect(new Set(hints.map((h) => h.code))).toEqual(new Set(Object.keys(CODES)));
    for (const h of hints) expect(h.message.length).toBeGreaterThan(20);
  });

  test('says where the chunked body went, per mode', () => {
    expect(HINTS.chunkedRequestBody('payload').message).toContain('Data.req has no Body');
    expect(HINTS.chunkedRequestBody('forwarding').message).toContain('the handler got none');
  });
});
