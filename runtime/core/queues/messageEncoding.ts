import { decodeDotnetBase64, encodeBase64 } from './base64';
import type { QueueMessageEncoding } from './queueOptions';
import { utf8Decode, utf8Encode } from '../bytes/utf8';

/**
 * The text stored in the queue for a message's bytes: base64 of them (the default), or, with
 * `none`, the bytes read as UTF-8 (lossy for bytes that are not valid UTF-8, as in the SDK).
 */
export function encodeMessageBody(bytes: Uint8Array, encoding: QueueMessageEncoding): string {
  return encoding === 'base64' ? encodeBase64(bytes) : utf8Decode(bytes);
}

/**
 * The bytes of a stored message. Undefined when the encoding is base64 and the text is not valid
 * base64 (say, a message added by a tool that does not encode); the SDK then reports the message
 * as undecodable instead of giving it to the function.
 */
export function decodeMessageBody(text: string, encoding: QueueMessageEncoding): Uint8Array | undefined {
  return encoding === 'base64' ? decodeDotnetBase64(text) : utf8Encode(text);
}
