import { describe, expect, test } from 'vitest';
import type { HandlerCommandInput } from './commandLine';
import {
  buildHandlerCommand,
  deleteUnsetVariables,
  formatStartingWorkerMessage,
  injectedVariables,
  WorkerDescriptionValidationError,
} from './commandLine';

const ROOT = '/home/site/wwwroot';
const WORKER_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

function build(overrides: Partial<HandlerCommandInput> = {}, existing: readonly string[] = []) {
  const checked: string[] = [];
  const command = buildHandlerCommand({
    defaultExecutablePath: 'node',
    appRoot: ROOT,
    env: { HOME: '/home/me', PORT_FROM_ENV: '9000' },
    injected: injectedVariables(7072, WORKER_ID, ROOT),
    fileExists: (path) => {
      checked.push(path);
      return existing.includes(path);
    },
    ...overrides,
  });
  return { ...command, checked };
}

describe('step 1: expansion of the executable and worker path', () => {
  test.each([
    ['%HOME%/bin/handler', '/home/me/bin/handler'],
    ['%NOPE%/handler', '%NOPE%/handler'],
  ])('defaultExecutablePath %j runs %j', (executable, file) => {
    expect(build({ defaultExecutablePath: executable }).file).toBe(file);
  });

  test('the worker path is expanded with the host environment', () => {
    expect(build({ defaultWorkerPath: '%HOME%/app.js' }).args).toEqual(['/home/me/app.js']);
  });

  test('step 1 cannot see the injected variables, step 4 fills them in', () => {
    const { file, args } = build({
      defaultExecutablePath: '/opt/%FUNCTIONS_CUSTOMHANDLER_PORT%/run',
      arguments: ['--port=%FUNCTIONS_CUSTOMHANDLER_PORT%'],
    });
    expect(file).toBe('/opt/7072/run');
    expect(args).toEqual(['--port=7072']);
  });

  test.each(['', '%EMPTY%'])('an executable that is empty after expansion (%j) is rejected', (executable) => {
    expect(() => build({ defaultExecutablePath: executable, env: { EMPTY: '' } })).toThrow(
      new WorkerDescriptionValidationError('WorkerDescription DefaultExecutablePath cannot be empty'),
    );
  });
});

describe('step 2: a relative executable', () => {
  test('is resolved against the app root when that file exists', () => {
    const { file, checked } = build({ defaultExecutablePath: 'handler' }, [`${ROOT}/handler`]);
    expect(file).toBe(`${ROOT}/handler`);
    expect(checked).toEqual([`${ROOT}/handler`]);
  });

  test('is left for the PATH search when that file does not exist', () => {
    const { file, checked } = build({ defaultExecutablePath: 'node' });
    expect(file).toBe('node');
    expect(checked).toEqual([`${ROOT}/node`]);
  });

  test.each([
    ['bin', `${ROOT}/bin/handler`],
    ['/opt/tools', '/opt/tools/handler'],
    ['../shared', `${ROOT}/../shared/handler`],
  ])('with workerDirectory %j is looked for at %j', (workerDirectory, path) => {
    expect(build({ defaultExecutablePath: 'handler', workerDirectory }, [path]).file).toBe(path);
  });

  test('keeps its subdirectory when it is not found', () => {
    expect(build({ defaultExecutablePath: 'bin/handler' }).file).toBe('bin/handler');
  });

  test('an absolute executable is used as it is, without a file check', () => {
    const { file, checked } = build({ defaultExecutablePath: '/usr/bin/python3' });
    expect(file).toBe('/usr/bin/python3');
    expect(checked).toEqual([]);
  });

  test('the worker path is never resolved, only quoted', () => {
    expect(build({ defaultWorkerPath: 'server.js' }, [`${ROOT}/server.js`]).args).toEqual(['server.js']);
  });

  test('workerDirectory does not become the working directory', () => {
    expect(build({ workerDirectory: 'bin' }).cwd).toBe(ROOT);
  });
});

