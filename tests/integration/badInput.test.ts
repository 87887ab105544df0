import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HostEvent, HostStatusEvent } from '../../runtime/core/control/protocol';
import type { Exchange } from '../../runtime/core/exchange/exchange';
import { ExchangeLog } from '../../runtime/core/exchange/exchangeLog';
import type { Answer, Language } from '../support/testApp';
import { FIXTURES, HTTP_IN, HTTP_OUT, LANGUAGES, TestApp, handlerDescription } from '../support/testApp';

// Bad input never crashes the host: each case gets a clear message naming the file and the
// place, and the rest of the app keeps working (DESIGN.md, "Reliability and security").

const JSON_OK = { 'Content-Type': 'application/json' };
const OK: Answer = { headers: JSON_OK, body: JSON.stringify({ Outputs: { res: { body: 'fine' } } }) };
const HTTP_FN = { bindings: [HTTP_IN, HTTP_OUT] };
const NOT_RUNNING = 'Function host is not running.';
const GOOD_HOST_JSON = {
  version: '2.0',
  customHandler: { description: handlerDescription('node') },
};

function statuses(app: TestApp): HostStatusEvent[] {
  return app.events.filter((e): e is HostStatusEvent => e.type === 'host.status');
}

function lastStatus(app: TestApp): HostStatusEvent {
  const all = statuses(app);
  const last = all[all.length - 1];
  if (!last) throw new Error('no host.status event yet');
  return last;
}

function lastFunctions(app: TestApp): Extract<HostEvent, { type: 'functions' }> {
  const all = app.events.filter((e) => e.type === 'functions');
  const last = all[all.length - 1];
  if (!last) throw new Error('no functions event yet');
  return last;
}

function errorLogs(app: TestApp): string[] {
  return app.events.flatMap((e) => (e.type === 'log' && e.level === 'error' ? [e.message] : []));
}

function count(lines: string[], text: string): number {
  return lines.filter((l) => l.includes(text)).length;
}

/** The finished exchange for the last request with this title (e.g. `GET /api/garbage`). */
async function finished(app: TestApp, title: string): Promise<Exchange> {
  const find = () =>
    app
      .exchanges()
      .filter((x) => x.title === title && x.state !== 'in-progress')
      .pop();
  await app.waitFor(() => find() !== undefined, 5_000, `the exchange ${title}`);
  return find()!;
}

