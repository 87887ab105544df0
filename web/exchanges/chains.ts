import type { Exchange } from '../../runtime/core/exchange/exchange';

export interface ChainRow {
  readonly exchange: Exchange;
  /** 0 for an exchange nothing shown caused; 1 for what it caused, and so on. */
  readonly depth: number;
  /** Set when the exchange has a cause that is not in the list (filtered out, or dropped from the log). */
  readonly hiddenCause?: string;
}

/**
 * Orders exchanges as chains: each one under the exchange that caused it (an HTTP call under
 * which its queue message's invocations follow, retries included), so HTTP → queue → function
 * reads top to bottom. Exchanges that share an invocation id are grouped the same way, under the
 * first of them. Chains come newest first, as `visible` is; inside a chain, in time order.
 */
export function chainRows(visible: readonly Exchange[]): ChainRow[] {
  const byId = new Map(visible.map((x) => [x.id, x]));
  const firstOfInvocation = new Map<string, Exchange>();
  for (const x of [...visible].sort(byStart)) {
    if (x.invocationId !== undefined && !firstOfInvocation.has(x.invocationId))
      firstOfInvocation.set(x.invocationId, x);
  }
  const parentOf = (x: Exchange): string | undefined => {
    if (x.causedBy !== undefined) return x.causedBy;
    const first = x.invocationId === undefined ? undefined : firstOfInvocation.get(x.invocationId);
    return first && first.id !== x.id ? first.id : undefined;
  };
  const children = new Map<string, Exchange[]>();
  const roots: Exchange[] = [];
  for (const x of visible) {
    const parent = parentOf(x);
    if (parent !== undefined && parent !== x.id && byId.has(parent)) {
      const list = children.get(parent) ?? [];
      list.push(x);
      children.set(parent, list);
    } else roots.push(x);
  }
  for (const list of children.values()) list.sort(byStart);

  const rows: ChainRow[] = [];
  const placed = new Set<string>();
  const visit = (x: Exchange, depth: number) => {
    if (placed.has(x.id)) return;
    placed.add(x.id);
    const parent = parentOf(x);
    const hiddenCause = depth === 0 && parent !== undefined && parent !== x.id ? parent : undefined;
    rows.push(hiddenCause === undefined ? { exchange: x, depth } : { exchange: x, depth, hiddenCause });
    for (const child of children.get(x.id) ?? []) visit(child, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  // Exchanges caught in a cycle of causes (never from a sound host) still get a row.
  for (const x of visible) visit(x, 0);
  return rows;
}

function byStart(a: Exchange, b: Exchange): number {
  return a.startedAt - b.startedAt;
}

/** The exchanges a given one caused, in time order. */
export function causedBy(all: readonly Exchange[], id: string): Exchange[] {
  return all.filter((x) => x.causedBy === id).sort(byStart);
}
