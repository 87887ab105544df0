import { describe, expect, test } from 'vitest';
import {
  KESTREL_KNOWN_REQUEST_HEADERS,
  KestrelBadRequestError,
  kestrelRequestHeaders,
} from './kestrelHeaders';

const names = (raw: string[]) => kestrelRequestHeaders(raw).map(([name]) => name);

describe('kestrelRequestHeaders', () => {
  test.each([
    ['content-type', 'Content-Type'],
    ['USER-AGENT', 'User-Agent'],
    ['host', 'Host'],
    ['if-none-match', 'If-None-Match'],
    ['te', 'TE'],
    ['TraceParent', 'traceparent'],
    ['BAGGAGE', 'baggage'],
    ['grpc-timeout', 'Grpc-Timeout'],
    ['upgrade-insecure-requests', 'Upgrade-Insecure-Requests'],
    // not request headers, but HeaderNames entries, so Kestrel interns their spelling
    ['content-disposition', 'Content-Disposition'],
    ['x-requested-with', 'X-Requested-With'],
    ['dnt', 'DNT'],
    ['sec-websocket-key', 'Sec-WebSocket-Key'],
    ['etag', 'ETag'],
    // unknown names keep the client's case
    ['x-custom-thing', 'x-custom-thing'],
    ['X-MS-CLIENT-PRINCIPAL', 'X-MS-CLIENT-PRINCIPAL'],
    ['x-functions-key', 'x-functions-key'],
  ])('%s is presented as %s', (raw, expected) => {
    expect(kestrelRequestHeaders([raw, 'v'])).toEqual([[expected, ['v']]]);
  });

  test("a curl request comes out as Accept, Host, User-Agent (the reference's example order)", () => {
    expect(names(['Host', 'localhost:7071', 'User-Agent', 'curl/8.5.0', 'Accept', '*/*'])).toEqual([
      'Accept',
      'Host',
      'User-Agent',
    ]);
  });

  test.each([
    [
      ['X-B', '1', 'Content-Type', 'a', 'x-a', '2', 'Accept', '*/*'],
      ['Accept', 'Content-Type', 'X-B', 'x-a'],
    ],
    [
      ['Warning', 'w', 'Cookie', 'c', 'Authorization', 'a', 'Connection', 'k'],
      ['Connection', 'Authorization', 'Cookie', 'Warning'],
    ],
    [
      ['tracestate', 's', 'TE', 't', 'traceparent', 'p', 'Translate', 'f'],
      ['TE', 'traceparent', 'tracestate', 'Translate'],
    ],
    [
      ['Zeta', '1', 'alpha', '2', 'Origin', 'o'],
      ['Origin', 'Zeta', 'alpha'],
    ],
  ])('known headers first in Kestrel order, unknown after in arrival order: %j', (raw, expected) => {
    expect(names(raw)).toEqual(expected);
  });

  test('every known header, sent in reverse, comes back in the fixed order', () => {
    const raw = [...KESTREL_KNOWN_REQUEST_HEADERS].reverse().flatMap((name) => [name.toLowerCase(), 'v']);
    expect(names(raw)).toEqual(KESTREL_KNOWN_REQUEST_HEADERS);
  });

  test('Content-Length is enumerated after every known header (even Warning) and before unknown ones', () => {
    expect(
      kestrelRequestHeaders(['content-length', '12', 'X-Z', '1', 'Warning', 'w', 'Host', 'h', 'Via', 'v']),
    ).toEqual([
      ['Host', ['h']],
      ['Via', ['v']],
      ['Warning', ['w']],
      ['Content-Length', ['12']],
      ['X-Z', ['1']],
    ]);
  });

  test.each([
    ['007', '7'],
    ['0', '0'],
    ['9223372036854775807', '9223372036854775807'],
  ])('Content-Length %s is printed back from the parsed number as %s', (raw, expected) => {
    expect(kestrelRequestHeaders(['Content-Length', raw])).toEqual([['Content-Length', [expected]]]);
  });

  test.each([
    [['Content-Length', '1', 'content-length', '1'], 'Multiple Content-Length headers.'],
    [['Content-Length', '-1'], 'Invalid content length: -1'],
    [['Content-Length', '1.0'], 'Invalid content length: 1.0'],
    [['Content-Length', '9223372036854775808'], 'Invalid content length: 9223372036854775808'],
  ])('Kestrel rejects %j with 400', (raw, message) => {
    expect(() => kestrelRequestHeaders(raw)).toThrow(new KestrelBadRequestError(message));
  });

  test('repeated headers become one entry with several values; unknown ones keep the first spelling', () => {
    expect(
      kestrelRequestHeaders([
        'Accept',
        'a',
        'X-foo',
        '1',
        'ACCEPT',
        'b',
        'x-FOO',
        '2',
        'cookie',
        'c=1',
        'Cookie',
        'd=2',
      ]),
    ).toEqual([
      ['Accept', ['a', 'b']],
      ['Cookie', ['c=1', 'd=2']],
      ['X-foo', ['1', '2']],
    ]);
  });

  test.each([
    [['Accept', 'text/html, application/json'], [['Accept', ['text/html, application/json']]]],
    [['X-List', 'a,b', 'x-list', 'c'], [['X-List', ['a,b', 'c']]]],
    [['X-Empty', ''], [['X-Empty', ['']]]],
  ])('a header line is one value, commas and all: %j', (raw, expected) => {
    expect(kestrelRequestHeaders(raw)).toEqual(expected);
  });

  test('HTTP/2 pseudo-headers are hidden, as in .NET 7+', () => {
    expect(
      names([':method', 'GET', ':path', '/', ':authority', 'x', ':scheme', 'http', 'accept', '*/*']),
    ).toEqual(['Accept']);
  });
});
