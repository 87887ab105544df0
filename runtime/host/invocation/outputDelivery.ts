import type { FunctionDef } from '../../core/app/functionJson';
import { HINTS } from '../../core/invocation/hintCatalogue';
import type { OutputValue } from '../../core/invocation/resultMapper';
import { dotnetToString } from '../../core/json/writeJson';
import { queueMessagesFromOutput } from '../../core/queues/queueOutput';
import type { QueueBackend } from '../triggers/queueBackend';
import { bindingConnection } from '../triggers/storage/connections';
import type { ExchangeRecorder } from '../../core/exchange/exchangeRecorder';

/**
 * Applies a succeeded invocation's outputs: queue outputs become messages (one per array
 * element, base64 strings decoded, as the host converts them); other bindings are recorded.
 * Returns the ids of the messages enqueued, so the invocations they cause can point back here.
 */
export async function deliverOutputs(
  queues: QueueBackend,
  fn: FunctionDef,
  outputs: readonly OutputValue[],
  rec: ExchangeRecorder,
): Promise<{ messageIds: string[]; error?: string }> {
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
      if (message.decodedFromBase64) {
        rec.addHints([HINTS.base64Output(binding.name)]);
      }
      const connection = bindingConnection(binding);
      let id: string;
      try {
        id = await queues.enqueue(binding.queueName, {
          text: message.text,
          bytes: message.bytes,
          ...(connection !== undefined && { connection }),
        });
      } catch (e) {
        rec.addOutput(binding.name, binding.type, message.text);
        return { messageIds, error: `Output '${binding.name}' of ${fn.name}: ${(e as Error).message}` };
      }
      messageIds.push(id);
      rec.addOutput(binding.name, binding.type, message.text);
      rec.hop('host', 'queue', undefined, `enqueued to '${binding.queueName}' as ${id}: ${message.text}`);
    }
  }
  return { messageIds };
}
