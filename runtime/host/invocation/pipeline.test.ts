// The one invocation path, with a fake AppContext holding only what runInvocation touches.
import { describe, expect, test } from 'vitest';
import type { BindingDef, FunctionDef } from '../../core/app/functionJson';
import type { Exchange } from '../../core/exchange/exchange';
import { ExchangeRecorder } from '../../core/exchange/exchangeRecorder';
import type { InvocationResult, OutputValue } from '../../core/invocation/resultMapper';
import type { AppContext, LogFields, LogLevel } from '../hostContext';
import { fakePlatform } from '../testing/memoryStreams';
import { outcomeResult, runInvocation } from './pipeline';

const ID = '00000000-0000-4000-8000-000000000001';
const FN = { name: 'Orders', outputs: [] } as unknown as FunctionDef;
const QUEUE = { name: 'message', typeLower: 'queue' } as unknown as BindingDef;

interface LogEntry {
  level: LogLevel;
  category: string;
  message: string;
  fields: LogFields | undefined;
}

function setup(deliver: (outputs: readonly OutputValue[], rec: ExchangeRecorder) => void = () => undefined) {
  const platform = fakePlatform();
  const clock = { now: () => 1_700_000_000_000, monotonic: () => mono };
  let mono = 100;
  const published: Exchange[] = [];
  const rec = new ExchangeRecorder('queue', 'orders', {
    clock,
    bodyLimit: 1024,
    publish: (x) => published.push(x),
  });
  const logs: LogEntry[] = [];
  const delivered: OutputValue[][] = [];
  const ctx = {
    platform,
    log: (level: LogLevel, category: string, message: string, fields?: LogFields) =>
      logs.push({ level, category, message, fields }),
    deliverOutputs: (fn: FunctionDef, outputs: readonly OutputValue[], r: ExchangeRecorder) => {
      expect(fn).toBe(FN);
      delivered.push([...outputs]);
      deliver(outputs, r);
    },
  } as unknown as AppContext;
  const advance = (ms: number) => (mono += ms);
  return { ctx, rec, logs, delivered, published, advance };
}

const FIELDS = { functionName: 'Orders', invocationId: ID };
const EXECUTING = `Executing 'Functions.Orders' (Reason='New queue message detected on 'orders'.', Id=${ID})`;