describe('step 3: one argument string', () => {
  test('arguments, quoted worker path, then worker arguments', () => {
    const { args, arguments: raw } = build({
      arguments: ['--inspect', '--max-old-space-size=%PORT_FROM_ENV%'],
      defaultWorkerPath: 'dist/server.js',
      workerArguments: ['--verbose'],
    });
    expect(raw).toBe(' --inspect --max-old-space-size=9000 "dist/server.js" --verbose');
    expect(args).toEqual(['--inspect', '--max-old-space-size=9000', 'dist/server.js', '--verbose']);
  });

  test.each<[string[], string[]]>([
    [['--a --b'], ['--a', '--b']],
    [['"--a --b"'], ['--a --b']],
    [['my file.txt'], ['my', 'file.txt']],
    [['', 'x', ''], ['x']],
    [['say "hi there"'], ['say', 'hi there']],
    [['C:\\path\\'], ['C:\\path\\']],
  ])('arguments %j become argv %j', (argumentsList, expected) => {
    expect(build({ arguments: argumentsList }).args).toEqual(expected);
  });

  test('a worker path with spaces stays one entry', () => {
    expect(build({ defaultWorkerPath: 'my app/server.js' }).args).toEqual(['my app/server.js']);
  });

  test('an empty worker path adds nothing', () => {
    expect(build({ defaultWorkerPath: '', arguments: ['a'] }).arguments).toBe(' a');
  });

  test('a quote in the worker path is not escaped', () => {
    expect(build({ defaultWorkerPath: 'a" "b' }).args).toEqual(['a', 'b']);
  });

  test('a trailing backslash in the worker path swallows its closing quote', () => {
    expect(build({ defaultWorkerPath: 'dir\\', workerArguments: ['x'] }).args).toEqual(['dir" x']);
  });

  test('no arguments at all give an empty argv', () => {
    const { args, arguments: raw, commandLine } = build();
    expect(args).toEqual([]);
    expect(raw).toBe('');
    expect(commandLine).toBe('node');
  });
});

describe('step 4: the injected variables', () => {
  test.each([
    ['%FUNCTIONS_CUSTOMHANDLER_PORT%', '7072'],
    ['%FUNCTIONS_HTTPWORKER_PORT%', '7072'],
    ['%FUNCTIONS_CUSTOMHANDLER_WORKER_ID%', WORKER_ID],
    ['%FUNCTIONS_HTTPWORKER_ID%', WORKER_ID],
    ['%FUNCTIONS_APP_ROOT_PATH%/x', `${ROOT}/x`],
  ])('%j in arguments becomes %j', (argument, expected) => {
    expect(build({ arguments: [argument] }).args).toEqual([expected]);
  });

  test('are replaced in the worker path and worker arguments too', () => {
    const { args } = build({
      defaultWorkerPath: '%FUNCTIONS_APP_ROOT_PATH%/server.js',
      workerArguments: ['--id', '%FUNCTIONS_CUSTOMHANDLER_WORKER_ID%'],
    });
    expect(args).toEqual([`${ROOT}/server.js`, '--id', WORKER_ID]);
  });

  test('are replaced in the executable', () => {
    expect(build({ defaultExecutablePath: '%FUNCTIONS_APP_ROOT_PATH%/handler' }).file).toBe(
      `${ROOT}/handler`,
    );
  });

  test('the name is case-sensitive', () => {
    expect(build({ arguments: ['%functions_customhandler_port%'] }).args).toEqual([]);
  });

  test('a host variable of the same name is expanded first, so the injected value never applies', () => {
    const { args } = build({
      env: { FUNCTIONS_CUSTOMHANDLER_PORT: '1111' },
      arguments: ['%FUNCTIONS_CUSTOMHANDLER_PORT%'],
    });
    expect(args).toEqual(['1111']);
  });

  test('a `$` in a value is copied literally', () => {
    const { args } = build({
      injected: injectedVariables(7072, WORKER_ID, '/srv/$&$1'),
      arguments: ['%FUNCTIONS_APP_ROOT_PATH%'],
    });
    expect(args).toEqual(['/srv/$&$1']);
  });
});

