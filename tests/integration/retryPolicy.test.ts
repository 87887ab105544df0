import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { farDailySchedule } from '../support/farSchedule';
import { TestApp } from '../support/testApp';

// A handler that fails '/Flaky' twice then succeeds, and always fails '/Doomed'; it writes every
// body it gets to bodies.jsonl.
const HANDLER = `
const http = require('node:http');
const fs = require('node:fs');
const seen = {};
http
  .createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen[req.url] = (seen[req.url] || 0) + 1;
      fs.appendFileSync('bodies.jsonl', JSON.stringify({ url: req.url, body }) + '\\n');
      const fail = req.url === '/Doomed' || (req.url === '/Flaky' && seen[req.url] <= 2);
      res.writeHead(fail ? 500 : 200, { 'Content-Type': 'application/json' });
      res.end(fail ? '{}' : JSON.stringify({ Logs: ['attempt ' + seen[req.url] + ' worked'] }));
    });
  })
  .listen(Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT), '127.0.0.1');
`;

const timer = (retry: unknown) => ({
  bindings: [{ type: 'timerTrigger', direction: 'in', name: 'tick', schedule: farDailySchedule().schedule }],
  retry,
});
const TEN_MINUTES = 10 * 60 * 1000;

describe('function.json retry on a timer function, with a Node handler', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({
      hostJson: {
        version: '2.0',
        logging: { logLevel: { default: 'Information', Function: 'Debug' } },
        customHandler: { description: { defaultExecutablePath: 'node', defaultWorkerPath: 'flaky.cjs' } },
      },
      files: { 'flaky.cjs': HANDLER },
      functions: {
        Flaky: timer({ strategy: 'fixedDelay', maxRetryCount: 2, delayInterval: '00:10:00' }),
        Doomed: timer({ strategy: 'fixedDelay', maxRetryCount: 1, delayInterval: '00:00:00.2' }),
        Web: {
          bindings: [
            { type: 'httpTrigger', direction: 'in', name: 'req', authLevel: 'anonymous' },
            { type: 'http', direction: 'out', name: 'res' },
          ],
          retry: { strategy: 'fixedDelay', maxRetryCount: 1, delayInterval: '00:00:01' },
        },
      },
      localSettings: { Values: { FUNCTIONS_WORKER_RUNTIME: 'custom', WEBSITE_TIME_ZONE: 'UTC' } },
    });
  }, 60_000);
  afterAll(() => app.stop());

  const bodies = (url: string) => {
    const file = join(app.root, 'bodies.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { url: string; body: string })
      .filter((b) => b.url === url)
      .map((b) => JSON.parse(b.body));
  };
  const idsOf = (name: string, verb: 'Executing' | 'Executed') =>
    app
      .logs()
      .filter((l) => l.startsWith(`${verb} 'Functions.${name}'`))
      .map((l) => /Id=([0-9a-f-]{36})/.exec(l)![1]!);

  test('fails twice, waits on the virtual clock, succeeds on the third attempt with RetryContext', async () => {
    expect(app.host.timers.fireNow('Flaky')).toBe(true);
    const wait1 =
      "Waiting for `00:10:00` before retrying function execution. Next attempt: '1'. Max retry count: '2'.";
    await app.waitFor(() => app.logs().includes(wait1), 20_000, 'the first wait line');
    expect(bodies('/Flaky')).toHaveLength(1);
    // Ten minutes pass only when the playground fast-forwards: the retry is on the host's clock.
    app.host.timers.fastForward('Flaky');
    const wait2 =
      "Waiting for `00:10:00` before retrying function execution. Next attempt: '2'. Max retry count: '2'.";
    await app.waitFor(() => app.logs().includes(wait2), 20_000, 'the second wait line');
    app.host.timers.fastForward('Flaky');
    await app.waitFor(() => idsOf('Flaky', 'Executed').length === 3, 20_000, 'the third attempt');

    const [first, second, third] = bodies('/Flaky');
    expect(Object.keys(first.Metadata)).toEqual(['sys', 'RetryContext']);
    expect(first.Metadata.RetryContext).toEqual({
      RetryCount: 0,
      MaxRetryCount: 2,
      Exception: null,
      Instance: null,
      State: {},
    });
    const executing = idsOf('Flaky', 'Executing');
    expect(new Set(executing).size).toBe(3);
    for (const [attempt, body] of [
      [1, second],
      [2, third],
    ] as const) {
      const rc = body.Metadata.RetryContext;
      expect(rc).toMatchObject({ RetryCount: attempt, MaxRetryCount: 2, Instance: null, State: {} });
      expect(rc.Exception).toMatchObject({
        InstanceId: executing[attempt - 1],
        ClassName: 'Microsoft.Azure.WebJobs.Host.FunctionInvocationException',
        Message: 'Exception while executing function: Functions.Flaky',
        InnerException: {
          ClassName: 'System.Net.Http.HttpRequestException',
          Message: 'Response status code does not indicate success: 500 (Internal Server Error).',
        },
      });
      // The same TimerInfo each attempt; sys.UtcNow moved on by the fast-forwarded delay.
      expect(body.Data).toEqual(first.Data);
    }
    const utc = [first, second, third].map((b) => Date.parse(b.Metadata.sys.UtcNow));
    expect(utc[1]! - utc[0]!).toBeGreaterThanOrEqual(TEN_MINUTES);
    expect(utc[2]! - utc[1]!).toBeGreaterThanOrEqual(TEN_MINUTES);

    const lines = app.logs().filter((l) => l.includes('Functions.Flaky') || l.startsWith('Waiting for'));
    expect(lines.map((l) => l.replace(/\(.*\)/, '(…)'))).toEqual([
      "Executing 'Functions.Flaky' (…)",
      "Executed 'Functions.Flaky' (…)",
      "Waiting for `00:10:00` before retrying function execution. Next attempt: '1'. Max retry count: '2'.",
      "Executing 'Functions.Flaky' (…)",
      "Executed 'Functions.Flaky' (…)",
      "Waiting for `00:10:00` before retrying function execution. Next attempt: '2'. Max retry count: '2'.",
      "Executing 'Functions.Flaky' (…)",
      "Executed 'Functions.Flaky' (…)",
    ]);
    expect(lines.filter((l) => l.startsWith('Executed')).map((l) => /\((\w+),/.exec(l)![1])).toEqual([
      'Failed',
      'Failed',
      'Succeeded',
    ]);
    expect(app.logs()).toContain('attempt 3 worked');
  }, 90_000);

  test('when the retries are spent the function logger says so, once', async () => {
    expect(app.host.timers.fireNow('Doomed')).toBe(true);
    const spent = "Function execution failed after '1' retries.";
    await app.waitFor(() => app.logs().includes(spent), 20_000, 'the retries-spent line');
    expect(bodies('/Doomed').map((b) => b.Metadata.RetryContext.RetryCount)).toEqual([0, 1]);
    expect(idsOf('Doomed', 'Executed')).toHaveLength(2);
    expect(app.logs().filter((l) => l === spent)).toHaveLength(1);
  }, 60_000);

  test('an HTTP function with a retry section loads, with the SDK warning', () => {
    expect(app.logs()).toContainEqual(
      expect.stringContaining(
        "Web/function.json:15:12: retry: Soon retries will not be supported for function 'Functions.Web'. For more information, please visit http://aka.ms/func-retry-policies.",
      ),
    );
  });
});
