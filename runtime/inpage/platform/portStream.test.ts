import { afterEach, describe, expect, it } from 'vitest';
import { portStream } from './portStream';

const text = (chunks: Uint8Array[]) => new TextDecoder().decode(concat(chunks));
const bytes = (s: string) => new TextEncoder().encode(s);
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) out.set(c, (at += c.byteLength) - c.byteLength);
  return out;
}

/** A connection's two ends, with everything each one saw, in order. */
function pair() {
  const channel = new MessageChannel();
  const a = portStream(channel.port1, { localPort: 50000, remotePort: 7071 });
  const b = portStream(channel.port2, { localPort: 7071, remotePort: 50000 });
  const seen = (s: typeof a) => {
    const log: string[] = [];
    const data: Uint8Array[] = [];
    s.onData((c) => (data.push(c), log.push('data')));
    s.onEnd(() => log.push('end'));
    s.onClose((e) => log.push(e ? `close:${e.code}` : 'close'));
    return { log, data };
  };
  open.push(a, b);
  return { a, b, seenA: seen(a), seenB: seen(b) };
}

const open: ReturnType<typeof portStream>[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.destroy();
});

describe('portStream', () => {
  it('carries bytes in order, copies them, and reports socket-like addresses', async () => {
    const { a, b, seenB } = pair();
    const buffer = bytes('hello ');
    a.write(buffer);
    buffer.fill(0); // the caller reusing its buffer must not change what was sent
    a.write(bytes('world'));
    await tick();
    expect(text(seenB.data)).toBe('hello world');
    expect([a.localPort, a.remotePort, b.localPort, b.remotePort]).toEqual([50000, 7071, 7071, 50000]);
    expect(a.remoteAddress).toBe('127.0.0.1');
  });

  it("sends only a Buffer view's own bytes, not the pool it is cut from (the handler writes Buffers)", async () => {
    const { a, seenB } = pair();
    const pool = Buffer.from('xxxxGET / HTTP/1.1\r\n\r\nyyyy');
    a.write(pool.subarray(4, 22));
    await tick();
    expect(seenB.data.map((c) => c.byteLength)).toEqual([18]);
    expect(text(seenB.data)).toBe('GET / HTTP/1.1\r\n\r\n');
  });

  it('half-closes: the peer sees end after the data, may still answer, and both close after', async () => {
    const { a, b, seenA, seenB } = pair();
    a.write(bytes('request'));
    a.end();
    expect(a.write(bytes('late'))).toBe(false);
    await tick();
    expect(seenB.log).toEqual(['data', 'end']);
    expect(b.write(bytes('response'))).toBe(true);
    b.end();
    await tick();
    expect(text(seenA.data)).toBe('response');
    expect(seenA.log).toEqual(['data', 'end', 'close']);
    expect(seenB.log).toEqual(['data', 'end', 'close']);
  });

  it('destroy with an error resets the peer with its code; without one the peer sees an orderly end', async () => {
    const reset = pair();
    reset.a.destroy(Object.assign(new Error('boom'), { code: 'ECONNRESET' }));
    await tick();
    expect(reset.seenA.log).toEqual(['close:ECONNRESET']);
    expect(reset.seenB.log).toEqual(['close:ECONNRESET']);
    expect(reset.b.write(bytes('x'))).toBe(false);

    const orderly = pair();
    orderly.a.write(bytes('bye'));
    orderly.a.destroy();
    await tick();
    expect(orderly.seenB.log).toEqual(['data', 'end', 'close']);
  });

  it('holds data while paused and delivers end only after it', async () => {
    const { a, b, seenB } = pair();
    b.pause();
    a.write(bytes('one'));
    a.end();
    await tick();
    expect(seenB.log).toEqual([]);
    b.resume();
    await tick();
    expect(seenB.log).toEqual(['data', 'end']);
  });

  it('keeps data that arrives before anyone reads it', async () => {
    const channel = new MessageChannel();
    const a = portStream(channel.port1, { localPort: 1, remotePort: 2 });
    const b = portStream(channel.port2, { localPort: 2, remotePort: 1 });
    open.push(a, b);
    a.write(bytes('early'));
    await tick();
    const got: Uint8Array[] = [];
    b.onData((c) => got.push(c));
    await tick();
    expect(text(got)).toBe('early');
  });

  it('treats a malformed message as a broken connection', async () => {
    const channel = new MessageChannel();
    const b = portStream(channel.port2, { localPort: 2, remotePort: 1 });
    const closed = new Promise((resolve) => b.onClose(resolve));
    channel.port1.postMessage({ t: 'data', bytes: 'not a buffer' });
    expect(await closed).toMatchObject({ code: 'EPROTO' });
    channel.port1.close();
  });
});
