import { memo, useCallback, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import type { Exchange } from '../../runtime/core/exchange/exchange';
import type { ChainRow } from './chains';
import { formatClockTime, formatDuration, statusLabel, statusTone, TRIGGER_LABELS } from './format';
import './ExchangeList.css';

export interface ExchangeListProps {
  readonly rows: readonly ChainRow[];
  readonly selected?: string;
  readonly onSelect: (id: string) => void;
}

/** The deepest a chain is indented; deeper links still read as nested. */
const MAX_INDENT = 6;

/**
 * Invocations, newest chain first; what an invocation caused is nested under it. Arrow keys move
 * the selection.
 */
export function ExchangeList({ rows, selected, onSelect }: ExchangeListProps) {
  const list = useRef<HTMLUListElement>(null);
  // One function for every render, so that rows whose exchange did not change are not rendered again.
  const latestSelect = useRef(onSelect);
  latestSelect.current = onSelect;
  const stableSelect = useCallback((id: string) => latestSelect.current(id), []);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
    const buttons = [
      ...(list.current?.querySelectorAll<HTMLButtonElement>('[data-testid="exchange-row"]') ?? []),
    ];
    if (buttons.length === 0) return;
    const at = buttons.findIndex((b) => b === document.activeElement);
    const next =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? buttons.length - 1
          : Math.min(buttons.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)));
    const target = buttons[next];
    if (!target) return;
    e.preventDefault();
    target.focus();
    const id = target.dataset.exchangeId;
    if (id) onSelect(id);
  };

  return (
    <ul className="xp-list" aria-label="Invocations, newest first" ref={list} onKeyDown={onKeyDown}>
      {rows.map(({ exchange, depth, hiddenCause }) => (
        <ExchangeRow
          key={exchange.id}
          exchange={exchange}
          depth={depth}
          hiddenCause={hiddenCause}
          current={selected === exchange.id}
          onSelect={stableSelect}
        />
      ))}
    </ul>
  );
}

interface ExchangeRowProps {
  readonly exchange: Exchange;
  readonly depth: number;
  readonly hiddenCause: string | undefined;
  readonly current: boolean;
  readonly onSelect: (id: string) => void;
}

/**
 * One invocation's row. Memoised: an event about one exchange re-renders its row, not the up to
 * 500 others (the store keeps an unchanged exchange's object as it was).
 */
const ExchangeRow = memo(function ExchangeRow({
  exchange: x,
  depth,
  hiddenCause,
  current,
  onSelect,
}: ExchangeRowProps) {
  const trigger = TRIGGER_LABELS[x.trigger];
  const tone = statusTone(x);
  return (
    <li key={x.id} style={{ paddingLeft: `${Math.min(depth, MAX_INDENT) * 14}px` }}>
      <button
        type="button"
        className="xp-row"
        data-testid="exchange-row"
        data-exchange-id={x.id}
        data-state={x.state}
        data-depth={depth}
        aria-current={current ? 'true' : undefined}
        onClick={() => onSelect(x.id)}
      >
        {(depth > 0 || hiddenCause !== undefined) && (
          <span className="xp-chain" title={hiddenCause ? `caused by ${hiddenCause}` : undefined}>
            <span aria-hidden="true">↳</span>
            <span className="xp-sr-only">caused by the invocation above, </span>
          </span>
        )}
        <span className={`xp-trigger xp-trigger-${x.trigger}`} title={trigger.label}>
          <span aria-hidden="true">{trigger.icon}</span> {trigger.label}
        </span>
        <span className="xp-fn">{x.functionName ?? '—'}</span>
        <span className="xp-title" title={x.title}>
          {x.title}
        </span>
        {/* When it ran: a retried message shows each attempt's time. */}
        <time
          className="xp-at"
          dateTime={new Date(x.startedAt).toISOString()}
          title={formatClockTime(x.startedAt)}
        >
          {formatClockTime(x.startedAt).slice(0, 8)}
        </time>
        <span className={`xp-status xp-tone-${tone}`} data-testid="exchange-status">
          {x.state === 'in-progress' && (
            <span className="xp-spinner" data-testid="exchange-spinner" aria-hidden="true" />
          )}
          {statusLabel(x)}
        </span>
        <span className="xp-duration">{formatDuration(x.durationMs)}</span>
        {x.hints.length > 0 ? (
          <span
            className="xp-hint-badge"
            data-testid="hint-badge"
            title={x.hints.map((h) => h.message).join('\n')}
          >
            <span aria-hidden="true">!</span>
            {x.hints.length}
            <span className="xp-sr-only"> {x.hints.length === 1 ? 'hint' : 'hints'}</span>
          </span>
        ) : (
          <span className="xp-hint-badge xp-hint-none" aria-hidden="true" />
        )}
      </button>
    </li>
  );
});
