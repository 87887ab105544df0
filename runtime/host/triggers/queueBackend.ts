import type { FunctionDef } from '../../core/app/functionJson';
import type { Settings } from '../../core/app/settings';
import type { QueueState } from '../../core/control/protocol';
import type { QueueMessage } from '../../core/queues/queueStore';

/** Runs one queue message through its function; true when the invocation succeeded. */
export type QueueInvoker = (fn: FunctionDef, queue: string, message: QueueMessage) => Promise<boolean>;

/** A message to add: its text, and its exact bytes when they came from an output binding. */
export interface OutgoingMessage {
  readonly text: string;
  /** The content as bytes (the text's UTF-8 when absent); the queue's messageEncoding applies to these. */
  readonly bytes?: Uint8Array;
  /** The binding's `connection` setting name; the default storage connection when absent. */
  readonly connection?: string;
}

/**
 * Where the host's queues live, as the queue trigger and queue outputs see them: the in-memory
 * service (the default, everywhere) or real storage queues (the CLI's `--storage`). Everything
 * that may reach a remote service is asynchronous; the in-memory service answers at once.
 */
export interface QueueBackend {
  /** Replaces the listeners for a (re)loaded app; returns host.json option errors. */
  configure(
    functions: readonly FunctionDef[],
    queuesSection: unknown,
    invoke: QueueInvoker,
    settings: Settings,
  ): string[];
  /** Stops listening; messages already running finish on their own. */
  stop(): void;
  /** Adds a message; resolves to its id once it is stored. */
  enqueue(queue: string, message: OutgoingMessage): Promise<string>;
  /** Removes every message; resolves to how many were removed (approximate for remote queues). */
  clear(queue: string): Promise<number>;
  /** Moves every message of `<queue>-poison` back to `<queue>`; resolves to how many moved. */
  movePoisonBack(queue: string): Promise<number>;
  /** The queues as last seen, for the playground's queue panel. */
  snapshot(maxMessages?: number): QueueState[];
  /** Called whenever the snapshot may have changed; returns the unsubscriber. */
  subscribe(listener: () => void): () => void;
}

/** What a queue backend may ask of the host. */
export interface QueueBackendServices {
  readonly processorCount: number;
  log(level: 'warning' | 'error' | 'information', message: string, functionName?: string): void;
}

/** Makes the backend a host uses instead of the in-memory service (the CLI's `--storage`). */
export type QueueBackendFactory = (services: QueueBackendServices) => QueueBackend;
