import type { Exchange, ParsedMessage, WireMessage } from '../../../runtime/core/exchange/exchange';

/** A message as the recorder keeps it: the head with CRLFs, the wire body, the parsed view. */
export function wire(parsed: ParsedMessage, wireBody?: string): WireMessage {
  const head = `${parsed.startLine}\r\n${parsed.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  const data = wireBody ?? parsed.bodyText ?? '';
  return {
    head,
    body: { encoding: 'utf8', data, size: new TextEncoder().encode(data).length, truncated: false },
    parsed,
  };
}

/** An HTTP invocation in payload mode, with the host's chunked request to the handler on port 49152. */
export function httpExchange(overrides: Partial<Exchange> = {}, body = '{"id":1}'): Exchange {
  const payload = `{"Data":{"req":{"Body":${JSON.stringify(body)}}},"Metadata":{}}`;
  return {
    id: 'x1',
    invocationId: '3f1c2d4e-0000-4000-8000-000000000001',
    functionName: 'order',
    trigger: 'http',
    mode: 'payload',
    startedAt: Date.UTC(2026, 11, 6, 3, 0, 0),
    durationMs: 12.5,
    state: 'succeeded',
    title: 'POST /api/order',
    status: 200,
    hops: [
      {
        from: 'caller',
        to: 'host',
        atMs: 0,
        message: wire({
          startLine: 'POST /api/order?x=1 HTTP/1.1',
          headers: [
            ['Host', '127.0.0.1:7071'],
            ['Content-Type', 'application/json'],
            ['X-Trace', 'abc'],
            ['Content-Length', String(body.length)],
            ['Connection', 'close'],
          ],
          bodyText: body,
        }),
      },
      {
        from: 'host',
        to: 'handler',
        atMs: 1.5,
        message: wire(
          {
            startLine: 'POST /order HTTP/1.1',
            headers: [
              ['Host', '127.0.0.1:49152'],
              ['Content-Type', 'application/json; charset=utf-8'],
              ['Transfer-Encoding', 'chunked'],
            ],
            bodyText: payload,
          },
          `${payload.length.toString(16)}\r\n${payload}\r\n0\r\n\r\n`,
        ),
      },
      {
        from: 'handler',
        to: 'host',
        atMs: 9,
        message: wire({
          startLine: 'HTTP/1.1 200 OK',
          headers: [
            ['Content-Type', 'application/json'],
            ['Content-Length', '40'],
          ],
          bodyText: '{"Outputs":{"res":{"body":"Order ok"}}}',
        }),
      },
      {
        from: 'host',
        to: 'caller',
        atMs: 12.5,
        message: wire({
          startLine: 'HTTP/1.1 200 OK',
          headers: [
            ['Content-Type', 'text/plain; charset=utf-8'],
            ['Date', 'Sun, 06 Dec 2026 03:00:00 GMT'],
            ['Content-Length', '8'],
          ],
          bodyText: 'Order ok',
        }),
      },
    ],
    hints: [],
    logs: ["Executing 'Functions.order'"],
    outputs: [],
    ...overrides,
  };
}

/** A queue invocation: a note hop from the queue, then the host's request to the handler and its answer. */
export function queueExchange(): Exchange {
  const { status: _status, ...base } = httpExchange();
  return {
    ...base,
    id: 'q1',
    functionName: 'processOrder',
    trigger: 'queue',
    title: 'orders',
    causedBy: 'x1',
    hops: [{ from: 'queue', to: 'host', atMs: 0, note: '{"id":7}' }, base.hops[1]!, base.hops[2]!],
    hints: [{ code: 'non-2xx-result', message: 'retry' }],
  };
}
