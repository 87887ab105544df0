// Limits the real host and Azure Storage have, through the whole stack (real handler, real
// sockets): queue messages over 64 KiB, request heads that never finish, admin calls from
// other sites.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HTTP_IN, HTTP_OUT, TestApp } from '../support/testApp';

const JSON_TYPE = { 'Content-Type': 'application/json' };
const BIG = 'x'.repeat(49_153); // 65,540 bytes once base64-encoded, as the extension sends it
const FITS = 'y'.repeat(49_152); // exactly 65,536

describe('queue messages over 64 KiB', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({
      functions: {
        produce: {
          bindings: [HTTP_IN, HTTP_OUT, { type: 'queue', direction: 'out', name: 'out', queueName: 'big' }],
        },
        fromTimer: {
          bindings: [
            { type: 'timerTrigger', direction: 'in', name: 't', schedule: '0 0 0 1 1 *' },
            { type: 'queue', direction: 'out', name: 'out', queueName: 'big' },
          ],
        },
      },
      responses: {
        '/produce': {
          headers: JSON_TYPE,
          body: JSON.stringify({ Outputs: { res: { statusCode: 200, body: 'sent' }, out: BIG } }),
        },
        '/fromTimer': { headers: JSON_TYPE, body: JSON.stringify({ Outputs: { out: BIG } }) },
      },
    });
  });
  afterAll(() => app?.stop());

  test('a queue output fails its invocation with the storage service’s 413, and nothing is enqueued', async () => {
    const res = await app.request('POST', '/api/produce', { body: '{}', headers: JSON_TYPE });
    // Outputs are bound after the response is set: the caller still gets the handler's answer.
    expect(res.status).toBe(200);
    expect(app.host.queues.store.count('big')).toBe(0);
    const log = app.logs().join('\n');
    expect(log).toContain(
      "Output 'out' of produce: The request body is too large and exceeds the maximum permissible limit.",
    );
    expect(log).toContain('ErrorCode: RequestBodyTooLarge');
    expect(log).toMatch(/Executed 'Functions\.produce' \(Failed/);
  });

  test('the enqueue command refuses it with the same message; 64 KiB exactly is accepted', async () => {
    await expect(app.host.enqueue('big', BIG)).rejects.toThrow(/^The request body is too large/);
    expect(app.host.queues.store.count('big')).toBe(0);
    await app.host.enqueue('elsewhere', FITS);
    expect(app.host.queues.store.count('elsewhere')).toBe(1);
  });

  test('an admin-invoked function with an oversized output fails the same way', async () => {
    const before = app.logs().length;
    const res = await app.request('POST', '/admin/functions/fromTimer', {
      body: '{"input":""}',
      headers: JSON_TYPE,
    });
    expect(res.status).toBe(202);
    await app.waitFor(
      () =>
        app
          .logs()
          .slice(before)
          .some((l) => /Executed 'Functions\.fromTimer' \(Failed/.test(l)),
      10_000,
      'the failed admin invocation',
    );
    expect(app.logs().slice(before).join('\n')).toContain(
      "Output 'out' of fromTimer: The request body is too large",
    );
    expect(app.host.queues.store.count('big')).toBe(0);
  });
});

describe('request heads that never finish', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({
      functions: { ping: { bindings: [HTTP_IN, HTTP_OUT] } },
      requestHeadersTimeoutMs: 500,
    });
  });
  afterAll(() => app?.stop());

  test('are answered 408 and closed after the headers timeout, while complete requests are served', async () => {
    const sockets = Array.from({ length: 20 }, () => net.connect(app.port, '127.0.0.1'));
    const received = sockets.map(() => ({ text: '', closed: false }));
    sockets.forEach((s, i) => {
      s.on('data', (c) => (received[i]!.text += c.toString('latin1')));
      s.on('close', () => (received[i]!.closed = true));
      s.on('error', () => undefined);
      s.write('GET /api/ping HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    });
    // A trickle of bytes does not reset the clock.
    await new Promise((r) => setTimeout(r, 250));
    for (const s of sockets) s.write('a');
    expect((await app.request('GET', '/api/ping')).status).toBe(204);
    await app.waitFor(() => received.every((r) => r.closed), 10_000, 'every slow connection closed');
    for (const r of received)
      expect(r.text).toBe('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
    expect(app.requests().filter((r) => r.target === '/ping')).toHaveLength(1);
  });
});

describe('admin calls from web pages of other sites', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ functions: { ping: { bindings: [HTTP_IN, HTTP_OUT] } } });
  });
  afterAll(() => app?.stop());

  test.each(['https://evil.example', 'null', 'http://localhost:1', 'not a url'])(
    'Origin %s: 403 with a log line saying why, and the function does not run',
    async (origin) => {
      const before = app.requests().length;
      const res = await app.request('POST', '/admin/functions/ping', {
        body: '{"input":""}',
        headers: { ...JSON_TYPE, Origin: origin },
      });
      expect(res.status).toBe(403);
      expect(app.logs().join('\n')).toContain(
        `Refused POST /admin/functions/ping: it was sent by a web page of another site (Origin: ${origin}, this host: 127.0.0.1:${app.port}).`,
      );
      await new Promise((r) => setTimeout(r, 200));
      expect(app.requests().length).toBe(before);
    },
  );

  test('without an Origin, or from a page this host served, admin calls work as before', async () => {
    expect((await app.request('GET', '/admin/host/status')).status).toBe(200);
    const same = await app.request('GET', '/admin/host/status', {
      headers: { Origin: `http://127.0.0.1:${app.port}` },
    });
    expect(same.status).toBe(200);
    // Function calls are not admin calls: a page elsewhere may still call an anonymous HTTP function.
    expect(
      (await app.request('GET', '/api/ping', { headers: { Origin: 'https://elsewhere.example' } })).status,
    ).toBe(204);
  });
});
