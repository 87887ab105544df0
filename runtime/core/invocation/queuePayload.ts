/**
 * The body the host POSTs to a custom handler for a queue-triggered function (reference §3
 * "queueTrigger", §6 "Admin invoke"). Metadata is built the way the host builds its binding data
 * and then filters it, so that a later value for a key lands where the host puts it.
 */
import type { JsonNode, JsonObject } from '../json/jsonNode';
import { jsonString } from '../json/jsonNode';
import { encodeBase64 } from '../queues/base64';
import { utf8Encode } from '../bytes/utf8';
import { formatDateTimeOffsetSeconds } from './dotnetDate';
import { BindingData, doubleEncode, invocationData, payloadEnvelope } from './payloadEnvelope';
import type { SysFacts } from './payloadEnvelope';

/** A dequeued message as the trigger sees it. Times are epoch ms; null means the message has none. */
export interface QueueTriggerMessage {
  readonly text: string;
  readonly id: string | null;
  readonly popReceipt: string | null;
  readonly dequeueCount: number;
  readonly insertionTime: number | null;
  readonly expirationTime: number;
  readonly nextVisibleTime: number | null;
}

export interface QueueInvocationOptions {
  /** function.json `dataType`; `binary` (any case) sends base64 and adds no message properties. */
  readonly dataType?: string;
  /** An admin-API invocation (`POST /admin/functions/{name}`): `message.text` is the posted input. */
  readonly adminInput?: boolean;
}

export function buildQueueInvocationBody(
  triggerName: string,
  message: QueueTriggerMessage,
  options: QueueInvocationOptions,
  sys: SysFacts,
  otherInputs: readonly string[],
): JsonObject {
  const binary = options.dataType?.toLowerCase() === 'binary';
  const value = binary ? jsonString(encodeBase64(utf8Encode(message.text))) : doubleEncode(message.text);
  const data = invocationData(triggerName, value, otherInputs);

  // QueueTriggerBinding.CreateBindingData, in its order. QueueTrigger never reaches Metadata, but
  // it holds a place that a message property of that name would take.
  const bd = new BindingData();
  bd.set('QueueTrigger', doubleEncode(message.text));
  bd.set('DequeueCount', jsonString(String(message.dequeueCount)));
  bd.set('ExpirationTime', date(message.expirationTime));
  bd.set('Id', message.id === null ? null : doubleEncode(message.id));
  bd.set('InsertionTime', date(message.insertionTime));
  bd.set('NextVisibleTime', date(message.nextVisibleTime));
  bd.set('PopReceipt', message.popReceipt === null ? null : doubleEncode(message.popReceipt));
  // The admin API calls the function with arguments {<trigger name>: input}; the SDK copies the
  // arguments into the binding data after the trigger's own data and before `sys`.
  if (options.adminInput) bd.set(triggerName, doubleEncode(message.text));
  bd.addSys(sys);
  // The invoker applies a string trigger value's JSON properties last; a binary one is a byte[].
  if (!binary) bd.applyJsonProperties(message.text);

  return payloadEnvelope(data, bd.toMetadata());
}

function date(ms: number | null): JsonNode | null {
  return ms === null ? null : jsonString(formatDateTimeOffsetSeconds(ms));
}
