import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Exchange } from '../../runtime/core/exchange/exchange';
import { FakeEngine, FakeHostProcess } from '../engine/fakeEngine';
import type { FakeHostScript } from '../engine/fakeEngine';
import type { EngineProcess } from '../engine/engine';
import { COMMAND_TIMEOUT_MS } from '../host/hostConnection';
import { createExchangesStore } from '../stores/exchangesStore';
import { createFilesStore } from '../stores/filesStore';
import { createRuntimeStore } from '../stores/runtimeStore';
import { createTerminalStore } from '../stores/terminalStore';
import { createTriggersStore } from '../stores/triggersStore';
import { PlaygroundSession } from './session';

function setup(
  script: FakeHostScript = () => undefined,
  failure?: ConstructorParameters<typeof FakeEngine>[1],
  engine = new FakeEngine(script, failure),
) {
  const stores = {
    files: createFilesStore(),
    runtime: createRuntimeStore('fake'),
    exchanges: createExchangesStore(),
    triggers: createTriggersStore({ method: 'POST', path: '/api/order', headers: [], body: '' }),
    terminal: createTerminalStore(),
  };
  stores.files
    .getState()
    .load({ 'host.json': '{}', 'order/function.json': '{}', 'handler.js': 'v1' }, 'order', 'handler.js');
  return { engine, stores, session: new PlaygroundSession(engine, stores) };
}

const exchange = (id: string, extra: Partial<Exchange> = {}): Exchange => ({
  id,
  trigger: 'http',
  startedAt: 0,
  state: 'succeeded',
  title: `POST /api/${id}`,
  hops: [],
  hints: [],
  logs: [],
  outputs: [],
  ...extra,
});

