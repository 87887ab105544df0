import { QueueState } from './queueState';
import type { MessageRecord, VisibilityEntry } from './queueState';

/** Clock and identifiers, injected so that tests and replays are deterministic. */
export interface QueueStoreDeps {
  /** Current time in epoch milliseconds. */
  now(): number;
  /** A new message id (Azure uses a GUID). */
  newId(): string;
  /** A new pop receipt, issued on every receive and visibility update. */
  newPopReceipt(): string;
}

/** A snapshot of one message. Times are epoch milliseconds. */
export interface QueueMessage {
  readonly id: string;
  /** The message body as stored; how bytes map to this text is the caller's concern (see messageEncoding). */
  readonly text: string;
  readonly insertionTime: number;
  readonly expirationTime: number;
  /** How many times the message has been received; 0 until the first receive. */
  readonly dequeueCount: number;
  readonly nextVisibleTime: number;
  /** The receipt of the latest receive or visibility update; null until first received (and in peeks). */
  readonly popReceipt: string | null;
}

/** A message as listed for display, with whether it is visible at the time of listing. */
export interface QueueMessageState extends QueueMessage {
  readonly visible: boolean;
}

/** Options of {@link QueueStore.enqueue}, as in the storage service's Put Message. */
export interface EnqueueOptions {
  /** Initial invisibility; must be below the time to live. Default 0. */
  visibilityDelayMs?: number;
  /** Time to live; -1 means never expires. Default 7 days, as in Azure Storage. */
  ttlMs?: number;
}

/** Why an operation on an existing message failed, as the storage service reports it. */
export type QueueFailure =
  | { ok: false; reason: 'queueNotFound'; error: string }
  | { ok: false; reason: 'messageNotFound'; error: string }
  | { ok: false; reason: 'popReceiptMismatch'; error: string };

/** The outcome of {@link QueueStore.delete}. */
export type DeleteResult = { ok: true } | QueueFailure;
/** The outcome of {@link QueueStore.updateVisibility}: the new receipt to use from now on. */
export type UpdateVisibilityResult = { ok: true; popReceipt: string; nextVisibleTime: number } | QueueFailure;

/** A change to the store, for observers such as a UI. `moved` messages reappear under new ids in `to`. */
export type QueueChange =
  | { kind: 'created' | 'deletedQueue'; queue: string }
  | {
      kind: 'enqueued' | 'received' | 'deleted' | 'visibilityUpdated' | 'expired' | 'cleared';
      queue: string;
      messageIds: readonly string[];
    }
  | { kind: 'moved'; queue: string; to: string; messageIds: readonly string[] };

/** Observer of store changes; called synchronously, after the change is complete. */
export type QueueListener = (change: QueueChange) => void;

/** Azure Storage's default message time to live: 7 days. */
export const DEFAULT_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** The expiration time Azure reports for a message that never expires: 9999-12-31T23:59:59Z. */
export const NEVER_EXPIRES = Date.UTC(9999, 11, 31, 23, 59, 59);
/** Azure Storage returns at most 32 messages per receive or peek. */
export const MAX_MESSAGES_PER_CALL = 32;

function snapshot(r: MessageRecord, popReceipt: string | null = r.popReceipt): QueueMessage {
  return {
    id: r.id,
    text: r.text,
    insertionTime: r.insertionTime,
    expirationTime: r.expirationTime,
    dequeueCount: r.dequeueCount,
    nextVisibleTime: r.nextVisibleTime,
    popReceipt,
  };
}

function checkCount(max: number): void {
  if (!Number.isInteger(max) || max < 1 || max > MAX_MESSAGES_PER_CALL) {
    throw new RangeError(`The number of messages must be 1-${MAX_MESSAGES_PER_CALL}, got ${max}`);
  }
}

function checkDuration(name: string, ms: number): void {
  if (!Number.isFinite(ms) || ms < 0)
    throw new RangeError(`${name} must be a non-negative number of ms, got ${ms}`);
}

/**
 * An in-memory queue service with Azure Storage queue semantics: messages come back in queue order
 * (next visible time, then arrival), a receive hides each message for the given time and issues a
 * new pop receipt, delete and visibility updates need the latest receipt, and messages expire at
 * their expiration time (removed on the next operation that touches the queue, or by
 * {@link purgeExpired}). Queues are created when first written to.
 */
export class QueueStore {
  private readonly queues = new Map<string, QueueState>();
  private readonly listeners = new Set<QueueListener>();
  private seq = 0;

