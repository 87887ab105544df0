import { MinHeap } from './minHeap';

// One queue's messages and the two orders the store needs them in: by next visible time (for
// receive and peek) and by expiration time (to drop expired ones). The heap bookkeeping (stale
// entries, compaction) lives here, apart from QueueStore's service rules (receipts, limits,
// change events), so neither has to be read to follow the other.

/** A message as stored; the mutable fields are what a receive or visibility update changes. */
export interface MessageRecord {
  readonly id: string;
  readonly text: string;
  readonly insertionTime: number;
  readonly expirationTime: number;
  readonly seq: number;
  dequeueCount: number;
  nextVisibleTime: number;
  popReceipt: string | null;
  /** Bumped whenever nextVisibleTime changes, so older heap entries can be recognised as stale. */
  version: number;
  alive: boolean;
}

export interface VisibilityEntry {
  readonly at: number;
  readonly seq: number;
  readonly version: number;
  readonly record: MessageRecord;
}

// Heaps keep stale entries (lazy deletion) and are rebuilt once stale ones outnumber live ones,
// so each operation stays O(log n) amortised however many messages are invisible.
const COMPACT_SLACK = 64;

export class QueueState {
  readonly messages = new Map<string, MessageRecord>();
  readonly byVisibility = new MinHeap<VisibilityEntry>(
    (a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq),
  );
  readonly byExpiry = new MinHeap<MessageRecord>(
    (a, b) => a.expirationTime < b.expirationTime || (a.expirationTime === b.expirationTime && a.seq < b.seq),
  );

  schedule(record: MessageRecord): void {
    record.version++;
    this.byVisibility.push({ at: record.nextVisibleTime, seq: record.seq, version: record.version, record });
    this.compact();
  }

  add(record: MessageRecord): void {
    this.messages.set(record.id, record);
    this.byExpiry.push(record);
    this.schedule(record);
  }

  remove(record: MessageRecord): void {
    record.alive = false;
    this.messages.delete(record.id);
    this.compact();
  }

  private compact(): void {
    const limit = 2 * this.messages.size + COMPACT_SLACK;
    if (this.byVisibility.size > limit) {
      this.byVisibility.rebuild(
        [...this.messages.values()].map((r) => ({
          at: r.nextVisibleTime,
          seq: r.seq,
          version: r.version,
          record: r,
        })),
      );
    }
    if (this.byExpiry.size > limit) this.byExpiry.rebuild([...this.messages.values()]);
  }

  /** The first live visibility entry, discarding stale ones on the way. */
  head(): VisibilityEntry | undefined {
    for (;;) {
      const top = this.byVisibility.peek();
      if (!top || isCurrent(top)) return top;
      this.byVisibility.pop();
    }
  }

  removeExpired(now: number): string[] {
    const ids: string[] = [];
    for (;;) {
      const top = this.byExpiry.peek();
      if (!top) break;
      if (top.alive && top.expirationTime > now) break;
      this.byExpiry.pop();
      if (top.alive) {
        ids.push(top.id);
        this.remove(top);
      }
    }
    return ids;
  }

  /** Live records in queue order: by next visible time, then by arrival. */
  ordered(): MessageRecord[] {
    return [...this.messages.values()].sort((a, b) => a.nextVisibleTime - b.nextVisibleTime || a.seq - b.seq);
  }
}

function isCurrent(entry: VisibilityEntry): boolean {
  return entry.record.alive && entry.version === entry.record.version;
}
