import type { FunctionDef } from '../../core/app/functionJson';
import { utf8Encode } from '../../core/bytes/utf8';
import type { ExchangeRecorder } from '../../core/exchange/exchangeRecorder';
import { encodeBase64 } from '../../core/queues/base64';
import { coreToolsAdminIdentities } from '../../core/http/identities';
import { buildHttpInvocationBody } from '../../core/invocation/httpPayload';
import { ADMIN_REASON, queueReason, timerReason } from '../../core/invocation/logLines';
import { buildQueueInvocationBody } from '../../core/invocation/queuePayload';
import { buildTimerInvocationBody } from '../../core/invocation/timerPayload';
import type { JsonObject } from '../../core/json/jsonNode';
import { getProp, jsonObject } from '../../core/json/jsonNode';
import { NEVER_EXPIRES } from '../../core/queues/queueStore';
import type { QueueMessage } from '../../core/queues/queueStore';
import { functionRouteTemplate } from '../../core/routing/functionRoute';
import type { AppContext } from '../hostContext';
import { invokePayload } from './payloadInvoker';
import { runInvocation } from './pipeline';
import { runWithRetries } from './retryLoop';
import type { RetryLoopOptions } from './retryLoop';
import { newSysFacts } from './sysFacts';

function sys(ctx: AppContext, fn: FunctionDef) {
  return newSysFacts(fn.name, ctx.now(), () => ctx.platform.randomUUID());
}

/** One queue message through its function; true when the invocation succeeded. */
export async function invokeQueue(
  ctx: AppContext,
  fn: FunctionDef,
  queue: string,
  message: QueueMessage,
  rec: ExchangeRecorder,
): Promise<boolean> {
  rec.hop(
    'queue',
    'host',
    undefined,
    `message ${message.id} from '${queue}' (dequeue count ${message.dequeueCount}): ${message.text}`,
  );
  const body = buildQueueInvocationBody(
    fn.trigger.name,
    message,
    { ...(fn.trigger.dataType !== undefined && { dataType: fn.trigger.dataType }) },
    sys(ctx, fn),
    fn.inputs.map((b) => b.name),
  );
  const result = await runInvocation(ctx, {
    fn,
    rec,
    reason: queueReason(queue),
    invoke: (id) => invokePayload(ctx, fn, body, rec, id),
    finishExchange: true,
  });
  return result.kind === 'succeeded' && rec.error === undefined;
}

/**
 * One timer firing; true when an invocation succeeded. With a `retry` policy a failed attempt
 * runs again, after the policy's delay on the host's clock, with `RetryContext` in Metadata.
 */
export async function invokeTimer(
  ctx: AppContext,
  fn: FunctionDef,
  info: JsonObject,
  reason: string,
  retries: RetryLoopOptions,
): Promise<boolean> {
  const executingReason = timerReason(new Date(ctx.now()).toISOString(), reason);
  return runWithRetries(
    ctx,
    fn,
    async (rec, retryContext) => {
      rec.hop(
        'timer',
        'host',
        undefined,
        retryContext ? `timer fired: ${reason} (${attemptLabel(retryContext)})` : `timer fired: ${reason}`,
      );
      const body = buildTimerInvocationBody(
        fn.trigger.name,
        info,
        sys(ctx, fn),
        fn.inputs.map((b) => b.name),
      );
      const result = await runInvocation(ctx, {
        fn,
        rec,
        reason: executingReason,
        invoke: (id) => invokePayload(ctx, fn, withRetryContext(body, retryContext), rec, id),
        finishExchange: true,
      });
      return result.kind === 'succeeded' && rec.error === undefined;
    },
    retries,
  );
}

/**
 * Admin invoke (`POST /admin/functions/{name}`): an HTTP function gets the input as the body of
 * a synthetic POST, in payload mode since there is no caller connection to forward; a queue
 * function a message the host builds itself; a timer function a fresh TimerInfo.
 */
export async function invokeFromAdmin(
  ctx: AppContext,
  fn: FunctionDef,
  input: string,
  rec: ExchangeRecorder,
  freshTimerInfo: (fn: FunctionDef) => JsonObject | undefined,
): Promise<void> {
  rec.functionName = fn.name;
  let body: JsonObject;
  const others = fn.inputs.map((b) => b.name);
  if (fn.http) {
    rec.hop('host', 'host', undefined, `admin invoke with input ${JSON.stringify(input)}`);
    const path = `/${functionRouteTemplate(ctx.config.routePrefix, fn.http.route ?? fn.name)}`;
    const bytes = utf8Encode(input);
    body = buildHttpInvocationBody(
      fn.trigger.name,
      {
        url: `http://localhost:${ctx.frontDoorPort}${path}`,
        method: 'POST',
        headers: [['Content-Length', [String(bytes.length)]]],
        query: [],
        params: [],
        identities: coreToolsAdminIdentities(),
        ...(input.length > 0 && { body: { text: input, base64: () => encodeBase64(bytes), binary: false } }),
      },
      others,
      sys(ctx, fn),
    );
  } else if (fn.trigger.typeLower === 'queuetrigger') {
    rec.hop('host', 'host', undefined, `admin invoke with input ${JSON.stringify(input)}`);
    // The host builds this message itself: insertion now, never expiring, never visible again.
    const message = {
      id: null,
      popReceipt: null,
      text: input,
      dequeueCount: 0,
      insertionTime: ctx.now(),
      expirationTime: NEVER_EXPIRES,
      nextVisibleTime: NEVER_EXPIRES,
    };
    body = buildQueueInvocationBody(
      fn.trigger.name,
      message,
      { ...(fn.trigger.dataType !== undefined && { dataType: fn.trigger.dataType }), adminInput: true },
      sys(ctx, fn),
      others,
    );
  } else {
    const info = freshTimerInfo(fn);
    if (!info) {
      rec.finish('failed', `${fn.name} has no timer to invoke.`);
      return;
    }
    rec.hop('host', 'host', undefined, 'admin invoke: a fresh TimerInfo');
    body = buildTimerInvocationBody(fn.trigger.name, info, sys(ctx, fn), others, input);
  }
  await runInvocation(ctx, {
    fn,
    rec,
    reason: ADMIN_REASON,
    invoke: (id) => invokePayload(ctx, fn, body, rec, id),
    finishExchange: true,
  });
}

/** The body with `RetryContext` last in Metadata, after `sys`, where the host adds it. */
function withRetryContext(body: JsonObject, retryContext: JsonObject | undefined): JsonObject {
  if (!retryContext) return body;
  const metadata = getProp(body, 'Metadata');
  if (metadata?.kind !== 'object') return body;
  return jsonObject(
    body.entries.map(([k, v]) =>
      v === metadata ? [k, jsonObject([...metadata.entries, ['RetryContext', retryContext]])] : [k, v],
    ),
  );
}

function attemptLabel(retryContext: JsonObject): string {
  const count = getProp(retryContext, 'RetryCount');
  const max = getProp(retryContext, 'MaxRetryCount');
  const n = count?.kind === 'number' ? count.value : 0;
  const m = max?.kind === 'number' ? max.value : 0;
  return n === 0
    ? `retry policy: up to ${m === -1 ? 'unlimited' : m} retries`
    : `retry ${n} of ${m === -1 ? 'unlimited' : m}`;
}