  constructor(private readonly deps: QueueStoreDeps) {}

  /** Creates the queue if missing; true when it was created. */
  createIfNotExists(queue: string): boolean {
    if (this.queues.has(queue)) return false;
    this.queues.set(queue, new QueueState());
    this.emit({ kind: 'created', queue });
    return true;
  }

  exists(queue: string): boolean {
    return this.queues.has(queue);
  }

  /** Queue names, sorted. */
  queueNames(): string[] {
    return [...this.queues.keys()].sort();
  }

  /** Deletes a queue and its messages; true when it existed. */
  deleteQueue(queue: string): boolean {
    if (!this.queues.delete(queue)) return false;
    this.emit({ kind: 'deletedQueue', queue });
    return true;
  }

  /** Adds a message, creating the queue if needed (as the output binding and poison handling do). */
  enqueue(queue: string, text: string, options: EnqueueOptions = {}): QueueMessage {
    const delay = options.visibilityDelayMs ?? 0;
    const ttl = options.ttlMs ?? DEFAULT_TTL_MS;
    checkDuration('visibilityDelayMs', delay);
    if (ttl !== -1 && !(ttl > 0)) throw new RangeError(`ttlMs must be positive or -1, got ${ttl}`);
    if (ttl !== -1 && delay >= ttl) throw new RangeError('visibilityDelayMs must be less than ttlMs');
    this.createIfNotExists(queue);
    const state = this.queues.get(queue)!;
    const now = this.deps.now();
    const record: MessageRecord = {
      id: this.deps.newId(),
      text,
      insertionTime: now,
      expirationTime: ttl === -1 ? NEVER_EXPIRES : now + ttl,
      seq: this.seq++,
      dequeueCount: 0,
      nextVisibleTime: now + delay,
      popReceipt: null,
      version: 0,
      alive: true,
    };
    state.add(record);
    this.emit({ kind: 'enqueued', queue, messageIds: [record.id] });
    return snapshot(record);
  }

  /**
   * Takes up to `max` (1–32) visible messages in queue order. Each gets dequeueCount + 1, a new
   * pop receipt, and stays invisible for `visibilityTimeoutMs`. A missing queue gives none.
   */
  receive(queue: string, max: number, visibilityTimeoutMs: number): QueueMessage[] {
    checkCount(max);
    checkDuration('visibilityTimeoutMs', visibilityTimeoutMs);
    const state = this.live(queue);
    if (!state) return [];
    const now = this.deps.now();
    const taken: MessageRecord[] = [];
    for (let head = state.head(); head && head.at <= now && taken.length < max; head = state.head()) {
      state.byVisibility.pop();
      taken.push(head.record);
    }
    // Rescheduled only after the loop, so a zero timeout cannot hand out one message twice.
    for (const record of taken) {
      record.dequeueCount++;
      record.popReceipt = this.deps.newPopReceipt();
      record.nextVisibleTime = now + visibilityTimeoutMs;
      state.schedule(record);
    }
    if (taken.length > 0) this.emit({ kind: 'received', queue, messageIds: taken.map((r) => r.id) });
    return taken.map((r) => snapshot(r));
  }

  /** Up to `max` (1–32) visible messages in queue order, without changing them; popReceipt is null. */
  peek(queue: string, max = 1): QueueMessage[] {
    checkCount(max);
    const state = this.live(queue);
    if (!state) return [];
    const now = this.deps.now();
    const seen: VisibilityEntry[] = [];
    for (let head = state.head(); head && head.at <= now && seen.length < max; head = state.head()) {
      seen.push(state.byVisibility.pop()!);
    }
    for (const entry of seen) state.byVisibility.push(entry);
    return seen.map((e) => snapshot(e.record, null));
  }

  /** Deletes a message; the pop receipt must be the one from its latest receive or update. */
  delete(queue: string, id: string, popReceipt: string): DeleteResult {
    const found = this.find(queue, id, popReceipt);
    if (!found.ok) return found;
    found.state.remove(found.record);
    this.emit({ kind: 'deleted', queue, messageIds: [id] });
    return { ok: true };
  }

  /** Makes a received message visible again after `visibilityTimeoutMs`, issuing a new pop receipt. */
  updateVisibility(
    queue: string,
    id: string,
    popReceipt: string,
    visibilityTimeoutMs: number,
  ): UpdateVisibilityResult {
    checkDuration('visibilityTimeoutMs', visibilityTimeoutMs);
    const found = this.find(queue, id, popReceipt);
    if (!found.ok) return found;
    const { state, record } = found;
    record.popReceipt = this.deps.newPopReceipt();
    record.nextVisibleTime = this.deps.now() + visibilityTimeoutMs;
    state.schedule(record);
    this.emit({ kind: 'visibilityUpdated', queue, messageIds: [id] });
    return { ok: true, popReceipt: record.popReceipt, nextVisibleTime: record.nextVisibleTime };
  }

