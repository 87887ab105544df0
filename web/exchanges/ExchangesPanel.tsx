// The panel's styles come before its parts' (imported by ExchangeDetail, ExchangeList and theirs),
// so the parts' rules follow the shared ones in the cascade and win where they override them.
import '../styles/panelControls.css';
import './ExchangesPanel.css';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { ExchangesStore } from '../stores/exchangesStore';
import { visibleExchanges } from '../stores/exchangesStore';
import type { PlaygroundSession } from '../session/session';
import { causedBy, chainRows } from './chains';
import { ExchangeDetail } from './ExchangeDetail';
import { ExchangeActions } from './ExchangeActions';
import { ExchangeList } from './ExchangeList';
import { LogTools } from './LogTools';

// The comparison loads when a person first compares, so it costs the first load nothing.
const DiffView = lazy(() => import('./diff/DiffView'));

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
  const [compareWith, setCompareWith] = useState<string>();
  const [wide, setWide] = useState(false);
  const frontDoorUrl = useStore(session.stores.runtime, (s) => s.host?.frontDoorUrl);

  // Escape leaves the wide view, as it closes any overlay.
  useEffect(() => {
    if (!wide) return undefined;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') setWide(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [wide]);

  const visible = useMemo(() => visibleExchanges({ order, byId, filter }), [order, byId, filter]);
  const rows = useMemo(() => chainRows(visible), [visible]);
  const current = selected === undefined ? undefined : byId[selected];
  const effects = useMemo(() => (current ? causedBy(Object.values(byId), current.id) : []), [byId, current]);
  const select = (id: string) => {
    setCompareWith(undefined);
    exchanges.getState().select(id);
  };
  const compared = current && compareWith !== undefined ? byId[compareWith] : undefined;
  const others = useMemo(() => visible.filter((x) => x.id !== current?.id), [visible, current?.id]);

  const clear = () => {
    setClearError(undefined);
    session.clearExchanges().catch((e: unknown) => setClearError((e as Error).message));
  };

  return (
    <section className={wide ? 'xp xp--wide' : 'xp'} aria-label="Exchanges" data-testid="exchanges-panel">
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
        <LogTools exchanges={exchanges} frontDoorUrl={frontDoorUrl} />
        <button
          type="button"
          aria-pressed={wide}
          title={wide ? 'Back to the panel (Escape)' : 'Show the exchanges over the whole page'}
          onClick={() => setWide((w) => !w)}
        >
          Wide view
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
          {current && compared ? (
            <Suspense fallback={<p className="xp-empty">Loading the comparison…</p>}>
              <DiffView left={current} right={compared} onClose={() => setCompareWith(undefined)} />
            </Suspense>
          ) : current ? (
            <ExchangeDetail
              key={current.id}
              exchange={current}
              cause={current.causedBy === undefined ? undefined : byId[current.causedBy]}
              effects={effects}
              onSelect={select}
              actions={
                <ExchangeActions
                  key={current.id}
                  exchange={current}
                  session={session}
                  others={others}
                  onCompare={setCompareWith}
                />
              }
            />
          ) : (
            <p className="xp-empty">Select an exchange to see its hops, byte for byte.</p>
          )}
        </div>
      </div>
    </section>
  );
}
