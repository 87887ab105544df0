import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Exchange } from '../../runtime/core/exchange/exchange';
import { HTTP_IN, HTTP_OUT, LANGUAGES, TestApp } from '../support/testApp';

// Response headers the caller gets: header values Kestrel refuses (payload mode), and the
// handler's own Date and Server kept in forwarding and proxy modes.

const ANONYMOUS_IN = { ...HTTP_IN, authLevel: 'anonymous' };
const RETURN_OUT = { type: 'http', direction: 'out', name: '$return' };
const JSON_TYPE = { 'Content-Type': 'application/json' };
const HANDLER_DATE = 'Mon, 01 Jan 2024 00:00:00 GMT';

async function finished(app: TestApp, title: string): Promise<Exchange> {
  const find = () =>
    app
      .exchanges()
      .filter((x) => x.title === title && x.state !== 'in-progress')
      .pop();
  await app.waitFor(() => find() !== undefined, 5_000, `a finished exchange "${title}"`);
  return find()!;
}

function headerNames(head: string): string[] {
  return head
    .split('\r\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.slice(0, l.indexOf(':')));
}

describe.each(LANGUAGES)('header values Kestrel refuses, with a %s handler', (language) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({
      language,
      functions: {
        Arr: { bindings: [ANONYMOUS_IN, HTTP_OUT] },
        Ret: { bindings: [ANONYMOUS_IN, RETURN_OUT] },
        Accent: { bindings: [ANONYMOUS_IN, HTTP_OUT] },
      },
      responses: {
        '/Arr': {
          headers: JSON_TYPE,
          body: JSON.stringify({
            Outputs: {
              res: {
                statusCode: 201,
                body: 'never sent',
                headers: { 'X-Before': '1', 'X-A': ['a', 'b'], 'X-After': '2' },
              },
            },
          }),
        },
        '/Ret': {
          headers: JSON_TYPE,
          body: JSON.stringify({ ReturnValue: { body: 'x', headers: { 'X-O': { k: 1 } } } }),
        },
        '/Accent': {
          headers: JSON_TYPE,
          body: JSON.stringify({ Outputs: { res: { body: 'x', headers: { 'X-Name': 'Zoë' } } } }),
        },
      },
    });
  });
  afterAll(() => app.stop());

  test('an array value: the invocation succeeds, then 500 Internal Server Error with no body and the headers set before it', async () => {
    const res = await app.request('GET', '/api/Arr');
    expect(res.status).toBe(500);
    expect(res.body).toBe('');
    const exchange = await finished(app, 'GET /api/Arr');
    const toCaller = exchange.hops.find((h) => h.from === 'host' && h.to === 'caller')!.message!;
    expect(toCaller.head.split('\r\n')[0]).toBe('HTTP/1.1 500 Internal Server Error');
    expect(headerNames(toCaller.head)).toEqual([
      'Server',
      'X-Before',
      'Content-Length',
      'Date',
      'Connection',
    ]);
    expect(toCaller.head).toContain('\r\nX-Before: 1\r\nContent-Length: 0\r\n');
    expect(toCaller.body.size).toBe(0);

    const id = exchange.invocationId!;
    const logs = app.logs();
    const executed = logs.findIndex((l) =>
      l.startsWith(`Executed 'Functions.Arr' (Succeeded, Id=${id}, Duration=`),
    );
    expect(executed).toBeGreaterThanOrEqual(0);
    expect(logs[executed + 1]).toBe(
      'An unhandled host error has occurred.\nMicrosoft.AspNetCore.Server.Kestrel.Core: Invalid non-ASCII or control character in header: 0x000A.',
    );
    const hint = exchange.hints.find((h) => h.code === 'header-refused');
    expect(hint?.message).toContain('Outputs.res.headers["X-A"] is an array');
    expect(hint?.message).toContain('joined with ", "');
  });

  test('an object value in an http $return fails the same way', async () => {
    const res = await app.request('GET', '/api/Ret');
    expect(res.status).toBe(500);
    expect(res.body).toBe('');
    const exchange = await finished(app, 'GET /api/Ret');
    expect(exchange.hints.find((h) => h.code === 'header-refused')?.message).toContain(
      'Outputs.$return.headers["X-O"] is an object',
    );
  });

  test('a non-ASCII character is named by its code', async () => {
    const res = await app.request('GET', '/api/Accent');
    expect(res.status).toBe(500);
    expect(app.logs()).toContain(
      'An unhandled host error has occurred.\nMicrosoft.AspNetCore.Server.Kestrel.Core: Invalid non-ASCII or control character in header: 0x00EB.',
    );
  });
});

describe.each(LANGUAGES)(
  "forwarded and proxied answers keep the %s handler's Date and Server",
  (language) => {
    for (const mode of ['enableForwardingHttpRequest', 'enableProxyingHttpRequest'] as const) {
      test(mode, async () => {
        const app = await TestApp.start({
          language,
          customHandler: { [mode]: true },
          functions: { Page: { bindings: [ANONYMOUS_IN, HTTP_OUT] } },
          responses: {
            '*': {
              headers: { Server: 'Perl/5.36', Date: HANDLER_DATE, 'Content-Type': 'text/plain' },
              body: 'hi',
            },
          },
        });
        try {
          const res = await app.request('GET', '/api/Page');
          expect(res.status).toBe(200);
          expect(res.body).toBe('hi');
          const values = (name: string) =>
            res.rawHeaders.filter((_, i) => i % 2 === 1 && res.rawHeaders[i - 1]!.toLowerCase() === name);
          expect(values('server')).toEqual(['Perl/5.36']);
          expect(values('date')).toEqual([HANDLER_DATE]);
        } finally {
          await app.stop();
        }
      });
    }
  },
);
