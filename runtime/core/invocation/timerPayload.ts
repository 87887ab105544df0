/**
 * The body the host POSTs to a custom handler for a timer-triggered function (reference §3
 * "timerTrigger"): the TimerInfo object in Data, and only `sys` in Metadata, because the timer's
 * one binding-data item, `TimerTrigger`, ends in "trigger" and is skipped.
 */
import type { JsonObject } from '../json/jsonNode';
import { BindingData, doubleEncode, invocationData, payloadEnvelope } from './payloadEnvelope';
import type { SysFacts } from './payloadEnvelope';

/**
 * `timerInfo` is `timerInfoJson(...)`'s object. `adminInput` is the string posted to
 * `POST /admin/functions/{name}`: the function still gets a TimerInfo, but the SDK also copies the
 * call's arguments into the binding data, so the input appears in Metadata under the trigger's
 * name, double-encoded, before `sys`.
 */
export function buildTimerInvocationBody(
  triggerName: string,
  timerInfo: JsonObject,
  sys: SysFacts,
  otherInputs: readonly string[],
  adminInput?: string,
): JsonObject {
  const data = invocationData(triggerName, timerInfo, otherInputs);
  const bd = new BindingData();
  if (adminInput !== undefined) bd.set(triggerName, doubleEncode(adminInput));
  bd.addSys(sys);
  return payloadEnvelope(data, bd.toMetadata());
}
