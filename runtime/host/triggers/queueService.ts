import { nextTurn } from '../nextTurn';
import type { FunctionDef } from '../../core/app/functionJson';
import type { QueuesOptions } from '../../core/queues/queueOptions';
import { readQueuesOptions } from '../../core/queues/queueOptions';
import {
  afterProcessing,
  applyQueueMessageAction,
  beforeProcessing,
  messagesToFetch,
} from '../../core/queues/queueProcessor';
import type { QueueProcessingPolicy } from '../../core/queues/queueProcessor';
import { QueueStore } from '../../core/queues/queueStore';
import type { QueueMessage } from '../../core/queues/queueStore';
import type { VirtualClock } from '../../core/time/virtualClock';
import { encodeBase64 } from '../../core/queues/base64';
import type { QueueInvoker } from './queueBackend';

/** What the queue service needs from the platform: ids and the processor count its batch size scales with. */
export interface QueueServiceEnvironment {
  randomUUID(): string;
  randomBytes(length: number): Uint8Array;
  readonly processorCount: number;
}
import type { QueueState } from '../../core/control/protocol';

/** The lease a listener takes on the messages it runs, as the queue extension does. */
const PROCESSING_VISIBILITY_MS = 10 * 60 * 1000;

export type { QueueInvoker };

/**
 * The in-memory queue service and its trigger listeners. The store outlives reloads and handler
 * restarts, so editing the app never loses messages. Listeners wake the moment a message is
 * added or becomes visible instead of polling with the host's back-off (up to a minute), so a
 * playground never keeps a person waiting.
 */
export class QueueService {
  readonly store: QueueStore;
  private listeners: QueueTriggerListener[] = [];
  private readonly inFlightByQueue = new Map<string, number>();
  options: QueuesOptions;

  constructor(
    private readonly clock: VirtualClock,
    private readonly environment: QueueServiceEnvironment,
    private readonly log: (level: 'warning' | 'error' | 'information', message: string, fn?: string) => void,
  ) {
    this.store = new QueueStore({
      now: () => clock.now(),
      newId: () => environment.randomUUID(),
      newPopReceipt: () => encodeBase64(environment.randomBytes(16)),
    });
    this.options = readQueuesOptions(undefined, environment.processorCount).options;
    clock.onJump(() => this.wakeAll());
  }

  /** Replaces the listeners for a (re)loaded app; messages stay where they are. */
  configure(functions: readonly FunctionDef[], queuesSection: unknown, invoke: QueueInvoker): string[] {
    this.stop();
    const { options, errors } = readQueuesOptions(queuesSection, this.environment.processorCount);
    this.options = options;
    for (const fn of functions) {
      const queue = fn.trigger.typeLower === 'queuetrigger' ? fn.trigger.queueName : undefined;
      if (!queue || fn.disabled) continue;
      this.store.createIfNotExists(queue);
      this.listeners.push(new QueueTriggerListener(this, fn, queue, invoke));
    }
    for (const fn of functions)
      for (const b of fn.outputs) if (b.queueName) this.store.createIfNotExists(b.queueName);
    for (const l of this.listeners) l.wake();
    return errors;
  }

  stop(): void {
    for (const l of this.listeners) l.stop();
    this.listeners = [];
  }

  enqueue(queue: string, text: string): QueueMessage {
    const message = this.store.enqueue(queue, text);
    return message;
  }

  wakeAll(): void {
    for (const l of this.listeners) l.wake();
  }

  addInFlight(queue: string, delta: number): void {
    this.inFlightByQueue.set(queue, (this.inFlightByQueue.get(queue) ?? 0) + delta);
  }

  snapshot(maxMessages = 50): QueueState[] {
    return this.store.queueNames().map((name) => {
      const all = this.store.list(name);
      return {
        name,
        count: all.length,
        visible: all.filter((m) => m.visible).length,
        inFlight: this.inFlightByQueue.get(name) ?? 0,
        messages: all.slice(0, maxMessages).map((m) => ({
          id: m.id,
          text: m.text,
          dequeueCount: m.dequeueCount,
          insertionTime: m.insertionTime,
          nextVisibleTime: m.nextVisibleTime,
          visible: m.visible,
        })),
      };
    });
  }

  logLine(level: 'warning' | 'error' | 'information', message: string, fn?: string): void {
    this.log(level, message, fn);
  }

  get now(): number {
    return this.clock.now();
  }
}

class QueueTriggerListener {
  private inFlight = 0;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private scheduled = false;
  private readonly unsubscribe: () => void;
  private readonly policy: QueueProcessingPolicy;

  constructor(
    private readonly service: QueueService,
    private readonly fn: FunctionDef,
    private readonly queue: string,
    private readonly invoke: QueueInvoker,
  ) {
    this.policy = {
      queueName: queue,
      maxDequeueCount: service.options.maxDequeueCount,
      visibilityTimeoutMs: service.options.visibilityTimeoutMs,
    };
    this.unsubscribe = service.store.subscribe((change) => {
      if (
        change.queue === queue &&
        (change.kind === 'enqueued' || change.kind === 'visibilityUpdated' || change.kind === 'moved')
      ) {
        this.wake();
      }
    });
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    clearTimeout(this.timer);
  }

  /** Schedules a pump on the next tick, collapsing bursts of changes into one fetch. */
  wake(): void {
    if (this.stopped || this.scheduled) return;
    this.scheduled = true;
    nextTurn(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    if (this.stopped) return;
    const { batchSize, newBatchThreshold } = this.service.options;
    const wanted = messagesToFetch(this.inFlight, batchSize, newBatchThreshold);
    if (wanted > 0) {
      const messages = this.service.store.receive(this.queue, wanted, PROCESSING_VISIBILITY_MS);
      for (const message of messages) void this.process(message);
      if (messages.length === wanted) this.wake();
    }
    this.armVisibilityTimer();
  }

  /** Wakes when the next invisible message (a released retry) becomes visible. */
  private armVisibilityTimer(): void {
    clearTimeout(this.timer);
    const at = this.service.store.nextVisibleAt(this.queue);
    if (at === undefined) return;
    const delay = at - this.service.now;
    if (delay <= 0) return;
    this.timer = setTimeout(() => this.wake(), Math.min(delay, 2 ** 31 - 1));
  }

  private async process(message: QueueMessage): Promise<void> {
    this.inFlight++;
    this.service.addInFlight(this.queue, 1);
    try {
      const before = beforeProcessing(message, this.policy);
      let action;
      if (!before.run) {
        action = before.action;
      } else {
        const ok = await this.invoke(this.fn, this.queue, message).catch(() => false);
        action = afterProcessing(message, ok, this.policy);
      }
      if (action.kind === 'poison') this.service.logLine('warning', action.warning, this.fn.name);
      const applied = applyQueueMessageAction(this.service.store, this.queue, message, action);
      if (!applied.ok)
        this.service.logLine('warning', `Queue message ${message.id}: ${applied.error}`, this.fn.name);
    } finally {
      this.inFlight--;
      this.service.addInFlight(this.queue, -1);
      this.wake();
    }
  }
}
