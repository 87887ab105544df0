import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { consolePrinter } from '../../runtime/host/console/consoleOutput';
import { handlerDescription, HTTP_IN, HTTP_OUT, LANGUAGES, TestApp } from '../support/testApp';
import type { Language } from '../support/testApp';

// host.json logging.logLevel filters what the console prints: the CLI and the playground's
// terminal both print through consolePrinter.

const ANONYMOUS_IN = { ...HTTP_IN, authLevel: 'anonymous' };
const SERVICE = 'Microsoft.Azure.WebJobs.Script.Workers.Http.DefaultHttpWorkerService';
const ANSWER = { headers: { 'Content-Type': 'application/json' }, body: '{"Outputs":{"res":{"body":"ok"}}}' };

function hostJson(language: Language, logLevel: Record<string, string>) {
  return {
    version: '2.0',
    logging: { logLevel },
    customHandler: { description: handlerDescription(language) },
  };
}

describe.each(LANGUAGES)('logging.logLevel with a %s handler', (language) => {
  let app: TestApp;
  let printed = '';
  let verbose = '';
  beforeAll(async () => {
    app = await TestApp.start({
      language,
      hostJson: hostJson(language, {
        default: 'Warning',
        Function: 'Information',
        'Function.Quiet': 'None',
        [SERVICE]: 'Debug',
      }),
      functions: {
        Loud: { bindings: [ANONYMOUS_IN, HTTP_OUT] },
        Quiet: { bindings: [ANONYMOUS_IN, HTTP_OUT] },
      },
      responses: { '*': ANSWER },
      waitForRunning: false,
    });
    app.host.subscribe(consolePrinter((t) => (printed += t), false, false));
    app.host.subscribe(consolePrinter((t) => (verbose += t), false, true));
    await app.waitForState('Running');
  });
  afterAll(() => app.stop());

  const lines = (text: string) => text.split('\n').map((l) => l.replace(/^\[[^\]]+\] /, ''));

  test('category levels pick what is printed; Debug lines from the source appear where asked', async () => {
    expect((await app.request('GET', '/api/Loud')).status).toBe(200);
    expect((await app.request('GET', '/api/Quiet')).status).toBe(200);
    await app.waitFor(() => app.logs().filter((l) => l.startsWith('Executed ')).length === 2);
    const ids = app.exchanges().map((x) => [x.functionName, x.invocationId] as const);
    const loud = ids.find(([f]) => f === 'Loud')![1]!;
    const quiet = ids.find(([f]) => f === 'Quiet')![1]!;
    const out = lines(printed);
    expect(out).toContain(
      `Executing 'Functions.Loud' (Reason='This function was programmatically called via the host APIs.', Id=${loud})`,
    );
    expect(out.some((l) => l.startsWith(`Executed 'Functions.Loud' (Succeeded, Id=${loud}, Duration=`))).toBe(
      true,
    );
    expect(out.join('\n')).not.toContain("'Functions.Quiet'");
    expect(out).toContain(`Sending invocation for function: 'Quiet' invocationId: '${quiet}'`);
    expect(out).toContain(`Received invocation response for function: 'Loud' invocationId: '${loud}'`);
    expect(out).toContain(`ReturnValue not set on http response for invocationId:${loud}`);
    // Core Tools prints this one whatever the filter; Information system lines stay hidden.
    expect(out).toContain('Worker process started and initialized.');
    expect(out.join('\n')).not.toContain('Starting worker process');
    // --verbose shows what the filter hides.
    expect(lines(verbose)).toContain(
      `Executing 'Functions.Quiet' (Reason='This function was programmatically called via the host APIs.', Id=${quiet})`,
    );
  });

  test('editing host.json applies on reload: Trace shows the request and response as the host traces them', async () => {
    writeFileSync(join(app.root, 'host.json'), JSON.stringify(hostJson(language, { default: 'Trace' })));
    printed = '';
    await app.host.reload();
    await app.waitFor(() => printed.includes('Worker process started and initialized.'), 15_000);
    expect(printed).toContain('Starting worker process with FileName:');
    expect(printed).toContain('Waiting for HttpWorker to be initialized. Request to: http://127.0.0.1:');
    expect((await app.request('GET', '/api/Loud')).status).toBe(200);
    await app.waitFor(() => printed.includes("Executed 'Functions.Loud'"));
    const port = app.startup().env.FUNCTIONS_CUSTOMHANDLER_PORT;
    const out = lines(printed);
    const request = out.findIndex((l) => l.startsWith('Invocation Request:'));
    expect(out[request]).toBe(
      `Invocation Request:Method: POST, RequestUri: 'http://127.0.0.1:${port}/Loud', Version: 1.1, Content: System.Net.Http.ObjectContent\`1[[Microsoft.Azure.WebJobs.Script.Workers.Http.HttpScriptInvocationContext, Microsoft.Azure.WebJobs.Script, Version=4.1037.0.0, Culture=neutral, PublicKeyToken=null]], Headers:`,
    );
    expect(out[request + 1]).toBe('{');
    expect(out.slice(request + 2, request + 6).map((l) => l.split(':')[0]!.trim())).toEqual([
      'X-Azure-Functions-HostVersion',
      'X-Azure-Functions-InvocationId',
      'User-Agent',
      'Content-Type',
    ]);
    expect(out.some((l) => l.startsWith('{"Data":{"req":{"Url":'))).toBe(true);
    const response = out.findIndex((l) => l.startsWith('Invocation Response:'));
    expect(out[response]).toBe(
      "Invocation Response:StatusCode: 200, ReasonPhrase: 'OK', Version: 1.1, Content: System.Net.Http.HttpConnectionResponseContent, Headers:",
    );
    expect(out).toContain(ANSWER.body);
  });
});
