import { describe, expect, it, vi } from 'vitest';
import { EngineBootError } from './engine';
import { LocalEngine, readLocalEngineConfig } from './localEngine';
import type { EventSourceLike } from './localEngine';

// The server side is tested for real in tests/integration/localEngine.test.ts; here a scripted
// server pins down what the adapter sends and how it reads the answers.

interface Call {
  readonly method: string;
  readonly path: string;
  readonly token: string | null;
  readonly body: unknown;
}

type Answer = { status: number; body?: unknown } | Error;

class FakeServer {
  readonly calls: Call[] = [];
  readonly streams: FakeEventSource[] = [];
  answer: (call: Call) => Answer = (call) => {
    if (call.method === 'POST' && call.path === '/engine/sessions')
      return { status: 201, body: { id: 's1' } };
    if (call.method === 'POST' && call.path.endsWith('/hosts')) return { status: 201, body: { host: 1 } };
    return { status: 204 };
  };

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const call: Call = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      token: new Headers(init?.headers).get('X-Engine-Token'),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    this.calls.push(call);
    await Promise.resolve();
    const answer = this.answer(call);
    if (answer instanceof Error) throw answer;
    const text = answer.body === undefined ? null : JSON.stringify(answer.body);
    return new Response(answer.status === 204 ? null : text, { status: answer.status });
  };

  readonly openEventSource = (url: string): EventSourceLike => {
    const source = new FakeEventSource(url);
    this.streams.push(source);
    return source;
  };

  engine(heartbeatMs = 0): LocalEngine {
    return new LocalEngine(
      { kind: 'local', token: 'T0K' },
      {
        baseUrl: 'http://127.0.0.1:4280',
        fetch: this.fetch,
        openEventSource: this.openEventSource,
        heartbeatMs,
      },
    );
  }
}

