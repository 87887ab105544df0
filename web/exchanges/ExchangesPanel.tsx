import type { ExchangesStore } from '../stores/exchangesStore';
import type { PlaygroundSession } from '../session/session';

export interface ExchangesPanelProps {
  readonly exchanges: ExchangesStore;
  readonly session: PlaygroundSession;
}

/** Placeholder until the exchanges panel lands: the list of exchange titles. */
export function ExchangesPanel(_props: ExchangesPanelProps) {
  return <section aria-label="Exchanges">Exchanges</section>;
}
