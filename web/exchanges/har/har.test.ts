import { describe, expect, test } from 'vitest';
import { httpExchange, queueExchange } from '../testing/sampleExchanges';
import { exchangesToHar } from './harExport';
import { HarError, harToExchanges } from './harImport';

describe('export as HAR 1.2', () => {
  const har = exchangesToHar([httpExchange(), queueExchange()], { frontDoorUrl: 'http://localhost:7071' });

  test('an entry per request, each with its answer and its timings', () => {
    expect(har.log.version).toBe('1.2');
    const [front, handler, queued] = har.log.entries;
    expect(har.log.entries).toHaveLength(3);
    expect(front!.request.url).toBe('http://localhost:7071/api/order?x=1');
    expect(front!.request.queryString).toEqual([{ name: 'x', value: '1' }]);
    expect(front!.request.postData).toEqual({ mimeType: 'application/json', text: '{"id":1}' });
    expect(front!.response.status).toBe(200);
    expect(front!.response.content.text).toBe('Order ok');
    expect(front!.timings.wait).toBe(12.5);
    expect(front!.time).toBe(12.5);
    expect(front!.startedDateTime).toBe('2026-12-06T03:00:00.000Z');
    expect(handler!.request.url).toBe('http://127.0.0.1:49152/order');
    expect(handler!.timings.wait).toBe(7.5);
    expect(handler!.startedDateTime).toBe('2026-12-06T03:00:00.001Z');
    expect(handler!._hop).toBe('handler');
    expect(queued!._exchangeId).toBe('q1');
    // Every entry carries the fields HAR 1.2 requires.
    for (const e of har.log.entries) {
      for (const k of ['startedDateTime', 'time', 'request', 'response', 'cache', 'timings'])
        expect(e).toHaveProperty(k);
      for (const k of [
        'method',
        'url',
        'httpVersion',
        'cookies',
        'headers',
        'queryString',
        'headersSize',
        'bodySize',
      ])
        expect(e.request).toHaveProperty(k);
      for (const k of ['status', 'statusText', 'httpVersion', 'cookies', 'headers', 'content', 'redirectURL'])
        expect(e.response).toHaveProperty(k);
      expect(e.timings.send + e.timings.wait + e.timings.receive).toBe(e.time);
    }
  });

  test('a request without an answer is a failed entry with the reason', () => {
    const x = httpExchange({ state: 'failed', error: 'The handler crashed.' });
    const crashed = { ...x, hops: x.hops.slice(0, 2) };
    const [, entry] = exchangesToHar([crashed]).log.entries;
    expect(entry!.response.status).toBe(0);
    expect(entry!.response._error).toBe('The handler crashed.');
  });
});

describe('import a HAR file', () => {
  test('an exported log comes back as it was, under new ids', () => {
    const original = [httpExchange(), queueExchange()];
    const back = harToExchanges(JSON.stringify(exchangesToHar(original)));
    expect(back.map((x) => x.id)).toEqual(['imported-x1', 'imported-q1']);
    expect(back[1]!.causedBy).toBe('imported-x1');
    expect(back.map(({ id: _id, causedBy: _c, ...rest }) => rest)).toEqual(
      original.map(({ id: _id, causedBy: _c, ...rest }) => rest),
    );
  });

  test("another tool's HAR gives one HTTP exchange per entry", () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        entries: [
          {
            startedDateTime: '2026-12-06T03:00:00.000Z',
            time: 20,
            request: {
              method: 'GET',
              url: 'http://localhost:7071/api/hello?name=a',
              httpVersion: 'HTTP/1.1',
              headers: [{ name: 'Accept', value: '*/*' }],
              queryString: [],
              cookies: [],
              headersSize: -1,
              bodySize: 0,
            },
            response: {
              status: 200,
              statusText: 'OK',
              httpVersion: 'HTTP/1.1',
              headers: [{ name: 'Content-Type', value: 'text/plain' }],
              cookies: [],
              content: { size: 5, mimeType: 'text/plain', text: 'hello' },
              redirectURL: '',
              headersSize: -1,
              bodySize: 5,
            },
            cache: {},
            timings: { send: 1, wait: 18, receive: 1 },
          },
        ],
      },
    };
    const [x] = harToExchanges(JSON.stringify(har));
    expect(x!.title).toBe('GET /api/hello?name=a');
    expect(x!.status).toBe(200);
    expect(x!.hops.map((h) => `${h.from}>${h.to}`)).toEqual(['caller>host', 'host>caller']);
    expect(x!.hops[0]!.message!.head).toBe('GET /api/hello?name=a HTTP/1.1\r\nAccept: */*\r\n\r\n');
    expect(x!.hops[1]!.message!.parsed.bodyText).toBe('hello');
  });

  test('bad input names the place', () => {
    expect(() => harToExchanges('{')).toThrow(HarError);
    expect(() => harToExchanges('{"log":{}}')).toThrow('log.entries must be an array.');
    expect(() =>
      harToExchanges(
        JSON.stringify({
          log: {
            entries: [
              {
                startedDateTime: '2026-01-01T00:00:00Z',
                request: { method: 'GET', url: '/', headers: [{ name: 1 }] },
                response: { status: 0 },
              },
            ],
          },
        }),
      ),
    ).toThrow('log.entries[0].request.headers[0].name must be a string.');
  });
});