describe('step 5: every remaining %...% run is deleted', () => {
  test.each<[string, string[]]>([
    ['%UNKNOWN%', []],
    ['--flag=%UNKNOWN%', ['--flag=']],
    ['50%a%b', ['50b']],
    ['100%', ['100%']],
    ['%%', ['%%']],
    ['%%%', []],
    ['a%%b%c', ['ac']],
    ['%X% %Y%', []],
  ])('argument %j gives argv %j', (argument, expected) => {
    expect(build({ arguments: [argument] }).args).toEqual(expected);
  });

  test('a run can span two arguments', () => {
    expect(build({ arguments: ['50%', 'off', '20%'] }).args).toEqual(['50']);
  });

  test('a %...% inside the app root is deleted from the arguments after injection', () => {
    const { args, file } = build({
      injected: injectedVariables(7072, WORKER_ID, '/srv/%odd%/app'),
      defaultExecutablePath: '%FUNCTIONS_APP_ROOT_PATH%/run',
      arguments: ['%FUNCTIONS_APP_ROOT_PATH%'],
    });
    expect(args).toEqual(['/srv//app']);
    expect(file).toBe('/srv/%odd%/app/run');
  });

  test('an unknown %X% in the executable is kept', () => {
    expect(build({ defaultExecutablePath: '/opt/%NOPE%/run' }).file).toBe('/opt/%NOPE%/run');
  });

  test.each([
    ['50%a%b', '50b'],
    ['%a%a%%a%', 'a%'],
    ['%a\nb%c%', '%a\nb'],
    ['%a\rb%', ''],
  ])('deleteUnsetVariables(%j) is %j', (text, expected) => {
    expect(deleteUnsetVariables(text)).toBe(expected);
  });
});

describe('working directory', () => {
  test.each([
    [undefined, ROOT],
    ['', ROOT],
    ['src', `${ROOT}/src`],
    ['./src', `${ROOT}/./src`],
    ['/tmp/work', '/tmp/work'],
  ])('workingDirectory %j runs in %j', (workingDirectory, cwd) => {
    expect(build({ workingDirectory }).cwd).toBe(cwd);
  });

  test('an app root with a trailing slash gets no double slash', () => {
    expect(build({ appRoot: '/app/', workingDirectory: 'src' }).cwd).toBe('/app/src');
  });
});

test('the log line matches the host', () => {
  const command = build({ defaultWorkerPath: 'server.js', arguments: ['--inspect'] });
  expect(command.commandLine).toBe('node --inspect "server.js"');
  expect(formatStartingWorkerMessage(command)).toBe(
    `Starting worker process with FileName:node WorkingDirectory:${ROOT} Arguments: --inspect "server.js"`,
  );
});

test('credentials in the logged arguments are hidden as the host hides them', () => {
  const command = build({
    defaultWorkerPath: 'server.js',
    arguments: ['--db=Server=db1;Password=hunter2', '--url=amqp://user:s3cret@broker:5672'],
  });
  // The command itself keeps them; only the log line hides them.
  expect(command.arguments).toContain('hunter2');
  expect(formatStartingWorkerMessage(command)).toBe(
    `Starting worker process with FileName:node WorkingDirectory:${ROOT} Arguments: --db=[Hidden Credential]"server.js"`,
  );
  // A URL with a user and password is hidden whole.
  const url = build({ arguments: ['--broker', 'amqp://user:s3cret@broker:5672'] });
  expect(formatStartingWorkerMessage(url)).toMatch(/Arguments: --broker \[Hidden Credential\]$/);
});
