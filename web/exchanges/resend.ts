import type { Exchange } from '../../runtime/core/exchange/exchange';
import type { ComposedRequest } from '../stores/triggersStore';
import { CALLER_ADDED_HEADERS, requestTarget } from './curl';

/** What sending an exchange again means for its trigger. */
export type ResendPlan =
  | { readonly kind: 'http'; readonly request: ComposedRequest }
  | { readonly kind: 'queue'; readonly queue: string; readonly text: string }
  | { readonly kind: 'timer'; readonly functionName: string };

/** Why an exchange cannot be sent again, in plain words, or its plan. */
export type Resend =
  { readonly ok: true; readonly plan: ResendPlan } | { readonly ok: false; readonly why: string };

/** The note the host writes on a queue message's first hop (`triggerInvocations.ts`). */
const QUEUE_NOTE = /^message \S+ from '([^']+)' \(dequeue count \d+\): ([\s\S]*)$/;

/**
 * How to send an exchange again: the caller's request as the person composed it (without the
 * headers the playground's caller added), the queue message onto its queue, the timer fired.
 */
export function resendPlan(exchange: Exchange): Resend {
  if (exchange.trigger === 'http') {
    const message = exchange.hops.find((h) => h.from === 'caller' && h.to === 'host' && h.message)?.message;
    const target = message && requestTarget(message.parsed.startLine);
    if (!message || !target) return { ok: false, why: 'The log has no request for this exchange.' };
    if (message.parsed.bodyBase64 !== undefined)
      return { ok: false, why: 'Its body is binary, which the composer cannot hold: use Copy as curl.' };
    if (message.body.truncated)
      return { ok: false, why: 'The log kept only part of its body, so it cannot be sent again as it was.' };
    return {
      ok: true,
      plan: {
        kind: 'http',
        request: {
          method: target.method,
          path: target.path,
          headers: message.parsed.headers.filter(([k]) => !CALLER_ADDED_HEADERS.has(k.toLowerCase())),
          body: message.parsed.bodyText ?? '',
        },
      },
    };
  }
  if (exchange.trigger === 'queue') {
    const note = exchange.hops.find((h) => h.from === 'queue' && h.to === 'host')?.note;
    const m = note === undefined ? null : QUEUE_NOTE.exec(note);
    if (!m) return { ok: false, why: 'The log has no message for this invocation.' };
    return { ok: true, plan: { kind: 'queue', queue: m[1]!, text: m[2]! } };
  }
  if (exchange.trigger === 'timer' && exchange.functionName)
    return { ok: true, plan: { kind: 'timer', functionName: exchange.functionName } };
  return { ok: false, why: 'Only HTTP, queue and timer invocations can be sent again.' };
}
