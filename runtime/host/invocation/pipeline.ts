import type { FunctionDef } from '../../core/app/functionJson';
import type { ExchangeRecorder } from '../../core/exchange/exchangeRecorder';
import { executedLine, executingLine } from '../../core/invocation/logLines';
import type { InvocationResult } from '../../core/invocation/resultMapper';
import type { AppContext } from '../hostContext';

export interface InvocationRequest {
  readonly fn: FunctionDef;
  readonly rec: ExchangeRecorder;
  /** The Executing line's reason. */
  readonly reason: string;
  /** Calls the handler (payload, forwarding or proxying) and maps its answer. */
  readonly invoke: (invocationId: string) => Promise<InvocationResult>;
  /**
   * Non-HTTP invocations end their exchange here; an HTTP one ends when the caller's answer has
   * been written, so its last hop is in it.
   */
  readonly finishExchange: boolean;
}

/**
 * The one path every invocation takes, HTTP, queue, timer or admin: start it, call the
 * invoker, record hints, logs and outputs, and write the Executing and Executed lines. An
 * output that cannot be delivered fails the invocation, but an HTTP caller still gets the
 * handler's answer, as in the host (outputs are bound after the response is set).
 */
export async function runInvocation(ctx: AppContext, request: InvocationRequest): Promise<InvocationResult> {
  const { fn, rec } = request;
  const invocationId = ctx.platform.randomUUID();
  rec.invocationId = invocationId;
  rec.functionName = fn.name;
  const fields = { functionName: fn.name, invocationId };
  ctx.log('information', 'Host.Function', executingLine(fn.name, request.reason, invocationId), fields);

  const result = await request.invoke(invocationId);
  rec.addHints(result.hints);
  let error: string | undefined;
  if (result.kind === 'succeeded') {
    for (const line of result.logs) ctx.log('information', `Function.${fn.name}.User`, line, fields);
    rec.addLogs(result.logs);
    // Most invocations have none; an await would cost every one of them a turn.
    if (result.outputs.length > 0) await ctx.deliverOutputs(fn, result.outputs, rec);
    error = rec.error;
  } else {
    error = result.kind === 'failed' ? result.error : 'The invocation never completed.';
    rec.error = error;
  }
  const ok = error === undefined;
  ctx.log(
    ok ? 'information' : 'error',
    'Host.Function',
    executedLine(fn.name, ok, invocationId, rec.elapsed()),
    fields,
  );
  if (!ok) ctx.log('error', 'Host.Function', error!, fields);
  if (request.finishExchange) {
    if (result.kind === 'succeeded' && result.http) rec.status = result.http.status;
    rec.finish(ok ? 'succeeded' : 'failed');
  }
  return result;
}

/** Forwarding and proxying answer the caller themselves; the pipeline only needs success or the error. */
export function outcomeResult(outcome: { readonly ok: boolean; readonly error?: string }): InvocationResult {
  return outcome.ok
    ? { kind: 'succeeded', logs: [], outputs: [], hints: [] }
    : { kind: 'failed', error: outcome.error ?? 'The call to the handler failed.', hints: [] };
}