class FakeEventSource implements EventSourceLike {
  readyState = 1;
  closed = false;
  private readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  emit(type: string, data = ''): void {
    for (const listener of this.listeners.get(type) ?? []) listener({ data } as MessageEvent<string>);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
}

const files = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('readLocalEngineConfig', () => {
  const page = (content: string | null) => ({
    querySelector: (selector: string) =>
      selector === 'meta[name="fchp-engine"]' && content !== null ? { getAttribute: () => content } : null,
  });

  it('reads the kind and token the local server put in the page', () => {
    expect(readLocalEngineConfig(page('{"kind":"local","token":"abc"}'))).toEqual({
      kind: 'local',
      token: 'abc',
    });
  });

  it('is undefined when another server served the page, or the tag is not ours', () => {
    expect(readLocalEngineConfig(page(null))).toBeUndefined();
    expect(readLocalEngineConfig(page('not json'))).toBeUndefined();
    expect(readLocalEngineConfig(page('{"kind":"webcontainer","token":"abc"}'))).toBeUndefined();
    expect(readLocalEngineConfig(page('{"kind":"local","token":""}'))).toBeUndefined();
  });
});

describe('LocalEngine', () => {
  it('boots by creating a session, with the token', async () => {
    const server = new FakeServer();
    await server.engine().boot();
    expect(server.calls).toEqual([
      { method: 'POST', path: '/engine/sessions', token: 'T0K', body: undefined },
    ]);
  });

  it('says the server refused, and why, when it turns the page away', async () => {
    const server = new FakeServer();
    server.answer = () => ({ status: 401, body: 'Unauthorized: the engine token is wrong.' });
    const failure = await server
      .engine()
      .boot()
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(EngineBootError);
    expect((failure as EngineBootError).reason).toBe('refused');
    expect((failure as EngineBootError).message).toContain('the engine token is wrong');

    server.answer = () => ({ status: 429, body: 'Too many playground sessions are open (8).' });
    await expect(server.engine().boot()).rejects.toMatchObject({ reason: 'refused' });
    server.answer = () => new TypeError('fetch failed');
    await expect(server.engine().boot()).rejects.toMatchObject({
      reason: 'error',
      message: expect.stringContaining('npm start'),
    });
  });

  it('sends only what changed since the last sync', async () => {
    const server = new FakeServer();
    const engine = server.engine();
    await engine.boot();
    await engine.syncFiles(files({ 'host.json': '{}', 'handler.js': 'a', 'old.txt': 'x' }));
    await engine.syncFiles(files({ 'host.json': '{}', 'handler.js': 'b' }));
    await engine.syncFiles(files({ 'host.json': '{}', 'handler.js': 'b' }));
    const syncs = server.calls.filter((c) => c.path === '/engine/sessions/s1/files').map((c) => c.body);
    expect(syncs).toEqual([
      { write: { 'host.json': '{}', 'handler.js': 'a', 'old.txt': 'x' }, remove: [] },
      { write: { 'handler.js': 'b' }, remove: ['old.txt'] },
    ]);
  });

  it('after a failed sync, sends the files it could not vouch for again', async () => {
    const server = new FakeServer();
    const engine = server.engine();
    await engine.boot();
    await engine.syncFiles(files({ 'a.js': '1', 'b.js': '1' }));
    const answer = server.answer;
    server.answer = (call) =>
      call.path.endsWith('/files') ? { status: 409, body: 'Cannot write' } : answer(call);
    await expect(engine.syncFiles(files({ 'a.js': '2', 'c.js': '1' }))).rejects.toThrow('Cannot write');
    server.answer = answer;
    await engine.syncFiles(files({ 'a.js': '2' }));
    expect(server.calls.at(-1)!.body).toEqual({ write: { 'a.js': '2' }, remove: ['b.js', 'c.js'] });
  });

  it('starts a new session with every file when the server lost the old one', async () => {
    const server = new FakeServer();
    const engine = server.engine();
    await engine.boot();
    await engine.syncFiles(files({ 'a.js': '1', 'b.js': '1' }));
    let sessions = 1;
    server.answer = (call) => {
      if (call.path === '/engine/sessions') return { status: 201, body: { id: `s${++sessions}` } };
      return call.path.startsWith('/engine/sessions/s1/')
        ? { status: 404, body: 'No such session' }
        : { status: 204 };
    };
    await engine.syncFiles(files({ 'a.js': '2', 'b.js': '1' }));
    expect(server.calls.slice(-2).map((c) => [c.method, c.path, c.body])).toEqual([
      ['POST', '/engine/sessions', undefined],
      ['POST', '/engine/sessions/s2/files', { write: { 'a.js': '2', 'b.js': '1' }, remove: [] }],
    ]);
  });

  it('streams the host output, replaying what came before a listener, as a terminal shows it', async () => {
    const server = new FakeServer();
    const engine = server.engine();
    await engine.boot();
    const host = await engine.startHost();
    const [stream] = server.streams;
    expect(stream!.url).toBe('http://127.0.0.1:4280/engine/sessions/s1/hosts/1/output?token=T0K');
    stream!.emit('message', JSON.stringify('starting\n'));
    stream!.emit('message', JSON.stringify('\u001b_fchp1;2;{}\u001b\\line\r\n'));
    const seen: string[] = [];
    const stop = host.onOutput((chunk) => seen.push(chunk));
    expect(seen).toEqual(['starting\r\n', '\u001b_fchp1;2;{}\u001b\\line\r\n']);
    stream!.emit('message', JSON.stringify('more'));
    stop();
    stream!.emit('message', JSON.stringify('unheard'));
    expect(seen).toEqual(['starting\r\n', '\u001b_fchp1;2;{}\u001b\\line\r\n', 'more']);

    stream!.emit('exit', '143');
    await expect(host.exit).resolves.toBe(143);
    expect(stream!.closed).toBe(true);
  });

  it('writes input in order, one request at a time, and stops the run it started', async () => {
    const server = new FakeServer();
    const engine = server.engine();
    await engine.boot();
    const host = await engine.startHost();
    host.write('a');
    host.write('b');
    host.write('c');
    await new Promise((r) => setTimeout(r, 20));
    const inputs = server.calls
      .filter((c) => c.path.endsWith('/input'))
      .map((c) => (c.body as { text: string }).text);
    // The first goes at once; the rest wait for it to be answered, then go together.
    expect(inputs).toEqual(['a', 'bc']);

    host.kill();
    await new Promise((r) => setTimeout(r, 0));
    expect(server.calls.at(-1)).toMatchObject({ method: 'DELETE', path: '/engine/sessions/s1/hosts/1' });
  });

  it('ends the process when the server refuses its stream', async () => {
    const server = new FakeServer();
    const engine = server.engine();
    await engine.boot();
    const host = await engine.startHost();
    const seen: string[] = [];
    host.onOutput((chunk) => seen.push(chunk));
    const stream = server.streams[0]!;
    stream.readyState = 2;
    stream.emit('error');
    await expect(host.exit).resolves.toBe(-1);
    expect(seen.join('')).toContain('lost the host output stream');
  });

  it('deletes its session on dispose', async () => {
    const server = new FakeServer();
    const engine = server.engine();
    await engine.boot();
    const host = await engine.startHost();
    await engine.dispose();
    expect(server.calls.at(-1)).toMatchObject({ method: 'DELETE', path: '/engine/sessions/s1' });
    await expect(host.exit).resolves.toBe(-1);
    expect(server.streams[0]!.closed).toBe(true);
  });
});

describe('LocalEngine heartbeat', () => {
  it('tells the server the page is alive, and stops when disposed', async () => {
    vi.useFakeTimers();
    try {
      const server = new FakeServer();
      const engine = server.engine(1000);
      await engine.boot();
      await vi.advanceTimersByTimeAsync(3000);
      const beats = server.calls.filter((c) => c.path === '/engine/sessions/s1/heartbeat');
      expect(beats).toHaveLength(3);
      expect(beats[0]).toMatchObject({ method: 'POST', token: 'T0K' });
      await engine.dispose();
      await vi.advanceTimersByTimeAsync(5000);
      expect(server.calls.filter((c) => c.path.endsWith('/heartbeat'))).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('replaces a session the server let go, and the next sync writes every file', async () => {
    vi.useFakeTimers();
    try {
      const server = new FakeServer();
      const engine = server.engine(1000);
      await engine.boot();
      await engine.syncFiles(files({ 'host.json': '{}', 'handler.js': 'x' }));
      let next = 2;
      server.answer = (call) => {
        if (call.path === '/engine/sessions/s1/heartbeat') return { status: 404, body: 'No such session' };
        if (call.method === 'POST' && call.path === '/engine/sessions')
          return { status: 201, body: { id: `s${next++}` } };
        return { status: 204 };
      };
      await vi.advanceTimersByTimeAsync(1000);
      await engine.syncFiles(files({ 'host.json': '{}', 'handler.js': 'x' }));
      expect(server.calls.at(-1)).toMatchObject({
        path: '/engine/sessions/s2/files',
        body: { write: { 'host.json': '{}', 'handler.js': 'x' }, remove: [] },
      });
      await engine.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});
