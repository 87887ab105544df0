// The panel's styles come before its parts' (imported by ExchangeDetail, ExchangeList and theirs),
// so the parts' rules follow the shared ones in the cascade and win where they override them.
import '../styles/panelControls.css';
import './ExchangesPanel.css';
import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { ExchangesStore } from '../stores/exchangesStore';
import { visibleExchanges } from '../stores/exchangesStore';
import type { PlaygroundSession } from '../session/session';
import { causedBy, chainRows } from './chains';
import { ExchangeDetail } from './ExchangeDetail';
import { ExchangeList } from './ExchangeList';

export interface ExchangesPanelProps {
  readonly exchanges: ExchangesStore;
  readonly session: PlaygroundSession;
  /**
   * Whether the page shows the triggers panel, which the empty list points to; an embed may
   * leave it out. Shown unless told otherwise.
   */
  readonly triggersShown?: boolean;
}

/** What the list says before the first exchange: where requests come from on this page. */
function emptyListText(triggersShown: boolean): string {
  return triggersShown
    ? 'No exchanges yet. Send a request or enqueue a message from the triggers panel.'
    : 'No exchanges yet. Press Run, then call the function.';
}

/**
 * The exchanges between caller, host and handler: a list of invocations (chains of cause and
 * effect nested), a filter and Clear; the selected one in full, byte for byte.
 */
export function ExchangesPanel({ exchanges, session, triggersShown = true }: ExchangesPanelProps) {
  const order = useStore(exchanges, (s) => s.order);
  const byId = useStore(exchanges, (s) => s.byId);
  const filter = useStore(exchanges, (s) => s.filter);
  const selected = useStore(exchanges, (s) => s.selected);
  const [clearError, setClearError] = useState<string>();

  const visible = useMemo(() => visibleExchanges({ order, byId, filter }), [order, byId, filter]);
  const rows = useMemo(() => chainRows(visible), [visible]);
  const current = selected === undefined ? undefined : byId[selected];
  const effects = useMemo(() => (current ? causedBy(Object.values(byId), current.id) : []), [byId, current]);
  const select = (id: string) => exchanges.getState().select(id);

  const clear = () => {
    setClearError(undefined);
    session.clearExchanges().catch((e: unknown) => setClearError((e as Error).message));
  };

  return (
    <section className="xp" aria-label="Exchanges" data-testid="exchanges-panel">
      <div className="xp-toolbar">
        <input
          type="search"
          className="xp-filter"
          aria-label="Filter exchanges"
          placeholder="Filter: function, path, status, hint…"
          data-testid="exchange-filter"
          value={filter}
          onChange={(e) => exchanges.getState().setFilter(e.target.value)}
        />
        <span className="xp-muted xp-count" data-testid="exchange-count">
          {filter.trim() ? `${visible.length} of ${order.length}` : `${order.length}`}
        </span>
        <button type="button" data-testid="exchanges-clear" onClick={clear} disabled={order.length === 0}>
          Clear
        </button>
        {clearError && (
          <span className="xp-error-inline" role="alert">
            {clearError}
          </span>
        )}
      </div>
      <div className="xp-body">
        <div className="xp-list-pane">
          {rows.length > 0 ? (
            <ExchangeList rows={rows} selected={selected} onSelect={select} />
          ) : (
            <p className="xp-empty" data-testid="exchanges-empty">
              {order.length === 0 ? emptyListText(triggersShown) : `No exchange matches “${filter.trim()}”.`}
            </p>
          )}
        </div>
        <div className="xp-detail-pane">
          {current ? (
            <ExchangeDetail
              key={current.id}
              exchange={current}
              cause={current.causedBy === undefined ? undefined : byId[current.causedBy]}
              effects={effects}
              onSelect={select}
            />
          ) : (
            <p className="xp-empty">Select an exchange to see its hops, byte for byte.</p>
          )}
        </div>
      </div>
    </section>
  );
}
