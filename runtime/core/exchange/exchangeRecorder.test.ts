// The exchange recorder: times from an injected clock, hops decoded only when read (and once),
// and the log bounded by bytes held without decoding anything.
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Exchange } from './exchange';
import { byteCodec } from './byteCodec';
import { ExchangeLog } from './exchangeLog';
import { ExchangeRecorder, MAX_CHUNKS_PER_HOP, WIRE_BYTES } from './exchangeRecorder';

const bytes = (text: string) => new TextEncoder().encode(text);
const REQUEST = 'POST /api/x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello';

function recorder(options: { bodyLimit?: number } = {}) {
  const clock = { wall: 1_714_557_600_000, mono: 500 };
  const published: Exchange[] = [];
  const rec = new ExchangeRecorder('http', 'POST /api/x', {
    clock: { now: () => clock.wall, monotonic: () => clock.mono },
    bodyLimit: options.bodyLimit ?? 1024,
    publish: (x) => published.push(x),
  });
  return { rec, clock, published };
}

afterEach(() => vi.restoreAllMocks());

describe('ExchangeRecorder', () => {
  test('starts at the wall clock; hop times and the duration come from the monotonic clock', () => {
    const { rec, clock, published } = recorder();
    clock.wall += 99_999; // the wall clock jumping does not move durations
    clock.mono += 3.456;
    rec.hop('caller', 'host', bytes(REQUEST));
    clock.mono += 10;
    rec.hop('host', 'caller', undefined, 'note only');
    rec.hop('timer', 'host', undefined, 'placed earlier', 1);
    clock.mono += 1;
    const done = rec.finish('succeeded');
    expect(done.startedAt).toBe(1_714_557_600_000);
    expect(done.durationMs).toBe(14.46);
    // Sorted by time, whenever recorded.
    expect(done.hops.map((h) => [h.from, h.to, h.atMs, h.note])).toEqual([
      ['timer', 'host', 1, 'placed earlier'],
      ['caller', 'host', 3.46, undefined],
      ['host', 'caller', 13.46, 'note only'],
    ]);
    expect(done.hops[2]!.message).toBeUndefined();
    expect(published).toEqual([done]);
  });

  test('body pieces keep the time each arrived, live while streaming and on the hop once recorded', () => {
    const { rec, clock } = recorder();
    clock.mono += 5;
    rec.noteChunk('host', 'caller', bytes('data: 1\n\n'));
    clock.mono += 300;
    rec.noteChunk('host', 'caller', bytes('data: é'));
    // While it streams: a hop without a message, holding the text so far and its pieces.
    const live = rec.snapshot().hops;
    expect(live).toEqual([
      {
        from: 'host',
        to: 'caller',
        atMs: 5,
        chunks: [
          { atMs: 5, size: 9 },
          { atMs: 305, size: 8 },
        ],
        partial: 'data: 1\n\ndata: é',
      },
    ]);
    clock.mono += 1;
    const wire =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n9\r\ndata: 1\n\n\r\n8\r\ndata: é\r\n0\r\n\r\n';
    rec.hop('host', 'caller', bytes(wire));
    const [hop] = JSON.parse(JSON.stringify(rec.finish('succeeded').hops)) as Exchange['hops'];
    expect(hop!.chunks).toEqual([
      { atMs: 5, size: 9 },
      { atMs: 305, size: 8 },
    ]);
    expect(hop!.partial).toBeUndefined();
    expect(hop!.message?.parsed.bodyText).toBe('data: 1\n\ndata: é');
  });

  test('a cut UTF-8 character waits for its last bytes; pieces past the cap join the last one', () => {
    const { rec, clock } = recorder();
    const e = bytes('é');
    rec.noteChunk('handler', 'host', e.subarray(0, 1));
    expect(rec.snapshot().hops[0]!.partial).toBe('');
    rec.noteChunk('handler', 'host', e.subarray(1));
    expect(rec.snapshot().hops[0]!.partial).toBe('é');
    for (let i = 0; i < MAX_CHUNKS_PER_HOP + 10; i++) {
      clock.mono += 1;
      rec.noteChunk('handler', 'host', bytes('x'));
    }
    const chunks = rec.snapshot().hops[0]!.chunks!;
    expect(chunks).toHaveLength(MAX_CHUNKS_PER_HOP);
    expect(chunks.reduce((n, c) => n + c.size, 0)).toBe(2 + MAX_CHUNKS_PER_HOP + 10);
  });

  test('update publishes while in progress, not after finishing', () => {
    const { rec, published } = recorder();
    rec.update();
    expect(published.map((x) => x.state)).toEqual(['in-progress']);
    rec.finish('failed', 'boom');
    rec.update();
    expect(published.map((x) => [x.state, x.error])).toEqual([
      ['in-progress', undefined],
      ['failed', 'boom'],
    ]);
  });

  test("a hop's message is decoded on first read only, and once", () => {
    const latin1 = vi.spyOn(byteCodec, 'latin1');
    const { rec } = recorder();
    rec.hop('caller', 'host', bytes(REQUEST));
    const snap = rec.snapshot();
    expect(latin1).not.toHaveBeenCalled();
    const message = snap.hops[0]!.message!;
    expect(latin1).toHaveBeenCalledTimes(1);
    expect(message.head).toBe('POST /api/x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\n');
    expect(message.body).toEqual({ encoding: 'utf8', data: 'hello', size: 5, truncated: false });
    // Read again, through another snapshot too: the same object, no second decoding.
    expect(snap.hops[0]!.message).toBe(message);
    expect(rec.snapshot().hops[0]!.message).toBe(message);
    expect(latin1).toHaveBeenCalledTimes(1);
  });

  test('JSON of a snapshot carries the decoded message, as the control channel sends it', () => {
    const { rec } = recorder();
    rec.hop('caller', 'host', bytes(REQUEST));
    rec.hop('host', 'handler', new Uint8Array(0));
    const json = JSON.parse(JSON.stringify(rec.snapshot()));
    expect(json.hops[0].message).toEqual({
      head: 'POST /api/x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\n',
      body: { encoding: 'utf8', data: 'hello', size: 5, truncated: false },
      parsed: {
        startLine: 'POST /api/x HTTP/1.1',
        headers: [
          ['Host', 'h'],
          ['Content-Length', '5'],
        ],
        bodyText: 'hello',
      },
    });
    // No bytes, no message.
    expect(json.hops[1]).toEqual({ from: 'host', to: 'handler', atMs: 0 });
  });

  test('hints are kept once each; logs and outputs in order; the fields set appear in the snapshot', () => {
    const { rec } = recorder();
    rec.addHints([{ code: 'a', message: 'm' } as never, { code: 'a', message: 'm' } as never]);
    rec.addHints([{ code: 'a', message: 'other' } as never]);
    rec.addLogs(['1', '2']);
    rec.addOutput('msg', 'queue', 'v');
    rec.invocationId = 'id';
    rec.functionName = 'F';
    rec.mode = 'proxy';
    rec.status = 201;
    rec.causedBy = 'x0';
    expect(rec.snapshot()).toMatchObject({
      hints: [
        { code: 'a', message: 'm' },
        { code: 'a', message: 'other' },
      ],
      logs: ['1', '2'],
      outputs: [{ binding: 'msg', type: 'queue', value: 'v' }],
      invocationId: 'id',
      functionName: 'F',
      mode: 'proxy',
      status: 201,
      causedBy: 'x0',
      trigger: 'http',
      title: 'POST /api/x',
      state: 'in-progress',
    });
  });

  test('each recorder has its own id', () => {
    expect(recorder().rec.id).not.toBe(recorder().rec.id);
  });
});

