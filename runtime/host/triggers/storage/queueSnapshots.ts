import type { QueueState } from '../../../core/control/protocol';
import { MAX_MESSAGES_PER_CALL } from '../../../core/queues/queueStore';
import type { QueueStorage } from './queueStorage';
import { failureOf } from './queueStorage';

/** How long changes are gathered before the queues are looked at again. */
const REFRESH_DELAY_MS = 200;

/**
 * What the playground's queue panel shows of real queues: each queue's approximate count and
 * the first 32 visible messages (a peek changes nothing). Looked at again shortly after this host
 * changes something, never on a timer of its own, so an idle host sends no extra requests.
 */
export class QueueSnapshots {
  private states: QueueState[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing = false;
  private again = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly queues: () => ReadonlyMap<string, QueueStorage>,
    private readonly inFlight: (queue: string) => number,
    private readonly display: (stored: string) => string,
  ) {}

  current(maxMessages = 50): QueueState[] {
    return this.states.map((s) => ({ ...s, messages: s.messages.slice(0, maxMessages) }));
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  refreshSoon(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return;
    }
    this.refreshing = true;
    try {
      const entries = [...this.queues()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const states = await Promise.all(entries.map(([name, storage]) => this.look(name, storage)));
      this.states = states.filter((s): s is QueueState => s !== undefined);
      for (const listener of [...this.listeners]) listener();
    } finally {
      this.refreshing = false;
      if (this.again) {
        this.again = false;
        this.refreshSoon();
      }
    }
  }

  private async look(name: string, storage: QueueStorage): Promise<QueueState | undefined> {
    try {
      const [count, visible] = await Promise.all([
        storage.approximateCount(name),
        storage.peek(name, MAX_MESSAGES_PER_CALL),
      ]);
      return {
        name,
        count,
        visible: visible.length,
        inFlight: this.inFlight(name),
        messages: visible.map((m) => ({
          id: m.id,
          text: this.display(m.text),
          dequeueCount: m.dequeueCount,
          insertionTime: m.insertionTime,
          nextVisibleTime: m.nextVisibleTime,
          visible: true,
        })),
      };
    } catch (error) {
      // A queue nobody created yet is shown empty; an unreachable service keeps the last view.
      if (failureOf(error) === 'queueNotFound')
        return { name, count: 0, visible: 0, inFlight: this.inFlight(name), messages: [] };
      return this.states.find((s) => s.name === name);
    }
  }
}