describe('runInvocation', () => {
  test('Executing, the user logs, outputs delivered, Executed (Succeeded) with the duration; the exchange finished', async () => {
    const s = setup();
    const outputs: OutputValue[] = [{ binding: QUEUE, value: { kind: 'string', value: 'm' } as never }];
    let seenId: string | undefined;
    const result = await runInvocation(s.ctx, {
      fn: FN,
      rec: s.rec,
      reason: "New queue message detected on 'orders'.",
      invoke: async (id) => {
        seenId = id;
        s.advance(12.6);
        return { kind: 'succeeded', logs: ['one', 'two'], outputs, hints: [] };
      },
      finishExchange: true,
    });
    expect(seenId).toBe(ID);
    expect(result.kind).toBe('succeeded');
    expect(s.logs).toEqual([
      { level: 'information', category: 'Host.Function', message: EXECUTING, fields: FIELDS },
      { level: 'information', category: 'Function.Orders.User', message: 'one', fields: FIELDS },
      { level: 'information', category: 'Function.Orders.User', message: 'two', fields: FIELDS },
      {
        level: 'information',
        category: 'Host.Function',
        message: `Executed 'Functions.Orders' (Succeeded, Id=${ID}, Duration=13ms)`,
        fields: FIELDS,
      },
    ]);
    expect(s.delivered).toEqual([outputs]);
    expect(s.published).toHaveLength(1);
    expect(s.published[0]).toMatchObject({
      invocationId: ID,
      functionName: 'Orders',
      state: 'succeeded',
      logs: ['one', 'two'],
      durationMs: 12.6,
    });
    expect(s.published[0]!.status).toBeUndefined();
  });

  test('a delivery error fails the invocation: Executed (Failed), then the error, at error level', async () => {
    const s = setup((_outputs, rec) => (rec.error = "The queue 'Bad' is not a valid name."));
    const outputs: OutputValue[] = [{ binding: QUEUE, value: { kind: 'string', value: 'x' } }];
    const result = await runInvocation(s.ctx, {
      fn: FN,
      rec: s.rec,
      reason: 'r',
      invoke: async () => ({ kind: 'succeeded', logs: [], outputs, hints: [] }),
      finishExchange: true,
    });
    // The handler's answer stands (an HTTP caller still gets it).
    expect(result.kind).toBe('succeeded');
    expect(s.logs.slice(1)).toEqual([
      {
        level: 'error',
        category: 'Host.Function',
        message: `Executed 'Functions.Orders' (Failed, Id=${ID}, Duration=0ms)`,
        fields: FIELDS,
      },
      {
        level: 'error',
        category: 'Host.Function',
        message: "The queue 'Bad' is not a valid name.",
        fields: FIELDS,
      },
    ]);
    expect(s.published[0]).toMatchObject({ state: 'failed', error: "The queue 'Bad' is not a valid name." });
  });

  test('a failed call: no user logs, no outputs, the error recorded and logged', async () => {
    const s = setup();
    await runInvocation(s.ctx, {
      fn: FN,
      rec: s.rec,
      reason: 'r',
      invoke: async () => ({ kind: 'failed', error: 'boom', hints: [{ code: 'c', message: 'm' }] as never }),
      finishExchange: true,
    });
    expect(s.delivered).toEqual([]);
    expect(s.logs.map((l) => [l.level, l.message])).toEqual([
      ['information', `Executing 'Functions.Orders' (Reason='r', Id=${ID})`],
      ['error', `Executed 'Functions.Orders' (Failed, Id=${ID}, Duration=0ms)`],
      ['error', 'boom'],
    ]);
    expect(s.published[0]).toMatchObject({
      state: 'failed',
      error: 'boom',
      hints: [{ code: 'c', message: 'm' }],
    });
  });

  test('an invocation that never completes fails with its own message', async () => {
    const s = setup();
    await runInvocation(s.ctx, {
      fn: FN,
      rec: s.rec,
      reason: 'r',
      invoke: async () => ({ kind: 'never-completes', hints: [] }),
      finishExchange: true,
    });
    expect(s.rec.error).toBe('The invocation never completed.');
    expect(s.logs.at(-1)!.message).toBe('The invocation never completed.');
  });

  test("finishExchange: false leaves the exchange open (the caller's answer ends it); no status recorded", async () => {
    const s = setup();
    await runInvocation(s.ctx, {
      fn: FN,
      rec: s.rec,
      reason: 'r',
      invoke: async () =>
        ({
          kind: 'succeeded',
          logs: ['l'],
          outputs: [],
          hints: [],
          http: { status: 201, headers: [], body: '' },
        }) as InvocationResult,
      finishExchange: false,
    });
    expect(s.published).toEqual([]);
    expect(s.rec.finished).toBe(false);
    expect(s.rec.status).toBeUndefined();
    // What the pipeline records is there for whoever finishes it.
    expect(s.rec.snapshot()).toMatchObject({ invocationId: ID, functionName: 'Orders', logs: ['l'] });
  });

  test("finishExchange: true records the HTTP result's status", async () => {
    const s = setup();
    await runInvocation(s.ctx, {
      fn: FN,
      rec: s.rec,
      reason: 'r',
      invoke: async () =>
        ({
          kind: 'succeeded',
          logs: [],
          outputs: [],
          hints: [],
          http: { status: 418, headers: [], body: '' },
        }) as InvocationResult,
      finishExchange: true,
    });
    expect(s.published[0]).toMatchObject({ status: 418, state: 'succeeded' });
  });
});

describe('outcomeResult', () => {
  test('success carries nothing; failure carries the error or a default', () => {
    expect(outcomeResult({ ok: true })).toEqual({ kind: 'succeeded', logs: [], outputs: [], hints: [] });
    expect(outcomeResult({ ok: false, error: 'x' })).toEqual({ kind: 'failed', error: 'x', hints: [] });
    expect(outcomeResult({ ok: false })).toEqual({
      kind: 'failed',
      error: 'The call to the handler failed.',
      hints: [],
    });
  });
});
