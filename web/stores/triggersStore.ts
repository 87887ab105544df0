import { createStore } from 'zustand/vanilla';
import type { QueueState, TimerState } from '../../runtime/core/control/protocol';
import type { QueueDraft, TriggerTab } from '../examples/exampleMeta';

export interface ComposedRequest {
  readonly method: string;
  /** Path and query, e.g. `/api/order?x=1`. */
  readonly path: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}

export interface TriggersState {
  readonly queues: readonly QueueState[];
  readonly timers: readonly TimerState[];
  /** The host's clock and how far fast-forwarding moved it ahead. */
  readonly clock: { readonly now: number; readonly offsetMs: number };
  readonly composer: ComposedRequest;
  readonly recent: readonly ComposedRequest[];
  /** The trigger tab shown (HTTP, Queues or Timers). */
  readonly tab: TriggerTab;
  /** The enqueue form's queue and message, kept here so an example can set one ready. */
  readonly queueDraft: QueueDraft;
}

export interface TriggersActions {
  setQueues(queues: readonly QueueState[]): void;
  setTimers(timers: readonly TimerState[], now: number, offsetMs: number): void;
  compose(patch: Partial<ComposedRequest>): void;
  remember(request: ComposedRequest): void;
  /** Replaces the recent requests (newest first), e.g. from a share link; keeps the newest ten. */
  setRecent(recent: readonly ComposedRequest[]): void;
  setTab(tab: TriggerTab): void;
  setQueueDraft(draft: QueueDraft): void;
}

export type TriggersStore = ReturnType<typeof createTriggersStore>;

const MAX_RECENT = 10;

export function createTriggersStore(composer: ComposedRequest) {
  return createStore<TriggersState & TriggersActions>()((set, get) => ({
    queues: [],
    timers: [],
    clock: { now: 0, offsetMs: 0 },
    composer,
    recent: [],
    tab: 'http',
    queueDraft: { queue: '', text: '' },
    setQueues: (queues) => set({ queues }),
    setTimers: (timers, now, offsetMs) => set({ timers, clock: { now, offsetMs } }),
    compose: (patch) => set({ composer: { ...get().composer, ...patch } }),
    remember(request) {
      const text = JSON.stringify(request);
      const { recent } = get();
      // Sending the newest again changes nothing: no new list, so nothing that shows it renders.
      if (recent[0] && JSON.stringify(recent[0]) === text) return;
      set({ recent: [request, ...recent.filter((r) => JSON.stringify(r) !== text)].slice(0, MAX_RECENT) });
    },
    setRecent: (recent) => set({ recent: recent.slice(0, MAX_RECENT) }),
    setTab: (tab) => set({ tab }),
    setQueueDraft: (queueDraft) => set({ queueDraft }),
  }));
}