  /** Every message, visible or not, in queue order, with its state now. */
  list(queue: string): QueueMessageState[] {
    const state = this.live(queue);
    if (!state) return [];
    const now = this.deps.now();
    return state.ordered().map((r) => ({ ...snapshot(r), visible: r.nextVisibleTime <= now }));
  }

  /** The number of messages, visible or not (Azure's approximate message count). */
  count(queue: string): number {
    return this.live(queue)?.messages.size ?? 0;
  }

  /**
   * When the earliest message is or becomes visible (epoch ms; at or before now when one is
   * visible already), or undefined when the queue is empty. Lets a listener sleep until then
   * instead of polling.
   */
  nextVisibleAt(queue: string): number | undefined {
    return this.live(queue)?.head()?.at;
  }

  /** Removes every message; returns how many were removed. */
  clear(queue: string): number {
    const state = this.live(queue);
    if (!state || state.messages.size === 0) return 0;
    const ids = [...state.messages.keys()];
    this.queues.set(queue, new QueueState());
    this.emit({ kind: 'cleared', queue, messageIds: ids });
    return ids.length;
  }

  /**
   * Moves every message, including invisible ones, from `from` to `to`, keeping their queue order,
   * as "move poison messages back" tools do: each is re-added with a new id, insertion time and
   * default time to live, and a dequeue count of 0. Returns how many were moved.
   */
  moveAll(from: string, to: string): number {
    if (from === to) return 0;
    const state = this.live(from);
    if (!state || state.messages.size === 0) return 0;
    const records = state.ordered();
    this.queues.set(from, new QueueState());
    this.emit({ kind: 'moved', queue: from, to, messageIds: records.map((r) => r.id) });
    this.createIfNotExists(to);
    const target = this.queues.get(to)!;
    const now = this.deps.now();
    const newIds = records.map((r) => {
      const record: MessageRecord = {
        id: this.deps.newId(),
        text: r.text,
        insertionTime: now,
        expirationTime: now + DEFAULT_TTL_MS,
        seq: this.seq++,
        dequeueCount: 0,
        nextVisibleTime: now,
        popReceipt: null,
        version: 0,
        alive: true,
      };
      target.add(record);
      return record.id;
    });
    this.emit({ kind: 'enqueued', queue: to, messageIds: newIds });
    return records.length;
  }

  /** Removes expired messages now (from one queue, or all), for callers that keep a display fresh. */
  purgeExpired(queue?: string): number {
    const names = queue === undefined ? [...this.queues.keys()] : [queue];
    let removed = 0;
    for (const name of names) {
      const state = this.queues.get(name);
      if (state) removed += this.expire(name, state);
    }
    return removed;
  }

  /** Calls `listener` after every change; returns a function that unsubscribes it. */
  subscribe(listener: QueueListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private live(queue: string): QueueState | undefined {
    const state = this.queues.get(queue);
    if (state) this.expire(queue, state);
    return state;
  }

  private expire(queue: string, state: QueueState): number {
    const ids = state.removeExpired(this.deps.now());
    if (ids.length > 0) this.emit({ kind: 'expired', queue, messageIds: ids });
    return ids.length;
  }

  private find(
    queue: string,
    id: string,
    popReceipt: string,
  ): { ok: true; state: QueueState; record: MessageRecord } | QueueFailure {
    const state = this.live(queue);
    if (!state) return { ok: false, reason: 'queueNotFound', error: `The queue '${queue}' does not exist.` };
    const record = state.messages.get(id);
    if (!record) {
      return {
        ok: false,
        reason: 'messageNotFound',
        error: `The message '${id}' is not in queue '${queue}'.`,
      };
    }
    if (record.popReceipt === null || record.popReceipt !== popReceipt) {
      return {
        ok: false,
        reason: 'popReceiptMismatch',
        error: `The pop receipt for message '${id}' does not match: it was received or updated again since.`,
      };
    }
    return { ok: true, state, record };
  }

  // Every listener is called even if one throws; the first error is rethrown afterwards, when
  // the store is already consistent.
  private emit(change: QueueChange): void {
    let failure: { error: unknown } | undefined;
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }
}