describe('PlaygroundSession', () => {
  test('start: boots, writes the files, starts the host and follows its events into the stores', async () => {
    const { engine, stores, session } = setup();
    await session.start();
    expect(engine.synced[0]?.get('handler.js')).toBe('v1');
    const host = engine.processes[0]!;
    host.output('\u001b[32mFunctions:\u001b[0m\r\n');
    host.emit({ type: 'host.status', state: 'Running', handler: { state: 'ready' }, errors: [] });
    host.emit({
      type: 'functions',
      functions: [{ name: 'order', trigger: 'httpTrigger', disabled: false }],
      diagnostics: [],
    });
    host.emit({ type: 'exchange', exchange: exchange('x1') });
    host.emit({
      type: 'queues',
      queues: [{ name: 'orders', count: 1, visible: 1, inFlight: 0, messages: [] }],
    });
    expect(stores.runtime.getState().engine.phase).toBe('running');
    expect(stores.runtime.getState().host?.state).toBe('Running');
    expect(stores.runtime.getState().functions.map((f) => f.name)).toEqual(['order']);
    expect(stores.exchanges.getState().order).toEqual(['x1']);
    expect(stores.triggers.getState().queues[0]?.name).toBe('orders');
    expect(stores.terminal.getState().buffer).toContain('Functions:');
  });

  test('a boot failure is reported with its reason and nothing is started', async () => {
    const { engine, stores, session } = setup(undefined, {
      reason: 'timeout',
      message: 'boot timed out after 1500 ms',
    });
    await session.start();
    expect(stores.runtime.getState().engine).toEqual({
      phase: 'failed',
      reason: 'timeout',
      message: 'boot timed out after 1500 ms',
    });
    expect(engine.processes).toEqual([]);
  });

  test('saving handler code restarts the handler; saving a function.json reloads the app', async () => {
    const { engine, stores, session } = setup();
    await session.start();
    stores.files.getState().edit('handler.js', 'v2');
    await session.save('handler.js');
    stores.files.getState().edit('order/function.json', '{"bindings":[]}');
    await session.save();
    expect(engine.processes[0]!.commands.map((c) => c.type)).toEqual(['handler.restart', 'app.reload']);
    expect(engine.synced.at(-1)?.get('handler.js')).toBe('v2');
    expect(engine.synced.at(-1)?.get('order/function.json')).toBe('{"bindings":[]}');
  });

  test('sendRequest sends the composed request, remembers it and selects its exchange', async () => {
    const { engine, stores, session } = setup((command, host) => {
      if (command.type !== 'http.request') return undefined;
      host.emit({ type: 'exchange', exchange: exchange('x9') });
      return { status: 200, exchangeId: 'x9' };
    });
    await session.start();
    const request = {
      method: 'POST',
      path: '/api/order',
      headers: [['Content-Type', 'application/json'] as const, ['', 'x'] as const],
      body: '{"id":1}',
    };
    await expect(session.sendRequest(request)).resolves.toEqual({ status: 200, exchangeId: 'x9' });
    const sent = engine.processes[0]!.commands[0]!;
    expect(sent).toMatchObject({
      type: 'http.request',
      request: {
        method: 'POST',
        path: '/api/order',
        headers: [['Content-Type', 'application/json']],
        body: '{"id":1}',
      },
    });
    // Selected with the next change the exchanges panel shows.
    await vi.waitFor(() => expect(stores.exchanges.getState().selected).toBe('x9'));
    expect(stores.triggers.getState().recent).toHaveLength(1);
  });

  test("the host's error reaches the caller; a host that exits marks the engine stopped", async () => {
    const { engine, stores, session } = setup((command) => {
      if (command.type === 'timer.fire') throw new Error("No timer function named 'x'.");
      return undefined;
    });
    await session.start();
    await expect(session.timer('fire', 'x')).rejects.toThrow("No timer function named 'x'.");
    engine.processes[0]!.exitWith(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(stores.runtime.getState().engine).toMatchObject({ phase: 'stopped' });
    await expect(session.enqueue('q', 'x')).rejects.toThrow('The host is not running yet.');
  });

  test('a malformed frame is reported in the terminal and ignored', async () => {
    const { engine, stores, session } = setup();
    await session.start();
    engine.processes[0]!.output('\u001b_fchp1;10;{"type":1}\u001b\\');
    expect(stores.terminal.getState().buffer).toContain(
      'Ignored a malformed event from the host: unknown event type 1',
    );
  });
});

/** A fake engine whose runtime reports errors, as a WebContainer's `error` event does. */
class ErroringEngine extends FakeEngine {
  readonly errorListeners = new Set<(message: string) => void>();
  onError(listener: (message: string) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }
  fail(message: string): void {
    for (const listener of this.errorListeners) listener(message);
  }
}

/** A host that loses commands, as one behind a PTY still in line mode can. */
class LossyHost extends FakeHostProcess {
  /** How many of the next writes are lost (Infinity: all). */
  lose = 0;
  override write(text: string): void {
    if (this.lose > 0) this.lose--;
    else super.write(text);
  }
}

class LossyEngine extends FakeEngine {
  override async startHost(): Promise<EngineProcess> {
    const process = new LossyHost(() => undefined);
    this.processes.push(process);
    return process;
  }
}

describe('runtime errors, lost commands and restarts', () => {
  afterEach(() => void vi.useRealTimers());

  test("the runtime's error events reach the banner and the terminal, explained", async () => {
    const engine = new ErroringEngine();
    const { stores, session } = setup(undefined, undefined, engine);
    await session.start();
    engine.fail('Unable to access IndexedDB: third-party storage is blocked');
    expect(stores.runtime.getState().engine).toEqual({
      phase: 'failed',
      reason: 'runtime-error',
      message: 'Unable to access IndexedDB: third-party storage is blocked',
    });
    const terminal = stores.terminal.getState().buffer;
    expect(terminal).toContain('[playground] The runtime said: "Unable to access IndexedDB');
    expect(terminal).toMatch(/blocks the third-party cookies or storage/);
    await session.dispose();
    expect(engine.errorListeners.size).toBe(0);
  });

  test('a lost command fails with a message naming it, and the queue moves on', async () => {
    vi.useFakeTimers();
    const engine = new LossyEngine();
    const { stores, session } = setup(undefined, undefined, engine);
    await session.start();
    const host = engine.processes[0] as LossyHost;
    host.emit({ type: 'hello', protocol: 1, hostVersion: 'test' });
    host.lose = 1;
    stores.files.getState().edit('handler.js', 'v2');
    const lost = session.save('handler.js').then(
      () => 'resolved',
      (e: Error) => e.message,
    );
    stores.files.getState().edit('order/function.json', '{"bindings":[]}');
    const next = session.save('order/function.json');
    await vi.advanceTimersByTimeAsync(COMMAND_TIMEOUT_MS);
    expect(await lost).toMatch(/did not answer the handler\.restart command within 30 s/);
    await next;
    expect(host.commands.map((c) => c.type)).toEqual(['app.reload']);
  });

  test('a command to a host that never said hello says so when it times out', async () => {
    vi.useFakeTimers();
    const engine = new LossyEngine();
    const { session } = setup(undefined, undefined, engine);
    await session.start();
    (engine.processes[0] as LossyHost).lose = Infinity;
    const outcome = session.enqueue('orders', 'x').catch((e: Error) => e.message);
    await vi.advanceTimersByTimeAsync(COMMAND_TIMEOUT_MS);
    expect(await outcome).toMatch(/queue\.enqueue command.*no hello from it yet/);
  });

  test('restart starts the new host only once the old one has exited', async () => {
    const order: string[] = [];
    class SlowToStop extends FakeEngine {
      override async startHost(): Promise<EngineProcess> {
        const process = new FakeHostProcess(() => undefined);
        const n = this.processes.push(process);
        order.push(`start ${n}`);
        // A graceful stop: the exit comes a little after the request to stop.
        process.kill = () => {
          order.push(`stop ${n}`);
          setTimeout(() => {
            order.push(`exited ${n}`);
            process.exitWith(0);
          }, 20);
        };
        return process;
      }
    }
    const { session } = setup(undefined, undefined, new SlowToStop());
    await session.start();
    await session.restart();
    expect(order).toEqual(['start 1', 'stop 1', 'exited 1', 'start 2']);
  });
});

describe('stores', () => {
  test('a write the engine refuses stops the host and says so, instead of showing Running', async () => {
    class RefusingEngine extends FakeEngine {
      refuse: string | undefined;
      override async syncFiles(files: ReadonlyMap<string, string>): Promise<void> {
        if (this.refuse) throw new Error(this.refuse);
        return super.syncFiles(files);
      }
    }
    const engine = new RefusingEngine();
    const { stores, session } = setup(undefined, undefined, engine);
    await session.start();
    engine.processes[0]!.emit({
      type: 'host.status',
      state: 'Running',
      handler: { state: 'ready' },
      errors: [],
    });
    expect(stores.runtime.getState().engine.phase).toBe('running');

    engine.refuse = 'Cannot write "handler.js": ENOSPC.';
    stores.files.getState().edit('handler.js', 'v2');
    await expect(session.save('handler.js')).rejects.toThrow('ENOSPC');
    expect(stores.runtime.getState().engine).toEqual({
      phase: 'stopped',
      message:
        'Could not write the files to the engine: Cannot write "handler.js": ENOSPC. The host was stopped, so it does not run files other than those shown; fix this and Restart.',
    });
    expect(engine.processes[0]!.killed).toBe(true);
    expect(engine.processes[0]!.commands).toEqual([]); // no restart on files it never got

    // Starting on files it cannot write fails the same way, instead of "starting host" forever.
    await session.restart();
    expect(stores.runtime.getState().engine.phase).toBe('stopped');
    expect(stores.terminal.getState().buffer).toContain('Could not write the files to the engine');
    expect(engine.processes).toHaveLength(1);

    engine.refuse = undefined;
    await session.restart();
    expect(engine.processes).toHaveLength(2);
    expect(engine.synced.at(-1)?.get('handler.js')).toBe('v2');
  });

  test('files: create, rename a folder, remove, with safe paths only', () => {
    const files = createFilesStore();
    files.getState().load({ 'a/function.json': '1', 'a/x.js': '2' }, 't');
    expect(files.getState().create('../evil.js')).toContain("'..'");
    expect(files.getState().create('<script>.js')).toContain('may only use');
    expect(files.getState().create('b/function.json', '3')).toBeUndefined();
    expect(files.getState().rename('a', 'c')).toBeUndefined();
    expect(Object.keys(files.getState().files).sort()).toEqual([
      'b/function.json',
      'c/function.json',
      'c/x.js',
    ]);
    files.getState().remove('c');
    expect(Object.keys(files.getState().files)).toEqual(['b/function.json']);
  });
});
