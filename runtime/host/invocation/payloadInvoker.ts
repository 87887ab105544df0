import type { FunctionDef } from '../../core/app/functionJson';
import { utf8Decode } from '../../core/bytes/utf8';
import type { ExchangeRecorder } from '../../core/exchange/exchangeRecorder';
import { HINTS } from '../../core/invocation/hintCatalogue';
import { functionTimeoutLine } from '../../core/invocation/logLines';
import { payloadRequestHeaders } from '../../core/invocation/handlerHeaders';
import type { InvocationResult } from '../../core/invocation/resultMapper';
import { mapInvocationResult } from '../../core/invocation/resultMapper';
import type { JsonObject } from '../../core/json/jsonNode';
import { writeJsonUtf8 } from '../../core/json/writeJsonUtf8';
import { formatTimeSpan } from '../../core/time/timeSpan';
import { callHandler, HandlerCallError } from '../handler/handlerChannel';
import { rawHeader } from '../http/headerMap';
import type { AppContext } from '../hostContext';
import { payloadDiagnostics } from './invocationDiagnostics';
import { waitForHandler } from './waitForHandler';

/**
 * Sends one payload-mode invocation: `POST /{FunctionName}` with the Data/Metadata body,
 * chunked, and maps the answer. A function timeout cancels it and restarts the handler.
 */
export async function invokePayload(
  ctx: AppContext,
  fn: FunctionDef,
  /** The payload, or its bytes already written (HTTP payloads are written straight from the request). */
  body: JsonObject | Uint8Array,
  rec: ExchangeRecorder,
  invocationId: string,
): Promise<InvocationResult> {
  // A ready handler (nearly every call) costs no turn of the event loop here.
  if (ctx.handler.state !== 'ready') {
    try {
      await waitForHandler(ctx);
    } catch (e) {
      return { kind: 'failed', error: (e as Error).message, hints: [] };
    }
  }

  const port = ctx.handler.port;
  let timedOut = false;
  let cancel: (() => void) | undefined;
  let onTimeoutWhileHanging: (() => void) | undefined;
  const timeoutMs = ctx.functionTimeoutMs;
  const timer =
    timeoutMs === null
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          cancel?.();
          onTimeoutWhileHanging?.();
        }, timeoutMs);

  try {
    const headers = payloadRequestHeaders(port, invocationId);
    const bodyBytes = body instanceof Uint8Array ? body : writeJsonUtf8(body);
    const diagnostics = payloadDiagnostics(ctx, fn.name, invocationId);
    // Decoded back to text only when Debug or Trace diagnostics are on.
    diagnostics?.request(port, headers, utf8Decode(bodyBytes));
    const response = await callHandler(ctx.channel, port, {
      method: 'POST',
      path: `/${fn.name}`,
      headers,
      body: bodyBytes,
      onCancel: (c) => (cancel = c),
      onBodyChunk: (chunk) => rec.noteChunk('handler', 'host', chunk),
    });
    cancel = undefined;
    rec.hop('host', 'handler', response.sent);
    rec.hop('handler', 'host', response.received);
    diagnostics?.response(response);
    const contentType = rawHeader(response.rawHeaders, 'content-type');
    const result = mapInvocationResult(fn, {
      status: response.status,
      reason: response.reason,
      ...(contentType !== undefined && { contentType }),
      bodyText: utf8Decode(response.body),
      rawHeaders: response.rawHeaders,
    });
    if (result.kind === 'never-completes') {
      rec.addHints(result.hints);
      rec.update();
      return await new Promise<InvocationResult>((resolve) => {
        // The real host hangs on a null result until the function timeout fires; so do we.
        onTimeoutWhileHanging = () => {
          const timeout = onTimeout(ctx, fn, invocationId, timeoutMs);
          resolve({ ...timeout, hints: [...result.hints, ...timeout.hints] });
        };
      });
    }
    return result;
  } catch (e) {
    if (e instanceof HandlerCallError) {
      rec.hop('host', 'handler', e.sent);
      if (e.received.length) rec.hop('handler', 'host', e.received);
    }
    if (timedOut) return onTimeout(ctx, fn, invocationId, timeoutMs);
    const error = (e as Error).message;
    const hints = ctx.handler.state === 'exited' ? [HINTS.handlerCrashed()] : [];
    return { kind: 'failed', error, hints };
  } finally {
    clearTimeout(timer);
  }
}

function onTimeout(
  ctx: AppContext,
  fn: FunctionDef,
  invocationId: string,
  timeoutMs: number | null,
): InvocationResult {
  const limit = formatTimeSpan(timeoutMs ?? 0);
  ctx.log('error', 'Host.Function', functionTimeoutLine(limit, fn.name, invocationId), {
    functionName: fn.name,
    invocationId,
  });
  ctx.handler.restart(
    `A function timeout has occurred. Restarting worker process executing invocationId '${invocationId}'.`,
  );
  return {
    kind: 'failed',
    error: `Timeout value of ${limit} was exceeded by function: Functions.${fn.name}`,
    hints: [HINTS.functionTimeout(limit)],
  };
}
