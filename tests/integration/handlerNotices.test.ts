import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../runtime/core/app/diagnostics';
import type { HostStatusEvent } from '../../runtime/core/control/protocol';
import type { Language } from '../support/testApp';
import { FIXTURES, HTTP_IN, HTTP_OUT, LANGUAGES, TestApp } from '../support/testApp';

// Issue 11 points 7 and 8: the host says, through its status and its problems, what the page
// shows at once: a handler that has not opened its port, and where a crashed handler failed.

const HTTP_FN = { bindings: [HTTP_IN, HTTP_OUT] };

const statuses = (app: TestApp) => app.events.filter((e): e is HostStatusEvent => e.type === 'host.status');
const problems = (app: TestApp): Diagnostic[] =>
  app.events
    .flatMap((e) => (e.type === 'functions' ? e.diagnostics : []))
    .filter((d) => d.source === 'handler');

describe.each(LANGUAGES)('a %s handler', (language: Language) => {
  test('that has not opened its port: a notice names the given port and the one its output mentions, long before the time-out', async () => {
    const started = Date.now();
    const app = await TestApp.start({
      language,
      customHandler: {
        description:
          language === 'node'
            ? {
                defaultExecutablePath: 'node',
                defaultWorkerPath: 'neverListens.cjs',
                workerArguments: ['listening', 'on', '8080'],
              }
            : {
                defaultExecutablePath: 'python3',
                arguments: ['-u'],
                defaultWorkerPath: 'neverListens.py',
                workerArguments: ['listening', 'on', '8080'],
              },
        initializationTimeout: '00:00:30',
      },
      functions: { ok: HTTP_FN },
      files: {
        'neverListens.cjs': readFileSync(join(FIXTURES, 'handlers', 'neverListens.cjs'), 'utf8'),
        'neverListens.py': readFileSync(join(FIXTURES, 'handlers', 'neverListens.py'), 'utf8'),
      },
      waitForRunning: false,
    });
    try {
      await app.waitFor(
        () => statuses(app).some((s) => s.handler.detail !== undefined),
        15_000,
        'the notice',
      );
      const notice = statuses(app).find((s) => s.handler.detail !== undefined)!;
      expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
      expect(notice.handler.state).toBe('starting');
      const port = notice.handler.port!;
      expect(notice.handler.detail).toContain(`The handler has not opened port ${port} after 3 s`);
      expect(notice.handler.detail).toContain('waits up to 30 s');
      expect(notice.handler.detail).toContain('Its output mentions port 8080');
      // Only a notice: the real host's time-out still decides, and nothing failed yet.
      expect(app.logs().some((l) => l.startsWith('Initializing HttpWorker timed out'))).toBe(false);
      expect(statuses(app).at(-1)!.state).toBe('Starting');
    } finally {
      await app.stop();
    }
  });

  test('with a syntax error: a problem on its file and line with the error and the exit code', async () => {
    const file = language === 'node' ? 'broken.cjs' : 'broken.py';
    const source =
      language === 'node'
        ? "const http = require('node:http');\n\nconst answer = ;\n"
        : 'import os\n\ndef answer(:\n    pass\n';
    const app = await TestApp.start({
      language,
      customHandler: {
        description:
          language === 'node'
            ? { defaultExecutablePath: 'node', defaultWorkerPath: file }
            : { defaultExecutablePath: 'python3', arguments: ['-u'], defaultWorkerPath: file },
      },
      functions: { ok: HTTP_FN },
      files: { [file]: source },
      waitForRunning: false,
    });
    try {
      await app.waitFor(() => problems(app).length > 0, 15_000, 'the crash problem');
      expect(problems(app)[0]).toMatchObject({
        severity: 'error',
        file,
        line: 3,
        message: expect.stringMatching(/^SyntaxError: .*\(the handler exited with code 1\)$/),
      });
    } finally {
      await app.stop();
    }
  });
});

test('a crash thrown at run time names the place inside the app that threw', async () => {
  const crashing =
    "const port = process.env.FUNCTIONS_CUSTOMHANDLER_PORT;\nsetTimeout(() => {\n  throw new TypeError('no port ' + port.x.y);\n}, 10);\n";
  const app = await TestApp.start({
    customHandler: { description: { defaultExecutablePath: 'node', defaultWorkerPath: 'lib/start.cjs' } },
    functions: { ok: HTTP_FN },
    files: { 'lib/start.cjs': crashing },
    waitForRunning: false,
  });
  try {
    await app.waitFor(() => problems(app).length > 0, 15_000, 'the crash problem');
    expect(problems(app)[0]).toMatchObject({ file: 'lib/start.cjs', line: 3 });
    expect(problems(app)[0]!.message).toMatch(/^TypeError: .*\(the handler exited with code 1\)$/);
  } finally {
    await app.stop();
  }
});
