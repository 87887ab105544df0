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
  setFilter(filter: string): void;
}

export type ExchangesStore = ReturnType<typeof createExchangesStore>;

/** The most exchanges the page keeps; the host keeps its own bounded log too. */
export const MAX_EXCHANGES = 500;

export function createExchangesStore() {
  return createStore<ExchangesState & ExchangesActions>()((set, get) => ({
    order: [],
    byId: {},
    filter: '',
    upsert(exchange) {
      const { order, byId, selected } = get();
      const isNew = byId[exchange.id] === undefined;
      let nextOrder = isNew ? [...order, exchange.id] : order;
      const nextById: Record<string, Exchange> = { ...byId, [exchange.id]: exchange };
      if (nextOrder.length > MAX_EXCHANGES) {
        const dropped = nextOrder.slice(0, nextOrder.length - MAX_EXCHANGES);
        nextOrder = nextOrder.slice(-MAX_EXCHANGES);
        for (const id of dropped) delete nextById[id];
      }
      set({
        order: nextOrder,
        byId: nextById,
        ...(selected !== undefined && !nextById[selected] && { selected: undefined }),
      });
    },
    clear: () => set({ order: [], byId: {}, selected: undefined }),
    select: (selected) => set({ selected }),
    setFilter: (filter) => set({ filter }),
  }));
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
