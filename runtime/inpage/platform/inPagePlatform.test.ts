import { afterEach, describe, expect, it } from 'vitest';
import type { HandlerCommand } from '../../core/process/commandLine';
import type { ByteStream } from '../../host/platform';
import type { FromHandler, HandlerStart, SupervisorRequest, ToHandler } from '../protocol';
import { InPagePlatform } from './inPagePlatform';
import { portStream } from './portStream';

const encode = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads a stream to its close: everything it received, and how it closed. */
function collect(stream: ByteStream): Promise<{ text: string; error?: string }> {
  let text = '';
  stream.onData((chunk) => (text += decode(chunk)));
  return new Promise((resolve) =>
    stream.onClose((error) => resolve(error ? { text, error: error.code ?? error.message } : { text })),
  );
}

/**
 * Stands in for the iframe and a handler worker: answers spawn and kill on the supervisor port
 * and runs `behave` as the worker's code, with a tiny echo server for connections.
 */
function harness(behave: (worker: FakeWorker) => void = echoServer) {
  const supervisor = new MessageChannel();
  const platform = new InPagePlatform({ supervisor: supervisor.port1, env: { PATH: '/usr/bin' } });
  const workers = new Map<number, FakeWorker>();
  const requests: SupervisorRequest[] = [];
  supervisor.port2.onmessage = (event: MessageEvent<SupervisorRequest>) => {
    requests.push(event.data);
    if (event.data.t === 'spawn') {
      const worker = new FakeWorker(event.data.pid, event.data.port);
      workers.set(event.data.pid, worker);
      worker.onStart = () => behave(worker);
    } else {
      workers.get(event.data.pid)?.terminate();
    }
  };
  cleanups.push(() => {
    platform.dispose();
    supervisor.port2.close();
    for (const worker of workers.values()) worker.terminate();
  });
  platform.files.replace({
    'host.json':
      '{"customHandler":{"description":{"defaultExecutablePath":"node","defaultWorkerPath":"server.js"}}}',
    'server.js': 'require("http").createServer().listen(process.env.FUNCTIONS_CUSTOMHANDLER_PORT)',
    'local.settings.json': '{}',
    'order/function.json': '{"bindings":[]}',
    'order/notes.txt': 'not a function file',
    'lib/util.js': '',
    '.git/function.json': '{}',
  });
  return { platform, workers, requests, supervisorPort: supervisor.port2 };
}

