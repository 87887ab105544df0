import { describe, expect, test } from 'vitest';
import type { Exchange } from '../../runtime/core/exchange/exchange';
import { causedBy, chainRows } from './chains';

const x = (id: string, startedAt: number, extra: Partial<Exchange> = {}): Exchange => ({
  id,
  trigger: 'http',
  startedAt,
  state: 'succeeded',
  title: id,
  hops: [],
  hints: [],
  logs: [],
  outputs: [],
  ...extra,
});

/** Newest first, as `visibleExchanges` gives them. */
const newestFirst = (...list: Exchange[]) => [...list].sort((a, b) => b.startedAt - a.startedAt);
const shape = (rows: ReturnType<typeof chainRows>) =>
  rows.map(
    (r) => `${'  '.repeat(r.depth)}${r.exchange.id}${r.hiddenCause ? ` (from ${r.hiddenCause})` : ''}`,
  );

describe('chainRows', () => {
  test('puts what an HTTP call caused under it, retries in time order', () => {
    const rows = chainRows(
      newestFirst(
        x('x1', 1),
        x('x2', 2, { trigger: 'queue', causedBy: 'x1' }),
        x('x3', 3),
        x('x4', 4, { trigger: 'queue', causedBy: 'x3' }),
        x('x5', 5, { trigger: 'queue', causedBy: 'x3' }),
        x('x6', 6, { trigger: 'timer' }),
      ),
    );
    expect(shape(rows)).toEqual(['x6', 'x3', '  x4', '  x5', 'x1', '  x2']);
  });

  test('nests a chain as deep as it goes: HTTP → queue → queue', () => {
    const rows = chainRows(
      newestFirst(x('a', 1), x('b', 2, { causedBy: 'a' }), x('c', 3, { causedBy: 'b' }), x('d', 4)),
    );
    expect(shape(rows)).toEqual(['d', 'a', '  b', '    c']);
  });

  test('shows an exchange whose cause is filtered out at the top, saying where it came from', () => {
    const rows = chainRows(newestFirst(x('x2', 2, { causedBy: 'x1' }), x('x3', 3)));
    expect(shape(rows)).toEqual(['x3', 'x2 (from x1)']);
  });

  test('groups exchanges that share an invocation id under the first', () => {
    const rows = chainRows(
      newestFirst(x('x1', 1, { invocationId: 'inv-1' }), x('x2', 2), x('x3', 3, { invocationId: 'inv-1' })),
    );
    expect(shape(rows)).toEqual(['x2', 'x1', '  x3']);
  });

  test('survives a cycle of causes without losing a row', () => {
    const rows = chainRows(
      newestFirst(x('a', 1, { causedBy: 'b' }), x('b', 2, { causedBy: 'a' }), x('c', 3)),
    );
    expect(rows.map((r) => r.exchange.id).sort()).toEqual(['a', 'b', 'c']);
    expect(chainRows(newestFirst(x('self', 1, { causedBy: 'self' })))).toHaveLength(1);
  });

  test('is empty for no exchanges', () => {
    expect(chainRows([])).toEqual([]);
  });
});

describe('causedBy', () => {
  test('lists what one exchange caused, oldest first', () => {
    const all = newestFirst(
      x('x1', 1),
      x('x3', 3, { causedBy: 'x1' }),
      x('x2', 2, { causedBy: 'x1' }),
      x('x4', 4),
    );
    expect(causedBy(all, 'x1').map((e) => e.id)).toEqual(['x2', 'x3']);
  });
});
