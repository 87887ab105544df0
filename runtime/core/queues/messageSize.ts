import { utf8Encode } from '../bytes/utf8';
import type { QueueMessageEncoding } from './queueOptions';

/** Azure Storage refuses a message whose text is over 64 KiB of UTF-8 (as it arrives, encoded). */
export const MAX_MESSAGE_TEXT_BYTES = 65536;

/** The size the service measures: the base64 text the SDK sends by default, or the text itself. */
export function messageTextBytes(text: string, encoding: QueueMessageEncoding): number {
  const bytes = utf8Encode(text).length;
  return encoding === 'base64' ? 4 * Math.ceil(bytes / 3) : bytes;
}

/**
 * Why Azure Storage would refuse this message, in the words of the RequestFailedException the
 * host's invocation fails with (413 RequestBodyTooLarge); undefined when it fits.
 */
export function messageTooLarge(text: string, encoding: QueueMessageEncoding): string | undefined {
  const size = messageTextBytes(text, encoding);
  if (size <= MAX_MESSAGE_TEXT_BYTES) return undefined;
  const reason = 'The request body is too large and exceeds the maximum permissible limit.';
  return (
    `${reason}\nStatus: 413 (${reason})\nErrorCode: RequestBodyTooLarge\n\nAdditional Information:\n` +
    `MaxLimit: ${MAX_MESSAGE_TEXT_BYTES}\n(The message is ${size} bytes` +
    `${encoding === 'base64' ? ' once base64-encoded, as the queue extension sends it' : ''}; Azure Storage queue messages hold at most 64 KiB.)`
  );
}
