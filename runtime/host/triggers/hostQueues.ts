import { messageTooLarge } from '../../core/queues/messageSize';
import type { VirtualClock } from '../../core/time/virtualClock';
import type { Platform } from '../platform';
import { memoryQueueBackend } from './memoryQueueBackend';
import type { QueueBackend, QueueBackendFactory } from './queueBackend';
import { QueueService } from './queueService';

export type QueueLog = (level: 'warning' | 'error' | 'information', message: string, fn?: string) => void;

/** The host's queues: the in-memory service always, and the backend triggers and outputs use. */
export interface HostQueues {
  readonly memory: QueueService;
  readonly backend: QueueBackend;
}

/** The in-memory service, and real storage in front of it when a factory is given (`--storage`). */
export function createHostQueues(
  platform: Platform,
  clock: VirtualClock,
  factory: QueueBackendFactory | undefined,
  log: QueueLog,
): HostQueues {
  const memory = new QueueService(
    clock,
    {
      randomUUID: () => platform.randomUUID(),
      randomBytes: (n) => platform.randomBytes(n),
      processorCount: platform.processorCount(),
    },
    log,
  );
  const backend = factory?.({ processorCount: platform.processorCount(), log }) ?? memoryQueueBackend(memory);
  return { memory, backend };
}

/** A person's message, refused as Azure Storage refuses one over its size limit. */
export function enqueueChecked(queues: HostQueues, queue: string, text: string): Promise<string> {
  const tooLarge = messageTooLarge(text, queues.backend.messageEncoding);
  if (tooLarge) return Promise.reject(new Error(tooLarge));
  return queues.backend.enqueue(queue, { text });
}
