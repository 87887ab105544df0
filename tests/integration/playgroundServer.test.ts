import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeFrame, FrameDecoder } from '../../runtime/core/control/framing';
import type { HostEvent } from '../../runtime/core/control/protocol';
import { startPlaygroundServer } from '../../runtime/node/playgroundServer/server';
import type { PlaygroundServer } from '../../runtime/node/playgroundServer/server';
import { buildHost } from '../../scripts/build-host.mjs';
import { alive } from '../support/processes';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ORDER = join(ROOT, 'examples', 'order');

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** node:http rather than fetch: fetch will not send a Host header of our choosing. */
function raw(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<RawResponse> {
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolvePromise({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function until(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every file of the example, app-relative, as the page would sync them (README.md is for people, playground.json for the page). */
function readApp(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name !== 'README.md' && entry.name !== 'playground.json')
        files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

/** Reads a host run's event stream with fetch, as the page's EventSource would. */
class OutputReader {
  readonly events: HostEvent[] = [];
  readonly chunks: string[] = [];
  readonly eventIds: number[] = [];
  exitCode: number | undefined;
  ended = false;
  private readonly decoder = new FrameDecoder();
  private readonly abort = new AbortController();

  constructor(url: string) {
    void this.read(url);
  }

  get text(): string {
    return this.chunks.join('');
  }

  result(id: string) {
    return this.events.find(
      (e): e is Extract<HostEvent, { type: 'command.result' }> => e.type === 'command.result' && e.id === id,
    );
  }

  close(): void {
    this.abort.abort();
  }

  private async read(url: string): Promise<void> {
    try {
      const res = await fetch(url, { signal: this.abort.signal });
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          this.onEvent(buffer.slice(0, at));
          buffer = buffer.slice(at + 2);
        }
      }
    } catch {
      // aborted
    }
    this.ended = true;
  }

  private onEvent(block: string): void {
    let type = 'message';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) type = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
      else if (line.startsWith('id: ')) this.eventIds.push(Number(line.slice(4)));
    }
    if (type === 'exit') this.exitCode = Number(data);
    else if (type === 'message' && data !== '') {
      const chunk = JSON.parse(data) as string;
      this.chunks.push(chunk);
      this.events.push(...(this.decoder.push(chunk).messages as HostEvent[]));
    }
  }
}

describe('the local engine server', () => {
  const temp = mkdtempSync(join(tmpdir(), 'fchp-local-test-'));
  const distDir = join(temp, 'dist');
  const engineTemp = join(temp, 'engine');
  const hostBundle = join(temp, 'host', 'host.mjs');
  let server: PlaygroundServer;
  let origin: string;
  const readers: OutputReader[] = [];
  const pids: number[] = [];

  const engine = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${origin}${path}`, {
      method,
      headers: {
        'X-Engine-Token': server.token,
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  const createSession = async (): Promise<string> => {
    const res = await engine('POST', '/engine/sessions');
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };

  /** The one app folder a session made under the server's temp folder. */
  const appFolders = (): string[] => {
    const [serverRoot] = readdirSync(engineTemp);
    return serverRoot
      ? readdirSync(join(engineTemp, serverRoot)).map((f) => join(engineTemp, serverRoot, f))
      : [];
  };

  beforeAll(async () => {
    await buildHost({ outfile: hostBundle, quiet: true });
    mkdirSync(join(distDir, 'assets'), { recursive: true });
    mkdirSync(engineTemp);
    writeFileSync(
      join(distDir, 'index.html'),
      '<!doctype html>\n<html>\n  <head>\n    <title>t</title>\n  </head>\n  <body></body>\n</html>\n',
    );
    writeFileSync(join(distDir, 'assets', 'index-AbC123.js'), 'console.log(1);\n');
    server = await startPlaygroundServer({ distDir, hostBundle, port: 0, tempDir: engineTemp });
    origin = `http://127.0.0.1:${server.port}`;
  }, 60_000);

  afterAll(async () => {
    for (const reader of readers) reader.close();
    await server?.close();
    for (const pid of pids) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // gone, as it should be
      }
    }
    rmSync(temp, { recursive: true, force: true });
  });

  test('serves index.html with this run’s token and the isolation headers', async () => {
    expect(server.url).toBe(`${origin}/`);
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(res.headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const meta = /<meta name="fchp-engine" content="([^"]*)" \/>/.exec(html);
    expect(meta, html).not.toBeNull();
    // The JSON is HTML-escaped inside the attribute: no raw quote can end it early.
    expect(meta![1]).toContain('&quot;');
    const content = meta![1]!
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    expect(JSON.parse(content)).toEqual({ kind: 'local', token: server.token });
    expect(server.token.length).toBeGreaterThanOrEqual(32);
    expect(html.indexOf('fchp-engine')).toBeLessThan(html.indexOf('<title>'));
  });

  test('serves hashed assets with their type, cached for good, with the same headers', async () => {
    const res = await fetch(`${origin}/assets/index-AbC123.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(await res.text()).toBe('console.log(1);\n');
    const missing = await fetch(`${origin}/assets/nope.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    const escape = await raw(server.port, 'GET', '/assets/..%2f..%2fengine%2fx', {
      Host: `127.0.0.1:${server.port}`,
    });
    expect(escape.status).toBe(404);
  });

  test('fails to start on a port in use, leaving no temp folder', async () => {
    await expect(
      startPlaygroundServer({ distDir, hostBundle, port: server.port, tempDir: engineTemp }),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    expect(readdirSync(engineTemp)).toHaveLength(1); // the running server's own
  });

  test('refuses a Host that is not 127.0.0.1 or localhost (DNS rebinding), even for the page', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`]) {
      const page = await raw(server.port, 'GET', '/', { Host: host });
      expect(page.status, host).toBe(403);
      expect(page.body).not.toContain(server.token);
      const api = await raw(server.port, 'POST', '/engine/sessions', {
        Host: host,
        'X-Engine-Token': server.token,
      });
      expect(api.status, host).toBe(403);
    }
    const ok = await raw(server.port, 'GET', '/', { Host: `localhost:${server.port}` });
    expect(ok.status).toBe(200);
  });

  test('refuses engine requests from a foreign Origin, even with the token', async () => {
    const res = await raw(server.port, 'POST', '/engine/sessions', {
      Host: `127.0.0.1:${server.port}`,
      Origin: 'http://evil.example',
      'X-Engine-Token': server.token,
    });
    expect(res.status).toBe(403);
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(res.body).toMatch(/evil\.example/);
    const ours = await raw(server.port, 'POST', '/engine/sessions', {
      Host: `localhost:${server.port}`,
      Origin: `http://localhost:${server.port}`,
      'X-Engine-Token': server.token,
    });
    expect(ours.status).toBe(201);
    const { id } = JSON.parse(ours.body) as { id: string };
    expect((await engine('DELETE', `/engine/sessions/${id}`)).status).toBe(204);
  });

  test('refuses engine requests without the token, or with a wrong one', async () => {
    const none = await fetch(`${origin}/engine/sessions`, { method: 'POST' });
    expect(none.status).toBe(401);
    expect(await none.text()).toMatch(/token/);
    const wrong = await engine('POST', '/engine/sessions', undefined, { 'X-Engine-Token': 'x'.repeat(43) });
    expect(wrong.status).toBe(401);
    // The query form is for the event stream only (EventSource cannot set headers).
    const query = await fetch(`${origin}/engine/sessions?token=${server.token}`, { method: 'POST' });
    expect(query.status).toBe(401);
    const stream = await fetch(`${origin}/engine/sessions/none/hosts/1/output`);
    expect(stream.status).toBe(401);
    expect(appFolders()).toEqual([]);
  });

  test('refuses paths that leave the app folder, writing nothing', async () => {
    const id = await createSession();
    const [appDir] = appFolders();
    expect(appDir).toBeDefined();
    for (const path of [
      '../x',
      '/etc/passwd',
      'a/../../b',
      'a\\..\\..\\b',
      'a/./b',
      'x\u0000y',
      'C:/x',
      '',
    ]) {
      const res = await engine('POST', `/engine/sessions/${id}/files`, {
        // A good file next to the bad one: the whole sync is refused, not half applied.
        write: { 'host.json': '{}', [path]: 'pwned' },
      });
      expect(res.status, JSON.stringify(path)).toBe(400);
      expect(await res.text()).toContain(JSON.stringify(path));
    }
    const removal = await engine('POST', `/engine/sessions/${id}/files`, { remove: ['../../engine'] });
    expect(removal.status).toBe(400);
    expect(readdirSync(appDir!)).toEqual([]);
    expect(existsSync(join(appDir!, '..', 'x'))).toBe(false);
    expect(existsSync(join(engineTemp, 'x'))).toBe(false);
    expect(existsSync(join(appDir!, '..', '..', 'b'))).toBe(false);
    expect(readdirSync(engineTemp)).toHaveLength(1); // the server's own folder, nothing else

    // Wrong shapes are refused with a reason too.
    const notText = await engine('POST', `/engine/sessions/${id}/files`, { write: { 'a.js': 1 } });
    expect(notText.status).toBe(400);
    const notJson = await fetch(`${origin}/engine/sessions/${id}/files`, {
      method: 'POST',
      headers: { 'X-Engine-Token': server.token, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(notJson.status).toBe(415);
    const huge = await engine('POST', `/engine/sessions/${id}/files`, {
      write: { 'a.txt': 'x'.repeat(9 << 20) },
    });
    expect(huge.status).toBe(413);

    // Good paths land where they should; removing prunes the folders left empty.
    const ok = await engine('POST', `/engine/sessions/${id}/files`, { write: { 'f/g/h.txt': 'hi' } });
    expect(ok.status).toBe(204);
    expect(readFileSync(join(appDir!, 'f', 'g', 'h.txt'), 'utf8')).toBe('hi');
    await engine('POST', `/engine/sessions/${id}/files`, { remove: ['f/g/h.txt'] });
    expect(readdirSync(appDir!)).toEqual([]);

    expect((await engine('DELETE', `/engine/sessions/${id}`)).status).toBe(204);
    expect(existsSync(appDir!)).toBe(false);
    expect((await engine('POST', `/engine/sessions/${id}/files`, { write: {} })).status).toBe(404);
  });

  test('runs the order example end to end over the event stream and stdin', async () => {
    const id = await createSession();
    const sync = await engine('POST', `/engine/sessions/${id}/files`, { write: readApp(ORDER) });
    expect(sync.status).toBe(204);
    const [appDir] = appFolders();
    expect(readdirSync(appDir!).sort()).toEqual([
      'handler.js',
      'host.json',
      'local.settings.json',
      'order',
      'processOrder',
    ]);

    const started = await engine('POST', `/engine/sessions/${id}/hosts`);
    expect(started.status).toBe(201);
    const { host, pid } = (await started.json()) as { host: number; pid: number };
    pids.push(pid);
    expect(alive(pid)).toBe(true);
    // Connected after the host started: what it wrote before is replayed.
    const reader = new OutputReader(
      `${origin}/engine/sessions/${id}/hosts/${host}/output?token=${server.token}`,
    );
    readers.push(reader);
    await until(
      () => reader.events.some((e) => e.type === 'host.status' && e.state === 'Running'),
      'host.status Running',
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n${reader.text.slice(-2000)}`);
    });
    expect(reader.events[0]).toMatchObject({ type: 'hello', protocol: 1 });
    expect(reader.text).toContain('Functions:');
    expect(reader.eventIds[0]).toBe(1);

    const input = await engine('POST', `/engine/sessions/${id}/hosts/${host}/input`, {
      text: encodeFrame({
        type: 'http.request',
        id: 'r1',
        request: {
          method: 'POST',
          path: '/api/order',
          headers: [['Content-Type', 'application/json']],
          body: '{"id":1005,"quantity":2,"color":"black"}',
        },
      }),
    });
    expect(input.status).toBe(204);
    await until(() => reader.result('r1') !== undefined, 'the command result');
    expect(reader.result('r1')).toMatchObject({ ok: true, result: { status: 200 } });

    const killed = await engine('DELETE', `/engine/sessions/${id}/hosts/${host}`);
    expect(killed.status).toBe(202);
    await until(() => reader.exitCode !== undefined, 'the exit event', 5_000);
    expect(reader.exitCode).toBe(143); // SIGTERM: the host stopped its handler and exited
    await until(() => reader.ended, 'the stream to end', 2_000);
    expect(alive(pid)).toBe(false);
    const late = await engine('POST', `/engine/sessions/${id}/hosts/${host}/input`, { text: 'x' });
    expect(late.status).toBe(409);

    // A stream opened after the exit still replays the output and reports it.
    const after = new OutputReader(
      `${origin}/engine/sessions/${id}/hosts/${host}/output?token=${server.token}`,
    );
    readers.push(after);
    await until(() => after.exitCode !== undefined, 'the replayed exit', 2_000);
    expect(after.text).toBe(reader.text);
    expect((await engine('DELETE', `/engine/sessions/${id}`)).status).toBe(204);
  });

  test('starting again replaces the host; closing the server leaves no process and no folder', async () => {
    const id = await createSession();
    await engine('POST', `/engine/sessions/${id}/files`, { write: readApp(ORDER) });
    const first = (await (await engine('POST', `/engine/sessions/${id}/hosts`)).json()) as {
      host: number;
      pid: number;
    };
    pids.push(first.pid);
    const reader = new OutputReader(
      `${origin}/engine/sessions/${id}/hosts/${first.host}/output?token=${server.token}`,
    );
    readers.push(reader);
    await until(
      () => reader.events.some((e) => e.type === 'host.status' && e.state === 'Running'),
      'Running',
    );

    const second = (await (await engine('POST', `/engine/sessions/${id}/hosts`)).json()) as {
      host: number;
      pid: number;
    };
    pids.push(second.pid);
    expect(second.host).toBe(first.host + 1);
    // One host per session: the first was stopped before the second started.
    expect(alive(first.pid)).toBe(false);
    await until(() => reader.exitCode !== undefined, 'the first exit', 2_000);
    expect(reader.exitCode).toBe(143);
    expect(alive(second.pid)).toBe(true);
    const secondReader = new OutputReader(
      `${origin}/engine/sessions/${id}/hosts/${second.host}/output?token=${server.token}`,
    );
    readers.push(secondReader);
    await until(
      () => secondReader.events.some((e) => e.type === 'host.status' && e.state === 'Running'),
      'Running again',
    );
    const status = secondReader.events.find(
      (e): e is Extract<HostEvent, { type: 'host.status' }> =>
        e.type === 'host.status' && e.state === 'Running',
    );
    const handlerPid = status!.handler.pid!;
    expect(alive(handlerPid)).toBe(true);

    // A session limit: the eighth is the last one granted.
    const extra: string[] = [];
    for (let i = 0; i < 7; i++) extra.push(await createSession());
    const refused = await engine('POST', '/engine/sessions');
    expect(refused.status).toBe(429);
    expect(await refused.text()).toMatch(/Too many/);

    await server.close();
    // The streams still open heard the hosts' exits before the server went.
    await until(() => secondReader.ended, 'the stream to end', 2_000);
    expect(secondReader.exitCode).toBe(143);
    expect(alive(second.pid)).toBe(false);
    await until(() => !alive(handlerPid), `handler ${handlerPid} to be gone`, 3_000);
    expect(readdirSync(engineTemp)).toEqual([]);
    await expect(fetch(server.url)).rejects.toThrow();
  });
});
