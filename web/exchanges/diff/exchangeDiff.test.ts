import { describe, expect, test } from 'vitest';
import { httpExchange, queueExchange, wire } from '../testing/sampleExchanges';
import { diffExchanges, diffHeaders } from './exchangeDiff';

describe('diffHeaders', () => {
  test('compares by name without case, joins repeats, keeps the left order then the extras', () => {
    expect(
      diffHeaders(
        [
          ['Content-Type', 'a'],
          ['X-A', '1'],
          ['X-A', '2'],
          ['X-Left', 'l'],
        ],
        [
          ['x-a', '1'],
          ['content-type', 'b'],
          ['X-Right', 'r'],
        ],
      ),
    ).toEqual([
      { name: 'Content-Type', left: 'a', right: 'b', kind: 'changed' },
      { name: 'X-A', left: '1\n2', right: '1', kind: 'changed' },
      { name: 'X-Left', left: 'l', kind: 'left-only' },
      { name: 'X-Right', right: 'r', kind: 'right-only' },
    ]);
  });
});

describe('diffExchanges', () => {
  test('the same exchange twice differs only in nothing counted', () => {
    const d = diffExchanges(httpExchange(), httpExchange({ id: 'x2', durationMs: 30 }));
    expect(d.changes).toBe(0);
    expect(d.hops.map((h) => h.kind)).toEqual(['same', 'same', 'same', 'same']);
  });

  test('hop by hop, header by header: a changed answer shows where', () => {
    const a = httpExchange();
    const answer = wire({
      startLine: 'HTTP/1.1 200 OK',
      headers: [['Content-Type', 'text/plain']],
      bodyText: '{"Outputs":{"res":{"status":201}}}',
    });
    const b = {
      ...a,
      id: 'x2',
      status: 500,
      hops: a.hops.map((h, i) => (i === 2 ? { ...h, message: answer } : h)),
    };
    const d = diffExchanges(a, b);
    expect(d.facts.find((f) => f.name === 'Outcome')).toMatchObject({
      left: '200',
      right: '500',
      kind: 'changed',
    });
    const handlerAnswer = d.hops[2]!;
    expect(`${handlerAnswer.from}>${handlerAnswer.to}`).toBe('handler>host');
    expect(handlerAnswer.kind).toBe('changed');
    expect(handlerAnswer.headers).toEqual([
      { name: 'Content-Type', left: 'application/json', right: 'text/plain', kind: 'changed' },
      { name: 'Content-Length', left: '40', kind: 'left-only' },
    ]);
    expect(handlerAnswer.summary.find((r) => r.name === 'Body')!.kind).toBe('changed');
    expect(d.hops.filter((h) => h.kind === 'same')).toHaveLength(3);
    expect(d.changes).toBe(1 + 3);
  });

  test('hops only one side has are paired by their kind and occurrence', () => {
    const d = diffExchanges(httpExchange(), queueExchange());
    expect(d.hops.map((h) => `${h.from}>${h.to}:${h.kind}`)).toEqual([
      'caller>host:left-only',
      'host>handler:same',
      'handler>host:same',
      'host>caller:left-only',
      'queue>host:right-only',
    ]);
  });
});
