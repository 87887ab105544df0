import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HTTP_IN, HTTP_OUT, LANGUAGES, TestApp } from '../support/testApp';

// Log lines and payloads as the host writes them: admin-API invocations, Executed lines with their
// duration, the Metadata of an admin-invoked queue message, and the error for an answer the host
// cannot read.

const ANONYMOUS_IN = { ...HTTP_IN, authLevel: 'anonymous' };
const JSON_OK = { 'Content-Type': 'application/json' };
const ADMIN_REASON = 'This function was programmatically called via the host APIs.';

describe.each(LANGUAGES)('host messages with a %s handler', (language) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({
      language,
      functions: {
        worker: { bindings: [{ type: 'queueTrigger', direction: 'in', name: 'msg', queueName: 'jobs' }] },
        Plain: { bindings: [ANONYMOUS_IN, HTTP_OUT] },
      },
      responses: {
        '/worker': { headers: JSON_OK, body: '{}' },
        '/Plain': { status: 200, reason: 'OK', headers: { 'Content-Type': 'text/plain' }, body: 'hi there' },
      },
    });
  });
  afterAll(() => app.stop());

  test('an admin-invoked queue function: the admin reason, Executed with its duration, the Metadata the host builds', async () => {
    const before = Date.now();
    const res = await app.request('POST', '/admin/functions/worker', {
      headers: { 'Content-Type': 'application/json' },
      body: '{"input":"hello"}',
    });
    expect(res.status).toBe(202);
    await app.waitFor(() => app.requests().some((r) => r.target === '/worker'));
    const got = app.requests().find((r) => r.target === '/worker')!;
    const payload = JSON.parse(got.body) as {
      Data: Record<string, unknown>;
      Metadata: Record<string, unknown>;
    };
    expect(payload.Data).toEqual({ msg: '"hello"' });
    const metadata = payload.Metadata;
    // QueuesModelFactory.QueueMessage(null, null, input, 0): no Id or PopReceipt, dates defaulted.
    expect(Object.keys(metadata)).toEqual([
      'DequeueCount',
      'ExpirationTime',
      'InsertionTime',
      'NextVisibleTime',
      'msg',
      'sys',
    ]);
    expect(metadata.DequeueCount).toBe('0');
    expect(metadata.ExpirationTime).toBe('9999-12-31T23:59:59+00:00');
    expect(metadata.NextVisibleTime).toBe('9999-12-31T23:59:59+00:00');
    const inserted = Date.parse(metadata.InsertionTime as string);
    expect(metadata.InsertionTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(inserted).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(metadata.msg).toBe('"hello"');

    const id = got.headers.find(([k]) => k === 'X-Azure-Functions-InvocationId')![1];
    await app.waitFor(() => app.logs().some((l) => l.startsWith(`Executed 'Functions.worker'`)));
    const logs = app.logs();
    expect(logs).toContain(`Executing 'Functions.worker' (Reason='${ADMIN_REASON}', Id=${id})`);
    expect(logs.find((l) => l.startsWith(`Executed 'Functions.worker'`))).toMatch(
      new RegExp(`^Executed 'Functions\\.worker' \\(Succeeded, Id=${id}, Duration=\\d+ms\\)$`),
    );
  });

  test('a text/plain answer fails with the host message: the response as .NET prints it, then the body', async () => {
    const res = await app.request('GET', '/api/Plain');
    expect(res.status).toBe(500);
    expect(res.body).toBe('');
    await app.waitFor(() => app.logs().some((l) => l.startsWith(`Executed 'Functions.Plain' (Failed`)));
    const logs = app.logs();
    const executed = logs.findIndex((l) => l.startsWith(`Executed 'Functions.Plain' (Failed`));
    expect(logs[executed]).toMatch(/Duration=\d+ms\)$/);
    expect(logs[executed + 1]).toBe(
      "Invalid HttpResponseMessage:\nStatusCode: 200, ReasonPhrase: 'OK', Version: 1.1, Content: System.Net.Http.HttpConnectionResponseContent, Headers:\n{\n  Content-Type: text/plain\n  Content-Length: 8\n}\n hi there",
    );
  });
});
