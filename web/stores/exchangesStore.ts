import { createStore } from 'zustand/vanilla';
import type { Exchange } from '../../runtime/core/exchange/exchange';

export interface ExchangesState {
  /** Ids, oldest first. */
  readonly order: readonly string[];
  readonly byId: Readonly<Record<string, Exchange>>;
  readonly selected?: string;
  readonly filter: string;
}

export interface ExchangesActions {
  upsert(exchange: Exchange): void;
  clear(): void;
  select(id: string | undefined): void;
  /** Selects `id` with the next change shown: for the exchanges of the page's own requests. */
  follow(id: string): void;
  setFilter(filter: string): void;
}

export type ExchangesStore = ReturnType<typeof createExchangesStore>;

/** The most exchanges the page keeps; the host keeps its own bounded log too. */
export const MAX_EXCHANGES = 500;

/**
 * Exchanges that come faster than this apart are shown together: each change of the store
 * renders the panel, and a busy host (a script sending hundreds of requests) would otherwise
 * spend the page on renders nobody can see.
 */
export const SHOW_EVERY_MS = 16;

export function createExchangesStore() {
  /** Exchanges that came while a showing window was open, by id: the newest of each. */
  const pending = new Map<string, Exchange>();
  /** An exchange to select once shown (the answer to the page's own request). */
  let following: string | undefined;
  let showing: ReturnType<typeof setTimeout> | undefined;

  return createStore<ExchangesState & ExchangesActions>()((set, get) => {
    const withExchanges = (exchanges: Iterable<Exchange>) => {
      const { order, byId, selected } = get();
      let nextOrder = order as string[];
      const nextById: Record<string, Exchange> = { ...byId };
      for (const exchange of exchanges) {
        if (nextById[exchange.id] === undefined) {
          if (nextOrder === order) nextOrder = [...order];
          nextOrder.push(exchange.id);
        }
        nextById[exchange.id] = exchange;
      }
      if (nextOrder.length > MAX_EXCHANGES) {
        const dropped = nextOrder.slice(0, nextOrder.length - MAX_EXCHANGES);
        nextOrder = nextOrder.slice(-MAX_EXCHANGES);
        for (const id of dropped) delete nextById[id];
      }
      return {
        order: nextOrder,
        byId: nextById,
        selected: selected !== undefined && nextById[selected] ? selected : undefined,
      };
    };
    const takePending = () => {
      const taken = [...pending.values()];
      pending.clear();
      return taken;
    };
    // The first exchange after a quiet spell is shown at once; those that follow within the
    // window wait for its end and are shown in one change.
    const showPending = () => {
      const selected = following;
      following = undefined;
      // A selection alone (follow, with no exchange waiting) leaves the lists as they are.
      set({
        ...(pending.size > 0 && withExchanges(takePending())),
        ...(selected !== undefined && { selected }),
      });
    };
    const openWindow = () => {
      showing = setTimeout(() => {
        showing = undefined;
        if (pending.size === 0 && following === undefined) return;
        showPending();
        openWindow();
      }, SHOW_EVERY_MS);
    };
    const showOrWait = (wait: () => void) => {
      wait();
      if (showing !== undefined) return;
      showPending();
      openWindow();
    };
    return {
      order: [],
      byId: {},
      filter: '',
      upsert: (exchange) => showOrWait(() => pending.set(exchange.id, exchange)),
      follow: (id) => showOrWait(() => (following = id)),
      clear() {
        pending.clear();
        following = undefined;
        set({ order: [], byId: {}, selected: undefined });
      },
      // A person's choice: at once, with what is waiting, so the selected exchange is there.
      select(selected) {
        following = undefined;
        set(pending.size ? { ...withExchanges(takePending()), selected } : { selected });
      },
      setFilter: (filter) => set({ filter }),
    };
  });
}

/** Exchanges matching a filter text (function, title, status, hint or trigger), newest first. */
export function visibleExchanges(state: ExchangesState): Exchange[] {
  const needle = state.filter.trim().toLowerCase();
  const all = state.order.map((id) => state.byId[id]!).reverse();
  if (!needle) return all;
  return all.filter((x) =>
    [x.title, x.functionName ?? '', String(x.status ?? ''), x.trigger, x.state, ...x.hints.map((h) => h.code)]
      .join(' ')
      .toLowerCase()
      .includes(needle),
  );
}
