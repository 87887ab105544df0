import type { FunctionDef } from '../../core/app/functionJson';
import { HINTS } from '../../core/invocation/hintCatalogue';
import type { OutputValue } from '../../core/invocation/resultMapper';
import { dotnetToString } from '../../core/json/writeJson';
import { messageTooLarge } from '../../core/queues/messageSize';
import { queueMessagesFromOutput } from '../../core/queues/queueOutput';
import type { QueueService } from '../triggers/queueService';
import type { ExchangeRecorder } from '../../core/exchange/exchangeRecorder';

/**
 * Applies a succeeded invocation's outputs: queue outputs become messages (one per array
 * element, base64 strings decoded, as the host converts them); other bindings are recorded.
 * Returns the ids of the messages enqueued, so the invocations they cause can point back here.
 */
export function deliverOutputs(
  queues: QueueService,
  fn: FunctionDef,
  outputs: readonly OutputValue[],
  rec: ExchangeRecorder,
): { messageIds: string[]; error?: string } {
  const messageIds: string[] = [];
  for (const { binding, value } of outputs) {
    if (binding.typeLower !== 'queue' || !binding.queueName) {
      rec.addOutput(binding.name, binding.type, dotnetToString(value));
      continue;
    }
    const converted = queueMessagesFromOutput(value, binding.dataType);
    if (!converted.ok) {
      rec.addOutput(binding.name, binding.type, dotnetToString(value));
      return { messageIds, error: `Output '${binding.name}' of ${fn.name}: ${converted.error}` };
    }
    for (const message of converted.messages) {
      const tooLarge = messageTooLarge(message.text, queues.options.messageEncoding);
      if (tooLarge) {
        rec.addOutput(
          binding.name,
          binding.type,
          `${message.text.slice(0, 1024)}… (${message.text.length} characters)`,
        );
        return { messageIds, error: `Output '${binding.name}' of ${fn.name}: ${tooLarge}` };
      }
      if (message.decodedFromBase64) {
        rec.addHints([HINTS.base64Output(binding.name)]);
      }
      const stored = queues.enqueue(binding.queueName, message.text);
      messageIds.push(stored.id);
      rec.addOutput(binding.name, binding.type, message.text);
      rec.hop(
        'host',
        'queue',
        undefined,
        `enqueued to '${binding.queueName}' as ${stored.id}: ${message.text}`,
      );
    }
  }
  return { messageIds };
}
