import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startPlaygroundServer } from '../../runtime/node/playgroundServer/server';
import type { PlaygroundServer } from '../../runtime/node/playgroundServer/server';
import { MAX_STREAMS_PER_RUN, STREAM_BUFFER_BYTES } from '../../runtime/node/playgroundServer/outputStream';
import { buildHost } from '../../scripts/build-host.mjs';

/**
 * Output streams of the local engine against readers that stop reading: a chatty handler (real
 * processes) writes far more than the server keeps, while paused readers (real sockets that never
 * read) hold their streams open. What the server buffers for them must stay bounded.
 */

/** A handler that answers nothing useful but prints ~60 kB lines as fast as the pipe takes them. */
const CHATTY_HANDLER = `
const http = require('node:http');
http.createServer((req, res) => res.end('ok')).listen(Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT));
const line = 'x'.repeat(60000) + '\\n';
const spill = () => { while (process.stdout.write(line)); process.stdout.once('drain', spill); };
spill();
`;

const APP = {
  'host.json': JSON.stringify({
    version: '2.0',
    customHandler: { description: { defaultExecutablePath: 'node', defaultWorkerPath: 'handler.js' } },
  }),
  'handler.js': CHATTY_HANDLER,
  'ping/function.json': JSON.stringify({
    bindings: [
      { type: 'httpTrigger', direction: 'in', name: 'req', authLevel: 'anonymous' },
      { type: 'http', direction: 'out', name: 'res' },
    ],
  }),
};

async function until(predicate: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A raw stream request whose socket is paused at once: it never reads what the server sends. */
function pausedReader(port: number, path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      socket.pause();
      resolve(socket);
    });
    // A small receive window makes the server's writes back up sooner.
    socket.setNoDelay(true);
    socket.on('error', reject);
  });
}

/** Reads everything a socket gets until it ends (or `limit` bytes), as text. */
function drain(socket: Socket, limit = 64 << 20): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks).toString('utf8'));
    socket.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    socket.on('end', done);
    socket.on('close', done);
    socket.resume();
  });
}

describe('output streams of the local engine under paused readers', () => {
  const temp = mkdtempSync(join(tmpdir(), 'fchp-streams-test-'));
  const distDir = join(temp, 'dist');
  const hostBundle = join(temp, 'host', 'host.mjs');
  let server: PlaygroundServer;
  let origin: string;
  const sockets: Socket[] = [];

  const engine = (method: string, path: string, body?: unknown) =>
    fetch(`${origin}${path}`, {
      method,
      headers: {
        'X-Engine-Token': server.token,
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    await buildHost({ outfile: hostBundle, quiet: true });
    mkdirSync(distDir, { recursive: true });
    writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>t</title>');
    mkdirSync(join(temp, 'engine'));
    server = await startPlaygroundServer({ distDir, hostBundle, port: 0, tempDir: join(temp, 'engine') });
    origin = `http://127.0.0.1:${server.port}`;
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await server?.close();
    rmSync(temp, { recursive: true, force: true });
  });

  test('paused readers of a chatty handler cost a bounded buffer, and hear why they were dropped', async () => {
    const session = ((await (await engine('POST', '/engine/sessions')).json()) as { id: string }).id;
    expect((await engine('POST', `/engine/sessions/${session}/files`, { write: APP })).status).toBe(204);
    const started = await engine('POST', `/engine/sessions/${session}/hosts`);
    expect(started.status).toBe(201);
    const { host } = (await started.json()) as { host: number };
    const streamPath = `/engine/sessions/${session}/hosts/${host}/output?token=${server.token}`;

    const paused: Socket[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_RUN; i++) paused.push(await pausedReader(server.port, streamPath));
    sockets.push(...paused);
    await until(() => server.streamStats().open === MAX_STREAMS_PER_RUN, 'the streams to open');

    // Well past what the server keeps of a run's output (4 MB): each paused reader falls behind it.
    const startTotal = server.streamStats().outputChars;
    let peak = 0;
    await until(() => {
      peak = Math.max(peak, server.streamStats().bufferedBytes);
      return server.streamStats().outputChars - startTotal > 24 << 20;
    }, '24 MB of handler output');

    console.info(`[streams] peak unsent bytes across ${MAX_STREAMS_PER_RUN} paused readers: ${peak}`);
    // The bound: each reader's own buffer, never the output it missed.
    expect(peak).toBeLessThanOrEqual(MAX_STREAMS_PER_RUN * STREAM_BUFFER_BYTES * 2);

    // One more stream for the same run is refused with a reason, not opened.
    const extra = await fetch(`${origin}${streamPath}`);
    expect(extra.status).toBe(429);
    expect(await extra.text()).toMatch(/streams/);

    // A paused reader that reads again finds why its stream ended, at the end of what it got.
    // (Its tail only: the body is chunked, and megabytes of it would drown a failure message.)
    const tail = (await drain(paused[0]!)).slice(-1000);
    expect(tail).toMatch(/event: overrun\ndata: "[^"]*fell behind[^"]*"\n\n\r\n0\r\n\r\n$/);
    // So do the others, and then their streams are closed: a dropped reader holds nothing.
    for (const socket of paused.slice(1)) expect((await drain(socket)).slice(-1000)).toMatch(/overrun/);
    await until(() => server.streamStats().open === 0, 'the dropped streams to close');

    // A reader that keeps up is still served: it gets live output.
    const live = await fetch(`${origin}${streamPath}`);
    expect(live.status).toBe(200);
    const reader = live.body!.getReader();
    let got = 0;
    while (got < 1 << 20) got += (await reader.read()).value?.length ?? 0;
    await reader.cancel();

    expect((await engine('DELETE', `/engine/sessions/${session}`)).status).toBe(204);
    await until(() => server.streamStats().open === 0, 'every stream to close');
  }, 180_000);

  test('odd resume points replay from the start; unknown runs and sessions are 404', async () => {
    const quiet = { ...APP, 'handler.js': CHATTY_HANDLER.replace('spill();', '') };
    const session = ((await (await engine('POST', '/engine/sessions')).json()) as { id: string }).id;
    expect((await engine('POST', `/engine/sessions/${session}/files`, { write: quiet })).status).toBe(204);
    const started = await engine('POST', `/engine/sessions/${session}/hosts`);
    const { host } = (await started.json()) as { host: number };
    const streamPath = `/engine/sessions/${session}/hosts/${host}/output?token=${server.token}`;
    for (const lastId of ['abc', '-5', '1e400', '', '0x10', '1e3']) {
      const res = await fetch(`${origin}${streamPath}`, { headers: { 'Last-Event-ID': lastId } });
      expect(res.status, lastId).toBe(200);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      while (!text.includes('id: ')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
      }
      await reader.cancel();
      expect(text, lastId).toMatch(/^retry: 1000\n\nid: 1\n/);
    }
    for (const path of [
      `/engine/sessions/${session}/hosts/999/output`,
      `/engine/sessions/${session}/hosts/x/output`,
      '/engine/sessions/nope/hosts/1/output',
    ]) {
      const res = await fetch(`${origin}${path}?token=${server.token}`);
      expect(res.status, path).toBe(404);
    }
    expect((await engine('DELETE', `/engine/sessions/${session}`)).status).toBe(204);
  }, 120_000);
});