/** A handler worker's side of the process port, driven by the test. */
class FakeWorker {
  start: HandlerStart | undefined;
  onStart: () => void = () => undefined;
  terminated = false;
  readonly received: ToHandler[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, (result: { port: number; error?: string }) => void>();
  onConnection: (stream: ByteStream) => void = () => undefined;

  constructor(
    readonly pid: number,
    private readonly port: MessagePort,
  ) {
    port.onmessage = (event: MessageEvent<ToHandler>) => {
      if (this.terminated) return;
      const message = event.data;
      this.received.push(message);
      if (message.t === 'start') {
        this.start = message;
        this.onStart();
      } else if (message.t === 'listen-result') {
        this.pending.get(message.id)?.(message);
      } else {
        this.onConnection(
          portStream(message.stream, { localPort: message.port, remotePort: message.remotePort }),
        );
      }
    };
  }

  send(message: FromHandler): void {
    if (!this.terminated) this.port.postMessage(message);
  }

  listen(port: number): Promise<{ port: number; error?: string }> {
    const id = this.nextId++;
    this.send({ t: 'listen', id, port });
    return new Promise((resolve) => this.pending.set(id, resolve));
  }

  /** As worker.terminate(): nothing more is sent or received, ports die silently. */
  terminate(): void {
    this.terminated = true;
    this.port.close();
  }
}

/** A handler that listens where the host says and answers each connection with what it got. */
function echoServer(worker: FakeWorker): void {
  worker.onConnection = (stream) => {
    let got = '';
    stream.onData((chunk) => (got += decode(chunk)));
    stream.onEnd(() => {
      stream.write(encode(`echo:${got}`));
      stream.end();
    });
  };
  void worker.listen(Number(worker.start!.env.FUNCTIONS_CUSTOMHANDLER_PORT));
}

function command(overrides: Partial<HandlerCommand> = {}): HandlerCommand {
  return {
    file: 'node',
    args: ['server.js'],
    arguments: ' server.js',
    commandLine: 'node server.js',
    cwd: '/app',
    ...overrides,
  };
}

function spawnHandler(platform: InPagePlatform, port: number, overrides: Partial<HandlerCommand> = {}) {
  const handler = platform.spawn({
    command: command(overrides),
    env: { FUNCTIONS_CUSTOMHANDLER_PORT: String(port) },
  });
  const lines: string[] = [];
  handler.onLine((line, stream) => lines.push(`${stream}:${line}`));
  const exit = new Promise<[number | null, string | null]>((resolve) =>
    handler.onExit((code, signal) => resolve([code, signal])),
  );
  const error = new Promise<{ code?: string; message: string }>((resolve) => handler.onError(resolve));
  return { handler, lines, exit, error };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await tick(2);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function connectWhenListening(platform: InPagePlatform, port: number): Promise<ByteStream> {
  await until(() => platform.switchboard.isBound(port), `port ${port} to listen`);
  return platform.connect(port, '127.0.0.1');
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('InPagePlatform: ports', () => {
  it('connects in-worker streams both ways through a listener, with EOF after the data', async () => {
    const { platform } = harness();
    let request = '';
    const listener = await platform.listen(0, '127.0.0.1', (server) => {
      server.onData((chunk) => (request += decode(chunk)));
      server.onEnd(() => {
        server.write(encode(`pong to ${request}`));
        server.end();
      });
    });
    expect(listener.port).toBeGreaterThan(1023);
    const client = await platform.connect(listener.port, '127.0.0.1');
    expect(client.remotePort).toBe(listener.port);
    const answer = collect(client);
    client.write(encode('ping'));
    client.end();
    expect(await answer).toEqual({ text: 'pong to ping' });
    await listener.close();
  });

  it("refuses connections where nothing listens, with Node's ECONNREFUSED", async () => {
    const { platform } = harness();
    await expect(platform.connect(7071, '127.0.0.1')).rejects.toMatchObject({
      code: 'ECONNREFUSED',
      message: 'connect ECONNREFUSED 127.0.0.1:7071',
    });
  });

  it('refuses a second listener on a port with EADDRINUSE, and frees the port on close', async () => {
    const { platform } = harness();
    const first = await platform.listen(7071, '127.0.0.1', () => undefined);
    expect(await platform.canBind(7071)).toBe(false);
    await expect(platform.listen(7071, '127.0.0.1', () => undefined)).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
    await first.close();
    expect(await platform.canBind(7071)).toBe(true);
    await expect(platform.connect(7071, '127.0.0.1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('closing a listener closes its open connections', async () => {
    const { platform } = harness();
    const listener = await platform.listen(0, '127.0.0.1', () => undefined);
    const client = await platform.connect(listener.port, '127.0.0.1');
    const closed = collect(client);
    await tick();
    await listener.close();
    expect(await closed).toEqual({ text: '' });
  });

  it('picks free ports that nothing listens on', async () => {
    const { platform } = harness();
    const taken = await platform.listen(0, '127.0.0.1', () => undefined);
    const picks = new Set<number>();
    for (let i = 0; i < 50; i++) picks.add(await platform.pickFreePort());
    expect(picks.has(taken.port)).toBe(false);
    for (const port of picks) expect(await platform.canBind(port)).toBe(true);
  });
});

describe('InPagePlatform: handlers', () => {
  it('starts a handler worker with the app, its argv, cwd and env', async () => {
    const { platform, workers } = harness();
    spawnHandler(platform, 40001);
    await until(() => workers.get(1000)?.start !== undefined, 'the start message');
    expect(workers.get(1000)!.start).toMatchObject({
      t: 'start',
      appRoot: '/app',
      entry: '/app/server.js',
      argv: ['node', '/app/server.js'],
      cwd: '/app',
      env: { FUNCTIONS_CUSTOMHANDLER_PORT: '40001' },
      pid: 1000,
      files: { 'server.js': expect.any(String), 'order/function.json': '{"bindings":[]}' },
    });
  });

  it("connects the host to the handler's port and back", async () => {
    const { platform } = harness();
    spawnHandler(platform, 40002);
    const client = await connectWhenListening(platform, 40002);
    const answer = collect(client);
    client.write(encode('GET / HTTP/1.1\r\n\r\n'));
    client.end();
    expect(await answer).toEqual({ text: 'echo:GET / HTTP/1.1\r\n\r\n' });
  });

  it("turns the handler's output into lines per stream, flushing a last partial line at exit", async () => {
    const { platform } = harness((worker) => {
      worker.send({ t: 'output', stream: 'stdout', text: 'listen' });
      worker.send({ t: 'output', stream: 'stdout', text: 'ing on 40003\r\nsecond\n' });
      worker.send({ t: 'output', stream: 'stderr', text: 'warn: careful\nno newline' });
      worker.send({ t: 'exit', code: 3 });
    });
    const { lines, exit } = spawnHandler(platform, 40003);
    expect(await exit).toEqual([3, null]);
    expect(lines).toEqual([
      'stdout:listening on 40003',
      'stdout:second',
      'stderr:warn: careful',
      'stderr:no newline',
    ]);
  });

  it('kill terminates the worker, exits with SIGKILL, frees its port and resets connections', async () => {
    const { platform, requests, workers } = harness((worker) => {
      worker.onConnection = () => undefined; // accepts, never answers: a hung handler
      void worker.listen(40004);
    });
    const { handler, exit } = spawnHandler(platform, 40004);
    const client = await connectWhenListening(platform, 40004);
    const closed = collect(client);
    handler.kill();
    expect(handler.exited).toBe(true);
    expect(await exit).toEqual([null, 'SIGKILL']);
    expect(await closed).toEqual({ text: '', error: 'ECONNRESET' });
    expect(await platform.canBind(40004)).toBe(true);
    await until(() => workers.get(1000)?.terminated === true, 'the worker to be terminated');
    expect(requests.map((r) => r.t)).toEqual(['spawn', 'kill']);
  });

  it('an exit message ends the worker too, and a second exit or kill changes nothing', async () => {
    const { platform, requests } = harness((worker) => worker.send({ t: 'exit', code: 0 }));
    const { handler, exit } = spawnHandler(platform, 40005);
    const exits: unknown[] = [];
    handler.onExit((...args) => exits.push(args));
    expect(await exit).toEqual([0, null]);
    handler.kill();
    await tick();
    expect(exits).toEqual([[0, null]]);
    await until(() => requests.length === 2, 'the kill request');
    expect(requests.map((r) => r.t)).toEqual(['spawn', 'kill']);
  });

  it('a worker error reported by the iframe is printed on stderr and exits with code 1', async () => {
    const { platform, supervisorPort } = harness((worker) =>
      supervisorPort.postMessage({
        t: 'worker-error',
        pid: worker.pid,
        message: 'Uncaught SyntaxError: Unexpected token',
        filename: '/app/server.js',
        lineno: 4,
        colno: 9,
      }),
    );
    const { lines, exit } = spawnHandler(platform, 40006);
    expect(await exit).toEqual([1, null]);
    expect(lines).toEqual(['stderr:Uncaught SyntaxError: Unexpected token (/app/server.js:4:9)']);
  });

  it("answers the handler's listen with EADDRINUSE when the port is taken, and frees it on unlisten", async () => {
    const results: { port: number; error?: string }[] = [];
    const { platform } = harness((worker) => {
      void (async () => {
        results.push(await worker.listen(7071));
        results.push(await worker.listen(0));
        worker.send({ t: 'unlisten', port: results[1]!.port });
        results.push(await worker.listen(results[1]!.port));
      })();
    });
    await platform.listen(7071, '127.0.0.1', () => undefined);
    spawnHandler(platform, 40007);
    await until(() => results.length === 3, 'three listen results');
    expect(results[0]).toEqual({ t: 'listen-result', id: 1, port: 7071, error: 'EADDRINUSE' });
    expect(results[1]!.port).toBeGreaterThan(1023);
    expect(results[2]).toEqual({ t: 'listen-result', id: 3, port: results[1]!.port });
  });

  it('refuses a handler that is not run by node, naming the engines that can run it', async () => {
    const { platform, requests } = harness();
    const { handler, error } = spawnHandler(platform, 40008, {
      file: 'python3',
      args: ['handler.py'],
      commandLine: 'python3 handler.py',
    });
    const failure = await error;
    expect(failure.code).toBe('ERR_INPAGE_UNSUPPORTED');
    expect(failure.message).toMatch(/"python3"/);
    expect(failure.message).toMatch(/WebContainer/);
    expect(failure.message).toMatch(/npm start/);
    expect(failure.message).toMatch(/CLI/);
    expect(handler.exited).toBe(true);
    expect(requests).toEqual([]);
  });

  it('refuses a node handler whose entry file is missing, naming the file', async () => {
    const { platform } = harness();
    const { error } = spawnHandler(platform, 40009, { args: ['missing.js'], commandLine: 'node missing.js' });
    expect(await error).toMatchObject({
      code: 'MODULE_NOT_FOUND',
      message: expect.stringMatching(/\/app\/missing\.js is not in the app/),
    });
  });

  it('finds the entry as node does, without its .js or as a folder index', async () => {
    const { platform, workers } = harness(() => undefined);
    spawnHandler(platform, 40010, { args: ['--enable-source-maps', 'server', 'extra'] });
    spawnHandler(platform, 40011, { args: ['lib/util'], cwd: '/app' });
    await until(() => workers.size === 2 && [...workers.values()].every((w) => w.start), 'two starts');
    expect(workers.get(1000)!.start!.argv).toEqual(['node', '/app/server.js', 'extra']);
    expect(workers.get(1001)!.start!.entry).toBe('/app/lib/util.js');
  });
});

describe('InPagePlatform: app files and the rest', () => {
  it("reads the app as the Node platform does, from the page's file map", async () => {
    const { platform } = harness();
    const files = await platform.readAppFiles('/app');
    expect(files.hostJson).toMatch(/customHandler/);
    expect(files.localSettingsJson).toBe('{}');
    expect(files.functionFolders).toEqual([{ name: 'order', functionJson: '{"bindings":[]}' }]);
    expect(platform.fileExists('/app/server.js')).toBe(true);
    expect(platform.fileExists('/app/./order/../server.js')).toBe(true);
    expect(platform.fileExists('/app/order')).toBe(false); // a folder is not a file
    expect(platform.fileExists('/elsewhere/server.js')).toBe(false);
    platform.files.replace({ 'host.json': '{}' });
    expect((await platform.readAppFiles('/app')).functionFolders).toEqual([]);
  });

  it('makes version 4 UUIDs and random bytes without crypto.randomUUID', () => {
    const { platform } = harness();
    const ids = new Set(Array.from({ length: 100 }, () => platform.randomUUID()));
    expect(ids.size).toBe(100);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(platform.randomBytes(70_000).length).toBe(70_000);
  });

  it('names itself and its machine, with clocks and a time zone', () => {
    const { platform } = harness();
    expect(platform.name).toBe('in-page');
    expect(platform.hostname()).toBe('localhost');
    expect(platform.defaultTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(Math.abs(platform.now() - Date.now())).toBeLessThan(1000);
    const a = platform.monotonic();
    expect(platform.monotonic()).toBeGreaterThanOrEqual(a);
    expect(platform.env).toEqual({ PATH: '/usr/bin' });
    expect(platform.processorCount()).toBeGreaterThanOrEqual(1);
  });
});