/** Waits until a handler process other than `oldPid` answered its readiness ping. */
async function waitForNewHandler(app: TestApp, oldPid: number | undefined): Promise<number> {
  await app.waitFor(
    () => {
      const s = lastStatus(app);
      return s.handler.state === 'ready' && s.handler.pid !== undefined && s.handler.pid !== oldPid;
    },
    10_000,
    'a restarted handler',
  );
  return lastStatus(app).handler.pid!;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function neverListens(language: Language, say: string[]): Record<string, unknown> {
  return language === 'node'
    ? { defaultExecutablePath: 'node', defaultWorkerPath: 'neverListens.cjs', workerArguments: say }
    : {
        defaultExecutablePath: 'python3',
        arguments: ['-u'],
        defaultWorkerPath: 'neverListens.py',
        workerArguments: say,
      };
}

const NEVER_LISTENS_FILES = {
  'neverListens.cjs': readFileSync(join(FIXTURES, 'handlers', 'neverListens.cjs'), 'utf8'),
  'neverListens.py': readFileSync(join(FIXTURES, 'handlers', 'neverListens.py'), 'utf8'),
};

describe('broken app files', () => {
  test('broken function.json files are reported with file:line:col while another function answers', async () => {
    const app = await TestApp.start({
      functions: {
        badSyntax:
          '{\n  "bindings": [\n    { "type": "httpTrigger" "direction": "in", "name": "req" }\n  ]\n}',
        unknownType: { bindings: [HTTP_IN, HTTP_OUT, { type: 'nosuchThing', direction: 'out', name: 'x' }] },
        noName: { bindings: [{ type: 'httpTrigger', direction: 'in' }, HTTP_OUT] },
        ok: HTTP_FN,
      },
      responses: { '/ok': OK },
    });
    try {
      const functions = lastFunctions(app);
      expect(functions.functions.map((f) => f.name)).toEqual(['ok']);
      const byFile = (file: string) => functions.diagnostics.filter((d) => d.file === file);

      const syntax = byFile('badSyntax/function.json');
      expect(syntax).toHaveLength(1);
      expect(syntax[0]).toMatchObject({ severity: 'error', line: 3, functionName: 'badSyntax' });
      expect(syntax[0]!.column).toBeGreaterThan(20);

      const unknown = byFile('unknownType/function.json');
      expect(unknown).toEqual([
        expect.objectContaining({ severity: 'error', where: 'bindings[2].type', line: expect.any(Number) }),
      ]);
      expect(unknown[0]!.message).toContain("'nosuchThing'");

      const noName = byFile('noName/function.json');
      expect(noName).toContainEqual(
        expect.objectContaining({ severity: 'error', where: 'bindings[0].name', line: 3, column: 5 }),
      );

      // The same messages reach the log, with the place in front.
      const errors = errorLogs(app);
      expect(errors.some((l) => /^badSyntax\/function\.json:3:\d+: /.test(l))).toBe(true);
      expect(
        errors.some((l) =>
          /^unknownType\/function\.json:\d+:\d+: bindings\[2\]\.type: .*nosuchThing/.test(l),
        ),
      ).toBe(true);
      expect(errors).toContain('noName/function.json:3:5: bindings[0].name: The binding has no "name"');

      expect(lastStatus(app).state).toBe('Running');
      const ok = await app.request('GET', '/api/ok');
      expect(ok.status).toBe(200);
      expect(ok.body).toBe('fine');
      expect((await app.request('GET', '/api/badSyntax')).status).toBe(404);
      // The 404's hint lists the routes there are and the functions their function.json left out.
      await expect
        .poll(() =>
          app.exchanges().find((x) => x.title === 'GET /api/badSyntax' && x.state !== 'in-progress'),
        )
        .toBeDefined();
      const missed = app.exchanges().find((x) => x.title === 'GET /api/badSyntax')!;
      const hint = missed.hints.find((h) => h.code === 'no-route')!.message;
      expect(hint).toContain('No function matches GET /api/badSyntax');
      expect(hint).toContain('/api/ok (ok)');
      expect(hint).toMatch(/badSyntax \(badSyntax\/function\.json:3:\d+: /);
      expect(hint).toMatch(/unknownType \(unknownType\/function\.json:\d+:\d+: bindings\[2\]\.type/);
    } finally {
      await app.stop();
    }
  });

  test('a broken host.json stops the host with the reason until it is fixed and reloaded', async () => {
    const app = await TestApp.start({
      hostJson: '{\n  "version": "2.0"\n  "customHandler": {}\n}',
      functions: { ok: HTTP_FN },
      responses: { '/ok': OK },
      waitForRunning: false,
    });
    try {
      const hostJson = join(app.root, 'host.json');
      expect(lastStatus(app).state).toBe('Error');
      expect(lastStatus(app).errors).toEqual([expect.stringMatching(/^host\.json:3:3: .*expected ','/)]);
      expect(errorLogs(app)).toContainEqual(expect.stringMatching(/^host\.json:3:3: /));
      expect((await app.request('GET', '/api/ok')).status).toBe(503);

      writeFileSync(hostJson, JSON.stringify({ version: '2.0' }));
      await app.host.reload();
      expect(lastStatus(app).state).toBe('Error');
      expect(lastStatus(app).errors).toEqual([
        expect.stringMatching(/^host\.json: .*no customHandler section/),
      ]);
      expect((await app.request('GET', '/api/ok')).status).toBe(503);

      writeFileSync(hostJson, JSON.stringify({ customHandler: GOOD_HOST_JSON.customHandler }, null, 2));
      await app.host.reload();
      expect(lastStatus(app).state).toBe('Error');
      expect(lastStatus(app).errors).toEqual([expect.stringMatching(/^host\.json(:1:1)?: .*'version'/)]);
      expect((await app.request('GET', '/api/ok')).status).toBe(503);

      writeFileSync(hostJson, JSON.stringify(GOOD_HOST_JSON, null, 2));
      await app.host.reload();
      await app.waitFor(() => lastStatus(app).state === 'Running', 10_000, 'Running after the fix');
      expect(lastStatus(app).errors).toEqual([]);
      const ok = await app.request('GET', '/api/ok');
      expect(ok.status).toBe(200);
      expect(ok.body).toBe('fine');
    } finally {
      await app.stop();
    }
  });

  test('a function called while host.json is broken gets 503 "Function host is not running."', async () => {
    const app = await TestApp.start({
      hostJson: '{ "version": "2.0", }}',
      functions: { ok: HTTP_FN },
      waitForRunning: false,
    });
    try {
      const res = await app.request('GET', '/api/ok');
      expect(res.status).toBe(503);
      expect(res.body).toBe(NOT_RUNNING);
    } finally {
      await app.stop();
    }
  });

  test('a broken local.settings.json is reported with its place and the app still runs', async () => {
    const app = await TestApp.start({
      localSettings: '{\n  "IsEncrypted": false,\n  "Values": {\n    "A": "1",,\n  }\n}',
      functions: { ok: HTTP_FN },
      responses: { '/ok': OK },
    });
    try {
      expect(lastFunctions(app).diagnostics).toContainEqual(
        expect.objectContaining({ file: 'local.settings.json', line: 4, severity: 'error' }),
      );
      expect(errorLogs(app)).toContainEqual(expect.stringMatching(/^local\.settings\.json:4:\d+: /));
      expect(lastStatus(app).state).toBe('Running');
      expect((await app.request('GET', '/api/ok')).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  test('a missing executable is named; the third failed start stops the host', async () => {
    const app = await TestApp.start({
      customHandler: { description: { defaultExecutablePath: 'does-not-exist' } },
      functions: { ok: HTTP_FN },
      waitForRunning: false,
    });
    try {
      await app.waitFor(() => lastStatus(app).state === 'Error', 10_000, 'host state Error');
      const errors = errorLogs(app);
      expect(count(errors, "The handler executable 'does-not-exist' was not found")).toBe(3);
      expect(errors.some((l) => l.includes('defaultExecutablePath'))).toBe(true);
      expect(count(app.logs(), 'Restarting the handler (error')).toBe(2);
      expect(lastStatus(app).errors).toContainEqual(
        expect.stringContaining('Exceeded http worker restart retry count'),
      );
      expect(lastStatus(app).errors.join('\n')).toContain('does-not-exist');
      const res = await app.request('GET', '/api/ok');
      expect(res.status).toBe(503);
      expect(res.body).toBe(NOT_RUNNING);
    } finally {
      await app.stop();
    }
  });
});

describe.each(LANGUAGES)('a %s handler that never becomes ready', (language) => {
  test('one that never listens times out after initializationTimeout, restarts, and the third time stops the host', async () => {
    const started = Date.now();
    const app = await TestApp.start({
      language,
      customHandler: { description: neverListens(language, []), initializationTimeout: '00:00:01' },
      functions: { ok: HTTP_FN },
      files: NEVER_LISTENS_FILES,
      waitForRunning: false,
    });
    try {
      await app.waitFor(
        () => app.logs().some((l) => l.startsWith('Initializing HttpWorker timed out')),
        3_000,
        'the first readiness time-out',
      );
      expect(Date.now() - started).toBeLessThan(3_000);
      // A call made while the handler restarts waits through the remaining attempts, then fails
      // with the host's stop reason. Made after the first time-out, the two attempts left fit in
      // its wait budget (4 x initializationTimeout) even when starting Python is slow.
      const early = app.request('GET', '/api/ok');
      await app.waitFor(() => lastStatus(app).state === 'Error', 8_000, 'host state Error');
      const timeouts = app.logs().filter((l) => l.startsWith('Initializing HttpWorker timed out'));
      expect(timeouts).toHaveLength(3);
      expect(timeouts[0]).toContain('did not answer GET / within 1000 ms');
      expect(timeouts[0]).toContain('FUNCTIONS_CUSTOMHANDLER_PORT');
      expect(timeouts[0]).not.toContain('mentions port');
      expect(count(app.logs(), 'Restarting the handler (error')).toBe(2);
      expect(lastStatus(app).errors).toContainEqual(
        expect.stringContaining('Exceeded http worker restart retry count'),
      );
      // Each attempt was a new process, and none of them is left running.
      const pids = [...new Set(statuses(app).flatMap((s) => (s.handler.pid ? [s.handler.pid] : [])))];
      expect(pids).toHaveLength(3);
      await app.waitFor(() => pids.every((p) => !isAlive(p)), 2_000, 'the handlers to be gone');
      expect((await early).status).toBe(500);
      expect((await finished(app, 'GET /api/ok')).error).toContain(
        'Exceeded http worker restart retry count',
      );
      expect((await app.request('GET', '/api/ok')).status).toBe(503);
    } finally {
      await app.stop();
    }
  });

  test('one that listens on the wrong port gets a hint naming the port it printed', async () => {
    const app = await TestApp.start({
      language,
      customHandler: {
        description: neverListens(language, ['listening', 'on', '8080']),
        initializationTimeout: '00:00:01',
      },
      functions: { ok: HTTP_FN },
      files: NEVER_LISTENS_FILES,
      waitForRunning: false,
    });
    try {
      expect(app.logs()).not.toContain('listening on 8080');
      await app.waitFor(
        () => app.logs().some((l) => l.startsWith('Initializing HttpWorker timed out')),
        3_000,
        'the readiness time-out',
      );
      expect(app.logs()).toContain('listening on 8080');
      const port = lastStatus(app).handler.port;
      const timeout = app.logs().find((l) => l.startsWith('Initializing HttpWorker timed out'))!;
      expect(timeout).toContain(
        `Its output mentions port 8080, but the host gave it FUNCTIONS_CUSTOMHANDLER_PORT=${port}`,
      );
    } finally {
      await app.stop();
    }
  });
});

describe.each(LANGUAGES)('a %s handler whose first start fails', (language) => {
  test('a call made during the failed start waits for the restarted handler and succeeds', async () => {
    const app = await TestApp.start({
      language,
      customHandler: {
        description:
          language === 'node'
            ? { defaultExecutablePath: 'node', defaultWorkerPath: 'failOnce.cjs' }
            : { defaultExecutablePath: 'python3', arguments: ['-u'], defaultWorkerPath: 'failOnce.py' },
      },
      functions: { ok: HTTP_FN },
      responses: { '/ok': OK },
      files: {
        'failOnce.cjs': readFileSync(join(FIXTURES, 'handlers', 'failOnce.cjs'), 'utf8'),
        'failOnce.py': readFileSync(join(FIXTURES, 'handlers', 'failOnce.py'), 'utf8'),
      },
      waitForRunning: false,
    });
    try {
      expect(lastStatus(app).handler.state).toBe('starting');
      const firstPid = lastStatus(app).handler.pid;
      const res = await app.request('GET', '/api/ok');
      expect(res.status).toBe(200);
      expect(res.body).toBe('fine');
      expect(errorLogs(app)).toContainEqual(
        expect.stringMatching(
          new RegExp(`^Language Worker Process exited\\. Pid=${firstPid}\\. Exit code 1: failing on purpose`),
        ),
      );
      expect(app.logs()).toContainEqual(expect.stringContaining('Restarting the handler (error 1 of 3'));
      expect(lastStatus(app).state).toBe('Running');
      expect(lastStatus(app).handler.pid).not.toBe(firstPid);
    } finally {
      await app.stop();
    }
  });
});

describe.each(LANGUAGES)('a %s handler that answers garbage or crashes', (language) => {
  let app: TestApp;
  const responses: Record<string, Answer> = {
    '/ok': OK,
    '/garbage': { raw: 'this is not http\r\n\r\n' },
    '/dropped': { close: true },
    '/crash': { exitCode: 1 },
    '/restart': { exitCode: 200 },
  };
  beforeAll(async () => {
    app = await TestApp.start({
      language,
      functions: {
        ok: HTTP_FN,
        garbage: HTTP_FN,
        dropped: HTTP_FN,
        huge: HTTP_FN,
        crash: HTTP_FN,
        restart: HTTP_FN,
      },
      responses,
    });
  });
  afterAll(() => app.stop());

  test('an answer that is not HTTP fails the call with a clear error; the host keeps running', async () => {
    const res = await app.request('GET', '/api/garbage');
    expect(res.status).toBe(500);
    expect(res.body).toBe('');
    const exchange = await finished(app, 'GET /api/garbage');
    expect(exchange.state).toBe('failed');
    expect(exchange.status).toBe(500);
    expect(exchange.error).toMatch(/^The handler's answer is not a valid HTTP response \(Parse Error/);
    const fromHandler = exchange.hops.find((h) => h.from === 'handler' && h.to === 'host');
    expect(fromHandler?.message?.head).toBe('this is not http\r\n\r\n');
    expect(lastStatus(app).state).toBe('Running');
    expect((await app.request('GET', '/api/ok')).status).toBe(200);
  });

  test('a dropped connection fails the call with a clear error; the host keeps running', async () => {
    const res = await app.request('GET', '/api/dropped');
    expect(res.status).toBe(500);
    const exchange = await finished(app, 'GET /api/dropped');
    expect(exchange.state).toBe('failed');
    expect(exchange.error).toContain('The handler closed the connection without answering');
    expect(lastStatus(app).state).toBe('Running');
    expect((await app.request('GET', '/api/ok')).status).toBe(200);
  });

  test('a 20 MB answer reaches the caller intact; the exchange keeps it truncated with its full size', async () => {
    const big = 'abcdefghij'.repeat(2_000_000);
    app.setResponses({
      ...responses,
      '/huge': {
        headers: JSON_OK,
        body: JSON.stringify({ Outputs: { res: { body: big, headers: { 'Content-Type': 'text/plain' } } } }),
      },
    });
    try {
      const res = await app.request('GET', '/api/huge');
      expect(res.status).toBe(200);
      expect(res.body.length).toBe(big.length);
      expect(res.body === big).toBe(true);
      const exchange = await finished(app, 'GET /api/huge');
      expect(exchange.state).toBe('succeeded');
      const fromHandler = exchange.hops.find((h) => h.from === 'handler' && h.to === 'host')!.message!;
      expect(fromHandler.body.truncated).toBe(true);
      expect(fromHandler.body.size).toBeGreaterThan(big.length);
      expect(fromHandler.body.data.length).toBeLessThan(1024 * 1024);
      const toCaller = exchange.hops.find((h) => h.from === 'host' && h.to === 'caller')!.message!;
      expect(toCaller.body).toMatchObject({ truncated: true, size: big.length });
      expect(toCaller.body.data.length).toBeLessThan(1024 * 1024);
    } finally {
      app.setResponses(responses);
    }
  });

  test('exit code 1 fails that invocation, restarts the handler, and the next call succeeds', async () => {
    const before = lastStatus(app).handler.pid;
    const res = await app.request('GET', '/api/crash');
    expect(res.status).toBe(500);
    const pid = await waitForNewHandler(app, before);
    expect(app.startup().pid).toBe(pid);
    expect(errorLogs(app)).toContainEqual(
      expect.stringContaining(`Language Worker Process exited. Pid=${before}. Exit code 1`),
    );
    expect(app.logs()).toContainEqual(expect.stringContaining('Restarting the handler (error 1 of 3'));
    expect(lastStatus(app).state).toBe('Running');
    const ok = await app.request('GET', '/api/ok');
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('fine');
  });

  test('exit code 200 restarts the handler without counting as an error', async () => {
    const before = lastStatus(app).handler.pid;
    const res = await app.request('GET', '/api/restart');
    expect(res.status).toBe(500);
    await waitForNewHandler(app, before);
    expect(app.logs()).toContainEqual(expect.stringContaining(`exited with code 200. Pid=${before}`));
    expect(count(app.logs(), 'Restarting the handler (error')).toBe(1);
    expect((await app.request('GET', '/api/ok')).status).toBe(200);
  });

  test('the third crash within 30 minutes stops the host: the front door answers 503', async () => {
    // Error 2 of 3: still restarted (the exit 200 above did not count).
    const before = lastStatus(app).handler.pid;
    expect((await app.request('GET', '/api/crash')).status).toBe(500);
    await waitForNewHandler(app, before);
    expect(app.logs()).toContainEqual(expect.stringContaining('Restarting the handler (error 2 of 3'));
    expect((await app.request('GET', '/api/ok')).status).toBe(200);

    expect((await app.request('GET', '/api/crash')).status).toBe(500);
    await app.waitFor(() => lastStatus(app).state === 'Error', 5_000, 'host state Error');
    expect(lastStatus(app).handler.state).toBe('failed');
    expect(lastStatus(app).errors).toContainEqual(
      expect.stringContaining('Exceeded http worker restart retry count'),
    );
    expect(count(app.logs(), 'Restarting the handler (error')).toBe(2);
    const res = await app.request('GET', '/api/ok');
    expect(res.status).toBe(503);
    expect(res.body).toBe(NOT_RUNNING);
  });
});

describe.each(LANGUAGES)('a %s handler that exits with code 0', (language) => {
  test('is not restarted: later calls fail with 500 and the handler state is exited', async () => {
    const app = await TestApp.start({
      language,
      functions: { quit: HTTP_FN, ok: HTTP_FN },
      responses: { '/quit': { exitCode: 0 }, '/ok': OK },
    });
    try {
      const pid = lastStatus(app).handler.pid!;
      expect((await app.request('GET', '/api/quit')).status).toBe(500);
      await app.waitFor(() => lastStatus(app).handler.state === 'exited', 5_000, 'handler state exited');
      expect(lastStatus(app).handler.detail).toContain('code 0');
      expect(app.logs()).toContainEqual(
        expect.stringContaining(`Language Worker Process exited. Pid=${pid}`),
      );

      const res = await app.request('GET', '/api/ok');
      expect(res.status).toBe(500);
      const exchange = await finished(app, 'GET /api/ok');
      expect(exchange.error).toContain('Connection refused');
      expect(exchange.hints.map((h) => h.code)).toContain('handler-crashed');
      expect(lastStatus(app).handler.state).toBe('exited');
      expect(lastStatus(app).handler.pid).toBe(pid);
      expect(isAlive(pid)).toBe(false);
    } finally {
      await app.stop();
    }
  });
});

describe.each(LANGUAGES)('a %s handler that hangs', (language) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({
      language,
      functionTimeout: '00:00:01',
      functions: { hang: HTTP_FN, empty: HTTP_FN, ok: HTTP_FN },
      responses: {
        '/ok': OK,
        '/hang': { ...OK, delayMs: 5000 },
        '/empty': { headers: JSON_OK, body: '' },
      },
    });
  });
  afterAll(() => app.stop());

  test('past functionTimeout the caller gets 500 and the handler restarts without counting as an error', async () => {
    const before = lastStatus(app).handler.pid;
    const t0 = Date.now();
    const res = await app.request('GET', '/api/hang');
    const elapsed = Date.now() - t0;
    expect(res.status).toBe(500);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(2_500);
    expect(errorLogs(app)).toContainEqual(
      expect.stringMatching(/^Timeout value of 00:00:01 exceeded by function 'Functions\.hang'/),
    );
    expect(app.logs()).toContainEqual(
      expect.stringContaining('A function timeout has occurred. Restarting worker process'),
    );
    const exchange = await finished(app, 'GET /api/hang');
    expect(exchange.hints.map((h) => h.code)).toContain('function-timeout');

    await waitForNewHandler(app, before);
    expect(lastStatus(app).state).toBe('Running');
    expect(count(app.logs(), 'Restarting the handler (error')).toBe(0);
    const ok = await app.request('GET', '/api/ok');
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('fine');
  });

  test('an empty JSON body gets its hint at once; the caller gets 500 only when functionTimeout fires', async () => {
    const t0 = Date.now();
    const pending = app.request('GET', '/api/empty');
    const withHint = () =>
      app
        .exchanges()
        .find((x) => x.title === 'GET /api/empty' && x.hints.some((h) => h.code === 'empty-json-result'));
    await app.waitFor(() => withHint() !== undefined, 900, 'the empty-json-result hint');
    expect(Date.now() - t0).toBeLessThan(900);
    expect(withHint()!.state).toBe('in-progress');

    const res = await pending;
    expect(res.status).toBe(500);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    const exchange = await finished(app, 'GET /api/empty');
    expect(exchange.hints.map((h) => h.code)).toEqual(
      expect.arrayContaining(['empty-json-result', 'function-timeout']),
    );
    expect(count(app.logs(), "Timeout value of 00:00:01 exceeded by function 'Functions.empty'")).toBe(1);
    expect((await app.request('GET', '/api/ok')).status).toBe(200);
    expect(lastStatus(app).state).toBe('Running');
  });
});

describe('the exchange log', () => {
  function exchange(id: number, bodyBytes: number): Exchange {
    const data = 'x'.repeat(bodyBytes);
    return {
      id: `x${id}`,
      trigger: 'http',
      startedAt: id,
      state: 'succeeded',
      title: `GET /api/${id}`,
      hops: [
        {
          from: 'caller',
          to: 'host',
          atMs: 0,
          message: {
            head: 'GET / HTTP/1.1\r\n\r\n',
            body: { encoding: 'utf8', data, size: bodyBytes, truncated: false },
            parsed: { startLine: 'GET / HTTP/1.1', headers: [] },
          },
        },
      ],
      hints: [],
      logs: [],
      outputs: [],
    };
  }

  test('keeps at most maxExchanges, evicting the oldest', () => {
    const log = new ExchangeLog({ maxExchanges: 5, maxBodyBytes: 1_000_000 });
    for (let i = 1; i <= 12; i++) log.put(exchange(i, 10));
    expect(log.list().map((x) => x.id)).toEqual(['x8', 'x9', 'x10', 'x11', 'x12']);
    expect(log.stats()).toEqual({ count: 5, bodyBytes: 50, evicted: 7 });
    // Updating a kept exchange (in-progress → done) replaces it rather than adding one.
    log.put(exchange(10, 10));
    expect(log.stats()).toMatchObject({ count: 5, bodyBytes: 50 });
  });

  test('keeps at most maxBodyBytes of bodies, evicting the oldest', () => {
    const log = new ExchangeLog({ maxExchanges: 100, maxBodyBytes: 1_000 });
    for (let i = 1; i <= 10; i++) log.put(exchange(i, 300));
    expect(log.list().map((x) => x.id)).toEqual(['x8', 'x9', 'x10']);
    expect(log.stats()).toEqual({ count: 3, bodyBytes: 900, evicted: 7 });
  });
});