describe('ExchangeLog bounded by bytes held', () => {
  const exchangeWith = (size: number, bodyLimit = 1024): Exchange => {
    const { rec } = recorder({ bodyLimit });
    rec.hop('caller', 'host', new Uint8Array(size).fill(0x61));
    return rec.finish('succeeded');
  };

  test('counts the bytes a hop holds (capped at the body limit) without decoding it', () => {
    const latin1 = vi.spyOn(byteCodec, 'latin1');
    const utf8 = vi.spyOn(byteCodec, 'utf8');
    const small = exchangeWith(300);
    const capped = exchangeWith(5000, 1000);
    expect((small.hops[0] as unknown as Record<symbol, number>)[WIRE_BYTES]).toBe(300);
    const log = new ExchangeLog({ maxExchanges: 10, maxBodyBytes: 10_000 });
    log.put(small);
    log.put(capped);
    expect(log.stats()).toEqual({ count: 2, bodyBytes: 1300, evicted: 0 });
    expect(latin1).not.toHaveBeenCalled();
    expect(utf8).not.toHaveBeenCalled();
  });

  test('the oldest go first once the bytes pass the bound; a replaced exchange is counted once', () => {
    const log = new ExchangeLog({ maxExchanges: 10, maxBodyBytes: 1000 });
    const a = exchangeWith(400);
    const b = exchangeWith(400);
    log.put(a);
    log.put(b);
    log.put(b);
    expect(log.stats()).toEqual({ count: 2, bodyBytes: 800, evicted: 0 });
    const c = exchangeWith(400);
    log.put(c);
    expect(log.list().map((x) => x.id)).toEqual([b.id, c.id]);
    expect(log.stats()).toEqual({ count: 2, bodyBytes: 800, evicted: 1 });
    // One exchange alone over the bound is still kept.
    const big = exchangeWith(5000, 5000);
    log.put(big);
    expect(log.list().map((x) => x.id)).toEqual([big.id]);
  });
});
