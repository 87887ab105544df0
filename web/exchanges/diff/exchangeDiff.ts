import type { Exchange, Hop, Party } from '../../../runtime/core/exchange/exchange';
import { formatDuration } from '../format';

/** How one row of a comparison reads: the same on both sides, changed, or on one side only. */
export type DiffKind = 'same' | 'changed' | 'left-only' | 'right-only';

export interface DiffRow {
  readonly name: string;
  readonly left?: string;
  readonly right?: string;
  readonly kind: DiffKind;
}

export interface HopDiff {
  readonly from: Party;
  readonly to: Party;
  /** Which occurrence of this from→to pair in each exchange (a retry sends the same hop again). */
  readonly occurrence: number;
  readonly left?: Hop;
  readonly right?: Hop;
  /** The start line, the time, the body: one row each. */
  readonly summary: readonly DiffRow[];
  /** Header by header, by name without case, in the order they first appear. */
  readonly headers: readonly DiffRow[];
  readonly kind: DiffKind;
}

export interface ExchangeDiff {
  /** Function, trigger, status, duration, hints. */
  readonly facts: readonly DiffRow[];
  readonly hops: readonly HopDiff[];
  /** How many rows differ, over facts, hops and headers. */
  readonly changes: number;
}

function row(name: string, left: string | undefined, right: string | undefined): DiffRow {
  const kind: DiffKind =
    left === undefined
      ? right === undefined
        ? 'same'
        : 'right-only'
      : right === undefined
        ? 'left-only'
        : left === right
          ? 'same'
          : 'changed';
  return { name, ...(left !== undefined && { left }), ...(right !== undefined && { right }), kind };
}

/**
 * Headers compared by name without case; a repeated header is compared as its values joined in
 * order, as a reader would read them. Rows keep the left side's order, then the right's extras.
 */
export function diffHeaders(
  left: readonly (readonly [string, string])[],
  right: readonly (readonly [string, string])[],
): DiffRow[] {
  const group = (headers: readonly (readonly [string, string])[]) => {
    const out = new Map<string, { name: string; values: string[] }>();
    for (const [name, value] of headers) {
      const key = name.toLowerCase();
      const seen = out.get(key);
      if (seen) seen.values.push(value);
      else out.set(key, { name, values: [value] });
    }
    return out;
  };
  const a = group(left);
  const b = group(right);
  const names = [...a.keys(), ...[...b.keys()].filter((k) => !a.has(k))];
  return names.map((key) => {
    const l = a.get(key);
    const r = b.get(key);
    return row(l?.name ?? r!.name, l?.values.join('\n'), r?.values.join('\n'));
  });
}

function bodyOf(hop: Hop | undefined): string | undefined {
  if (!hop) return undefined;
  if (!hop.message) return hop.note;
  const { bodyText, bodyBase64 } = hop.message.parsed;
  return bodyBase64 !== undefined ? `(binary, base64) ${bodyBase64}` : (bodyText ?? '');
}

/** Pairs hops by their from→to and the how-many-th time it occurs, in the left exchange's order. */
function pairHops(
  left: readonly Hop[],
  right: readonly Hop[],
): { left?: Hop; right?: Hop; occurrence: number }[] {
  const keyed = (hops: readonly Hop[]) => {
    const counts = new Map<string, number>();
    return hops.map((hop) => {
      const base = `${hop.from}>${hop.to}`;
      const n = counts.get(base) ?? 0;
      counts.set(base, n + 1);
      return { key: `${base}#${n}`, hop, occurrence: n };
    });
  };
  const a = keyed(left);
  const b = keyed(right);
  const rightByKey = new Map(b.map((e) => [e.key, e]));
  const used = new Set<string>();
  const out: { left?: Hop; right?: Hop; occurrence: number }[] = [];
  for (const e of a) {
    const match = rightByKey.get(e.key);
    if (match) used.add(e.key);
    out.push({ left: e.hop, ...(match && { right: match.hop }), occurrence: e.occurrence });
  }
  for (const e of b) if (!used.has(e.key)) out.push({ right: e.hop, occurrence: e.occurrence });
  return out;
}

/** Two exchanges side by side: the facts, then hop by hop (start line, time, headers, body). */
export function diffExchanges(left: Exchange, right: Exchange): ExchangeDiff {
  const facts = [
    row('Function', left.functionName ?? '(none)', right.functionName ?? '(none)'),
    row(
      'Trigger',
      left.trigger + (left.mode ? ` (${left.mode})` : ''),
      right.trigger + (right.mode ? ` (${right.mode})` : ''),
    ),
    row(
      'Outcome',
      left.status !== undefined ? String(left.status) : left.state,
      right.status !== undefined ? String(right.status) : right.state,
    ),
    row('Duration', formatDuration(left.durationMs), formatDuration(right.durationMs)),
    row(
      'Hints',
      left.hints.map((h) => h.code).join(', ') || '(none)',
      right.hints.map((h) => h.code).join(', ') || '(none)',
    ),
  ];
  const hops = pairHops(left.hops, right.hops).map(({ left: l, right: r, occurrence }): HopDiff => {
    const any = (l ?? r)!;
    const summary = [
      row('Start line', l && (l.message?.parsed.startLine ?? ''), r && (r.message?.parsed.startLine ?? '')),
      row('At', l && `+${formatDuration(l.atMs)}`, r && `+${formatDuration(r.atMs)}`),
      row('Body', bodyOf(l), bodyOf(r)),
    ];
    const headers = diffHeaders(l?.message?.parsed.headers ?? [], r?.message?.parsed.headers ?? []);
    // The time a hop happened always differs a little; it is shown, not counted as a change.
    const counted = [summary[0]!, summary[2]!, ...headers];
    const kind: DiffKind = !l
      ? 'right-only'
      : !r
        ? 'left-only'
        : counted.some((x) => x.kind !== 'same')
          ? 'changed'
          : 'same';
    return {
      from: any.from,
      to: any.to,
      occurrence,
      ...(l && { left: l }),
      ...(r && { right: r }),
      summary,
      headers,
      kind,
    };
  });
  const changes =
    facts.filter((f) => f.kind !== 'same' && f.name !== 'Duration').length +
    hops.reduce(
      (n, h) =>
        n +
        (h.kind === 'left-only' || h.kind === 'right-only'
          ? 1
          : [h.summary[0]!, h.summary[2]!, ...h.headers].filter((x) => x.kind !== 'same').length),
      0,
    );
  return { facts, hops, changes };
}
