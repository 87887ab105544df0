import type { QueueState } from '../../core/control/protocol';
import type { OutgoingMessage, QueueBackend } from './queueBackend';
import type { QueueService } from './queueService';

/**
 * The in-memory queue service seen through the backend interface. Its answers are immediate: a
 * message is in the store before `enqueue` returns, as the playground and the tests expect.
 */
export function memoryQueueBackend(service: QueueService): QueueBackend {
  return {
    configure: (functions, queuesSection, invoke) => service.configure(functions, queuesSection, invoke),
    stop: () => service.stop(),
    enqueue: (queue: string, message: OutgoingMessage) =>
      Promise.resolve(service.enqueue(queue, message.text).id),
    clear: (queue: string) => Promise.resolve(service.store.clear(queue)),
    movePoisonBack: (queue: string) => Promise.resolve(service.store.moveAll(`${queue}-poison`, queue)),
    snapshot: (maxMessages?: number): QueueState[] => service.snapshot(maxMessages),
    subscribe: (listener: () => void) => service.store.subscribe(() => listener()),
  };
}
